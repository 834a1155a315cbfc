/**
 * The test build's harness (test/hosts/thunderbird.test.ts), loaded beside
 * background.js only in the test .xpi, never in the shipped one. It imports
 * the fixture messages a 127.0.0.1 listener serves, displays each in a tab,
 * and reports what the background computed and what the banner rendered.
 */
import type { SignetBackground } from "../../../src/hosts/thunderbird/background.js";
// Both catalogues, not loadCatalogue: this script is a second webpack runtime in the background page, and loads no chunks.
import { catalogueLanguage } from "../../../src/ui/messages/catalogue.js";
import { DE_CATALOGUE } from "../../../src/ui/messages/catalogue-de.js";
import { EN_CATALOGUE } from "../../../src/ui/messages/catalogue-en.js";
import { tb } from "../../../src/hosts/thunderbird/messenger.js";
import { toolbarLook } from "../../../src/hosts/thunderbird/toolbar.js";

interface HarnessConfig {
  hook: string;
  fixtures: string[];
  /** Base64 certificate files to trust, added through the add-on's own trust-add command. */
  anchors: string[];
  /** PKCS#12 files (base64) imported into Signet's own key store through the add-on's commands, as the options page does. */
  keys?: { base64: string; password: string }[];
  /** Fixtures whose displayed tab is captured as a PNG once its banner is final. */
  screenshots?: string[];
  /** Fixtures whose report is opened as the message list's menu item opens it (a tab of its own), and captured. */
  menuReports?: string[];
}

interface BannerShown {
  test: "banner-shown";
  at: number;
  verdict: string | null;
  pending: boolean;
  text: string;
  subject: string | null;
  mark: string | null;
  geometry: unknown;
  signedPart: unknown;
  bodyOutline: string[];
}

const api = tb();
const post = (path: string, body: unknown): Promise<unknown> =>
  fetch(new URL(path, config.hook), { method: "POST", body: JSON.stringify(body) }).catch(() => undefined);
let config: HarnessConfig = { hook: "http://127.0.0.1:1/", fixtures: [], anchors: [] };
const background = (): SignetBackground => (globalThis as { signetBackground?: SignetBackground }).signetBackground!;
const service = () => background().service;
/** Resolves when a message's banner has shown its final answer. */
const finalBanner = new Map<number, () => void>();

/** Called with the tab a popup page (popup.html, as popup or tab) asks the report of. */
let popupAsked: (tabId: number, url: string) => void = () => undefined;
/** Called with the message a popup page opened by the message list's menu (popup.html?message=ID) asks the report of. */
let menuPageAsked: (messageId: number, url: string, tabId: number | undefined) => void = () => undefined;

api.runtime.onMessage.addListener((message, sender) => {
  const request = message as { command?: string; tabId?: number; messageId?: number };
  if (request.command === "report" && request.tabId !== undefined && sender.url?.includes("/popup.html")) popupAsked(request.tabId, sender.url);
  if (request.command === "report" && request.messageId !== undefined && sender.url?.includes("/popup.html")) menuPageAsked(request.messageId, sender.url, sender.tab?.id);
  const m = message as Partial<BannerShown>;
  if (m.test !== "banner-shown") return undefined;
  void (async () => {
    const tabId = sender.tab?.id;
    const messageId = tabId === undefined ? null : await service().displayedMessage(tabId);
    const inspection = messageId === null ? null : service().inspect(messageId);
    const state = inspection && (await inspection.final);
    const ready = inspection?.timings;
    if (messageId !== null && m.pending === false && m.verdict !== null) finalBanner.get(messageId)?.();
    const since = (t: number | undefined) => (ready === undefined || t === undefined ? null : t - ready.started);
    await post("banner", {
      ...m,
      tabId: tabId ?? null,
      messageId,
      msSinceGetRaw: since(m.at),
      msRaw: since(ready?.raw),
      msInspectLocal: since(ready?.local),
      msInspectFinal: since(ready?.final),
      report: state?.report ?? null,
    });
  })();
  return undefined;
});

