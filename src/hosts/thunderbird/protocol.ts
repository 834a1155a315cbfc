/**
 * The messages the add-on's pages send to its background: one union keyed by
 * `command`, answered by one dispatcher (commands.ts).
 */
import type { CertificateDetails, Correspondent, KeyListing, NewKeyType, TrustListing } from "../../core/index.js";
import type { PersonalMark } from "../../ui/personal-mark.js";
import type { InspectionState } from "../shared/inspection.js";
import type { BannerWords } from "../../ui/banner-words.js";

/**
 * The banner's answer: what it shows, in words (the banner carries no catalogue), and the text of
 * the signed part of a partly signed message, which it marks in the page. Not the report: each
 * answer crosses from the background into the message's process, twice per message.
 */
export interface BannerState {
  words: BannerWords;
  signedPart: string | null;
  /** The message's subject, for the test build's record of what each banner showed. */
  subject: string | null;
}

/**
 * Whose report: the message a tab displays (the header button's popup), or a message by id (the message
 * list's menu, which reaches messages Thunderbird shows no page for: those it cannot decrypt itself).
 */
export type ReportTarget = { tabId: number } | { messageId: number };

export type Request =
  /** From the banner: the state of the message its tab displays; `wait` for the network answer. */
  | { command: "banner-state"; wait: boolean }
  /** From the popup: the state of the target's message. */
  | ({ command: "report"; wait: boolean } & ReportTarget)
  /** From the popup: the target's message inspected again with the encrypted part at `mimePath` opened, as the reader asked. */
  | ({ command: "report-open-part"; mimePath: string } & ReportTarget)
  /** From the banner's Details button. */
  | { command: "open-details" }
  | { command: "describe-certificate"; derBase64: string }
  | { command: "trust-list" }
  | { command: "trust-add"; base64: string; emailDomains: string[] }
  | { command: "trust-distrust"; fingerprint: string }
  | { command: "trust-remove"; fingerprint: string }
  /** The reader's personal mark: read by the banner and the options page, set by the options page. */
  | { command: "mark-get" }
  | { command: "mark-set"; mark: PersonalMark }
  /** The key manager (options page). Passphrases and file passwords cross; private keys never do. */
  | { command: "keys-list" }
  | { command: "keys-unlock"; passphrase: string; minutes: number }
  | { command: "keys-lock" }
  | { command: "keys-change-passphrase"; current: string; next: string }
  | { command: "keys-import"; base64: string; password: string }
  | { command: "keys-generate"; email: string; name: string; type: NewKeyType }
  | { command: "keys-import-certificate"; base64: string }
  | { command: "keys-export"; id: string; password: string }
  | { command: "keys-delete"; id: string }
  | { command: "correspondents-list" }
  | { command: "correspondents-delete"; fingerprint: string };

export type Command = Request["command"];

export interface Responses {
  "banner-state": BannerState;
  report: InspectionState;
  "report-open-part": InspectionState;
  "open-details": { opened: "popup" | "tab" };
  "describe-certificate": CertificateDetails;
  "trust-list": TrustListing;
  "trust-add": { added: string[] };
  "trust-distrust": { distrusted: boolean };
  "trust-remove": { removed: boolean };
  "mark-get": PersonalMark;
  "mark-set": PersonalMark;
  "keys-list": KeyListing;
  "keys-unlock": KeyListing;
  "keys-lock": KeyListing;
  "keys-change-passphrase": KeyListing;
  "keys-import": { imported: string[] };
  "keys-generate": { id: string; requestPem: string };
  "keys-import-certificate": { id: string };
  /** The PKCS#12 backup, base64: encrypted under the password given. */
  "keys-export": { base64: string };
  "keys-delete": { deleted: boolean };
  "correspondents-list": Correspondent[];
  "correspondents-delete": { deleted: boolean };
}

export type Reply<C extends Command> = { ok: true; value: Responses[C] } | { ok: false; error: string };

const COMMANDS: ReadonlySet<string> = new Set<Command>(["banner-state", "report", "report-open-part", "open-details", "describe-certificate", "trust-list", "trust-add", "trust-distrust", "trust-remove", "mark-get", "mark-set",
  "keys-list", "keys-unlock", "keys-lock", "keys-change-passphrase", "keys-import", "keys-generate", "keys-import-certificate", "keys-export", "keys-delete", "correspondents-list", "correspondents-delete",
]);

/** Messages come from the add-on's own pages, but are still checked before use. */
export function isRequest(message: unknown): message is Request {
  if (typeof message !== "object" || message === null) return false;
  const command = (message as { command?: unknown }).command;
  return typeof command === "string" && COMMANDS.has(command);
}
