/** Properties every SecurityReport must have, whatever the input. */
import { expect } from "vitest";
import { ISSUE_CODES, type SecurityReport } from "../../src/core/index.js";

const ENUMS = {
  signature: ["valid", "invalid", "unsigned", "unverifiable"],
  trust: ["trusted", "untrusted", "invalid", "unknown", "not-applicable"],
  revocation: ["good", "revoked", "unknown", "not-checked", "not-applicable"],
  encryption: ["none", "decrypted", "no-key", "failed"],
  verdict: ["verified", "warning", "danger", "none"],
} as const;

export function assertReportInvariants(r: SecurityReport): void {
  for (const [field, allowed] of Object.entries(ENUMS)) {
    expect(allowed, field).toContain(r[field as keyof typeof ENUMS]);
  }
  // Plain data: survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  for (const issue of r.issues) {
    expect(ISSUE_CODES).toContain(issue.code);
    expect(["error", "warning", "info"]).toContain(issue.severity);
    if (issue.where.layer !== undefined) expect(issue.where.layer).toBeLessThan(r.layers.length);
  }
  r.layers.forEach((l, i) => expect(l.index).toBe(i));
  const signers = r.layers.flatMap((l) => (l.kind === "signed" ? l.signers : []));
  if (r.signature === "valid") {
    // Valid means: at least one signer, every signer valid, no error-severity signature problem.
    expect(signers.length).toBeGreaterThan(0);
    expect(signers.every((s) => s.status === "valid")).toBe(true);
    for (const l of r.layers) if (l.kind === "signed") expect(l.signers.length).toBe(l.signerInfoCount);
    const fatal = ["signature-invalid", "digest-mismatch", "content-type-mismatch", "malformed-cms", "no-signers"];
    expect(r.issues.filter((i) => i.severity === "error" && fatal.includes(i.code)), JSON.stringify(r.layers.map((l) => l.kind === "signed" ? l.signers.map((s) => s.status) : l.kind))).toEqual([]);
  }
  if (r.signature === "unsigned") expect(r.layers.some((l) => l.kind === "signed")).toBe(false);
  if (r.verdict === "verified") expect(r.signature).toBe("valid");
  if (r.issues.some((i) => i.severity === "error")) expect(r.verdict).toBe("danger");
}
