/**
 * What every SecurityReport must be, whatever the input: the fuzzing campaign's
 * oracle for inspectMessage, and the tests' (test/helpers/invariants.ts). Each
 * broken rule is returned in words; none means the report holds.
 */
import { ISSUE_CODES, type SecurityReport } from "../core/index.js";

const ENUMS = {
  signature: ["valid", "invalid", "refused", "unsigned", "unverifiable"],
  trust: ["trusted", "untrusted", "invalid", "unknown", "not-applicable"],
  revocation: ["good", "revoked", "unknown", "not-checked", "not-applicable"],
  encryption: ["none", "decrypted", "no-key", "failed", "not-inspected"],
  verdict: ["verified", "warning", "danger", "none"],
} as const;

/** Errors that mean the signature itself is not valid. */
const FATAL = ["signature-invalid", "digest-mismatch", "content-type-mismatch", "malformed-cms", "no-signers"];

/** Where a value is not JSON data (a Date, a typed array, NaN, a function...), or null when it all is. */
function notJson(value: unknown, path: string): string | null {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = notJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const bad = notJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return null;
  }
  return `${path} is a ${typeof value === "object" ? (value as object).constructor?.name : typeof value}`;
}

export function reportViolations(r: SecurityReport): string[] {
  const out: string[] = [];
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const value = r[field as keyof typeof ENUMS];
    if (!(allowed as readonly string[]).includes(value)) out.push(`${field} is ${JSON.stringify(value)}`);
  }
  // Plain data: it survives a JSON round trip unchanged.
  const bad = notJson(r, "report");
  if (bad) out.push(`not plain JSON data: ${bad}`);
  for (const issue of r.issues) {
    if (!(ISSUE_CODES as readonly string[]).includes(issue.code)) out.push(`unknown issue code ${issue.code}`);
    if (!["error", "warning", "info"].includes(issue.severity)) out.push(`unknown severity ${issue.severity}`);
    if (issue.where.layer !== undefined && issue.where.layer >= r.layers.length) out.push(`${issue.code} names layer ${issue.where.layer} of ${r.layers.length}`);
  }
  r.layers.forEach((l, i) => {
    if (l.index !== i) out.push(`layer ${i} has index ${l.index}`);
  });
  const signers = r.layers.flatMap((l) => (l.kind === "signed" ? l.signers : []));
  if (r.signature === "valid") {
    // Valid means: at least one signer, every signer valid and none skipped, no fatal signature problem.
    if (signers.length === 0) out.push("valid without a signer");
    if (!signers.every((s) => s.status === "valid")) out.push("valid with a signer that is not");
    for (const l of r.layers) if (l.kind === "signed" && l.signers.length !== l.signerInfoCount) out.push(`valid with ${l.signers.length} of ${l.signerInfoCount} signers verified`);
    const fatal = r.issues.filter((i) => i.severity === "error" && FATAL.includes(i.code)).map((i) => i.code);
    if (fatal.length) out.push(`valid despite ${fatal.join(", ")}`);
  }
  if (r.signature === "unsigned" && r.layers.some((l) => l.kind === "signed")) out.push("unsigned with a signed layer");
  if (r.verdict === "verified" && r.signature !== "valid") out.push(`verified with signature ${r.signature}`);
  if (r.issues.some((i) => i.severity === "error") && r.verdict !== "danger") out.push(`an error, yet verdict ${r.verdict}`);
  return out;
}
