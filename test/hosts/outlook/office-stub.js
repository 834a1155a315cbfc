// The host seam of the Outlook pane's tests: stands in for Office.js from
// Microsoft's CDN (which Chromium here cannot reach), built from plain data the
// test puts in window.__signetOfficeConfig before the page loads:
//   { mailboxVersion: "1.14", platform: "OfficeOnline", language, partitionKey,
//     current: "id" | null, messages: { id: { eml: base64, attachments: [{ id, name,
//     contentType, isInline, attachmentType, format, content }], failFirst?: code, delayMs? } } }
// window.__signetSelect(id) moves a pinned pane to another item (ItemChanged);
// window.__signetOfficeCalls counts what the pane asked Outlook for, and when getAsFileAsync last answered
// (answeredAt, performance.now(); bench/outlook.mjs measures from there).
(() => {
  const cfg = window.__signetOfficeConfig;
  const calls = { getAsFileAsync: 0, getAttachmentContentAsync: 0, addHandlerAsync: 0 };
  window.__signetOfficeCalls = calls;
  let current = cfg.current;
  const handlers = [];
  const failedOnce = new Set();
  const ok = (value) => ({ status: "succeeded", value, error: undefined, asyncContext: undefined });
  const fail = (code, message) => ({ status: "failed", value: undefined, error: { code, message, name: "Error" }, asyncContext: undefined });
  const later = (ms, fn) => setTimeout(fn, ms ?? 0);
  const newer = (want, have) => {
    const [a, b] = want.split(".").map(Number);
    const [c, d] = have.split(".").map(Number);
    return c > a || (c === a && d >= b);
  };

  function item() {
    const m = current === null ? null : cfg.messages[current];
    if (!m) return null;
    const id = current;
    return {
      itemType: "message",
      itemId: id,
      attachments: (m.attachments ?? []).map(({ content: _c, format: _f, ...a }) => a),
      getAsFileAsync(options, callback) {
        const cb = typeof options === "function" ? options : callback;
        calls.getAsFileAsync++;
        if (m.failFirst && !failedOnce.has(id)) {
          failedOnce.add(id);
          return later(m.delayMs, () => cb(fail(m.failFirst, "An internal error has occurred.")));
        }
        if (m.failAlways) return later(m.delayMs, () => cb(fail(m.failAlways, "The operation failed.")));
        later(m.delayMs, () => {
          calls.answeredAt = performance.now();
          cb(ok(m.eml));
        });
      },
      getAttachmentContentAsync(attachmentId, options, callback) {
        const cb = typeof options === "function" ? options : callback;
        calls.getAttachmentContentAsync++;
        const a = (m.attachments ?? []).find((x) => x.id === attachmentId);
        if (!a) return later(0, () => cb(fail(9007, "The attachment does not exist.")));
        later(0, () => cb(ok({ format: a.format ?? "base64", content: a.content })));
      },
    };
  }

  const mailbox = {
    get item() {
      return item();
    },
    addHandlerAsync(type, handler, options, callback) {
      calls.addHandlerAsync++;
      handlers.push({ type, handler });
      const cb = typeof options === "function" ? options : callback;
      if (cb) cb(ok(undefined));
    },
  };

  window.__signetSelect = (id) => {
    current = id;
    for (const h of handlers) if (h.type === "olkItemSelectedChanged") h.handler({ type: "olkItemSelectedChanged" });
  };

  window.Office = {
    onReady(callback) {
      const info = { host: "Outlook", platform: cfg.platform };
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    context: {
      get mailbox() {
        return mailbox;
      },
      requirements: { isSetSupported: (name, version) => name === "Mailbox" && newer(version ?? "1.1", cfg.mailboxVersion) },
      partitionKey: cfg.partitionKey ?? "",
      diagnostics: { platform: cfg.platform, hostName: "Outlook", version: "16.0" },
      displayLanguage: cfg.language ?? "en-US",
    },
    MailboxEnums: {
      ItemType: { Message: "message", Appointment: "appointment" },
      AttachmentContentFormat: { Base64: "base64", Url: "url", Eml: "eml", ICalendar: "iCalendar" },
      AttachmentType: { File: "file", Item: "item", Cloud: "cloud" },
    },
    EventType: { ItemChanged: "olkItemSelectedChanged" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
})();
