/**
 * The bundled roots and the script that makes them. The script's certdata.txt
 * mode is checked on a certdata.txt written here from OpenSSL-made roots, in
 * NSS's own format (MULTILINE_OCTAL values, CKO_NSS_TRUST objects matched by
 * SHA-1): only the root with the email trust bit may come out.
 */
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_ROOTS, BUNDLED_ROOTS_INFO } from "../../src/core/trust/bundled-roots.js";
import { BUNDLED_ROOTS_INDEX, BUNDLED_ROOTS_INFO as BUNDLED_INFO_OF_INDEX } from "../../src/core/trust/bundled-index.js";
import { indexedBundledAnchors } from "../../src/core/trust/bundled.js";
import { TrustStore, type TrustAnchor } from "../../src/core/trust/trust-store.js";
import { bundledAnchors, CertificateView } from "../../src/core/index.js";
import { OpensslPki } from "../helpers/pki.js";

const root = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "signet-roots-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("bundled email roots", () => {
  it("every bundled root parses, is self-issued, and is valid today; the count matches the record", async () => {
    expect(BUNDLED_ROOTS.length).toBe(BUNDLED_ROOTS_INFO.count);
    expect(BUNDLED_ROOTS.length).toBeGreaterThan(50);
    for (const [name, b64] of BUNDLED_ROOTS) {
      const der = Buffer.from(b64, "base64");
      const x = new X509Certificate(der); // Node's own parser, not ours
      // One certificate per entry, nothing after it (certutil -r prints every certificate of a nickname).
      expect(x.raw.length, name).toBe(der.length);
      // Some are version 1 certificates without basicConstraints (Verisign Class 1 G3): anchors need not say CA.
      expect(x.checkIssued(x), name).toBe(true);
      expect(new Date(x.validTo).getTime(), name).toBeGreaterThan(Date.now());
    }
    expect((await bundledAnchors()).every((a) => a.source === "bundled")).toBe(true);
  });

  it("the build-time index carries the roots' provenance as bundled-roots.ts gives it", () => {
    expect(BUNDLED_INFO_OF_INDEX).toEqual(BUNDLED_ROOTS_INFO);
  });

  it("the build-time index names each root by its subject's name key and its SHA-256 (a stale index fails here)", () => {
    expect(BUNDLED_ROOTS_INDEX.length).toBe(BUNDLED_ROOTS.length);
    BUNDLED_ROOTS.forEach(([name, b64], i) => {
      const der = Buffer.from(b64, "base64");
      const [subjectKey, fingerprint] = BUNDLED_ROOTS_INDEX[i]!;
      expect(fingerprint, name).toBe(createHash("sha256").update(der).digest("hex")); // Node's hash, not ours
      expect(subjectKey, name).toBe(CertificateView.fromDer(new Uint8Array(der)).subjectKey);
    });
  });

  it("a store of indexed anchors parses none until one is asked for, and then only the ones with that name or fingerprint", async () => {
    const loaded: number[] = [];
    const indexed = indexedBundledAnchors().map((a, i) => ({ ...a, load: (): Promise<TrustAnchor> => (loaded.push(i), a.load()) }));
    const store = await TrustStore.create(indexed, [BUNDLED_ROOTS_INDEX[1]![1]]);
    expect(loaded).toEqual([]);
    expect(new Set(BUNDLED_ROOTS_INDEX.map(([, fp]) => fp)).size).toBe(BUNDLED_ROOTS.length); // each root once
    expect(store.size).toBe(BUNDLED_ROOTS.length - 1);
    const amazon = BUNDLED_ROOTS.findIndex(([name]) => name === "Amazon Root CA 1");
    const found = await store.anchorsNamed(BUNDLED_ROOTS_INDEX[amazon]![0]);
    expect(found.map((a) => a.certificate.subjectKey)).toEqual([BUNDLED_ROOTS_INDEX[amazon]![0]]);
    expect(found[0]!.source).toBe("bundled");
    expect(loaded).toEqual([amazon]);
    const other = CertificateView.fromDer(new Uint8Array(Buffer.from(BUNDLED_ROOTS[3]![1], "base64")));
    expect((await store.anchorOf(other))?.certificate.der).toEqual(other.der);
    expect(loaded).toEqual([amazon, 3]);
    // The distrusted root is neither found by its name nor by its fingerprint.
    const distrusted = CertificateView.fromDer(new Uint8Array(Buffer.from(BUNDLED_ROOTS[1]![1], "base64")));
    expect(await store.anchorsNamed(distrusted.subjectKey)).toEqual([]);
    expect(await store.anchorOf(distrusted)).toBeNull();
  });
});

function octal(der: Buffer): string {
  const parts = [...der].map((b) => "\\" + b.toString(8).padStart(3, "0"));
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 16) lines.push(parts.slice(i, i + 16).join(""));
  return lines.join("\n");
}

describe("scripts/extract-email-roots.mjs --certdata", () => {
  it("keeps exactly the roots whose email trust is CKT_NSS_TRUSTED_DELEGATOR, and drops expired ones", () => {
    const pki = new OpensslPki();
    try {
      const email = pki.makeCa("Email Root");
      const tls = pki.makeCa("TLS Only Root");
      const der = (f: string): Buffer => pki.run(["x509", "-in", f, "-outform", "DER"]);
      const object = (label: string, cert: Buffer, emailTrust: string): string =>
        `CKA_CLASS CK_OBJECT_CLASS CKO_CERTIFICATE\nCKA_TOKEN CK_BBOOL CK_TRUE\nCKA_LABEL UTF8 "${label}"\nCKA_VALUE MULTILINE_OCTAL\n${octal(cert)}\nEND\n\n` +
        `CKA_CLASS CK_OBJECT_CLASS CKO_NSS_TRUST\nCKA_LABEL UTF8 "${label}"\nCKA_CERT_SHA1_HASH MULTILINE_OCTAL\n${octal(createHash("sha1").update(cert).digest())}\nEND\n` +
        `CKA_TRUST_SERVER_AUTH CK_TRUST CKT_NSS_TRUSTED_DELEGATOR\nCKA_TRUST_EMAIL_PROTECTION CK_TRUST ${emailTrust}\n\n`;
      const certdata = `CVS_ID "test certdata"\n\n${object("Email Root", der(email.cert), "CKT_NSS_TRUSTED_DELEGATOR")}${object("TLS Only Root", der(tls.cert), "CKT_NSS_MUST_VERIFY_TRUST")}`;
      writeFileSync(join(tmp, "certdata.txt"), certdata);
      const out = join(tmp, "roots.ts");
      execFileSync(process.execPath, [join(root, "scripts/extract-email-roots.mjs"), "--certdata", join(tmp, "certdata.txt"), "--out", out]);
      const text = readFileSync(out, "utf8");
      expect(text).toContain('source: "certdata.txt (test certdata)"');
      expect(text).toContain("count: 1,");
      expect(text).toContain(`["Email Root", "${der(email.cert).toString("base64")}"]`);
      expect(text).not.toContain("TLS Only Root");
    } finally {
      pki.cleanup();
    }
  });
});
