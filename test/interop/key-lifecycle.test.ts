/**
 * A key's life in the core's key store (src/core/keys/key-store.ts with
 * certificate-request.ts and pkcs12-write.ts), OpenSSL as the other side at
 * each step: the request `openssl req -verify` accepts and reads as an S/MIME
 * request, the certificate `openssl ca` issues from it taken in, mail `openssl
 * cms -encrypt` made for it opened, and the backup `openssl pkcs12` reads, its
 * key the one in the certificate. For RSA 3072 and EC P-256.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CertificateView, inspectMessage, KeyStore, type NewKeyType } from "../../src/core/index.js";
import { readPkcs12 } from "../../src/core/keys/pkcs12.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let stranger: Identity;
const clock = { now: () => new Date() };

beforeAll(() => {
  pki = new OpensslPki();
  stranger = pki.makeLeaf("life-stranger", pki.makeCa("LifeOtherCA"), { sanEmails: ["stranger@example.org"] });
  pki.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "life-ca.key", "-out", "life-ca.pem", "-subj", "/CN=Life CA", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  pki.write("index.txt", "");
  pki.write("serial", "1000\n");
  pki.write("ca.cnf", "[ca]\ndefault_ca=d\n[d]\ndir=.\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=copy\ndefault_days=365\nunique_subject=no\n[p]\ncommonName=supplied\n");
});
afterAll(() => pki.cleanup());

const der = (pem: string) => new Uint8Array(pki.run(["x509", "-in", pem, "-outform", "DER"]));

const cases: { type: NewKeyType; name?: string; cn: string; keyText: RegExp; usage: string; signature: string }[] = [
  { type: "rsa-3072", name: "Erin Example", cn: "Erin Example", keyText: /Public-Key: \(3072 bit\)/, usage: "Digital Signature, Key Encipherment", signature: "sha256WithRSAEncryption" },
  // Without a name, the address stands as the commonName.
  { type: "p256", cn: "frank@example.org", keyText: /ASN1 OID: prime256v1/, usage: "Digital Signature, Key Agreement", signature: "ecdsa-with-SHA256" },
];

describe("a new key pair becomes a working identity, and its backup opens in OpenSSL", () => {
  for (const c of cases) {
    it(`${c.type}: request, certificate, decryption, backup`, async () => {
      const email = c.cn.includes("@") ? c.cn : "erin@example.org";
      const store = new MemoryStore();
      const keys = new KeyStore(store, clock);
      expect(await keys.generate(c.type, { email })).toEqual({ ok: false, problem: "locked" });
      await keys.setPassphrase("a passphrase of the store", 60_000, 1000);
      const made = await keys.generate(c.type, { email, ...(c.name ? { name: c.name } : {}) });
      if (!made.ok) throw new Error("locked");
      expect(await keys.requestOf(made.id)).toBe(made.requestPem);
      expect(await keys.certificateOf(made.id)).toBeNull();
      expect((await keys.list()).map((k) => [k.id, k.state, k.keyType])).toEqual([[made.id, "pending", c.type === "p256" ? "EC P-256" : "RSA 3072"]]);

      // The request, as OpenSSL reads it.
      const csr = `${c.type}.csr`;
      pki.write(csr, made.requestPem);
      expect(pki.status(["req", "-in", csr, "-verify", "-noout"])).toBe(0);
      const text = pki.run(["req", "-in", csr, "-noout", "-text"]).toString();
      expect(text).toContain(`Subject: CN = ${c.cn}`);
      expect(text).toMatch(c.keyText);
      expect(text).toContain(`Signature Algorithm: ${c.signature}`);
      expect(text).toContain(`email:${email}`);
      expect(text).toMatch(new RegExp(`Key Usage: critical\\s+${c.usage}\\n`));
      expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection/);
      const parsed = pki.run(["asn1parse", "-in", csr]).toString();
      const at = /^\s*(\d+):.*OCTET STRING/m.exec(parsed.slice(parsed.indexOf("S/MIME Capabilities")))![1]!;
      const caps = pki.run(["asn1parse", "-in", csr, "-strparse", at]).toString();
      expect([...caps.matchAll(/OBJECT\s+:(\S+)/g)].map((m) => m[1])).toEqual(["aes-256-gcm", "aes-128-gcm", "aes-256-cbc"]);

      // The CA's answer: only a certificate for this key is taken; then the key is an identity.
      const issued = `${c.type}.pem`;
      pki.run(["ca", "-batch", "-config", "ca.cnf", "-cert", "life-ca.pem", "-keyfile", "life-ca.key", "-in", csr, "-out", issued]);
      expect(await keys.exportPkcs12(made.id, "a backup password")).toBe("no-certificate");
      expect(await keys.importCertificate([CertificateView.fromDer(der(stranger.cert))])).toEqual({ ok: false, problem: "no-matching-key" });
      // The EC case takes its certificate while locked: nothing is opened then, and the key opens on the next unlock.
      if (c.type === "p256") keys.lock();
      const ca = CertificateView.fromDer(der("life-ca.pem"));
      expect(await keys.importCertificate([ca, CertificateView.fromDer(der(issued))])).toEqual({ ok: true, id: made.id });
      expect((await keys.list()).map((k) => [k.state, k.certificate?.emails, k.request])).toEqual([["identity", [email], undefined]]);
      if (c.type === "p256") expect(await keys.unlock("a passphrase of the store", 60_000)).toBe("unlocked");
      expect(await keys.certificateOf(made.id)).toEqual({ certificate: der(issued), chain: [ca.der] });

      // Mail encrypted to it opens, in this store (unlocked) and after a restart (once unlocked again).
      pki.write("life-plain.eml", "Content-Type: text/plain\r\n\r\nWelcome.\r\n");
      pki.run(["cms", "-encrypt", "-aes-256-gcm", "-in", "life-plain.eml", "-out", "life-enc.eml", issued]);
      const message = new Uint8Array(pki.read("life-enc.eml"));
      expect((await inspectMessage(message, { clock, decryptors: [keys.decryptor()] })).encryption).toBe("decrypted");
      const again = new KeyStore(store, clock);
      expect((await inspectMessage(message, { clock, decryptors: [again.decryptor()] })).encryption).toBe("no-key");
      expect(await again.exportPkcs12(made.id, "a backup password")).toBe("locked");
      await again.unlock("a passphrase of the store", 60_000);
      expect((await inspectMessage(message, { clock, decryptors: [again.decryptor()] })).encryption).toBe("decrypted");

      // The backup: OpenSSL reads it with the password (modern algorithms, no legacy provider), and its key opens the mail.
      expect(await again.exportPkcs12("0123456789abcdef0123", "a backup password")).toBe("not-found");
      const p12 = await again.exportPkcs12(made.id, "a backup password");
      if (typeof p12 === "string") throw new Error(p12);
      pki.write("life.p12", p12);
      const info = spawnSync("openssl", ["pkcs12", "-in", "life.p12", "-passin", "pass:a backup password", "-info", "-nodes"], { cwd: pki.path("."), encoding: "utf8" });
      expect(info.status).toBe(0);
      expect(info.stderr).toContain("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256");
      expect(info.stderr).toContain("MAC: sha256, Iteration 2048");
      expect(info.stdout).toContain(`friendlyName: ${email}`);
      expect(pki.status(["pkcs12", "-in", "life.p12", "-passin", "pass:another password", "-noout"])).not.toBe(0);
      pki.write("life-key.pem", info.stdout.slice(info.stdout.indexOf("-----BEGIN PRIVATE KEY-----")));
      expect(pki.run(["cms", "-decrypt", "-in", "life-enc.eml", "-inkey", "life-key.pem", "-recip", issued]).toString()).toContain("Welcome.");
      // Key and certificate share a localKeyId (RFC 7292 appendix D); the CA's certificate comes along.
      const back = await readPkcs12(p12, "a backup password");
      if (!back.ok) throw new Error(back.problem);
      const leaf = back.certificates.find((x) => Buffer.from(x.value).equals(Buffer.from(der(issued))));
      expect(leaf?.localKeyId && back.keys[0]?.localKeyId && Buffer.from(leaf.localKeyId).equals(Buffer.from(back.keys[0].localKeyId))).toBe(true);
      expect(back.certificates.map((x) => Buffer.from(x.value).equals(Buffer.from(ca.der)))).toContain(true);

      // Taken into another store, the backup is the same key (same record id) and opens the same mail.
      const other = new KeyStore(new MemoryStore(), clock);
      await other.setPassphrase("another store", 60_000, 1000);
      expect(await other.importPkcs12(p12, "a backup password")).toEqual({ ok: true, ids: [made.id] });
      expect((await inspectMessage(message, { clock, decryptors: [other.decryptor()] })).encryption).toBe("decrypted");
    }, 30_000);
  }
});
