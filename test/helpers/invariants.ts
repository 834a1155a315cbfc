/** Properties every SecurityReport must have, whatever the input (the fuzzing campaign's oracle too). */
import { expect } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { reportViolations } from "../../src/fuzz/report-invariants.js";

export function assertReportInvariants(r: SecurityReport): void {
  expect(reportViolations(r), JSON.stringify(r.layers.map((l) => (l.kind === "signed" ? l.signers.map((s) => s.status) : l.kind)))).toEqual([]);
}
