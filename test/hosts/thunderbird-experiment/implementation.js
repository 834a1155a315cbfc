/* Test build only: an Experiment API (privileged) that paints a message tab's
 * message page into a PNG, because Thunderbird's tabs API has no
 * captureVisibleTab (seen with 140.12). drawSnapshot paints what the page's
 * compositor shows, top layer included, so the screenshot is what a reader sees. */
/* global ExtensionCommon */
"use strict";

this.signetTestScreenshot = class extends ExtensionCommon.ExtensionAPI {
  getAPI(context) {
    return {
      signetTestScreenshot: {
        async capture(tabId) {
          const native = context.extension.tabManager.get(tabId).nativeTab;
          // A message tab's chromeBrowser is about:message, whose #messagepane browser holds the message's page;
          // a content tab (an add-on page, as the report opened from the message list's menu) has its own browser.
          const aboutMessage = native.chromeBrowser?.contentDocument;
          const browser = aboutMessage?.getElementById("messagepane") ?? native.linkedBrowser ?? native.browser;
          if (!browser?.browsingContext?.currentWindowGlobal) throw new ExtensionCommon.ExtensionError(`tab ${tabId} shows no page`);
          const bitmap = await browser.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, "white");
          const canvas = browser.ownerDocument.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
          canvas.getContext("2d").drawImage(bitmap, 0, 0);
          bitmap.close();
          return canvas.toDataURL("image/png");
        },
      },
    };
  }
};
