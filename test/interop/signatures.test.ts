/**
 * Interop with OpenSSL as the peer: every message is made by `openssl cms -sign`,
 * and wherever policy does not differ, OpenSSL's own verdict
 * (`openssl cms -verify -noverify`) is asserted alongside ours.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpensslPki, type Identity } from "../helpers/pki.js";
import { codes, inspect, signedLayers, signers } from "../helpers/inspect.js";

const TEXT = "Content-Type: text/plain; charset=utf-8\n\nHello Bob,\nthe meeting is at 10.\n-- \nAlice\n";

let pki: OpensslPki;
let ca: Identity;
let alice: Identity;
const leaves: Record<string, Identity> = {};

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("TestCA");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
  for (const curve of ["P-256", "P-384", "P-521"] as const) {
    leaves[curve] = pki.makeLeaf(`ec-${curve}`, ca, { key: `ec:${curve}`, sanEmails: ["alice@example.org"] });
  }
  leaves.weak = pki.makeLeaf("weak", ca, { key: "rsa:1024", sanEmails: ["alice@example.org"] });
  leaves.noemail = pki.makeLeaf("noemail", ca);
  leaves.oldstyle = pki.makeLeaf("oldstyle", ca, { subjectEmail: "alice@example.org" });
  leaves.bob = pki.makeLeaf("bob", ca, { key: "ec:P-256", sanEmails: ["bob@example.org"] });
});

afterAll(() => pki.cleanup());

describe("RSA PKCS#1 v1.5 signatures from openssl cms -sign", () => {
  for (const md of ["sha224", "sha256", "sha384", "sha512"]) {
    for (const detached of [true, false]) {
      it(`${md}, ${detached ? "detached (multipart/signed)" : "encapsulated (pkcs7-mime)"}: valid`, async () => {
        const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, md, detached });
        expect(pki.opensslVerifies(msg)).toBe(true);
        const r = await inspect(msg);
        expect(r.signature).toBe("valid");
        expect(r.trust).toBe("unknown");
        expect(r.revocation).toBe("not-checked");
        expect(r.encryption).toBe("none");
        expect(r.verdict).toBe("warning");
        expect(r.issues).toEqual([]);
        const [layer] = signedLayers(r);
        expect(layer!.form).toBe(detached ? "multipart-signed" : "pkcs7-mime");
        expect(layer!.coverage).toBe("whole");
        const [s] = signers(r);
        expect(s!.status).toBe("valid");
        expect(s!.identity).toBe("match");
        expect(s!.digestAlgorithm.name).toBe(md.replace("sha", "SHA-"));
        expect(s!.certificate!.emails).toEqual(["alice@example.org"]);
        expect(s!.certificate!.keyBits).toBe(2048);
        expect(s!.signerId.kind).toBe("issuer-and-serial");
        expect(Math.abs(Date.parse(s!.signingTime!) - Date.now())).toBeLessThan(5 * 60_000);
        // OpenSSL's default SMIMECapabilities, in the order `openssl cms -cmsout -print` lists them
        // (rc2-cbc with INTEGER 0x80, 0x40 and 0x28 bits).
        expect(s!.smimeCapabilities?.map((c) => c.name)).toEqual([
          "AES-256-CBC", "AES-192-CBC", "AES-128-CBC", "3DES-CBC", "RC2-CBC (128 bits)", "RC2-CBC (64 bits)", "DES-CBC", "RC2-CBC (40 bits)",
        ]);
      });
    }
  }

  it("reports the certificate as openssl x509 does (serial, fingerprint)", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT });
    const [s] = signers(await inspect(msg));
    const serial = pki.run(["x509", "-in", alice.cert, "-noout", "-serial"]).toString().trim().split("=")[1];
    const fp = pki.run(["x509", "-in", alice.cert, "-noout", "-fingerprint", "-sha256"]).toString().trim().split("=")[1];
    expect(s!.certificate!.serialNumber).toBe(serial);
    expect(s!.certificate!.fingerprintSha256).toBe(fp);
  });
});

describe("ECDSA signatures", () => {
  for (const curve of ["P-256", "P-384", "P-521"] as const) {
    for (const md of ["sha224", "sha256", "sha384", "sha512"]) {
      it(`${curve} with ${md}: valid`, async () => {
        const msg = pki.sign({ signers: [{ who: leaves[curve]! }], content: TEXT, md });
        expect(pki.opensslVerifies(msg)).toBe(true);
        const r = await inspect(msg);
        expect(r.signature).toBe("valid");
        const [s] = signers(r);
        expect(s!.certificate!.namedCurve).toBe(curve);
        expect(s!.signatureAlgorithm.name).toMatch(/^ECDSA/);
      });
    }
  }
});

describe("DSA signatures (legacy, RFC 8551 section 2.2)", () => {
  it("DSA-2048 with SHA-256: valid, and a flipped bit is not", async () => {
    const dsa = pki.makeLeaf("dsa", ca, { key: "dsa:2048", sanEmails: ["alice@example.org"] });
    const msg = pki.sign({ signers: [{ who: dsa }], content: TEXT, detached: false });
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    expect(signers(r)[0]!.certificate).toMatchObject({ keyAlgorithm: "DSA", keyBits: 2048 });
    const tampered = flipSignatureBit(msg);
    expect(pki.opensslVerifies(tampered)).toBe(false);
    // The signature is over the signed attributes (RFC 5652 section 5.4), and it is what fails.
    expect((await inspect(tampered)).issues.map((i) => [i.code, i.params])).toEqual([["signature-invalid", { over: "signed attributes" }]]);
  });
});

describe("RSA-PSS signatures", () => {
  const forms = [
    { name: "SHA-256, salt = digest length", md: "sha256", pss: {} },
    { name: "SHA-384, maximal salt", md: "sha384", pss: { saltlen: "max" } },
    { name: "SHA-512, salt 0", md: "sha512", pss: { saltlen: "0" } },
    { name: "SHA-256 with MGF1-SHA-512 (hash and MGF differ)", md: "sha256", pss: { mgf1: "sha512" } },
    { name: "SHA-224 (no WebCrypto support)", md: "sha224", pss: {} },
  ];
  for (const f of forms) {
    it(`${f.name}: valid`, async () => {
      const msg = pki.sign({ signers: [{ who: alice, pss: f.pss }], content: TEXT, md: f.md, detached: false });
      expect(pki.opensslVerifies(msg)).toBe(true);
      const r = await inspect(msg);
      expect(r.signature).toBe("valid");
      expect(signers(r)[0]!.signatureAlgorithm.name).toBe("RSA-PSS");
      // The same signature with one bit flipped must fail, on whichever code path verified it.
      const tampered = flipSignatureBit(msg);
      expect(pki.opensslVerifies(tampered)).toBe(false);
      expect(codes(await inspect(tampered))).toEqual(["signature-invalid"]);
    });
  }

  it("SHA-1 PSS with absent (default) hash parameters: valid when SHA-1 is allowed", async () => {
    const msg = pki.sign({ signers: [{ who: alice, pss: {} }], content: TEXT, md: "sha1" });
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg, { acceptSha1: true });
    expect(r.signature).toBe("valid");
    expect(codes(r)).toEqual(["weak-digest"]);
  });

  it("a PSS signature altered by one bit is invalid", async () => {
    const msg = pki.sign({ signers: [{ who: alice, pss: {} }], content: TEXT, md: "sha256", detached: false });
    const r0 = await inspect(msg);
    expect(r0.signature).toBe("valid");
    const tampered = flipSignatureBit(msg);
    expect(pki.opensslVerifies(tampered)).toBe(false);
    const r = await inspect(tampered);
    expect(r.signature).toBe("invalid");
    expect(codes(r)).toContain("signature-invalid");
  });
});

/**
 * Flips one bit in the SignerInfo's signature value of an opaque (base64) message:
 * the signature is the last OCTET STRING of the DER, so its last byte is the DER's last byte
 * when there are no unsigned attributes (OpenSSL adds none).
 */
