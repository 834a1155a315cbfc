// The Outlook side under load (npm run bench:outlook; needs Chromium):
//  - the relay (`signet serve`, in its own process, over HTTPS) under a bounded load from
//    loopback: CONCURRENCY clients for SECONDS each, OCSP POSTs, with a warm
//    cache (one request, answered from the cache) and a cold one (every request
//    a new URL, so every one goes to the responder: OpenSSL's, `openssl ocsp
//    -reqin/-respout` behind a small server on 127.0.0.1); for reference, the
//    same load straight at the responder;
//  - the pane in Chromium: from the stubbed getAsFileAsync answering to the
//    final verdict on screen, for the typical 2.7 KB sample and for a message
//    whose signer's OCSP answer comes through the relay, against
//    `openssl cms -verify` of the same messages in the same run.
// Timings on this shared machine are noisy; run it twice before quoting figures.
import { execFile, execFileSync, spawn } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { launchChromium } from "../scripts/launch-chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PANE_RUNS = Number(process.env.BENCH_PANE_RUNS ?? 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "signet-bench-outlook-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });

// A CA, a signer whose certificate names the responder, its OCSP request, and the responder.
let answered = 0;
const run = promisify(execFile);
// OpenSSL answers each request in its own process, so this server never blocks.
const responder = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const id = ++answered;
    writeFileSync(join(dir, `q${id}.der`), req.method === "POST" ? Buffer.concat(chunks) : Buffer.from(decodeURIComponent(req.url.split("/ocsp/")[1] ?? ""), "base64"));
    await run("openssl", ["ocsp", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ca.pem", "-rkey", "ca.key", "-reqin", `q${id}.der`, "-respout", `r${id}.der`, "-ndays", "1"], { cwd: dir });
    res.writeHead(200, { "content-type": "application/ocsp-response" }).end(readFileSync(join(dir, `r${id}.der`)));
    rmSync(join(dir, `q${id}.der`));
    rmSync(join(dir, `r${id}.der`));
  });
});
await new Promise((done) => responder.listen(0, "127.0.0.1", done));
const port = responder.address().port;
const ocspUrl = `http://127.0.0.1:${port}/ocsp`;
writeFileSync(join(dir, "ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
ossl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-subj", "/CN=Bench OCSP CA", "-days", "30", "-config", "ca.cnf", "-extensions", "v3", "-out", "ca.pem"]);
ossl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ee.key", "-subj", "/CN=Alice", "-config", "ca.cnf", "-out", "ee.csr"]);
writeFileSync(join(dir, "ee.ext"), `subjectAltName=email:alice@example.org\nextendedKeyUsage=emailProtection\nauthorityInfoAccess=OCSP;URI:${ocspUrl}\n`);
ossl(["x509", "-req", "-in", "ee.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4660", "-days", "30", "-extfile", "ee.ext", "-out", "ee.pem"]);
writeFileSync(join(dir, "index.txt"), "V\t301231000000Z\t\t1234\tunknown\t/CN=Alice\n");
ossl(["ocsp", "-issuer", "ca.pem", "-cert", "ee.pem", "-no_nonce", "-reqout", "req.der"]);
const ocspRequest = readFileSync(join(dir, "req.der"));
writeFileSync(join(dir, "msg.txt"), "Content-Type: text/plain\n\nbench\n");
ossl(["cms", "-sign", "-in", "msg.txt", "-signer", "ee.pem", "-inkey", "ee.key", "-from", "alice@example.org", "-to", "bob@example.org", "-subject", "OCSP bench", "-out", "msg.eml"]);
const ocspMessage = Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), readFileSync(join(dir, "msg.eml"))]);
writeFileSync(join(dir, "ocsp-msg.eml"), ocspMessage);

// `signet serve` as an operator runs it, with the responder's address and port allowed.
const server = spawn("node", [join(root, "scripts/signet.js"), "serve", "--port", "0", "--store", dir, "--allow-address", "127.0.0.1", "--allow-port", String(port), "--rate", "1000000"], { stdio: ["ignore", "pipe", "inherit"] });
const host = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (c) => {
    out += c;
    const url = out.match(/Signet for Outlook: (https:\/\/[^/]+)\/taskpane\.html/)?.[1];
    const origin = out.match(/its URLs name (https:\/\/\S+)\)/)?.[1];
    if (url && origin) resolve({ url, origin });
  });
  server.once("exit", (code) => reject(new Error(`signet serve exited with ${code}: ${out}`)));
});
server.stdout.resume();

/** CONCURRENCY clients sending `make(i)` for SECONDS; requests per second and the median latency. */
async function load(origin, make) {
  const pool = new Pool(origin, { connections: CONCURRENCY, connect: { rejectUnauthorized: false } });
  const until = performance.now() + SECONDS * 1000;
  const latencies = [];
  let n = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await pool.request(make(n++));
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  await pool.close();
  if (failed) throw new Error(`${failed} requests failed`);
  return { rps: latencies.length / SECONDS, median: median(latencies) };
}

