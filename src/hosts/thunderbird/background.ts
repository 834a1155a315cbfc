/**
 * The add-on's event page. Listeners are registered at the top level, because
 * Thunderbird may unload the page and wakes it through them (MV3).
 */
import { fetchFetcher } from "../shared/fetch-fetcher.js";
import { dispatch } from "./commands.js";
import { tb, type MessageSender } from "./messenger.js";
import { isRequest, type Request } from "./protocol.js";
import { onlyMessage, SignetService } from "./service.js";
import { StorageLocalStore } from "./storage-store.js";
import { ToolbarIndicator } from "./toolbar.js";

export interface SignetBackground {
  service: SignetService;
  dispatch: (request: Request, sender?: MessageSender) => Promise<unknown>;
  /** What a click on the message list's menu item does (the harness cannot click a context menu). */
  openReports: (messages: readonly { id: number }[]) => Promise<void>;
}

const api = tb();
const BANNER_SCRIPT_ID = "signet-banner";
// A stranger's certificate names the URLs fetched when a message is shown: names that resolve to this machine or a private network are refused too.
const service = new SignetService(api, new StorageLocalStore(api), fetchFetcher({ resolve: async (hostname) => (await api.dns.resolve(hostname)).addresses }));

const toolbar = new ToolbarIndicator(api, service, service.catalogue());

// Start inspecting as soon as a message is shown, so the banner's question finds the answer under way,
// and put the verdict on the header's button, where the message cannot imitate it.
api.messageDisplay.onMessagesDisplayed.addListener((tab, displayed) => {
  if (tab.id === undefined) {
    const messageId = onlyMessage(displayed.messages);
    if (messageId !== null) service.inspect(messageId);
    return;
  }
  void toolbar.follow(tab.id, service.tabDisplays(tab.id, displayed.messages));
});
api.tabs.onRemoved.addListener((tabId) => service.tabClosed(tabId));
service.whenLookChanges(() => void toolbar.refreshAll());

/**
 * The message list's menu opens a message's report in a tab: the way to the report of a message
 * Thunderbird shows no page for (one it cannot decrypt, which Signet's own keys may open), and so
 * no header button. Thunderbird keeps an event page's items, so a second create meets the id already
 * there: the callback reads runtime.lastError, which keeps that expected failure out of the console.
 */
const REPORT_MENU_ID = "signet-report";
/** Reports opened at once from one click on a selection: more tabs than this is not what anyone wants. */
const MAX_REPORT_TABS = 5;
void service.catalogue().then((catalogue) => api.menus.create({ id: REPORT_MENU_ID, title: catalogue.ui.reportMenu, contexts: ["message_list"] }, () => void api.runtime.lastError));
api.menus.onClicked.addListener((info) => {
  if (info.menuItemId !== REPORT_MENU_ID) return;
  void openReports(info.selectedMessages?.messages ?? []);
});

async function openReports(messages: readonly { id: number }[]): Promise<void> {
  for (const m of messages.slice(0, MAX_REPORT_TABS)) await api.tabs.create({ url: api.runtime.getURL(`popup.html?message=${m.id}`) });
}

// One dispatcher keyed by command. Messages that are not ours get no answer, so another listener may reply.
api.runtime.onMessage.addListener((message, sender) => (isRequest(message) ? dispatch(service, message, sender) : undefined));

/**
 * The banner goes into every displayed message (scripting.messageDisplay, TB 128). The
 * registration outlives the event page, so a restarted page finds it. Asking for an id that is not
 * registered logs "The messageDisplayScript with id ... does not exist" in Thunderbird 153, so the
 * question is for every script of this add-on, not for that id.
 */
async function registerBanner(): Promise<void> {
  const existing = await api.scripting.messageDisplay.getRegisteredScripts();
  if (!existing.some((s) => s.id === BANNER_SCRIPT_ID)) await api.scripting.messageDisplay.registerScripts([{ id: BANNER_SCRIPT_ID, js: ["banner.js"] }]);
}
void registerBanner();
// Parse the bundled roots now, not when the first message is shown (about a second on a cold page).
void service.trustInputs();

// For the harness of the test build (test/hosts), which is loaded beside this script in the same page.
(globalThis as { signetBackground?: SignetBackground }).signetBackground = { service, dispatch: (request, sender = {}) => dispatch(service, request, sender), openReports };
