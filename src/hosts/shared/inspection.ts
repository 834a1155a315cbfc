/**
 * Inspection in two phases, for hosts that show a message while it is read:
 * first the answer from what is at hand (the message, the trust store, cached
 * revocation answers), at once; then the answer with the network (revocation,
 * AIA), which can take seconds. Both hosts and the demo page use this.
 */
import { inspectMessage, type Clock, type Decryptor, type Fetcher, type InspectOptions, type SecurityReport, type Store, type TrustInputs } from "../../core/index.js";
import type { MessageState } from "../../ui/headline.js";

/** A state the views show as it is (the report so far, whether the network is still answering, or an error). */
export type InspectionState = MessageState;

export interface InspectionDeps {
  clock: Clock;
  store?: Store;
  fetcher?: Fetcher;
  /** Trust inputs with AIA (remote) sources; the local phase uses them without. */
  trust: () => Promise<TrustInputs>;
  options?: InspectOptions;
}

/** When each step finished, in ms since the epoch (bench/hosts.mjs reads them through the test harness). */
export interface InspectionTimings {
  started: number;
  raw?: number;
  local?: number;
  final?: number;
}

export interface Inspection {
  local: Promise<InspectionState>;
  final: Promise<InspectionState>;
  /** The final state once it is known, so that a message opened again shows it at once. */
  settled?: InspectionState;
  timings: InspectionTimings;
}

/** The state to show now: the final one when known, else the local one. */
export function currentState(inspection: Inspection): Promise<InspectionState> {
  return inspection.settled ? Promise.resolve(inspection.settled) : inspection.local;
}

/** Nothing the network could change: no signature to check a chain for. */
function settledLocally(r: SecurityReport): boolean {
  return r.signature === "unsigned" || r.layers.every((l) => l.kind !== "signed" || l.signers.length === 0);
}

const failed = (e: unknown): InspectionState => ({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) });

/** Starts both phases; `raw` may still be on its way (Thunderbird's getRaw), and its failure is an error state. */
export function startInspection(raw: Uint8Array | Promise<Uint8Array>, deps: InspectionDeps, decryptors: readonly Decryptor[] = []): Inspection {
  const timings: InspectionTimings = { started: Date.now() };
  const bytes = Promise.resolve(raw).then((b) => ((timings.raw = Date.now()), b));
  // Both phases ask the same decryptors; the host's asks its mail client once (host-decryptor.ts).
  const base = { clock: deps.clock, ...(deps.store ? { store: deps.store } : {}), ...(decryptors.length ? { decryptors } : {}) };
  // With a network to come, the local phase leaves revocation to it (a half answer would flash warnings);
  // without one, attached and cached answers are all there is, so they are used at once.
  const localOptions: InspectOptions = deps.fetcher ? { ...deps.options, revocation: "off" } : { ...deps.options };
  const localReport = Promise.all([bytes, deps.trust()]).then(([b, { remote: _remote, ...local }]) => inspectMessage(b, base, { ...localOptions, trust: local }));
  const local = localReport.then(
    (report): InspectionState => ({ report, pending: !settledLocally(report) && deps.fetcher !== undefined }),
    failed,
  );
  const final = local.then(async (state): Promise<InspectionState> => {
    if (!state.pending) return state;
    try {
      const [b, trust] = await Promise.all([bytes, deps.trust()]);
      const report = await inspectMessage(b, { ...base, ...(deps.fetcher ? { fetcher: deps.fetcher } : {}) }, { ...deps.options, trust });
      return { report, pending: false };
    } catch (e) {
      return failed(e);
    }
  });
  const inspection: Inspection = { local, final, timings };
  void local.then(() => (timings.local = Date.now()));
  void final.then((state) => {
    timings.final = Date.now();
    inspection.settled = state;
  });
  return inspection;
}

/** Inspections by message id, newest kept, so reopening a message is instant; a host may keep more beside each (V). */
export class InspectionCache<K, V = Inspection> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity = 200) {}

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Trust changed: every verdict may change. */
  clear(): void {
    this.entries.clear();
  }
}
