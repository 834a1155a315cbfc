/**
 * Where a run's messages are inspected: on this thread alone, or, once a run proves long, on this
 * thread and worker threads beside it, one per core (inspector-pool.ts). `signet inspect` and
 * `signet audit` both start them here.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { inspectMessage, inspectTooLarge, type SecurityReport } from "../core/index.js";
import type { InspectSettings, InspectSetup } from "./inspect-settings.js";
import { InspectorPool, type Message } from "./inspector-pool.js";

export type Inspect = (message: Message) => Promise<SecurityReport>;

export interface Inspectors {
  inspect: Inspect;
  close(): Promise<void>;
}

/**
 * Workers start only once a run has this many messages: a worker costs its own start (the bundle,
 * trust) and a cold JIT, so on 200 messages of 15 KB two threads took 1.17 s against one's 1.07 s,
 * while on 1,500 they took 4.3 s against 4.8 s, and on 15,000 (audit) 23 s against 34 s.
 */
export const WORKERS_AFTER = 500;

/** The default number of threads inspecting at once: one per core. */
export const defaultJobs = (): number => availableParallelism();

/**
 * `jobs` threads in all, this one included. Workers are set up from `settings` as `setup` was; a run
 * with decryptors (keys unlocked here) stays on this thread, since keys never leave it. `keepDer`:
 * the workers' reports keep the certificates' DER (inspect prints it; audit's summary does not).
 */
export function startInspectors(setup: InspectSetup, settings: InspectSettings, jobs: number, keepDer: boolean): Inspectors {
  const { options, ports } = setup;
  const here: Inspect = (m) => ("bytes" in m ? inspectMessage(m.bytes, ports, options) : inspectTooLarge(m.size, ports, options));
  if (jobs <= 1 || ports.decryptors?.length) return { inspect: here, close: async () => {} };
  let seen = 0;
  let pool: InspectorPool | null = null;
  return {
    inspect: (m) => {
      if (!pool && ++seen > WORKERS_AFTER) {
        pool = new InspectorPool(jobs - 1, () => new Worker(new URL("./audit-worker.js", import.meta.url), { workerData: { settings, keepDer } }), here);
      }
      return pool ? pool.inspect(m) : here(m);
    },
    close: async () => {
      await pool?.close();
    },
  };
}
