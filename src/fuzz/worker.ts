/** A worker thread running one campaign (campaign.ts) and reporting to run.ts. */
import { parentPort, workerData } from "node:worker_threads";
import { runCampaign, type CampaignStats } from "./campaign.js";
import { TARGETS } from "./targets.js";

export interface WorkerInput {
  target: string;
  seeds: Uint8Array[];
  seed: number;
  seconds: number;
  maxExecs: number;
  batch: number;
  /** 4 bytes of length, then the input being run: what the parent saves if this worker hangs. */
  current: SharedArrayBuffer;
}

export type WorkerMessage = { type: "progress"; stats: CampaignStats } | { type: "done"; stats: CampaignStats };

/** The code under test: the core as built, and the ASN.1 libraries it parses with. */
export const WATCHED = (url: string): boolean => url.includes("/build/core/") || /\/node_modules\/(asn1js|pkijs|@peculiar\/[a-z0-9-]+)\//.test(url);

const input = workerData as WorkerInput;
const shared = new Uint8Array(input.current);
const view = new DataView(input.current);
const target = TARGETS[input.target];
if (!target) throw new Error(`no fuzz target ${input.target}`);

const stats = await runCampaign(target, input.seeds, {
  seed: input.seed,
  seconds: input.seconds,
  maxExecs: input.maxExecs,
  batch: input.batch,
  watched: WATCHED,
  current: {
    write: (bytes) => {
      const n = Math.min(bytes.length, shared.length - 4);
      view.setUint32(0, n);
      shared.set(bytes.subarray(0, n), 4);
    },
  },
  progress: (s) => parentPort?.postMessage({ type: "progress", stats: { ...s, findings: [] } } satisfies WorkerMessage),
  progressEveryMs: 1000,
});
parentPort?.postMessage({ type: "done", stats } satisfies WorkerMessage);
