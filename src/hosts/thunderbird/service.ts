/**
 * The background's state and work: which message a tab shows, its inspection
 * (cached by message id), the trust inputs (rebuilt when trust changes).
 */
import { buildTrustInputs, CorrespondentDirectory, hostDecryptor, systemClock, type Decryptor, type Fetcher, type KeyStore, type Store, type TrustInputs } from "../../core/index.js";
import { currentState, InspectionCache, startInspection, type Inspection, type InspectionState } from "../shared/inspection.js";
import { HostTimeout, withDeadline } from "../shared/deadline.js";
import type { Messenger } from "./messenger.js";
import type { ReportTarget } from "./protocol.js";
import { PersonalMarkSetting } from "./mark-store.js";
import { stripMozillaHeaders } from "./raw.js";
import { pageVault } from "../shared/key-vault.js";
import { loadCatalogue, type Catalogue } from "../../ui/messages/catalogue.js";

async function rawBytes(api: Messenger, messageId: number, decrypt: boolean): Promise<Uint8Array> {
  const file = await api.messages.getRaw(messageId, decrypt ? { decrypt: true } : {});
  return stripMozillaHeaders(new Uint8Array(await file.arrayBuffer()));
}

/** The one message of a tab's display, or null: none, or several selected (Signet reports on one message). */
export function onlyMessage(messages: readonly { id: number }[]): number | null {
  return messages.length === 1 ? messages[0]!.id : null;
}

/** Thunderbird answers within milliseconds; 3 s leaves room for a busy machine and keeps a stuck popup short. */
export const DISPLAYED_MESSAGE_DEADLINE_MS = 3000;

export class SignetService {
  private readonly inspections = new InspectionCache<number>();
  /**
   * Each tab's message as onMessagesDisplayed last told (null: none, or several). Thunderbird's
   * getDisplayedMessages waits until a tab's message has loaded, and has not answered for tabs in
   * the background on a busy machine (153.8), nor for a message it cannot decrypt. Empty again when
   * Thunderbird unloads the event page.
   */
  private readonly lastDisplayed = new Map<number, number | null>();
  private trust: Promise<TrustInputs> | null = null;
  /** The reader's personal mark, shown in every real banner and on the header button. */
  readonly personalMark: PersonalMarkSetting;
  /** The certificates of valid signers, for encrypting to them (core/keys/correspondents.ts). */
  readonly correspondents: CorrespondentDirectory;
  private keyStore: Promise<KeyStore> | null = null;
  private words: Promise<Catalogue> | null = null;
  /** Signet's own keys as a decryptor: the key code is loaded when a message first has an encrypted layer. */
  private readonly keyDecryptor: Decryptor = { by: "signet", open: async (request) => (await this.keys()).decryptor().open(request) };
  constructor(
    readonly api: Messenger,
    readonly store: Store,
    private readonly fetcher: Fetcher,
  ) {
    this.personalMark = new PersonalMarkSetting(api);
    this.correspondents = new CorrespondentDirectory(store, systemClock);
  }

  /** The words of the reader's language (Thunderbird's UI locale), for the banner and the header button: a chunk, loaded once. */
  catalogue(): Promise<Catalogue> {
    this.words ??= loadCatalogue(this.api.i18n.getUILanguage());
    return this.words;
  }

  /**
   * The user's own keys, sealed in storage.local; open only while unlocked, and never after the event
   * page unloads. Their code (PKCS#12, key sealing, decryption) is a chunk of its own, loaded on first use.
   */
  keys(): Promise<KeyStore> {
    this.keyStore ??= import(/* webpackChunkName: "keys" */ "../../core/keys/key-store.js").then((m) => new m.KeyStore(this.store, systemClock, pageVault()));
    return this.keyStore;
  }

  /** Keys were unlocked, locked, added or removed: what encrypted messages show may change. */
  keysChanged(): void {
    this.inspections.clear();
    for (const listener of this.lookListeners) listener();
  }

  trustInputs(): Promise<TrustInputs> {
    this.trust ??= buildTrustInputs({ store: this.store, fetcher: this.fetcher });
    return this.trust;
  }

  private readonly lookListeners: (() => void)[] = [];

