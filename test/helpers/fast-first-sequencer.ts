/**
 * The order of test files in a mutation run (vitest.stryker.config.ts).
 * StrykerJS stops at a mutant's first failing test (bail), so what matters is
 * how soon a killing test runs. Vitest's own order puts a file that failed
 * last time first, which suits consecutive mutants of one function, and then
 * the longest files first, which suits parallel runs but makes every killed
 * mutant wait for PKITS. This keeps the first rule and then runs the quickest
 * files first (files never timed go last).
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

export default class FastFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const state = (f: TestSpecification) => cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`);
    const rank = (f: TestSpecification): [number, number] => {
      const s = state(f);
      return s ? [s.failed ? 0 : 1, s.duration] : [1, Number.POSITIVE_INFINITY];
    };
    return [...files].sort((a, b) => {
      const [fa, da] = rank(a);
      const [fb, db] = rank(b);
      return fa - fb || da - db;
    });
  }
}