function flipSignatureBit(msg: Uint8Array): Uint8Array {
  const text = Buffer.from(msg).toString("latin1");
  const sep = text.indexOf("\n\n");
  const der = Buffer.from(text.slice(sep + 2).replace(/\s+/g, ""), "base64");
  der[der.length - 1]! ^= 0x01;
  const b64 = der.toString("base64").replace(/.{64}/g, "$&\n");
  return Buffer.from(text.slice(0, sep + 2) + b64 + "\n", "latin1");
}

describe("weak algorithms", () => {
  it("SHA-1 is refused by default, like Thunderbird: refused, not invalid, since the mathematics holds (OpenSSL verifies it)", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, md: "sha1" });
    expect(pki.opensslVerifies(msg)).toBe(true); // the math is fine: it is a policy decision
    const r = await inspect(msg);
    expect([r.signature, signers(r)[0]!.status, r.verdict]).toEqual(["refused", "refused", "danger"]);
    expect(r.issues).toEqual([{ code: "weak-digest", severity: "error", where: { layer: 0, signer: 0 }, params: { algorithm: "SHA-1", intact: true } }]);
  });

  it("SHA-1 and changed after signing: invalid, the mathematics failing outranks the refusal, and the refusal does not claim the message intact", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT, md: "sha1" })).toString("latin1");
    const tampered = Buffer.from(msg.replace("meeting is at 10", "meeting is at 11"), "latin1");
    expect(pki.opensslVerifies(tampered)).toBe(false);
    const r = await inspect(tampered);
    expect([r.signature, signers(r)[0]!.status]).toEqual(["invalid", "invalid"]);
    expect(r.issues.map((i) => [i.code, i.params])).toEqual([["weak-digest", { algorithm: "SHA-1" }], ["digest-mismatch", { algorithm: "SHA-1" }]]);
  });

  it("MD5 is refused even when SHA-1 is allowed (RFC 8551 section 2.1)", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, md: "md5" });
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg, { acceptSha1: true });
    expect(r.signature).toBe("refused");
    expect(r.issues).toEqual([{ code: "weak-digest", severity: "error", where: { layer: 0, signer: 0 }, params: { algorithm: "MD5", intact: true } }]);
  });

  it("SHA-1 with acceptSha1 is valid with a warning", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, md: "sha1" });
    const r = await inspect(msg, { acceptSha1: true });
    expect(r.signature).toBe("valid");
    expect(r.issues.map((i) => [i.code, i.severity, i.params])).toEqual([["weak-digest", "warning", { algorithm: "SHA-1", accepted: true }]]);
  });

  it("an RSA-1024 signer gets weak-key but the signature stays valid", async () => {
    const msg = pki.sign({ signers: [{ who: leaves.weak! }], content: TEXT });
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    expect(r.issues.map((i) => [i.code, i.severity, i.params.bits])).toEqual([["weak-key", "warning", 1024]]);
    expect(r.issues[0]!.where).toEqual({ layer: 0, signer: 0, certificate: 0 }); // about the signer's own certificate
  });
});

