/**
 * Inspection in two phases, for hosts that show a message while it is read:
 * first the answer from what is at hand (the message, the trust store, cached
 * revocation answers), at once; then the answer with the network (revocation,
 * AIA), which can take seconds. Both hosts and the demo page use this.
 */
import { inspectInStages, type Clock, type Decryptor, type Fetcher, type InspectOptions, type Store, type TrustInputs } from "../../core/index.js";
import type { MessageState } from "../../ui/headline.js";

/** A state the views show as it is (the report so far, whether the network is still answering, or an error). */
export type InspectionState = MessageState;

export interface InspectionDeps {
  clock: Clock;
  store?: Store;
  fetcher?: Fetcher;
  /** Trust inputs with AIA (remote) sources; the local phase leaves those to the final one. */
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

const failed = (e: unknown): InspectionState => ({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) });

/**
 * Starts the inspection; `raw` may still be on its way (Thunderbird's getRaw), and its failure is an
 * error state. One inspection (core inspectInStages): the final phase judges the signers' chains
 * again with the network, and parses, decrypts and checks signatures no second time.
 */
export function startInspection(raw: Uint8Array | Promise<Uint8Array>, deps: InspectionDeps, decryptors: readonly Decryptor[] = []): Inspection {
  const timings: InspectionTimings = { started: Date.now() };
  const bytes = Promise.resolve(raw).then((b) => ((timings.raw = Date.now()), b));
  const ports = {
    clock: deps.clock,
    ...(deps.store ? { store: deps.store } : {}),
    ...(deps.fetcher ? { fetcher: deps.fetcher } : {}),
    ...(decryptors.length ? { decryptors } : {}),
  };
  const staged = Promise.all([bytes, deps.trust()]).then(([b, trust]) => inspectInStages(b, ports, { ...deps.options, trust }));
  const local = staged.then((s): InspectionState => ({ report: s.local, pending: s.final !== null }), failed);
  const final = staged.then(
    async (s): Promise<InspectionState> => ({ report: s.final ? await s.final() : s.local, pending: false }),
    failed,
  );
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
