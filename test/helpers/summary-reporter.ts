// Prints the plain closing line "N passed, N failed, N skipped" that CI reads
// for any runner (see the workplace's CI notes), after vitest's own summary.
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      // A module whose beforeAll (or import) failed leaves its tests unrun: they count as failed, not skipped.
      const moduleFailed = m.state() === "failed";
      let count = 0;
      for (const t of m.children.allTests()) {
        count++;
        const state = t.result().state;
        if (state === "passed") passed++;
        // A test left out on purpose (`-t`, `.skip`, `.todo`) is skipped even in a failed module.
        else if (state === "failed" || (moduleFailed && t.options.mode === "run")) failed++;
        else skipped++;
      }
      if (moduleFailed && count === 0) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