describe("tampering", () => {
  it("a changed body is digest-mismatch, and OpenSSL agrees it fails", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const tampered = Buffer.from(msg.replace("meeting is at 10", "meeting is at 11"), "latin1");
    expect(pki.opensslVerifies(tampered)).toBe(false);
    const r = await inspect(tampered);
    expect(r.signature).toBe("invalid");
    expect(r.verdict).toBe("danger");
    expect(r.issues.map((i) => [i.code, i.params])).toEqual([["digest-mismatch", { algorithm: "SHA-256" }]]);
    // Without a trust setup, the chain shown is the signer's own certificate, as the message gave it.
    expect(signers(r)[0]!.chain).toEqual([signers(r)[0]!.certificate]);
  });

  it("a changed header of the signed part is digest-mismatch", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const tampered = Buffer.from(msg.replace("charset=utf-8", "charset=koi8-r"), "latin1");
    expect(pki.opensslVerifies(tampered)).toBe(false);
    expect(codes(await inspect(tampered))).toEqual(["digest-mismatch"]);
  });

  it("a changed outer header (Subject) does not break the signature: it is not signed", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT, subject: "Original" })).toString("latin1");
    const r = await inspect(Buffer.from(msg.replace("Subject: Original", "Subject: Changed"), "latin1"));
    expect(r.signature).toBe("valid");
    expect(r.message.subject).toBe("Changed");
  });

  it("a flipped signature bit is signature-invalid", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, detached: false });
    const tampered = flipSignatureBit(msg);
    expect(pki.opensslVerifies(tampered)).toBe(false);
    const r = await inspect(tampered);
    expect(r.signature).toBe("invalid");
    expect(codes(r)).toEqual(["signature-invalid"]);
  });

  for (const [label, who, md] of [
    ["ECDSA P-384 / SHA-256", "P-384", "sha256"],
    ["ECDSA P-256 / SHA-224 (noble path)", "P-256", "sha224"],
    ["RSA / SHA-224 (hand-written PKCS#1 path)", "alice", "sha224"],
  ] as const) {
    it(`a flipped ${label} signature bit is signature-invalid`, async () => {
      const signer = who === "alice" ? alice : leaves[who]!;
      const msg = pki.sign({ signers: [{ who: signer }], content: TEXT, detached: false, md });
      expect((await inspect(msg)).signature).toBe("valid");
      const tampered = flipSignatureBit(msg);
      expect(pki.opensslVerifies(tampered)).toBe(false);
      expect(codes(await inspect(tampered))).toEqual(["signature-invalid"]);
    });
  }
});