async function folderNamed(name: string): Promise<string> {
  const [account] = (await api.accounts.list()).filter((a) => a.type === "local" || a.type === "none");
  if (!account) throw new Error("no Local Folders account");
  const find = async () => (await api.folders.getSubFolders(account.rootFolder.id)).find((f) => f.name === name);
  // On a new profile folders.create has returned the wrong folder: look it up again by name.
  if (!(await find())) await api.folders.create(account.rootFolder.id, name);
  const folder = await find();
  if (!folder) throw new Error(`folder ${name} was not created`);
  return folder.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const catalogue = catalogueLanguage(api.i18n.getUILanguage()) === "de" ? DE_CATALOGUE : EN_CATALOGUE;

/**
 * The header button's label and tooltip for a tab, once they show the message's final answer, or the idle
 * look for null (several messages), or what they show after 10 s, for the test to reject. The button is updated by the background on its own events.
 */
async function toolbarOf(tabId: number, messageId: number | null): Promise<{ label: string | null; title: string }> {
  const want = toolbarLook(messageId === null ? null : await service().inspect(messageId).final, catalogue, await service().personalMark.get());
  const action = api.messageDisplayAction;
  const read = async () => ({ label: await action.getLabel({ tabId }), title: await action.getTitle({ tabId }) });
  for (let i = 0; i < 50; i++) {
    const shown = await read();
    if (shown.label === want.label && shown.title === want.title) return shown;
    await sleep(200);
  }
  return read();
}

/** Opens a message in a tab; resolves with the tab once its banner shows a final answer, or with what is known after 5 s. */
async function display(name: string, messageId: number): Promise<number | undefined> {
  // For a message Thunderbird cannot decrypt, open() has not resolved (seen with 153.8).
  const shown = new Promise<void>((done) => finalBanner.set(messageId, done));
  let tabId: number | undefined;
  const opened = api.messageDisplay
    .open({ messageId, location: "tab" })
    .then((tab) => void (tabId = tab.id))
    .catch((e: unknown) => post("log", { openFailed: name, detail: String(e) }));
  await Promise.race([Promise.all([opened, shown]), sleep(5000)]);
  return tabId;
}

/** The next report a popup page asks for, or null after 10 s. */
function nextPopupQuestion(): Promise<{ tabId: number; url: string } | null> {
  return new Promise((done) => {
    popupAsked = (tabId, url) => done({ tabId, url });
    void sleep(10_000).then(() => done(null));
  });
}

async function run(): Promise<void> {
  config = (await (await fetch(api.runtime.getURL("test-hook.json"))).json()) as HarnessConfig;
  await post("log", { started: true, ua: navigator.userAgent });
  // The personal mark a new profile got (chosen at random on first use), which every real banner must show.
  await post("log", { personalMark: await service().personalMark.get() });
  for (const base64 of config.anchors) {
    const reply = (await background().dispatch({ command: "trust-add", base64, emailDomains: [] })) as { ok: boolean; error?: string };
    if (!reply.ok) throw new Error(`trust-add: ${reply.error}`);
  }
  if (config.keys?.length) {
    // The options page's steps: set the key store's passphrase (which unlocks it), then import each file.
    const unlock = (await background().dispatch({ command: "keys-unlock", passphrase: "harness passphrase", minutes: 30 })) as { ok: boolean; error?: string };
    if (!unlock.ok) throw new Error(`keys-unlock: ${unlock.error}`);
    for (const k of config.keys) {
      const reply = (await background().dispatch({ command: "keys-import", base64: k.base64, password: k.password })) as { ok: boolean; error?: string };
      if (!reply.ok) throw new Error(`keys-import: ${reply.error}`);
    }
    await post("log", { keys: (await (await service().keys()).listing()).keys.map((k) => k.emails) });
  }
  const folder = await folderNamed("SignetFixtures");
  const imported = new Map<string, number>();
  const tabs = new Map<string, number>();
  for (const name of config.fixtures) {
    const bytes = await (await fetch(new URL(`fixtures/${name}`, config.hook))).arrayBuffer();
    const header = await api.messages.import(new File([bytes], name, { type: "message/rfc822" }), folder);
    imported.set(name, header.id);
    await post("log", { imported: name, id: header.id });
    // One message at a time, as a reader opens them (so timings are not of ten inspections at once).
    const tabId = await display(name, header.id);
    if (tabId !== undefined) tabs.set(name, tabId);
    if (tabId !== undefined && config.screenshots?.includes(name)) {
      // What the reader sees: the message page as Thunderbird paints it, banner and all.
      const png = await (api.signetTestScreenshot?.capture(tabId) ?? Promise.reject(new Error("no screenshot API"))).catch((e: unknown) => `failed: ${String(e)}`);
      await post("log", { screenshot: name, png });
    }
  }
  // What the background computed for each message, banner or not, and what the header's button says.
  for (const name of config.fixtures) {
    const id = imported.get(name)!;
    await post("log", { computed: name, id, report: (await service().inspect(id).final).report });
    const tabId = tabs.get(name);
    if (tabId !== undefined) await post("log", { toolbar: name, ...(await toolbarOf(tabId, id)) });
  }
  // Every tab's popup question gets an answer, even the tab of a message Thunderbird cannot open.
  for (const t of await api.tabs.query({})) {
    if (t.id === undefined) continue;
    const asked = Date.now();
    const answer = (await background().dispatch({ command: "report", tabId: t.id, wait: false })) as { ok: boolean; value?: { error?: string; report: unknown }; error?: string };
    await post("log", { popupForTab: t.id, ms: Date.now() - asked, hasReport: Boolean(answer.value?.report), problem: answer.error ?? answer.value?.error ?? null });
  }
  // The 3-pane tab's preview, where most people read: one message, then another in the same tab, then two at once.
  const [mailTab] = await api.tabs.query({ type: "mail" });
  if (mailTab?.id !== undefined) {
    for (const names of [[config.fixtures[0]!], [config.fixtures[1]!], [config.fixtures[0]!, config.fixtures[1]!]]) {
      const ids = names.map((n) => imported.get(n)!);
      const single = ids.length === 1 ? ids[0]! : null;
      const shown = single === null ? Promise.resolve() : new Promise<void>((done) => finalBanner.set(single, done));
      await api.mailTabs.setSelectedMessages(mailTab.id, ids);
      await Promise.race([shown, sleep(5000)]);
      await post("log", { preview: names, tabId: mailTab.id, toolbar: await toolbarOf(mailTab.id, single) });
    }
  }
  // Open the first message again: its banner should show the cached final answer at once.
  const first = config.fixtures[0]!;
  await post("log", { reopened: first, at: Date.now() });
  await display(first, imported.get(first)!);
  // Take back the trust in the anchors added above: the first message's button should change without reopening it.
  const listing = (await background().dispatch({ command: "trust-list" })) as { value: { entries: { fingerprint: string; source: string }[] } };
  const firstTab = tabs.get(first);
  if (firstTab !== undefined) {
    const before = await toolbarOf(firstTab, imported.get(first)!);
    for (const e of listing.value.entries) if (e.source === "user") await background().dispatch({ command: "trust-remove", fingerprint: e.fingerprint });
    await post("log", { afterTrustRemoved: first, before, after: await toolbarOf(firstTab, imported.get(first)!) });
  }
  // The banner's Details button, as if clicked in the active message tab: a popup page should ask for that tab's report.
  const [active] = await api.tabs.query({ active: true, currentWindow: true });
  if (active?.id !== undefined) {
    const asked = nextPopupQuestion();
    const reply = await background().dispatch({ command: "open-details" }, { tab: active });
    await post("log", { openDetails: active.id, reply, popupAsked: await asked });
    // With the button disabled openPopup resolves false: the report should open in a tab instead.
    await api.messageDisplayAction.disable(active.id);
    const askedAgain = nextPopupQuestion();
    const fallback = await background().dispatch({ command: "open-details" }, { tab: active });
    await post("log", { openDetailsDisabled: active.id, reply: fallback, popupAsked: await askedAgain });
    await api.messageDisplayAction.enable(active.id);
  }
  // The message list's menu item, for messages Thunderbird shows no page for: their report in a tab of its own.
  for (const name of config.menuReports ?? []) {
    const id = imported.get(name)!;
    const asked = new Promise<{ messageId: number; url: string; tabId: number | undefined } | null>((done) => {
      menuPageAsked = (messageId, url, tabId) => done({ messageId, url, tabId });
      void sleep(10_000).then(() => done(null));
    });
    await background().openReports([{ id }]);
    const page = await asked;
    const answer = (await background().dispatch({ command: "report", messageId: id, wait: true })) as { ok: boolean; value?: { report: { encryption: string; verdict: string } | null } };
    // What the reader sees in that tab, once the page has had its answer.
    await sleep(1500);
    const png = page?.tabId === undefined ? "failed: no tab" : await (api.signetTestScreenshot?.capture(page.tabId) ?? Promise.reject(new Error("no screenshot API"))).catch((e: unknown) => `failed: ${String(e)}`);
    await post("log", { menuReport: name, id, page, encryption: answer.value?.report?.encryption ?? null, verdict: answer.value?.report?.verdict ?? null });
    await post("log", { screenshot: `menu-${name}`, png });
  }
  if (config.keys?.length) {
    // Locked, the sealed keys are closed; what the vault (IndexedDB) holds still decrypts.
    await background().dispatch({ command: "keys-lock" });
    const afterLock: Record<string, string> = {};
    for (const [name, id] of imported) {
      if (!name.startsWith("encrypted-to-")) continue;
      afterLock[name] = (await service().inspect(id).final).report?.encryption ?? "none";
    }
    await post("log", { afterLock, vaulted: (await (await service().keys()).listing()).keys.map((k) => [k.emails?.[0], k.usableWhileLocked ?? false]) });
  }
  await post("log", { finished: true });
}

run().catch((e: unknown) => post("log", { error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) }));
