// Benchmark: decrypting a large message (20 MB by default) with AES-256-CBC and AES-256-GCM,
// against `openssl cms -decrypt` on the same file and key in the same run; Signet's peak memory
// against the message size; and the key store's passphrase unlock (PBKDF2-SHA-256, 600,000).
//
//   npm run bench:decrypt          (BENCH_DECRYPT_MB=20 by default)
//
// Each Signet figure comes from a child process of its own, so its peak RSS is its own.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--child") {
  // One decryption, full inspection (the walk, the body extraction), timed after the key is read.
  const [, , , file, p12] = process.argv;
  const { identitiesFromPkcs12, inspectMessage, keyDecryptor } = await import("../build/core/index.js");
  const keys = await identitiesFromPkcs12(new Uint8Array(readFileSync(p12)), "bench");
  // What Node and Signet's code hold before the message arrives: subtracted, so the figure is the message's cost.
  const baseline = process.memoryUsage().rss / 1048576;
  const message = new Uint8Array(readFileSync(file).buffer);
  const t = performance.now();
  const r = await inspectMessage(message, { clock: { now: () => new Date() }, decryptors: [keyDecryptor(keys.identities)] });
  const ms = performance.now() - t;
  if (r.encryption !== "decrypted") throw new Error(`not decrypted: ${r.encryption}`);
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 - baseline }));
  process.exit(0);
}

const mb = Number(process.env.BENCH_DECRYPT_MB ?? 20);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-dec-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
const best = (runs) => Math.min(...runs);

try {
  ossl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=bench", "-days", "2"]);
  ossl(["pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", "k.p12", "-passout", "pass:bench"]);
  // A text body of base64 lines, as a large attachment travels.
  const line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n";
  const body = line.repeat(Math.ceil((mb * 1048576) / line.length));
  writeFileSync(join(dir, "plain.eml"), `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}`);
  console.log(`signet decrypt bench; ${ossl(["version"]).toString().trim()}; ${mb} MiB of content`);
  console.log("cipher        message   signet (inspect)   openssl cms -decrypt   throughput vs openssl   signet peak RSS above its start");
  for (const [name, flag] of [["AES-256-CBC", "-aes256"], ["AES-256-GCM", "-aes-256-gcm"]]) {
    ossl(["cms", "-encrypt", "-binary", flag, "-in", "plain.eml", "-out", "enc.eml", "c.pem"]);
    const size = readFileSync(join(dir, "enc.eml")).length;
    const signet = [];
    let rss = 0;
    for (let i = 0; i < 3; i++) {
      const child = spawnSync(process.execPath, [self, "--child", join(dir, "enc.eml"), join(dir, "k.p12")], { encoding: "utf8", maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(child.stderr);
      const { ms, maxRssMb } = JSON.parse(child.stdout);
      signet.push(ms);
      rss = Math.max(rss, maxRssMb);
    }
    const openssl = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      ossl(["cms", "-decrypt", "-binary", "-in", "enc.eml", "-recip", "c.pem", "-inkey", "k.pem", "-out", "/dev/null"]);
      openssl.push(performance.now() - t);
    }
    const s = best(signet);
    const o = best(openssl);
    console.log(
      `${name}  ${(size / 1048576).toFixed(1).padStart(6)} MiB  ${s.toFixed(0).padStart(12)} ms  ${o.toFixed(0).padStart(16)} ms  ${(o / s).toFixed(2).padStart(18)}x  ${rss.toFixed(0).padStart(10)} MB (${(rss / (size / 1048576)).toFixed(1)}x the message)`,
    );
  }
  // RFC 3218: a wrong padding must not be told by its time. The key transport alone, on ciphertexts whose
  // padding is right and on ciphertexts of random bytes (wrong padding), interleaved, medians compared.
  const { decryptPkcs1v15Key } = await import("../build/core/crypto/rsa-decrypt.js");
  const { identitiesFromPkcs12 } = await import("../build/core/index.js");
  const id = (await identitiesFromPkcs12(new Uint8Array(readFileSync(join(dir, "k.p12"))), "bench")).identities[0];
  const good = [];
  const bad = [];
  for (let i = 0; i < 200; i++) {
    writeFileSync(join(dir, "cek.bin"), crypto.getRandomValues(new Uint8Array(32)));
    good.push(new Uint8Array(ossl(["pkeyutl", "-encrypt", "-certin", "-inkey", "c.pem", "-in", "cek.bin"])));
    bad.push(crypto.getRandomValues(new Uint8Array(256)).map((b, j) => (j === 0 ? 0 : b)));
  }
  const times = { good: [], bad: [] };
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < good.length; i++) {
      for (const [kind, ct] of [["good", good[i]], ["bad", bad[i]]]) {
        const t = performance.now();
        decryptPkcs1v15Key(id.rsa, ct, 32);
        times[kind].push(performance.now() - t);
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`RSA-2048 PKCS#1 v1.5 key transport (RFC 3218), ${times.good.length} each: right padding ${median(times.good).toFixed(3)} ms, wrong padding ${median(times.bad).toFixed(3)} ms (ratio ${(median(times.bad) / median(times.good)).toFixed(3)})`);
  // The passphrase's cost: what unlocking the key store asks of the user's machine each time.
  const { sealingKey, newKdfParams, DEFAULT_PASSPHRASE_ITERATIONS } = await import("../build/core/keys/passphrase.js");
  const unlock = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await sealingKey("a passphrase of some length", newKdfParams());
    unlock.push(performance.now() - t);
  }
  console.log(`passphrase unlock: PBKDF2-HMAC-SHA-256 x ${DEFAULT_PASSPHRASE_ITERATIONS.toLocaleString("en")}: ${best(unlock).toFixed(0)} ms (best of 3)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