describe("line endings and transfer encodings", () => {
  it("a copy stored with bare LF line endings still verifies", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const lf = Buffer.from(msg.replace(/\r\n/g, "\n"), "latin1");
    expect(lf.includes(Buffer.from("\r"))).toBe(false);
    expect(pki.opensslVerifies(lf)).toBe(true);
    const r = await inspect(lf);
    expect(r.signature).toBe("valid");
  });

  it("a copy stored with CRLF everywhere still verifies", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const crlf = Buffer.from(msg.replace(/\r?\n/g, "\r\n"), "latin1");
    expect(pki.opensslVerifies(crlf)).toBe(true);
    expect((await inspect(crlf)).signature).toBe("valid");
  });

  it("a quoted-printable signed part verifies over its encoded bytes", async () => {
    const qp = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 cr=C3=A8me, a long line that is soft=\n-wrapped here.\n";
    const msg = pki.sign({ signers: [{ who: alice }], content: qp });
    expect(pki.opensslVerifies(msg)).toBe(true);
    expect((await inspect(msg)).signature).toBe("valid");
  });

  it("a binary (-binary) signed part with bare LFs verifies as stored", async () => {
    const content = "Content-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n\x00\x01\n\x02\n";
    const msg = pki.sign({ signers: [{ who: alice }], content, binary: true, detached: false });
    expect(pki.opensslVerifies(msg, ["-binary"])).toBe(true);
    expect((await inspect(msg)).signature).toBe("valid");
  });

  it("an opaque message whose base64 is re-wrapped at 76 columns verifies", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT, detached: false })).toString("latin1");
    const sep = msg.indexOf("\n\n");
    const b64 = msg.slice(sep + 2).replace(/\s+/g, "").replace(/.{76}/g, "$&\r\n");
    const r = await inspect(Buffer.from(msg.slice(0, sep + 2) + b64, "latin1"));
    expect(r.signature).toBe("valid");
  });
});

describe("signers", () => {
  it("two signers are each reported; the message is valid only because both are", async () => {
    const msg = pki.sign({ signers: [{ who: alice }, { who: leaves["P-256"]! }], content: TEXT });
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    // SignerInfos are a DER SET OF: OpenSSL sorts them, so compare without order.
    expect(signers(r).map((s) => [s.status, s.certificate?.keyAlgorithm]).sort()).toEqual([
      ["valid", "EC"],
      ["valid", "RSA"],
    ]);
    expect(signers(r).map((s) => s.index)).toEqual([0, 1]);
    expect(r.issues).toEqual([{ code: "multiple-signers", severity: "info", where: { layer: 0 }, params: { count: 2 } }]);
  });

  it("two signers where one does not match the From address: that signer alone is flagged", async () => {
    const msg = pki.sign({ signers: [{ who: alice }, { who: leaves.bob! }], content: TEXT });
    const r = await inspect(msg);
    const bobIndex = signers(r).findIndex((s) => s.certificate?.emails[0] === "bob@example.org");
    expect(signers(r).map((s) => s.identity)).toEqual(bobIndex === 1 ? ["match", "mismatch"] : ["mismatch", "match"]);
    const mismatch = r.issues.find((i) => i.code === "sender-mismatch");
    expect(mismatch?.where).toEqual({ layer: 0, signer: bobIndex, certificate: 0 });
    expect(r.verdict).toBe("danger");
  });

  it("a message without the signer's certificate is unverifiable (signer-certificate-missing)", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, noCerts: true });
    expect(pki.opensslVerifies(msg)).toBe(false); // OpenSSL cannot find the signer either
    const r = await inspect(msg);
    expect(r.signature).toBe("unverifiable");
    expect(codes(r)).toEqual(["signer-certificate-missing"]);
    expect(signers(r)[0]!.signerId).toMatchObject({ kind: "issuer-and-serial", serialNumber: "03E8" }); // as `openssl x509 -serial` prints 1000
  });

  it("a signer identified by subject key identifier (-keyid) is found", async () => {
    const input = pki.write("keyid.txt", TEXT);
    pki.run(["cms", "-sign", "-keyid", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-from", "alice@example.org", "-out", "keyid.eml"]);
    const r = await inspect(Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), pki.read("keyid.eml")]));
    expect(r.signature).toBe("valid");
    expect(signers(r)[0]!.signerId.kind).toBe("subject-key-identifier");
  });
});

