/**
 * The add-on in real Thunderbird (Debian's package, headless): a fresh
 * profile with a Local Folders account, the test build of the .xpi installed
 * as <profile>/extensions/<gecko-id>.xpi. Its harness adds the samples' root
 * through the add-on's own trust-add command, imports the fixture messages,
 * displays each in a tab, and reports what the background computed and what
 * the banner rendered to a listener on 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { packageXpi } from "../../scripts/package-xpi.mjs";
import { buildBundle } from "../helpers/build.js";
import { startLoopback, type Loopback } from "../helpers/loopback.js";

const root = resolve(import.meta.dirname, "../..");
const GECKO_ID = (JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
const FIXTURES = ["01-signed-valid.eml", "03-tampered.eml", "08-unsigned.eml", "10-untrusted-signer.eml", "11-revoked.eml", "04-wrong-sender.eml"];

interface BannerShown {
  at: number;
  verdict: string | null;
  pending: boolean;
  text: string;
  subject: string | null;
  messageId: number | null;
  msSinceGetRaw: number | null;
  /** The background's final report for the message (added by the harness). */
  report: SecurityReport | null;
}

const USER_JS = `user_pref("extensions.autoDisableScopes", 0);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mailnews.start_page.enabled", false);
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.accountmanager.localfoldersserver", "server1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.type", "none");
user_pref("mail.server.server1.hostname", "Local Folders");
user_pref("mail.server.server1.userName", "nobody");
user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/Local Folders");
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("app.update.enabled", false);
`;

let server: Loopback;
let thunderbird: ChildProcess | null = null;
let profile: string;
const shown: BannerShown[] = [];
const logs: unknown[] = [];

/** Fixture names by the message id Thunderbird gave each on import (the harness logs them). */
function fixtureOf(messageId: number | null): string | undefined {
  for (const l of logs) {
    const entry = l as { imported?: string; id?: number };
    if (entry.imported && entry.id === messageId) return entry.imported;
  }
  return undefined;
}

/** The banner states shown for one fixture, in order. */
const bannersOf = (fixture: string): BannerShown[] => shown.filter((b) => fixtureOf(b.messageId) === fixture);

/** The final banner state of each fixture that has one. */
function finalBanners(): Map<string, BannerShown> {
  const out = new Map<string, BannerShown>();
  for (const b of shown) {
    const fixture = fixtureOf(b.messageId);
    if (!b.pending && b.verdict !== null && fixture) out.set(fixture, b);
  }
  return out;
}

beforeAll(async () => {
  const which = spawnSync("thunderbird", ["--version"], { encoding: "utf8" });
  if (which.status !== 0) throw new Error("Thunderbird is not installed: .ci/run installs Debian's thunderbird package (apt-get install -y thunderbird)");

  server = await startLoopback((req, body, res) => {
    const url = req.url ?? "";
    if (req.method === "GET" && url.startsWith("/fixtures/")) {
      const name = url.slice("/fixtures/".length);
      if (!FIXTURES.includes(name)) return false;
      res.end(readFileSync(join(root, "samples", name)));
      return true;
    }
    if (req.method === "POST" && url === "/banner") shown.push(JSON.parse(body.toString("utf8")) as BannerShown);
    else if (req.method === "POST" && url === "/log") logs.push(JSON.parse(body.toString("utf8")));
    else return false;
    res.end("ok");
    return true;
  });

  await buildBundle("thunderbird");
  await buildBundle("thunderbird-test", { test: true });
  profile = mkdtempSync(join(tmpdir(), "signet-tb-profile-"));
  mkdirSync(join(profile, "extensions"));
  writeFileSync(join(profile, "user.js"), USER_JS);
  const anchors = [readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem")).toString("base64")];
  packageXpi({ out: join(profile, "extensions", `${GECKO_ID}.xpi`), test: { hook: server.url, fixtures: FIXTURES, anchors } });

  thunderbird = spawn("thunderbird", ["--headless", "--profile", profile, "--no-remote"], { stdio: "ignore", env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1" } });
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline && finalBanners().size < FIXTURES.length) {
    if (logs.some((l) => typeof l === "object" && l !== null && "error" in l)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 240_000);

afterAll(async () => {
  // Thunderbird never exits by itself (HOSTS.md): stop it by its PID.
  if (thunderbird?.pid) {
    thunderbird.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    if (thunderbird.exitCode === null) thunderbird.kill("SIGKILL");
  }
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (shown.length) console.log(`Thunderbird banners, ms from getRaw: ${shown.filter((b) => b.verdict !== null).map((b) => `${fixtureOf(b.messageId) ?? "?"} ${b.pending ? "local" : "final"} ${b.msSinceGetRaw}`).join("; ")}`);
});

describe("the add-on in Thunderbird 128+", () => {
  it("starts, imports the fixtures and shows a banner with a final answer for each", () => {
    expect(logs.filter((l) => typeof l === "object" && l !== null && "error" in l)).toEqual([]);
    expect([...finalBanners().keys()].sort()).toEqual([...FIXTURES].sort());
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
      const banner = finalBanners().get(fixture);
      expect(banner?.report?.verdict).toBe(verdict);
      expect(banner?.verdict).toBe(verdict);
      expect(banner?.text).toMatch(text);
    });
  }

  it("the banner showed the local answer first and then the network's, for signed mail", () => {
    // The first state may be the "Reading the message" placeholder, before the background answers.
    const valid = bannersOf("01-signed-valid.eml").filter((b) => b.verdict !== null);
    expect(valid.map((b) => b.pending)).toEqual([true, false]);
    // While revocation is pending a green verdict is not shown yet.
    expect(valid[0]!.text).toMatch(/^\W*Checking/);
    expect(valid[1]!.text).toMatch(/^\W*Verified/);
  });

  it("X-Mozilla-* lines were stripped: the size is the sample's own", () => {
    const banner = finalBanners().get("01-signed-valid.eml");
    expect(banner?.report?.message.sizeBytes).toBe(readFileSync(join(root, "samples/01-signed-valid.eml")).length);
  });
});
