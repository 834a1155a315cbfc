/**
 * Where a run's messages are inspected: on this thread alone, or, for more than a handful, on
 * this thread and worker threads beside it, one per core (inspector-pool.ts). `signet inspect`
 * and `signet audit` both start them here.
 */
import { stat } from "node:fs/promises";
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

/** Inputs smaller than this in all are "a handful of messages": starting workers would cost more than it saves. */
export const HANDFUL_BYTES = 1024 * 1024;

/** The inputs' size in all, or null when one is standard input ("-": its size is not known in advance). */
export async function totalSize(files: readonly string[]): Promise<number | null> {
  let total = 0;
  for (const file of files) {
    if (file === "-") return null;
    total += await stat(file).then((s) => s.size, () => 0);
  }
  return total;
}

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
  const pool = new InspectorPool(jobs - 1, () => new Worker(new URL("./audit-worker.js", import.meta.url), { workerData: { settings, keepDer } }), here);
  return { inspect: (m) => pool.inspect(m), close: () => pool.close() };
}
