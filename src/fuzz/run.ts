/**
 * `npm run fuzz`: a bounded coverage-guided campaign over every parser of
 * hostile input and the whole inspection, seeded from the samples and the
 * corpora, on all cores (worker threads). Prints executions, rate, corpus,
 * blocks covered and findings per target; writes each finding's input and a
 * summary to the output folder. A worker that stops answering (an endless
 * loop) is stopped, and the input it was running is kept as a hang.
 *
 *   node build/fuzz/run.js [--targets mime,der,cms,certificate,crl,ocsp,inspect] [--seconds S per target]
 *                          [--workers N] [--max-execs N per worker] [--seed N] [--out DIR]
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CampaignStats, Finding } from "./campaign.js";
import { loadSeeds, REPO } from "./seeds.js";
import { TARGETS } from "./targets.js";
import type { WorkerInput, WorkerMessage } from "./worker.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const targets = option("targets", Object.keys(TARGETS).join(",")).split(",");
const seconds = Number(option("seconds", "20"));
const workers = Number(option("workers", String(availableParallelism())));
const maxExecs = Number(option("max-execs", String(Number.MAX_SAFE_INTEGER)));
const baseSeed = Number(option("seed", String(Date.now() % 1_000_000)));
const out = option("out", join(REPO, "fuzz-out"));

interface TargetResult {
  target: string;
  seeds: number;
  execs: number;
  refused: number;
  perSecond: number;
  corpus: number;
  blocks: number;
  findings: Finding[];
}

/** Runs one worker; resolves with its stats, or with a hang finding when it stops answering. */
function runWorker(target: string, seeds: Uint8Array[], seed: number): Promise<CampaignStats> {
  const t = TARGETS[target]!;
  const current = new SharedArrayBuffer(4 + t.maxInputBytes);
  const data: WorkerInput = { target, seeds, seed, seconds, maxExecs, batch: target === "inspect" ? 8 : 64, current };
  const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: data });
  // Silent for ten budgets, and at least 30 s: an endless loop (progress comes every second otherwise).
  const silentLimit = Math.max(30_000, t.budgetMs * 10);
  return new Promise((resolve, reject) => {
    let last: CampaignStats = { execs: 0, refused: 0, corpus: 0, blocks: 0, findings: [], ms: 0 };
    let heard = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - heard < silentLimit) return;
      clearInterval(watchdog);
      const view = new DataView(current);
      const input = new Uint8Array(current, 4, view.getUint32(0)).slice();
      void worker.terminate();
      resolve({ ...last, findings: [{ kind: "slow", signature: "hang: no answer", message: `no answer for ${silentLimit} ms`, ms: silentLimit, input }] });
    }, 1000);
    worker.on("message", (m: WorkerMessage) => {
      heard = Date.now();
      last = m.stats;
      if (m.type === "done") {
        clearInterval(watchdog);
        resolve(m.stats);
      }
    });
    worker.on("error", (e) => {
      clearInterval(watchdog);
      reject(e);
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const results: TargetResult[] = [];
  for (const target of targets) {
    if (!TARGETS[target]) throw new Error(`unknown target ${target}; known: ${Object.keys(TARGETS).join(", ")}`);
    const seeds = loadSeeds(TARGETS[target]!.seeds);
    const started = Date.now();
    const stats = await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(target, seeds, baseSeed + 7919 * w + target.length)));
    const elapsed = (Date.now() - started) / 1000;
    const findings = new Map<string, Finding>();
    for (const f of stats.flatMap((s) => s.findings)) if (!findings.has(f.signature)) findings.set(f.signature, f);
    const result: TargetResult = {
      target,
      seeds: seeds.length,
      execs: stats.reduce((n, s) => n + s.execs, 0),
      refused: stats.reduce((n, s) => n + s.refused, 0),
      perSecond: Math.round(stats.reduce((n, s) => n + s.execs, 0) / elapsed),
      corpus: Math.max(...stats.map((s) => s.corpus)),
      blocks: Math.max(...stats.map((s) => s.blocks)),
      findings: [...findings.values()],
    };
    results.push(result);
    for (const f of result.findings) {
      const name = `${target}-${f.kind}-${createHash("sha256").update(f.input).digest("hex").slice(0, 12)}`;
      mkdirSync(join(out, "findings"), { recursive: true });
      writeFileSync(join(out, "findings", `${name}.bin`), f.input);
      writeFileSync(join(out, "findings", `${name}.txt`), `${f.signature}\n\n${f.message}\n`);
    }
    console.log(`${target.padEnd(12)} ${String(result.execs).padStart(10)} execs  ${String(result.perSecond).padStart(7)}/s  seeds ${result.seeds}  corpus ${result.corpus}  blocks ${result.blocks}  findings ${result.findings.length}`);
    for (const f of result.findings) console.log(`  ${f.signature}`);
  }
  const total = results.reduce((n, r) => n + r.execs, 0);
  console.log(`total ${total} executions, ${results.reduce((n, r) => n + r.findings.length, 0)} findings; seed ${baseSeed}, ${workers} workers, ${seconds} s per target`);
  writeFileSync(
    join(out, "summary.json"),
    JSON.stringify({ date: new Date().toISOString(), seed: baseSeed, workers, seconds, total, results: results.map((r) => ({ ...r, findings: r.findings.map((f) => f.signature) })) }, null, 1),
  );
}

await main();
