/**
 * The add-on in real Thunderbird (Debian's package, headless), through
 * scripts/run-thunderbird.mjs: a fresh profile, the test build of the .xpi
 * sideloaded, a listener on 127.0.0.1. The harness adds the samples' root
 * through the add-on's own trust-add command, imports the fixture messages,
 * displays each in a tab, and reports what the background computed and what
 * the banner rendered in its shadow root.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { runThunderbird, type BannerShown } from "../../scripts/run-thunderbird.mjs";
import { buildBundle } from "../helpers/build.js";
import { requireBuilt } from "../helpers/built.js";

const root = resolve(import.meta.dirname, "../..");
const FIXTURES = ["01-signed-valid.eml", "03-tampered.eml", "08-unsigned.eml", "10-untrusted-signer.eml", "11-revoked.eml", "04-wrong-sender.eml"];

let run: Awaited<ReturnType<typeof runThunderbird>>;

const bannersOf = (fixture: string): BannerShown[] => run.banners.filter((b) => b.verdict !== null && run.fixtureOf(b.messageId) === fixture);
const finalOf = (fixture: string): BannerShown | undefined => bannersOf(fixture).filter((b) => !b.pending).at(-1);
const reportOf = (fixture: string): SecurityReport | null => (finalOf(fixture)?.report ?? null) as SecurityReport | null;

beforeAll(async () => {
  requireBuilt("thunderbird/background.js");
  await buildBundle("thunderbird-test", { test: true });
  run = await runThunderbird({
    fixtures: FIXTURES.map((name) => ({ name, bytes: readFileSync(join(root, "samples", name)) })),
    anchors: [readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"))],
  });
  const timings = run.banners.filter((b) => b.verdict !== null).map((b) => `${run.fixtureOf(b.messageId) ?? "?"} ${b.pending ? "local" : "final"} ${b.msSinceGetRaw}`);
  console.log(`Thunderbird banners, ms from getRaw: ${timings.join("; ")}`);
}, 240_000);

describe("the add-on in Thunderbird 128+", () => {
  it("starts, imports the fixtures and shows a banner with a final answer for each", () => {
    expect(run.logs.filter((l) => typeof l === "object" && l !== null && "error" in l)).toEqual([]);
    expect(FIXTURES.filter((f) => !finalOf(f))).toEqual([]);
  });

  const expectations: [string, string, RegExp][] = [
    ["01-signed-valid.eml", "verified", /Verified.*Signed by Alice Example <alice@example\.org>.*certificate trusted/],
    ["03-tampered.eml", "danger", /Danger.*changed after signing.*Signed by Alice Example/],
    ["08-unsigned.eml", "none", /Not protected.*neither signed nor encrypted/],
    ["10-untrusted-signer.eml", "warning", /Warning.*Signed by Mallory Example <mallory@example\.net>/],
    ["11-revoked.eml", "danger", /Danger.*revoked/i],
    ["04-wrong-sender.eml", "danger", /Danger.*Signed by Alice Example/],
  ];
  for (const [fixture, verdict, text] of expectations) {
    it(`${fixture}: the background says ${verdict} and the banner shows it in words`, () => {
      expect(reportOf(fixture)?.verdict).toBe(verdict);
      expect(finalOf(fixture)?.verdict).toBe(verdict);
      expect(finalOf(fixture)?.text).toMatch(text);
    });
  }

  it("the banner showed the local answer first and then the network's, for signed mail", () => {
    const valid = bannersOf("01-signed-valid.eml");
    expect(valid.map((b) => b.pending)).toEqual([true, false]);
    // While revocation is pending a green verdict is not shown yet.
    expect(valid[0]!.text).toMatch(/^\W*Checking/);
    expect(valid[1]!.text).toMatch(/^\W*Verified/);
  });

  it("the revoked certificate is found from the CRL the message carries", () => {
    const signer = reportOf("11-revoked.eml")?.layers[0];
    expect(signer?.kind === "signed" && signer.signers[0]?.revocationEvidence?.[0]).toMatchObject({ status: "revoked", source: "embedded-crl", reason: "keyCompromise" });
  });

  it("X-Mozilla-* lines were stripped: the size is the sample's own", () => {
    expect(reportOf("01-signed-valid.eml")?.message.sizeBytes).toBe(readFileSync(join(root, "samples/01-signed-valid.eml")).length);
  });
});