describe("sender binding", () => {
  it("From not in the certificate: sender-mismatch, verdict danger", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, from: "Mallory <mallory@example.org>" });
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    expect(r.verdict).toBe("danger");
    expect(signers(r)[0]!.identity).toBe("mismatch");
    expect(r.issues).toEqual([
      {
        code: "sender-mismatch",
        severity: "error",
        where: { layer: 0, signer: 0, certificate: 0 },
        params: { addresses: ["mallory@example.org"], certificateEmails: ["alice@example.org"] },
      },
    ]);
  });

  it("the domain compares case-insensitively, the local part exactly", async () => {
    const upperDomain = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT, from: "alice@EXAMPLE.ORG" }));
    expect(signers(upperDomain)[0]!.identity).toBe("match");
    const upperLocal = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT, from: "Alice@example.org" }));
    expect(signers(upperLocal)[0]!.identity).toBe("mismatch");
    // A difference in case alone is reported, but as a warning, not as an impostor.
    expect(upperLocal.issues.map((i) => [i.code, i.severity, i.params.caseOnly])).toEqual([["sender-mismatch", "warning", true]]);
    expect(upperLocal.verdict).toBe("warning");
  });

  it("a Sender header must match too", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const r = await inspect(Buffer.from(`Sender: list@example.net\n${msg}`, "latin1"));
    expect(codes(r)).toEqual(["sender-mismatch"]);
    expect(r.issues[0]!.params.addresses).toEqual(["list@example.net"]);
  });

  it("a certificate without any email: no-email-in-certificate, identity unknown", async () => {
    const r = await inspect(pki.sign({ signers: [{ who: leaves.noemail! }], content: TEXT }));
    expect(r.signature).toBe("valid");
    expect(signers(r)[0]!.identity).toBe("unknown");
    expect(codes(r)).toEqual(["no-email-in-certificate"]);
  });

  it("an old certificate with emailAddress in the subject only still binds", async () => {
    const r = await inspect(pki.sign({ signers: [{ who: leaves.oldstyle! }], content: TEXT }));
    expect(signers(r)[0]!.identity).toBe("match");
    expect(r.issues).toEqual([]);
  });

  it("a signing time far from the Date header is date-mismatch", async () => {
    const r = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT, date: new Date(Date.now() - 3 * 86400_000) }));
    expect(r.signature).toBe("valid");
    expect(codes(r)).toEqual(["date-mismatch"]);
    expect(r.issues[0]!.params.minutesApart).toBeGreaterThanOrEqual(3 * 24 * 60 - 1);
  });

  it("no Date header is no-date, a note: nothing to compare with, no sign of re-sending; the verdict is unchanged", async () => {
    const r = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT, date: null }));
    expect(r.issues.map((i) => [i.code, i.severity, i.params.dateField])).toEqual([["no-date", "info", "absent"]]);
    const dated = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT }));
    expect([r.signature, r.verdict]).toEqual(["valid", dated.verdict]);
    expect(dated.issues).toEqual([]);
  });

  it("a Date header that cannot be read is no-date too, said to be unreadable", async () => {
    const message = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1").replace(/^Date: .*$/m, "Date: the third of December");
    const r = await inspect(new Uint8Array(Buffer.from(message, "latin1")));
    expect(r.issues.map((i) => [i.code, i.severity, i.params.dateField])).toEqual([["no-date", "info", "unreadable"]]);
  });
});
