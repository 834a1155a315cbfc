// Benchmark: inspecting 100 messages from one signer whose certificate names a
// live OCSP responder on 127.0.0.1 (OpenSSL's responder, `openssl ocsp
// -reqin/-respout`, behind a small server), with a cold cache (every message
// asks) against a warm one (the first answer is reused until its nextUpdate).
// For reference, `openssl ocsp` as the client asks the same responder 100 times.
//
//   npm run bench:revocation
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { inspectMessage, readCertificates, TrustStore } from "../build/core/index.js";
// The responder is on 127.0.0.1, which the default Fetcher refuses.
import { privateNetworkFetcher } from "../build/cli/node-fetcher.js";

const N = Number(process.env.BENCH_MESSAGES ?? 100);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-rev-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
let requests = 0;

class MemoryStore {
  map = new Map();
  async get(k) { return this.map.get(k) ?? null; }
  async put(k, v) { this.map.set(k, v); }
  async delete(k) { this.map.delete(k); }
  async list(p) { return [...this.map.keys()].filter((k) => k.startsWith(p)); }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    requests++;
    const der = req.method === "POST" ? Buffer.concat(chunks) : Buffer.from(decodeURIComponent(req.url.slice("/ocsp/".length)), "base64");
    const id = requests;
    writeFileSync(join(dir, `q${id}.der`), der);
    ossl(["ocsp", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", "ca.pem", "-rkey", "ca.key", "-reqin", `q${id}.der`, "-respout", `r${id}.der`, "-ndays", "1"]);
    res.writeHead(200, { "content-type": "application/ocsp-response" });
    res.end(readFileSync(join(dir, `r${id}.der`)));
  });
});

try {
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}/ocsp`;
  writeFileSync(join(dir, "ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
  ossl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-subj", "/CN=Bench OCSP CA", "-days", "30", "-config", "ca.cnf", "-extensions", "v3", "-out", "ca.pem"]);
  ossl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ee.key", "-subj", "/CN=Alice", "-config", "ca.cnf", "-out", "ee.csr"]);
  writeFileSync(join(dir, "ee.ext"), `subjectAltName=email:alice@example.org\nextendedKeyUsage=emailProtection\nauthorityInfoAccess=OCSP;URI:${url}\n`);
  ossl(["x509", "-req", "-in", "ee.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4660", "-days", "30", "-extfile", "ee.ext", "-out", "ee.pem"]);
  // The responder's database: one valid certificate, serial 0x1234.
  writeFileSync(join(dir, "index.txt"), "V\t301231000000Z\t\t1234\tunknown\t/CN=Alice\n");
  writeFileSync(join(dir, "msg.txt"), "Content-Type: text/plain\n\nbench\n");
  ossl(["cms", "-sign", "-in", "msg.txt", "-signer", "ee.pem", "-inkey", "ee.key", "-from", "alice@example.org", "-out", "msg.eml"]);
  const msg = new Uint8Array(Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), readFileSync(join(dir, "msg.eml"))]));
  const anchor = readCertificates(readFileSync(join(dir, "ca.pem"))).certificates[0];
  const trust = { store: await TrustStore.create([{ certificate: anchor, source: "option" }]) };
  const run = async (store) => {
    const r = await inspectMessage(msg, { clock: { now: () => new Date() }, fetcher: privateNetworkFetcher, store }, { trust });
    if (r.revocation !== "good") throw new Error(`revocation ${r.revocation}: ${JSON.stringify(r.issues)}`);
  };
  await run(new MemoryStore()); // warm-up

  requests = 0;
  let t = performance.now();
  for (let i = 0; i < N; i++) await run(new MemoryStore());
  const cold = performance.now() - t;
  const coldRequests = requests;

  requests = 0;
  const shared = new MemoryStore();
  t = performance.now();
  for (let i = 0; i < N; i++) await run(shared);
  const warm = performance.now() - t;
  const warmRequests = requests;

  requests = 0;
  t = performance.now();
  // Asynchronously: the responder runs in this process and must stay free to answer.
  const run1 = promisify(execFile);
  for (let i = 0; i < N; i++) await run1("openssl", ["ocsp", "-issuer", "ca.pem", "-cert", "ee.pem", "-url", url, "-CAfile", "ca.pem", "-no_nonce"], { cwd: dir });
  const opensslClient = performance.now() - t;

  console.log(`signet revocation bench: ${N} messages from one signer, live OCSP responder on 127.0.0.1`);
  console.log(`  cold cache: ${cold.toFixed(0)} ms (${(cold / N).toFixed(1)} ms/message), ${coldRequests} OCSP requests`);
  console.log(`  warm cache: ${warm.toFixed(0)} ms (${(warm / N).toFixed(1)} ms/message), ${warmRequests} OCSP request(s)`);
  console.log(`  ratio cold/warm: ${(cold / warm).toFixed(1)}`);
  console.log(`  openssl ocsp as the client, ${N} queries: ${opensslClient.toFixed(0)} ms (${(opensslClient / N).toFixed(1)} ms each, process start-up included)`);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
