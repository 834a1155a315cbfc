// What the hosts cost a reader (npm run bench:hosts; needs Thunderbird and Chromium):
//  - the gzip size of each bundle the add-on and the demo page load;
//  - in real Thunderbird, the time from messages.getRaw to the banner showing
//    the local answer and the final one, for a typical signed message
//    (the 2.7 KB sample, ten copies), against `openssl cms -verify` of the same
//    message in the same run;
//  - the demo page's cold start in Chromium: navigation to the first report shown.
// Timings on this shared machine are noisy; run it twice before quoting figures.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../scripts/launch-chromium.mjs";
import { runThunderbird, THUNDERBIRD } from "../scripts/run-thunderbird.mjs";
import { serveDemo } from "../scripts/serve-demo.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const gz = (f) => gzipSync(readFileSync(join(root, "dist", f)), { level: 9 }).length;
console.log("Bundle sizes (minified / gzip -9); chunks are loaded when first needed:");
const entries = ["thunderbird/banner.js", "thunderbird/popup.js", "thunderbird/options.js", "thunderbird/background.js", "demo/demo.js", "outlook/taskpane.js"];
const chunks = readdirSync(join(root, "dist/thunderbird")).filter((f) => f.endsWith(".js") && !entries.includes(`thunderbird/${f}`)).map((f) => `thunderbird/${f}`);
for (const f of [...entries, ...chunks.sort()]) {
  console.log(`  ${f.padEnd(32)} ${kb(readFileSync(join(root, "dist", f)).length).padStart(10)} / ${kb(gz(f)).padStart(9)}`);
}
// What the background loads before it answers a first message: its script and the reader's catalogue.
for (const lang of ["en", "de"]) {
  const start = gz("thunderbird/background.js") + gz(`thunderbird/catalogue-${lang}.js`);
  console.log(`  background at start, ${lang} reader: ${(start / 1000).toFixed(1)} kB gzip (${kb(start)}); goal 160 kB`);
}
console.log(`  banner: ${(gz("thunderbird/banner.js") / 1000).toFixed(1)} kB gzip; goal 15 kB`);

const sample = readFileSync(join(root, "samples/01-signed-valid.eml"), "latin1");
const COPIES = 10;
const fixtures = Array.from({ length: COPIES }, (_, i) => ({ name: `typical-${i}.eml`, bytes: Buffer.from(sample.replace(/^Subject: .*$/m, `Subject: Signed by Alice #${i}`), "latin1") }));
const anchor = readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"));
const run = await runThunderbird({ fixtures, anchors: [anchor] });
const shownAt = (pending, field = "msSinceGetRaw") => fixtures.map((f) => run.banners.find((b) => b.verdict !== null && b.pending === pending && run.fixtureOf(b.messageId) === f.name)?.[field]).filter((x) => typeof x === "number");
const local = shownAt(true);
const final = shownAt(false);
const rawDone = shownAt(false, "msRaw");
const inspectLocal = shownAt(false, "msInspectLocal");
const inspectFinal = shownAt(false, "msInspectFinal");
if (final.length !== COPIES) throw new Error(`only ${final.length} of ${COPIES} banners reported: ${JSON.stringify(run.logs)}`);

const dir = mkdtempSync(join(tmpdir(), "signet-bench-"));
writeFileSync(join(dir, "m.eml"), fixtures[0].bytes);
const openssl = [];
for (let i = 0; i < COPIES; i++) {
  const t = process.hrtime.bigint();
  execFileSync("openssl", ["cms", "-verify", "-CAfile", join(root, "samples/certs/signet-sample-root-ca.pem"), "-in", join(dir, "m.eml"), "-out", "/dev/null"], { stdio: "ignore" });
  openssl.push(Number(process.hrtime.bigint() - t) / 1e6);
}
rmSync(dir, { recursive: true, force: true });

console.log(`\nThunderbird ${spawnSync(THUNDERBIRD, ["--version"], { encoding: "utf8" }).stdout.trim()}: ms from getRaw to banner, ${COPIES} copies of a 2.7 KB signed message`);
console.log(`  first message (cold page):     local ${local[0]} ms, final ${final[0]} ms`);
console.log(`  the others, median:            local ${median(local.slice(1))} ms, final ${median(final.slice(1))} ms`);
console.log(`  in the background (median): getRaw's bytes at ${median(rawDone.slice(1))} ms, local answer at ${median(inspectLocal.slice(1))} ms, final at ${median(inspectFinal.slice(1))} ms`);
console.log(`  openssl cms -verify (process): median ${median(openssl).toFixed(1)} ms`);
console.log(`  ratio, banner final / openssl: ${(median(final.slice(1)) / median(openssl)).toFixed(2)}`);

const server = await serveDemo(0);
const browser = await launchChromium();
const cold = [];
for (let i = 0; i < 5; i++) {
  const page = await (await browser.newContext()).newPage();
  const t = Date.now();
  await page.goto(`${server.url}#01-signed-valid.eml`);
  await page.locator('.report[data-pending="false"][data-verdict="verified"]').waitFor();
  cold.push(Date.now() - t);
  await page.context().close();
}
await browser.close();
await server.close();
console.log(`\nDemo page in Chromium, navigation to first report shown (fresh context each): median ${median(cold)} ms (${cold.join(", ")})`);
