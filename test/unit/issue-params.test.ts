/**
 * Issue params are typed per code (src/core/report/params-by-code.ts): a check cannot hand the
 * catalogues a sentence where a code's values belong. The ts-expect-error lines are the test:
 * `tsc -p tsconfig.check.json` (part of npm test) fails if any of them compiles.
 */
import { describe, expect, it } from "vitest";
import { IssueCollector } from "../../src/core/report/issues.js";
import { cmsDamage, mimeDamage, unsupportedAlgorithm } from "../../src/core/report/issue-params.js";
import { localIssue } from "../../src/core/report/local-issue.js";
import { MALFORMED_CMS_REASONS, MALFORMED_MIME_REASONS, UNSUPPORTED_REASONS } from "../../src/core/report/codes.js";

describe("issue params, typed per code", () => {
  it("refuses at compile time what the old free-form params allowed", () => {
    const issues = new IssueCollector();
    // @ts-expect-error: expired carries notAfter and at, not a sentence
    issues.add("expired", "error", {}, { reason: "the certificate expired" });
    // @ts-expect-error: malformed-cms's reason is one of MALFORMED_CMS_REASONS
    issues.add("malformed-cms", "error", {}, { reason: "eContent is not an OCTET STRING" });
    // @ts-expect-error: an unreadable structure names which one
    cmsDamage({ reason: "unreadable", detail: "x" });
    // @ts-expect-error: unsupported-algorithm says why as a code
    localIssue("unsupported-algorithm", "error", { role: "key", algorithm: "EC", why: "curve 1.3.132.0.10" });
    expect(issues.issues.map((i) => i.code)).toEqual(["expired", "malformed-cms"]);
  });

  it("the helpers give exactly the reason and values they were given, and the part when known", () => {
    expect(cmsDamage({ reason: "trailing-data", bytes: 2 }, "L0:")).toEqual({ reason: "trailing-data", bytes: 2, mimePath: "L0:" });
    expect(mimeDamage({ reason: "no-boundary" })).toEqual({ reason: "no-boundary" });
    expect(unsupportedAlgorithm("key", "ECDSA", { why: "unknown-curve", value: "1.3.132.0.10" })).toEqual({ role: "key", algorithm: "ECDSA", why: "unknown-curve", value: "1.3.132.0.10" });
    expect(localIssue("path-length-exceeded", "error", {}, 2)).toEqual({ code: "path-length-exceeded", severity: "error", params: {}, certificate: 2 });
  });

  it("reason codes are kebab-case words, each listed once", () => {
    for (const list of [MALFORMED_CMS_REASONS, MALFORMED_MIME_REASONS, UNSUPPORTED_REASONS]) {
      expect(new Set(list).size).toBe(list.length);
      for (const r of list) expect(r).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