const relayRequest = (url) => ({ path: "/relay", method: "POST", headers: { origin: host.origin, "x-signet-url": url, "x-signet-method": "POST", "content-type": "application/ocsp-request" }, body: ocspRequest });
const direct = await load(`http://127.0.0.1:${port}`, () => ({ path: "/ocsp", method: "POST", headers: { "content-type": "application/ocsp-request" }, body: ocspRequest }));
const cold = await load(host.url, (i) => relayRequest(`${ocspUrl}?cold=${i}`));
await load(host.url, () => relayRequest(ocspUrl)); // fills the cache
const warm = await load(host.url, () => relayRequest(ocspUrl));
const line = (name, r) => console.log(`  ${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s   median ${r.median.toFixed(1).padStart(6)} ms`);
console.log(`Relay under load: ${CONCURRENCY} concurrent clients on loopback, ${SECONDS} s each, OCSP POSTs`);
line("OpenSSL's responder, straight", direct);
line("through the relay, cold cache (every request", cold);
console.log("    upstream: the responder above)");
line("through the relay, warm cache", warm);
console.log(`  relay cold / responder straight: ${(cold.rps / direct.rps).toFixed(2)}x the throughput; warm / cold: ${(warm.rps / cold.rps).toFixed(0)}x`);

// The pane in Chromium.
const stub = readFileSync(join(root, "test/hosts/outlook/office-stub.js"), "utf8");
const typical = readFileSync(join(root, "samples/01-signed-valid.eml"));
const messages = {};
for (let i = 0; i < PANE_RUNS; i++) {
  messages[`typical-${i}`] = { eml: typical.toString("base64") };
  messages[`ocsp-${i}`] = { eml: ocspMessage.toString("base64") };
}
const browser = await launchChromium();
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 320, height: 900 } });
await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: stub }));
await context.addInitScript((cfg) => Object.assign(window, { __signetOfficeConfig: cfg }), { mailboxVersion: "1.14", platform: "OfficeOnline", messages, current: null });
const page = await context.newPage();
await page.goto(`${host.origin}/taskpane.html`);
await page.getByRole("tab", { name: "Trust" }).click();
for (const [name, pem] of [["samples-root.pem", readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"))], ["bench-root.pem", readFileSync(join(dir, "ca.pem"))]]) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: "application/x-pem-file", buffer: pem });
  await page.getByText(name).first().waitFor();
}
await page.getByRole("tab", { name: "Report" }).click();

/** ms from getAsFileAsync answering to the final report of `id` on screen, and its verdict. */
async function paneTime(id) {
  return page.evaluate(
    (item) =>
      new Promise((resolve) => {
        const seen = () => document.querySelector(`main[data-item="${item}"] .report[data-pending="false"]`);
        const observer = new MutationObserver(() => {
          const report = seen();
          if (!report) return;
          observer.disconnect();
          resolve({ ms: performance.now() - window.__signetOfficeCalls.answeredAt, verdict: report.getAttribute("data-verdict") });
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        window.__signetSelect(item);
      }),
    id,
  );
}

const opensslVerify = (file) => {
  const t = performance.now();
  execFileSync("openssl", ["cms", "-verify", "-CAfile", file === "typical" ? join(root, "samples/certs/signet-sample-root-ca.pem") : join(dir, "ca.pem"), "-in", file === "typical" ? join(root, "samples/01-signed-valid.eml") : join(dir, "ocsp-msg.eml"), "-out", "/dev/null"], { stdio: "ignore" });
  return performance.now() - t;
};

console.log(`\nThe pane in Chromium (${PANE_RUNS} messages each, median), against openssl cms -verify of the same message:`);
for (const kind of ["typical", "ocsp"]) {
  const times = [];
  for (let i = 0; i < PANE_RUNS; i++) {
    const r = await paneTime(`${kind}-${i}`);
    if (r.verdict !== "verified") throw new Error(`${kind}-${i}: ${r.verdict}`);
    times.push(r.ms);
  }
  const openssl = Array.from({ length: PANE_RUNS }, () => opensslVerify(kind));
  const label = kind === "typical" ? "typical 2.7 KB sample (no revocation URL)" : "signer with OCSP through the relay (cached after the first)";
  console.log(`  ${label.padEnd(62)} pane ${median(times).toFixed(1).padStart(6)} ms   openssl ${median(openssl).toFixed(1).padStart(6)} ms   ratio ${(median(times) / median(openssl)).toFixed(2)}x`);
}

await browser.close();
server.kill("SIGTERM");
responder.close();
rmSync(dir, { recursive: true, force: true });
