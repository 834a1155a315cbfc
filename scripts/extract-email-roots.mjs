#!/usr/bin/env node
// Extracts the roots Mozilla trusts for email (the NSS "email protection" trust
// bit, not the TLS list) into src/core/trust/bundled-roots.ts.
//
//   node scripts/extract-email-roots.mjs                 from Debian's NSS builtins
//                                                         (libnss3 + certutil/modutil from libnss3-tools)
//   node scripts/extract-email-roots.mjs --certdata F    from a certdata.txt a maintainer supplies
//   --out FILE                                           write elsewhere (tests)
//
// Expired roots are dropped. The output records where the roots came from and when.
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const OUT = option("--out") ?? join(root, "src/core/trust/bundled-roots.ts");

/** Certificates printed one after another: each a DER SEQUENCE, told apart by its length octets. */
function splitDer(bytes) {
  const out = [];
  for (let p = 0; p < bytes.length; ) {
    if (bytes[p] !== 0x30) throw new Error(`not a certificate at offset ${p}`);
    let length = bytes[p + 1];
    let head = 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[p + 2 + i];
      head += n;
    }
    out.push(bytes.subarray(p, p + head + length));
    p += head + length;
  }
  return out;
}

/** NSS builtins through certutil: keep certificates whose S/MIME trust flags include "C". */
function fromNss() {
  const lib = ["/usr/lib/x86_64-linux-gnu/libnssckbi.so", "/usr/lib/aarch64-linux-gnu/libnssckbi.so", "/usr/lib/libnssckbi.so"].find(existsSync);
  if (!lib) throw new Error("libnssckbi.so not found: apt-get install libnss3 libnss3-tools");
  const db = mkdtempSync(join(tmpdir(), "signet-nss-"));
  try {
    execFileSync("certutil", ["-N", "-d", `sql:${db}`, "--empty-password"]);
    execFileSync("modutil", ["-dbdir", `sql:${db}`, "-add", "Builtins", "-libfile", lib, "-force"], { stdio: "ignore" });
    const listing = execFileSync("certutil", ["-L", "-d", `sql:${db}`, "-h", "all"]).toString();
    const roots = [];
    for (const line of listing.split("\n")) {
      // "Builtin Object Token:Name            C,C, " : SSL, S/MIME, JAR/XPI trust flags.
      const m = /^(Builtin Object Token:.*?)\s+([a-zA-Z]*),([a-zA-Z]*),([a-zA-Z]*)\s*$/.exec(line);
      if (!m || !m[3].includes("C")) continue;
      // -r prints every certificate with that nickname, one DER after another (NSS has two
      // "Autoridad de Certificacion Firmaprofesional CIF A62634068"); each is a root of its own.
      const ders = splitDer(execFileSync("certutil", ["-L", "-d", `sql:${db}`, "-n", m[1], "-r"]));
      for (const der of ders) roots.push({ name: m[1].replace("Builtin Object Token:", ""), der });
    }
    const version = execFileSync("dpkg-query", ["-W", "-f", "${Version}", "libnss3"]).toString();
    return { roots, source: `NSS builtins from Debian libnss3 ${version}` };
  } finally {
    rmSync(db, { recursive: true, force: true });
  }
}

/** certdata.txt: certificate objects, and trust objects with CKA_TRUST_EMAIL_PROTECTION CKT_NSS_TRUSTED_DELEGATOR. */
function fromCertdata(file) {
  const text = readFileSync(file, "latin1");
  const octal = (block) => Buffer.from(block.trim().split("\\").filter(Boolean).map((o) => parseInt(o, 8)));
  const objects = text.split(/\n(?=CKA_CLASS )/).map((chunk) => {
    const attrs = {};
    for (const m of chunk.matchAll(/^(CKA_\w+) (\w+)(?: (.*))?$/gm)) {
      if (m[2] === "MULTILINE_OCTAL") {
        const start = m.index + m[0].length + 1;
        attrs[m[1]] = octal(chunk.slice(start, chunk.indexOf("\nEND", start)));
      } else attrs[m[1]] = m[3] ?? m[2];
    }
    return attrs;
  });
  const trusted = new Set(
    objects
      .filter((o) => o.CKA_CLASS === "CKO_NSS_TRUST" && o.CKA_TRUST_EMAIL_PROTECTION === "CKT_NSS_TRUSTED_DELEGATOR" && o.CKA_CERT_SHA1_HASH)
      .map((o) => o.CKA_CERT_SHA1_HASH.toString("hex")),
  );
  const roots = objects
    .filter((o) => o.CKA_CLASS === "CKO_CERTIFICATE" && o.CKA_VALUE)
    .filter((o) => trusted.has(createHash("sha1").update(o.CKA_VALUE).digest("hex")))
    .map((o) => ({ name: String(o.CKA_LABEL ?? "").replace(/^"|"$/g, ""), der: o.CKA_VALUE }));
  const revision = /CVS_ID\s+"([^"]*)"/.exec(text)?.[1] ?? file;
  return { roots, source: `certdata.txt (${revision})` };
}

const certdata = option("--certdata");
const { roots, source } = certdata ? fromCertdata(certdata) : fromNss();
const now = new Date();
const kept = [];
const dropped = [];
const seen = new Set();
for (const r of roots) {
  // A nickname listed twice prints its certificates twice: each DER is kept once.
  const id = createHash("sha256").update(r.der).digest("hex");
  if (seen.has(id)) continue;
  seen.add(id);
  const notAfter = new Date(new X509Certificate(r.der).validTo);
  (notAfter > now ? kept : dropped).push(r);
}
kept.sort((a, b) => a.name.localeCompare(b.name));
const body = kept.map((r) => `  [${JSON.stringify(r.name)}, ${JSON.stringify(r.der.toString("base64"))}],`).join("\n");
writeFileSync(
  OUT,
  `// Generated by scripts/extract-email-roots.mjs; do not edit by hand.
// The roots Mozilla trusts for email protection, expired ones dropped.

export const BUNDLED_ROOTS_INFO = {
  source: ${JSON.stringify(source)},
  extracted: ${JSON.stringify(now.toISOString().slice(0, 10))},
  count: ${kept.length},
  droppedExpired: ${JSON.stringify(dropped.map((r) => r.name))},
} as const;

/** [name, base64 DER] */
export const BUNDLED_ROOTS: readonly (readonly [string, string])[] = [
${body}
];
`,
);
console.log(`${kept.length} email roots from ${source} written to ${OUT}; ${dropped.length} expired dropped`);
console.log("now index them: npm run prepare && node scripts/index-bundled-roots.mjs");
