// Benchmark: path building and validation for a three-certificate chain
// (leaf <- intermediate <- root) while the issuer sources hold the bundled
// roots plus 100, 1,000 and 10,000 unrelated intermediates. Prints chains per
// second and the ratio to the floor: the two signature checks alone. For
// reference, `openssl verify` on the same chain, per process.
//
//   npm run bench:path
import "reflect-metadata";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { bundledAnchors, CertificatePool, CertificateView, DEFAULT_PATH_BUDGET, TrustStore } from "../build/core/index.js";
import { buildPath } from "../build/core/path/builder.js";
import { validatePath } from "../build/core/policy/path-validation.js";
import { smimeProfile } from "../build/core/policy/profile.js";
import { verifyIssuedBy } from "../build/core/x509/issued-by.js";

x509.cryptoProvider.set(webcrypto);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-path-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
const ITER = Number(process.env.BENCH_CHAINS ?? 300);

function chain() {
  writeFileSync(join(dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
  writeFileSync(join(dir, "ee.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\nsubjectAltName=email:a@example.org\nauthorityKeyIdentifier=keyid\n");
  writeFileSync(join(dir, "req.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n");
  ossl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key", "-subj", "/CN=Bench Root", "-days", "30", "-config", "req.cnf", "-extensions", "v3", "-out", "root.pem"]);
  for (const [name, issuer, ext] of [["inter", "root", "ca.ext"], ["leaf", "inter", "ee.ext"]]) {
    ossl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-subj", `/CN=Bench ${name}`, "-config", "req.cnf", "-out", `${name}.csr`]);
    ossl(["x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-set_serial", "9", "-days", "30", "-extfile", ext, "-out", `${name}.pem`]);
  }
  const der = (n) => ossl(["x509", "-in", `${n}.pem`, "-outform", "DER"]);
  return { root: der("root"), inter: der("inter"), leaf: der("leaf") };
}

/** Unrelated intermediates: one key, many subjects, signed by an unrelated CA (fast to make, distinct to index). */
async function unrelated(count) {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const out = [];
  for (let i = 0; i < count; i++) {
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: (i + 1).toString(16).padStart(8, "0"),
      subject: `CN=Unrelated Intermediate ${i}, O=Bench ${i % 97}`,
      issuer: "CN=Unrelated Root",
      notBefore: new Date(Date.now() - 86400000),
      notAfter: new Date(Date.now() + 86400000 * 30),
      signingAlgorithm: alg,
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
    });
    out.push(new Uint8Array(cert.rawData));
  }
  return out;
}

try {
  const c = chain();
  const policy = smimeProfile({});
  const anchors = [...bundledAnchors(), { certificate: CertificateView.fromDer(c.root), source: "option" }];
  const store = await TrustStore.create(anchors);
  const extra = await unrelated(10_000);
  const pem = (b) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(b).toString("base64")}\n-----END CERTIFICATE-----\n`;
  writeFileSync(join(dir, "untrusted.pem"), pem(c.inter));
  writeFileSync(join(dir, "leaf1.pem"), pem(c.leaf));

  // The floor: the two signature checks of the chain, on parsed certificates.
  const leafV = CertificateView.fromDer(c.leaf);
  const interV = CertificateView.fromDer(c.inter);
  const rootV = CertificateView.fromDer(c.root);
  for (let i = 0; i < 20; i++) await verifyIssuedBy(leafV, interV);
  let t = performance.now();
  for (let i = 0; i < ITER; i++) {
    await verifyIssuedBy(leafV, interV);
    await verifyIssuedBy(interV, rootV);
  }
  const floorMs = (performance.now() - t) / ITER;

  t = performance.now();
  const OSSL = 20;
  for (let i = 0; i < OSSL; i++) ossl(["verify", "-CAfile", "root.pem", "-untrusted", "untrusted.pem", "-purpose", "smimesign", "leaf1.pem"]);
  const opensslMs = (performance.now() - t) / OSSL;

  console.log(`signet path bench: leaf <- intermediate <- root, ${store.size} anchors (${bundledAnchors().length} bundled), ${ITER} chains per row`);
  console.log(`floor (2 signature checks): ${floorMs.toFixed(3)} ms/chain; openssl verify (one process per chain): ${opensslMs.toFixed(1)} ms/chain`);
  console.log("intermediates   ms/chain   chains/s   ratio to floor");
  for (const n of [100, 1_000, 10_000]) {
    const pool = new CertificatePool("cache", extra.slice(0, n).map((d) => CertificateView.fromDer(d)));
    pool.add(CertificateView.fromDer(c.inter));
    const run = async () => {
      // Fresh views each time: a new message's certificates are parsed anew.
      const leaf = CertificateView.fromDer(c.leaf);
      const r = await buildPath(leaf, { store, sources: [pool], validate: async (ch) => validatePath(ch, policy), budget: DEFAULT_PATH_BUDGET, now: () => Date.now() });
      if (!r.chosen) throw new Error("bench chain did not validate");
    };
    for (let i = 0; i < 20; i++) await run();
    t = performance.now();
    for (let i = 0; i < ITER; i++) await run();
    const ms = (performance.now() - t) / ITER;
    console.log(`${String(n).padStart(13)}   ${ms.toFixed(3).padStart(8)}   ${(1000 / ms).toFixed(0).padStart(8)}   ${(ms / floorMs).toFixed(2).padStart(14)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
