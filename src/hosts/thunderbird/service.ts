/**
 * The background's state and work: which message a tab shows, its inspection
 * (cached by message id), the trust inputs (rebuilt when trust changes).
 */
import { buildTrustInputs, systemClock, type Fetcher, type Store, type TrustInputs } from "../../core/index.js";
import { currentState, InspectionCache, startInspection, type Inspection, type InspectionState } from "../shared/inspection.js";
import type { Messenger } from "./messenger.js";
import { stripMozillaHeaders } from "./raw.js";

async function rawBytes(api: Messenger, messageId: number, decrypt: boolean): Promise<Uint8Array> {
  const file = await api.messages.getRaw(messageId, decrypt ? { decrypt: true } : {});
  return stripMozillaHeaders(new Uint8Array(await file.arrayBuffer()));
}

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

  /** The one message a tab displays, or null (none, or several selected). */
  async displayedMessage(tabId: number): Promise<number | null> {
    const { messages } = await this.api.messageDisplay.getDisplayedMessages(tabId);
    return messages.length === 1 ? messages[0]!.id : null;
  }

  async stateForTab(tabId: number, wait: boolean): Promise<InspectionState> {
    const id = await this.displayedMessage(tabId);
    if (id === null) return { report: null, pending: false, error: "no single message is displayed" };
    const inspection = this.inspect(id);
    return wait ? inspection.final : currentState(inspection);
  }
}
