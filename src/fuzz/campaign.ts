/**
 * One worker's campaign on one target: mutate an input of the corpus, run it,
 * and keep it when it made a block run that nothing before had (coverage.ts).
 * Inputs run in batches between coverage takes, since a take costs far more
 * than a parser run; a batch that found something new is run again input by
 * input to keep the ones that did. Every throw that is not an allowed refusal,
 * and every input over the target's time budget, is a finding.
 */
import { BlockCoverage } from "./coverage.js";
import { mutate } from "./mutators.js";
import { mulberry32, pick } from "./rng.js";
import { AllowedRefusal, type FuzzTarget } from "./targets.js";

export interface Finding {
  kind: "crash" | "slow";
  /** The message with numbers blanked: findings with the same signature are one finding. */
  signature: string;
  message: string;
  ms: number;
  input: Uint8Array;
}

export interface CampaignStats {
  execs: number;
  refused: number;
  corpus: number;
  blocks: number;
  findings: Finding[];
  ms: number;
}

export interface CampaignOptions {
  seed: number;
  /** Stop after this long, or this many executions, whichever comes first. */
  seconds: number;
  maxExecs: number;
  /** Inputs run between two coverage takes. */
  batch: number;
  /** Which scripts' coverage guides (by URL). */
  watched: (url: string) => boolean;
  /** Where the input being run is copied first, so a watchdog can save it if the run never ends. */
  current?: { write(input: Uint8Array): void };
  progress?: (stats: CampaignStats) => void;
  progressEveryMs?: number;
}

/** Keeps the corpus to inputs of bounded total size: the smallest inputs that found something are the most useful. */
const MAX_CORPUS = 4000;

export async function runCampaign(target: FuzzTarget, seeds: readonly Uint8Array[], o: CampaignOptions): Promise<CampaignStats> {
  const r = mulberry32(o.seed);
  const corpus: Uint8Array[] = seeds.filter((s) => s.length > 0).map((s) => s.subarray(0, target.maxInputBytes));
  if (corpus.length === 0) corpus.push(new Uint8Array([0x30, 0x00]));
  const coverage = new BlockCoverage(o.watched);
  const findings = new Map<string, Finding>();
  const stats: CampaignStats = { execs: 0, refused: 0, corpus: corpus.length, blocks: 0, findings: [], ms: 0 };
  const started = Date.now();
  const deadline = started + o.seconds * 1000;

  const runOne = async (input: Uint8Array): Promise<void> => {
    o.current?.write(input);
    const t0 = performance.now();
    let thrown: unknown = undefined;
    try {
      await target.run(input);
    } catch (e) {
      thrown = e;
    }
    const ms = performance.now() - t0;
    stats.execs++;
    if (thrown instanceof AllowedRefusal) stats.refused++;
    else if (thrown !== undefined) record("crash", thrown instanceof Error ? `${thrown.name}: ${thrown.message}\n${(thrown.stack ?? "").split("\n").slice(1, 4).join("\n")}` : String(thrown), ms, input);
    if (ms > target.budgetMs) record("slow", `took ${Math.round(ms)} ms (budget ${target.budgetMs} ms) on ${input.length} bytes`, ms, input);
  };
  const record = (kind: Finding["kind"], message: string, ms: number, input: Uint8Array): void => {
    const signature = `${kind}: ${message.replace(/\d+/g, "N").split("\n").slice(0, 2).join(" | ")}`;
    const known = findings.get(signature);
    // The smallest input that shows a finding is the one worth keeping.
    if (!known || input.length < known.input.length) findings.set(signature, { kind, signature, message, ms, input: input.slice() });
  };

  await coverage.start();
  try {
    for (const s of corpus) await runOne(s);
    await coverage.take();
    let lastProgress = Date.now();
    while (Date.now() < deadline && stats.execs < o.maxExecs) {
      const batch: Uint8Array[] = [];
      for (let i = 0; i < o.batch; i++) {
        const parent = corpus[pick(r, corpus.length)]!;
        const child = mutate(parent, target.kind, r, corpus, target.maxInputBytes);
        batch.push(child);
        await runOne(child);
      }
      if ((await coverage.take(false)) > 0) {
        for (const input of batch) {
          await runOne(input);
          if ((await coverage.take(true)) > 0 && corpus.length < MAX_CORPUS) corpus.push(input);
        }
      }
      if (o.progress && Date.now() - lastProgress > (o.progressEveryMs ?? 2000)) {
        lastProgress = Date.now();
        o.progress({ ...stats, corpus: corpus.length, blocks: coverage.blocks, findings: [...findings.values()], ms: Date.now() - started });
      }
    }
  } finally {
    await coverage.stop();
  }
  return { ...stats, corpus: corpus.length, blocks: coverage.blocks, findings: [...findings.values()], ms: Date.now() - started };
}