  /**
   * Runs `listener` when what open messages show may have changed: after trust decisions change
   * (once the old verdicts are forgotten), or the personal mark.
   */
  whenLookChanges(listener: () => void): void {
    this.lookListeners.push(listener);
  }

  /** Trust decisions changed: rebuild the inputs and forget every verdict. */
  trustChanged(): void {
    this.trust = null;
    this.inspections.clear();
    for (const listener of this.lookListeners) listener();
  }

  /** The personal mark changed: the verdicts stand, their tooltips change. */
  markChanged(): void {
    for (const listener of this.lookListeners) listener();
  }

  inspect(messageId: number): Inspection {
    const hit = this.inspections.get(messageId);
    if (hit) return hit;
    // Thunderbird decrypts with its own key store when it holds the key (TB 125+).
    const host = hostDecryptor(() => rawBytes(this.api, messageId, true));
    const deps = { clock: systemClock, store: this.store, fetcher: this.fetcher, trust: () => this.trustInputs() };
    // Signet's own keys first: a key the user gave Signet opens what Thunderbird cannot.
    const inspection = startInspection(rawBytes(this.api, messageId, false), deps, [this.keyDecryptor, host]);
    this.inspections.set(messageId, inspection);
    // A valid signer whose certificate names the sender joins the correspondents' certificates.
    void inspection.final.then((state) => (state.report ? this.correspondents.addFromReport(state.report) : 0)).catch(() => 0);
    return inspection;
  }

  /** onMessagesDisplayed: the tab now shows these messages. Returns the one message, or null (none, or several). */
  tabDisplays(tabId: number, messages: readonly { id: number }[]): number | null {
    const messageId = onlyMessage(messages);
    this.lastDisplayed.set(tabId, messageId);
    return messageId;
  }

  tabClosed(tabId: number): void {
    this.lastDisplayed.delete(tabId);
  }

  /** What the last event said the tab shows; undefined when no event about the tab reached this page. */
  lastShownIn(tabId: number): number | null | undefined {
    return this.lastDisplayed.get(tabId);
  }

  /**
   * The one message a tab displays, or null (none, or several selected), as Thunderbird says once
   * the message has loaded: right even while an event about it is still on its way (the banner asks
   * from the page of the message being loaded). When Thunderbird does not answer within
   * DISPLAYED_MESSAGE_DEADLINE_MS, the last event's word stands in; without one, the question fails.
   */
  async displayedMessage(tabId: number): Promise<number | null> {
    try {
      const { messages } = await withDeadline(this.api.messageDisplay.getDisplayedMessages(tabId), DISPLAYED_MESSAGE_DEADLINE_MS, "Thunderbird did not say which message this tab shows (it may be one Thunderbird cannot open)");
      const id = onlyMessage(messages);
      // An event that came meanwhile is newer than this answer; otherwise the answer is all this page knows.
      if (!this.lastDisplayed.has(tabId)) this.lastDisplayed.set(tabId, id);
      return id;
    } catch (e) {
      const known = this.lastDisplayed.get(tabId);
      if (e instanceof HostTimeout && known !== undefined) return known;
      throw e;
    }
  }

  /**
   * The tab's message inspected again, with the encrypted part at `mimePath` opened because the reader
   * asked (InspectOptions.openParts). Not cached: the next display shows the message as it is.
   */
  async openPartFor(target: ReportTarget, mimePath: string): Promise<InspectionState> {
    const id = await this.messageOf(target);
    if (id === null) return { report: null, pending: false, error: "no single message is displayed" };
    const deps = { clock: systemClock, store: this.store, fetcher: this.fetcher, trust: () => this.trustInputs(), options: { openParts: [mimePath] } };
    return startInspection(rawBytes(this.api, id, false), deps, [this.keyDecryptor]).final;
  }

  /** The message a report is asked for: named, or the one its tab displays. */
  private messageOf(target: ReportTarget): Promise<number | null> {
    return "messageId" in target ? Promise.resolve(target.messageId) : this.displayedMessage(target.tabId);
  }

  async stateFor(target: ReportTarget, wait: boolean): Promise<InspectionState> {
    const id = await this.messageOf(target);
    if (id === null) return { report: null, pending: false, error: "no single message is displayed" };
    const inspection = this.inspect(id);
    return wait ? inspection.final : currentState(inspection);
  }
}
