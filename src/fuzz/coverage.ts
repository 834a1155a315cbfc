/**
 * V8's own block coverage, read through node:inspector (Profiler.startPreciseCoverage
 * with detailed: true), as the guide of a campaign: an input is kept when it
 * made code run that no earlier input did. Taking coverage also resets the
 * counters, so each take says what ran since the last one. Jazzer.js would do
 * this with instrumentation, but does not run on these machines.
 *
 * V8 reports a function's ranges with counts, the innermost range deciding a
 * position's count, and leaves out a block whose count equals its parent's. So
 * what did not run is the union of the zero-count ranges of a function that
 * ran: the tracker keeps, per function, the code that has never run ("holes"),
 * and an input is new when it runs a piece of a hole.
 */
import { Session } from "node:inspector";

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: CoverageRange[] }[];
}

type Intervals = [number, number][];

/** The sorted, merged union of ranges. */
function union(ranges: Intervals): Intervals {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Intervals = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The intersection of two sorted, disjoint interval lists. */
function intersect(a: Intervals, b: Intervals): Intervals {
  const out: Intervals = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (s < e) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

const size = (x: Intervals): number => x.reduce((n, [s, e]) => n + e - s, 0);

export class BlockCoverage {
  private readonly session = new Session();
  /** Per function ("script:start"), the code that has never run. */
  private readonly holes = new Map<string, Intervals>();
  /** Pieces of code seen to run for the first time, over the campaign: a measure of what was reached. */
  blocks = 0;

  /** @param watched which scripts count (by URL): the code under test, not the fuzzer itself. */
  constructor(private readonly watched: (url: string) => boolean) {}

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => this.session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
  }

  async start(): Promise<void> {
    this.session.connect();
    await this.post("Profiler.enable");
    await this.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  }

  /**
   * How many pieces of code ran since the last take for the first time ever (a function never run
   * before counts as one, and each part of a hole it ran now). With `commit` they count as run from
   * now on; without, they stay new (to find which input of a batch brought them).
   */
  async take(commit = true): Promise<number> {
    const { result } = await this.post<{ result: ScriptCoverage[] }>("Profiler.takePreciseCoverage");
    let fresh = 0;
    for (const script of result) {
      if (!this.watched(script.url)) continue;
      for (const fn of script.functions) {
        const [whole, ...inner] = fn.ranges;
        if (!whole || whole.count === 0) continue;
        const key = `${script.url}:${whole.startOffset}`;
        const notRun = union(inner.filter((r) => r.count === 0).map((r) => [r.startOffset, r.endOffset] as [number, number]));
        const before = this.holes.get(key);
        if (before === undefined) {
          fresh++;
          if (commit) this.holes.set(key, notRun);
          continue;
        }
        // What never ran before and ran now: the old holes less this take's.
        const stillNotRun = intersect(before, notRun);
        if (size(stillNotRun) < size(before)) {
          fresh += before.length - stillNotRun.length || 1;
          if (commit) this.holes.set(key, stillNotRun);
        }
      }
    }
    if (commit) this.blocks += fresh;
    return fresh;
  }

  async stop(): Promise<void> {
    await this.post("Profiler.stopPreciseCoverage");
    this.session.disconnect();
  }
}
