/**
 * The S/MIME profile's defaults are the ones its fields document
 * (src/core/policy/profile.ts, each with its source), and an option given
 * replaces exactly its own default.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { DEFAULT_PATH_BUDGET } from "../../src/core/path/budget.js";
import { DEFAULT_POLICY_INPUTS } from "../../src/core/policy/policy-tree.js";
import { smimeProfile } from "../../src/core/policy/profile.js";

describe("smimeProfile", () => {
  const now = new Date("2026-12-03T12:00:00Z");

  it("documents its defaults and keeps them", () => {
    const p = smimeProfile({}, now);
    expect({ ...p, forbiddenDigests: [...p.forbiddenDigests] }).toEqual({
      name: "smime",
      validationTime: now,
      forbiddenDigests: ["MD5"],
      acceptSha1: false,
      minRsaBits: 2048,
      hardMinRsaBits: 1024,
      checkSenderBinding: true,
      maxDateSkewMs: 3_600_000,
      limits: DEFAULT_LIMITS,
      pathBudget: DEFAULT_PATH_BUDGET,
      revocation: "soft",
      revocationDepth: "chain",
      revocationDeadlineMs: 10_000,
      ocspNonce: false,
      policyInputs: DEFAULT_POLICY_INPUTS,
      requiredEku: "1.3.6.1.5.5.7.3.4",
      validateAtSigningTime: false,
    });
    expect(Object.isFrozen(p)).toBe(true);
  });

  it("an option replaces its own default only; partial limits and budgets keep the rest", () => {
    const at = new Date("2020-01-01T00:00:00Z");
    const p = smimeProfile({ validationTime: at, acceptSha1: true, revocation: "hard", revocationDepth: "signer", limits: { maxSigners: 2 }, pathBudget: { maxDepth: 4 }, policyInputs: { initialExplicitPolicy: true } }, now);
    expect([p.validationTime, p.acceptSha1, p.revocation, p.revocationDepth]).toEqual([at, true, "hard", "signer"]);
    expect(p.limits).toEqual({ ...DEFAULT_LIMITS, maxSigners: 2 });
    expect(p.pathBudget).toEqual({ ...DEFAULT_PATH_BUDGET, maxDepth: 4 });
    expect(p.policyInputs).toEqual({ ...DEFAULT_POLICY_INPUTS, initialExplicitPolicy: true });
  });
});
