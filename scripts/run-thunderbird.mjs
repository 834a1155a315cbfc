// Runs the test build of the add-on in real, headless Thunderbird (HOSTS.md):
// a fresh profile with a Local Folders account, the .xpi sideloaded as
// <profile>/extensions/<gecko-id>.xpi, a listener on 127.0.0.1 that serves
// the fixture messages and collects what the harness reports. Used by
// test/hosts/thunderbird.test.ts and bench/banner.mjs. Needs `npm run build`
// and `webpack --env test` (dist/thunderbird and dist/thunderbird-test).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageXpi } from "./package-xpi.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Another Thunderbird to run against (an unpacked older ESR, say); default the one on PATH. */
export const THUNDERBIRD = process.env.SIGNET_THUNDERBIRD ?? "thunderbird";

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
user_pref("devtools.console.stdout.chrome", true);
user_pref("devtools.console.stdout.content", true);
user_pref("browser.dom.window.dump.enabled", true);
user_pref("javascript.options.showInConsole", true);
`;

/**
 * @typedef {{ at: number, verdict: string | null, pending: boolean, text: string, subject: string | null,
 *   tabId: number | null, messageId: number | null, msSinceGetRaw: number | null, report: unknown }} BannerShown
 * @typedef {{ name: string, bytes: Uint8Array }} Fixture
 */

/**
 * @param {{ fixtures: Fixture[], anchors: Uint8Array[], keys?: { p12: Uint8Array, password: string }[], screenshots?: string[], menuReports?: string[], timeoutMs?: number, beforeStart?: (profile: string) => void }} options
 * @returns {Promise<{ banners: BannerShown[], logs: unknown[], fixtureOf: (id: number | null) => string | undefined, console: string[] }>}
 */
export async function runThunderbird({ fixtures, anchors, keys = [], screenshots = [], menuReports = [], timeoutMs = 100_000, beforeStart }) {
  if (spawnSync(THUNDERBIRD, ["--version"]).status !== 0) throw new Error("Thunderbird is not installed: .ci/run installs Debian's thunderbird package");
  const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  /** @type {BannerShown[]} */
  const banners = [];
  /** @type {unknown[]} */
  const logs = [];
  /** @type {string[]} */
  const consoleLines = [];
  const byName = new Map(fixtures.map((f) => [f.name, f.bytes]));
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      if (req.method === "GET" && url.startsWith("/fixtures/") && byName.has(url.slice(10))) res.end(byName.get(url.slice(10)));
      else if (req.method === "POST" && url === "/banner") banners.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      else if (req.method === "POST" && url === "/log") logs.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      else res.statusCode = 404;
      if (!res.writableEnded) res.end();
    });
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const hook = `http://127.0.0.1:${server.address().port}/`;

  const fixtureOf = (id) => {
    for (const l of logs) if (l && typeof l === "object" && l.imported && l.id === id) return l.imported;
    return undefined;
  };
  const ended = () => logs.some((l) => l && typeof l === "object" && ("finished" in l || "error" in l));

  const profile = mkdtempSync(join(tmpdir(), "signet-tb-profile-"));
  let child = null;
  try {
    mkdirSync(join(profile, "extensions"));
    writeFileSync(join(profile, "user.js"), USER_JS);
    packageXpi({
      out: join(profile, "extensions", `${geckoId}.xpi`),
      test: {
        hook,
        fixtures: fixtures.map((f) => f.name),
        anchors: anchors.map((a) => Buffer.from(a).toString("base64")),
        keys: keys.map((k) => ({ base64: Buffer.from(k.p12).toString("base64"), password: k.password })),
        screenshots,
        menuReports,
      },
    });
    beforeStart?.(profile);
    child = spawn(THUNDERBIRD, ["--headless", "--profile", profile, "--no-remote"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1" } });
    // Thunderbird's console (the prefs above send it to stdout), to read what the add-on made it log.
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => consoleLines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
    const deadline = Date.now() + timeoutMs;
    // The harness says when it has displayed, checked and reported everything (or failed).
    while (Date.now() < deadline && !ended()) {
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    // Thunderbird never exits by itself (HOSTS.md): stop it by its PID.
    if (child?.pid) {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await new Promise((done) => server.close(done));
    rmSync(profile, { recursive: true, force: true });
  }
  // In the order the banner rendered them: the harness posts each after asking the background, so posts can overtake.
  banners.sort((a, b) => a.at - b.at);
  return { banners, logs, fixtureOf, console: consoleLines };
}
