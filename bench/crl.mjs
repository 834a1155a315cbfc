// Benchmark: CRL parse time and lookups per second for CRLs of 1,000 / 100,000 /
// 1,000,000 entries made by `openssl ca -gencrl`, against `openssl crl -noout`
// reading the same file (one process each, so its figure includes start-up).
//
//   npm run bench:crl            (BENCH_CRL_SIZES=1000,100000,1000000 by default)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseCrl, findEntry } from "../build/core/revocation/crl.js";

const sizes = (process.env.BENCH_CRL_SIZES ?? "1000,100000,1000000").split(",").map(Number);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-crl-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });

try {
  writeFileSync(join(dir, "req.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
  ossl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-subj", "/CN=Bench CRL CA", "-days", "30", "-config", "req.cnf", "-extensions", "v3", "-out", "ca.pem"]);
  console.log(`signet CRL bench; ${ossl(["version"]).toString().trim()}`);
  console.log("entries      size      signet parse   openssl crl -noout   lookups/s");
  for (const n of sizes) {
    // openssl ca's database: one revoked line per entry (status, expiry, revocation[,reason], serial, file, subject).
    const lines = [];
    for (let i = 1; i <= n; i++) lines.push(`R\t301231000000Z\t250101000000Z,keyCompromise\t${i.toString(16).toUpperCase().padStart(8, "0")}\tunknown\t/CN=c${i}`);
    writeFileSync(join(dir, "index.txt"), lines.join("\n") + "\n");
    writeFileSync(join(dir, "crlnumber"), "01\n");
    writeFileSync(join(dir, "ca.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\n");
    ossl(["ca", "-config", "ca.cnf", "-gencrl", "-cert", "ca.pem", "-keyfile", "ca.key", "-out", "crl.pem"]);
    ossl(["crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der"]);
    const der = new Uint8Array(readFileSync(join(dir, "crl.der")));
    parseCrl(der); // warm-up
    let t = performance.now();
    const crl = parseCrl(der);
    const parseMs = performance.now() - t;
    if ("error" in crl || crl.entries.size !== n) throw new Error(`parse failed: ${"error" in crl ? crl.error : crl.entries.size}`);
    t = performance.now();
    ossl(["crl", "-inform", "DER", "-in", "crl.der", "-noout"]);
    const opensslMs = performance.now() - t;
    const serials = Array.from({ length: 100_000 }, (_, i) => {
      const v = (i * 7919) % (2 * n) + 1; // half present, half absent
      const hex = v.toString(16).padStart(8, "0");
      return Uint8Array.from(hex.match(/../g).map((h) => parseInt(h, 16)));
    });
    t = performance.now();
    let hits = 0;
    for (const s of serials) if (findEntry(crl, crl.issuerKey, s)) hits++;
    const lookups = serials.length / ((performance.now() - t) / 1000);
    console.log(`${String(n).padStart(9)}  ${(der.length / 1048576).toFixed(1).padStart(6)} MiB  ${parseMs.toFixed(1).padStart(10)} ms  ${opensslMs.toFixed(1).padStart(14)} ms   ${Math.round(lookups).toLocaleString("en").padStart(10)}   (${hits} hits)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
