/**
 * The background's state and work: which message a tab shows, its inspection
 * (cached by message id), the trust inputs (rebuilt when trust changes).
 */
import { buildTrustInputs, systemClock, type Fetcher, type Store, type TrustInputs } from "../../core/index.js";
import { currentState, InspectionCache, startInspection, type Inspection, type InspectionState } from "../shared/inspection.js";
import { withDeadline } from "../shared/deadline.js";
import type { Messenger } from "./messenger.js";
import { stripMozillaHeaders } from "./raw.js";

async function rawBytes(api: Messenger, messageId: number, decrypt: boolean): Promise<Uint8Array> {
  const file = await api.messages.getRaw(messageId, decrypt ? { decrypt: true } : {});
  return stripMozillaHeaders(new Uint8Array(await file.arrayBuffer()));
}

/** Thunderbird answers within milliseconds; 3 s leaves room for a busy machine and keeps a stuck popup short. */
export const DISPLAYED_MESSAGE_DEADLINE_MS = 3000;

export class SignetService {
  private readonly inspections = new InspectionCache<number>();
  private trust: Promise<TrustInputs> | null = null;
  constructor(
    readonly api: Messenger,
    readonly store: Store,
    private readonly fetcher: Fetcher,
  ) {}

  trustInputs(): Promise<TrustInputs> {
    this.trust ??= buildTrustInputs({ store: this.store, fetcher: this.fetcher });
    return this.trust;
  }

  private readonly trustListeners: (() => void)[] = [];

  /** Runs `listener` after trust decisions change, once the old verdicts are forgotten. */
  whenTrustChanges(listener: () => void): void {
    this.trustListeners.push(listener);
  }

  /** Trust decisions changed: rebuild the inputs and forget every verdict. */
  trustChanged(): void {
    this.trust = null;
    this.inspections.clear();
    for (const listener of this.trustListeners) listener();
  }

  inspect(messageId: number): Inspection {
    const hit = this.inspections.get(messageId);
    if (hit) return hit;
    // Thunderbird decrypts with its own key store when it holds the key (TB 125+; HOSTS.md).
    const hostDecrypt = { decrypt: () => rawBytes(this.api, messageId, true) };
    const deps = { clock: systemClock, store: this.store, fetcher: this.fetcher, trust: () => this.trustInputs() };
    const inspection = startInspection(rawBytes(this.api, messageId, false), deps, hostDecrypt);
    this.inspections.set(messageId, inspection);
    return inspection;
  }

  /**
   * The one message a tab displays, or null (none, or several selected). Thunderbird answers in
   * milliseconds; it has not answered at all for the tab of a message it cannot decrypt (153.8),
   * so after DISPLAYED_MESSAGE_DEADLINE_MS the question fails instead of waiting for good.
   */
  async displayedMessage(tabId: number): Promise<number | null> {
    const { messages } = await withDeadline(this.api.messageDisplay.getDisplayedMessages(tabId), DISPLAYED_MESSAGE_DEADLINE_MS, "Thunderbird did not say which message this tab shows (it may be one Thunderbird cannot open)");
    return messages.length === 1 ? messages[0]!.id : null;
  }

  async stateForTab(tabId: number, wait: boolean): Promise<InspectionState> {
    const id = await this.displayedMessage(tabId);
    if (id === null) return { report: null, pending: false, error: "no single message is displayed" };
    const inspection = this.inspect(id);
    return wait ? inspection.final : currentState(inspection);
  }
}
