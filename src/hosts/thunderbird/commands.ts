/** The background's one dispatcher: a handler per command (protocol.ts). */
import { addAnchor, bundledAnchors, decodeBase64Text, encodeBase64, distrust, listTrust, loadUserTrust, MIN_SECRET_LENGTH, readCertificates, removeDecision } from "../../core/index.js";
import { bannerWords } from "../../ui/banner-words.js";
import { signedPartText } from "./signed-part-marks.js";
import type { MessageSender } from "./messenger.js";
import type { Command, ReportTarget, Request, Responses } from "./protocol.js";
import type { SignetService } from "./service.js";

type Handler<C extends Command> = (service: SignetService, request: Extract<Request, { command: C }>, sender: MessageSender) => Promise<Responses[C]>;

function senderTab(sender: MessageSender): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error("the banner must run in a message tab");
  return id;
}

/** The target a request names, checked: the pages are the add-on's own, but a message is still data. */
function reportTarget(r: ReportTarget): ReportTarget {
  const id = "messageId" in r ? r.messageId : r.tabId;
  if (!Number.isSafeInteger(id) || id < 0) throw new Error("no such message or tab");
  return "messageId" in r ? { messageId: id } : { tabId: id };
}

export const HANDLERS: { [C in Command]: Handler<C> } = {
  "banner-state": async (s, r, sender) => {
    const state = await s.stateFor({ tabId: senderTab(sender) }, r.wait);
    return { words: bannerWords(state, await s.catalogue()), signedPart: signedPartText(state.report), subject: state.report?.message.subject ?? null };
  },
  report: (s, r) => s.stateFor(reportTarget(r), r.wait),
  "report-open-part": (s, r) => s.openPartFor(reportTarget(r), r.mimePath),
  "open-details": async (s, _r, sender) => {
    const tabId = senderTab(sender);
    // The popup, over the window of the message whose banner was clicked. openPopup resolves false when the
    // user removed the button from the toolbar or it is disabled, and may refuse outright; the report then opens in a tab.
    const windowId = sender.tab?.windowId;
    const opened = await s.api.messageDisplayAction.openPopup(windowId === undefined ? undefined : { windowId }).catch(() => false);
    if (opened) return { opened: "popup" };
    await s.api.tabs.create({ url: s.api.runtime.getURL(`popup.html?tab=${tabId}`) });
    return { opened: "tab" };
  },
  // The details view's reading of a certificate: only when asked for, so a chunk of its own.
  "describe-certificate": async (_s, r) => (await import(/* webpackChunkName: "details" */ "../../core/x509/details.js")).describeCertificate(decodeBase64Text(r.derBase64).bytes),
  "trust-list": (s) => listTrust(s.store, { bundled: true }),
  "trust-add": async (s, r) => {
    const read = readCertificates(decodeBase64Text(r.base64).bytes);
    if (read.errors.length) throw new Error(read.errors.join("; "));
    if (read.certificates.length === 0) throw new Error("no certificate in the file");
    const added: string[] = [];
    for (const c of read.certificates) added.push(await addAnchor(s.store, c, { emailDomains: r.emailDomains }));
    s.trustChanged();
    return { added };
  },
  "trust-distrust": async (s, r) => {
    const user = await loadUserTrust(s.store);
    for (const a of [...user.anchors, ...(await bundledAnchors())]) {
      if ((await a.certificate.fingerprintHex()) === r.fingerprint) {
        await distrust(s.store, a.certificate);
        s.trustChanged();
        return { distrusted: true };
      }
    }
    return { distrusted: false };
  },
  "trust-remove": async (s, r) => {
    const removed = await removeDecision(s.store, r.fingerprint);
    s.trustChanged();
    return { removed };
  },
  // Key manager errors are codes (KeyProblem in ui-en.ts words them), as the page has the catalogue.
  "keys-list": async (s) => (await s.keys()).listing(),
  "keys-unlock": async (s, r) => {
    const keys = await s.keys();
    const minutes = Math.min(Math.max(1, Math.floor(r.minutes)), 24 * 60);
    if (!(await keys.hasPassphrase())) {
      if (r.passphrase.length < MIN_SECRET_LENGTH) throw new Error("passphrase-too-short");
      await keys.setPassphrase(r.passphrase, minutes * 60_000);
    } else if ((await keys.unlock(r.passphrase, minutes * 60_000)) === "wrong-passphrase") throw new Error("wrong-passphrase");
    s.keysChanged();
    return keys.listing();
  },
  "keys-change-passphrase": async (s, r) => {
    const keys = await s.keys();
    if (r.next.length < MIN_SECRET_LENGTH) throw new Error("passphrase-too-short");
    // Left unlocked for as long as an unlock lasts by default (the page's first choice, 30 minutes).
    const result = await keys.changePassphrase(r.current, r.next, 30 * 60_000);
    if (result !== "changed") throw new Error(result === "no-passphrase" ? "locked" : "wrong-passphrase");
    s.keysChanged();
    return keys.listing();
  },
  "keys-lock": async (s) => {
    const keys = await s.keys();
    keys.lock();
    s.keysChanged();
    return keys.listing();
  },
  "keys-import": async (s, r) => {
    const keys = await s.keys();
    const result = await keys.importPkcs12(decodeBase64Text(r.base64).bytes, r.password);
    if (!result.ok) throw new Error(result.problem);
    s.keysChanged();
    return { imported: result.ids };
  },
  "keys-generate": async (s, r) => {
    const keys = await s.keys();
    const made = await keys.generate(r.type, { email: r.email, ...(r.name ? { name: r.name } : {}) });
    if (!made.ok) throw new Error("locked");
    return { id: made.id, requestPem: made.requestPem };
  },
  "keys-import-certificate": async (s, r) => {
    const keys = await s.keys();
    const read = readCertificates(decodeBase64Text(r.base64).bytes);
    const result = await keys.importCertificate(read.certificates);
    if (!result.ok) throw new Error("no-matching-key");
    s.keysChanged();
    return { id: result.id };
  },
  "keys-export": async (s, r) => {
    const keys = await s.keys();
    if (r.password.length < MIN_SECRET_LENGTH) throw new Error("password-too-short");
    const p12 = await keys.exportPkcs12(r.id, r.password);
    if (typeof p12 === "string") throw new Error("locked");
    return { base64: encodeBase64(p12) };
  },
  "keys-delete": async (s, r) => {
    const keys = await s.keys();
    const deleted = await keys.delete(r.id);
    s.keysChanged();
    return { deleted };
  },
  "correspondents-list": (s) => s.correspondents.list(),
  "correspondents-delete": async (s, r) => ({ deleted: await s.correspondents.remove(r.fingerprint) }),
  "mark-get": (s) => s.personalMark.get(),
  "mark-set": async (s, r) => {
    const mark = await s.personalMark.set(r.mark);
    s.markChanged();
    return mark;
  },
};

export async function dispatch(service: SignetService, request: Request, sender: MessageSender): Promise<unknown> {
  const handler = HANDLERS[request.command] as Handler<Command>;
  try {
    return { ok: true, value: await handler(service, request, sender) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
