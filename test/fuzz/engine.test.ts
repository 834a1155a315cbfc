/**
 * The fuzzing engine (src/fuzz) tested like any other code: mutations are
 * repeatable and bounded and reach the DER inside base64; coverage guidance
 * finds an input that blind mutation would not; slow inputs and broken report
 * invariants are findings. `npm run fuzz` runs the campaign itself.
 */
import { describe, expect, it } from "vitest";
import { runCampaign } from "../../src/fuzz/campaign.js";
import { mutate } from "../../src/fuzz/mutators.js";
import { reportViolations } from "../../src/fuzz/report-invariants.js";
import { mulberry32 } from "../../src/fuzz/rng.js";
import type { SecurityReport } from "../../src/core/index.js";
import { GATED_CRASH, SLOW_ON_EE } from "./fake-target.js";
import { inspect } from "../helpers/inspect.js";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const watchFake = (url: string) => url.includes("fake-target");

describe("mutations", () => {
  const sample = new Uint8Array(readFileSync(join(root, "samples/01-signed-valid.eml")));

  it("are the same for the same seed, and never longer than the cap", () => {
    const a = Array.from({ length: 50 }, (_, i) => mutate(sample, "mime", mulberry32(i), [sample], 4096));
    const b = Array.from({ length: 50 }, (_, i) => mutate(sample, "mime", mulberry32(i), [sample], 4096));
    expect(a).toEqual(b);
    expect(a.every((m) => m.length <= 4096)).toBe(true);
    expect(new Set(a.map((m) => Buffer.from(m).toString("base64"))).size).toBeGreaterThan(40);
  });

  it("reach through base64: some mutants keep the MIME text and change only the signature's DER", () => {
    const text = Buffer.from(sample).toString("latin1");
    const head = text.slice(0, text.indexOf("MII"));
    const derOnly = Array.from({ length: 300 }, (_, i) => Buffer.from(mutate(sample, "mime", mulberry32(1000 + i), [sample], 1 << 20)).toString("latin1")).filter(
      (m) => m !== text && m.startsWith(head),
    );
    expect(derOnly.length).toBeGreaterThan(10);
  });
});

describe("a campaign", () => {
  it("finds, by coverage, an input that four nested branches guard, and keeps the inputs that opened each", async () => {
    const stats = await runCampaign(GATED_CRASH, [new Uint8Array([0x41, 0x41, 0x41, 0x41])], { seed: 7, seconds: 60, maxExecs: 400_000, batch: 64, watched: watchFake });
    const crash = stats.findings.find((f) => f.kind === "crash");
    expect(crash?.message).toMatch(/^TypeError: reached the gate/);
    expect(Array.from(crash!.input.subarray(0, 4))).toEqual([0x53, 0x49, 0x47, 0x21]);
    // The seed, and one kept input per branch opened on the way (at least).
    expect(stats.corpus).toBeGreaterThanOrEqual(4);
  });

  it("without coverage guidance the same budget does not find it (the guidance is what works)", async () => {
    const stats = await runCampaign(GATED_CRASH, [new Uint8Array([0x41, 0x41, 0x41, 0x41])], { seed: 7, seconds: 60, maxExecs: 400_000, batch: 64, watched: () => false });
    expect(stats.findings).toEqual([]);
    expect(stats.corpus).toBe(1);
  });

  it("reports an input over the target's time budget as slow, once per signature, with the smallest input", async () => {
    const stats = await runCampaign(SLOW_ON_EE, [new Uint8Array([0xee]), new Uint8Array([0xee, 1, 2, 3])], { seed: 1, seconds: 5, maxExecs: 200, batch: 16, watched: watchFake });
    const slow = stats.findings.filter((f) => f.kind === "slow");
    expect(slow.length).toBeGreaterThanOrEqual(1);
    expect(slow.every((f) => f.input[0] === 0xee && f.ms > 20)).toBe(true);
  });
});

describe("the report oracle", () => {
  it("holds for a real report and names what a broken one breaks", async () => {
    const good = await inspect(readFileSync(join(root, "samples/03-tampered.eml")));
    expect(reportViolations(good)).toEqual([]);
    const forged: SecurityReport = { ...good, verdict: "verified" };
    expect(reportViolations(forged)).toEqual(["verified with signature invalid", "an error, yet verdict verified"]);
    expect(reportViolations({ ...good, validationTime: new Date() as unknown as string })).toEqual(["not plain JSON data: report.validationTime is a Date"]);
  });
});
