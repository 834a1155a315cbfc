/**
 * The name writer (core/x509/name-text.ts) against @peculiar/x509's Name.toString, the reference it
 * replaces on the hot path: the same text for every subject and issuer of every certificate in the
 * corpora (PKITS, x509-limbo, RFC 4134), the bundled roots and OpenSSL-made names with every string
 * type and escape; and null, where @peculiar throws, for bytes that are no Name. The subjectAltName
 * emails CertificateView now reads through pkijs are held to @peculiar's reading the same way.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { Name, SubjectAlternativeNameExtension, X509Certificate } from "../../src/core/x509/peculiar.js";
import { CertificateView } from "../../src/core/x509/certificate.js";
import { nameText } from "../../src/core/x509/name-text.js";
import { formatName } from "../../src/core/x509/name.js";
import { BUNDLED_ROOTS } from "../../src/core/trust/bundled-roots.js";
import { corpus } from "../helpers/corpora.js";
import { OpensslPki } from "../helpers/pki.js";

/** What @peculiar writes for these bytes, or null where it throws. */
function reference(der: Uint8Array): string | null {
  try {
    return new Name(der.slice().buffer).toString();
  } catch {
    return null;
  }
}

/** The subject and issuer DER of a certificate, as the bytes stand in it. */
function namesOf(certDer: Uint8Array): Uint8Array[] {
  const cert = pkijs.Certificate.fromBER(certDer.slice().buffer);
  return [new Uint8Array(cert.subject.valueBeforeDecode), new Uint8Array(cert.issuer.valueBeforeDecode)];
}

function pemBlocks(text: string): Uint8Array[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")));
}

/**
 * The emails as CertificateView read them through @peculiar before: subjectAltName's rfc822Names,
 * then the subject's emailAddress values not among them; null where @peculiar throws.
 */
function referenceEmails(certDer: Uint8Array): string[] | null {
  try {
    const x = new X509Certificate(certDer.slice().buffer);
    const out = (x.getExtension(SubjectAlternativeNameExtension)?.names.items ?? []).filter((n) => n.type === "email").map((n) => n.value);
    for (const e of x.subjectName.getField("E")) if (!out.includes(e)) out.push(e);
    return out;
  } catch {
    return null;
  }
}

/** Compares every name, and the SAN emails; gives how many names were compared. */
function compareAll(certificates: Iterable<Uint8Array>): number {
  let n = 0;
  const differences: string[] = [];
  for (const der of certificates) {
    let names: Uint8Array[];
    try {
      names = namesOf(der);
    } catch {
      continue; // a certificate pkijs cannot read has no name to write
    }
    const emails = referenceEmails(der);
    if (emails !== null) {
      const view = CertificateView.fromDer(der);
      if (JSON.stringify(view.emails) !== JSON.stringify(emails)) differences.push(`emails of ${view.subjectText}: ${JSON.stringify(view.emails)} against ${JSON.stringify(emails)}`);
    }
    for (const name of names) {
      n++;
      const want = reference(name);
      const got = nameText(name);
      if (got !== want) differences.push(`${Buffer.from(name).toString("hex")}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
  }
  expect(differences.slice(0, 5)).toEqual([]);
  return n;
}

describe("nameText against @peculiar/x509", () => {
  it("writes every bundled root's subject and issuer as @peculiar does", () => {
    expect(compareAll(BUNDLED_ROOTS.map(([, b64]) => new Uint8Array(Buffer.from(b64, "base64"))))).toBe(2 * BUNDLED_ROOTS.length);
  });

  it("writes every name of the PKITS, x509-limbo and RFC 4134 certificates as @peculiar does", () => {
    const pkits = corpus("nist-pkits");
    const limbo = corpus("x509-limbo");
    const rfc4134 = corpus("rfc4134");
    const certs: Uint8Array[] = [];
    if (pkits) for (const f of readdirSync(join(pkits, "certs"))) certs.push(new Uint8Array(readFileSync(join(pkits, "certs", f))));
    if (limbo) {
      for (const f of readdirSync(limbo).filter((f) => f.endsWith(".json") && f.startsWith("limbo."))) {
        const { testcases } = JSON.parse(readFileSync(join(limbo, f), "utf8")) as { testcases: { trusted_certs: string[]; untrusted_intermediates: string[]; peer_certificate: string }[] };
        for (const t of testcases) certs.push(...[...t.trusted_certs, ...t.untrusted_intermediates, t.peer_certificate].flatMap(pemBlocks));
      }
    }
    if (rfc4134) for (const f of readdirSync(rfc4134).filter((f) => f.endsWith(".cer"))) certs.push(new Uint8Array(readFileSync(join(rfc4134, f))));
    const compared = compareAll(certs);
    if (pkits && limbo) expect(compared).toBeGreaterThan(3000);
  });

  it("writes OpenSSL-made names with every string type, multi-valued RDNs, unknown types and every escape as @peculiar does", () => {
    const pki = new OpensslPki();
    try {
      const subjects = [
        "/CN=Plain/O=Example Corp/C=DE",
        "/CN=Comma\\, Plus\\+ Quote\\\" Back\\\\slash <angle> semi;colon/O=x",
        "/CN=\\#leading hash/OU= leading space/L=trailing space /ST=a=b",
        "/CN=Grüße Ünïcødé 漢字 🔐/O=ÆØÅ",
        "/CN=Multi+OU=Valued+O=RDN/C=US",
        "/DC=example/DC=org/UID=alice/emailAddress=alice@example.org",
        "/serialNumber=12345/title=Dr/givenName=Ann/surname=Lee/initials=AL/pseudonym=al/street=Main St/postalCode=10115",
        "/CN=Tab\there/O=Line\nbreak/OU=Carriage\rreturn",
        "/CN=",
      ];
      const certs: Uint8Array[] = [];
      subjects.forEach((subject, i) => {
        const key = pki.path(`n${i}.key`);
        pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
        certs.push(new Uint8Array(pki.run(["req", "-x509", "-new", "-utf8", "-key", key, "-subj", subject, "-days", "1", "-outform", "DER", "-multivalue-rdn", "-config", pki.write(`n${i}.cnf`, "[req]\ndistinguished_name=dn\n[dn]\n")])));
      });
      // The string types OpenSSL chooses under each string_mask (BMPString, T61String, UTF8String).
      for (const mask of ["pkix", "utf8only", "default"]) {
        const key = pki.path(`m-${mask}.key`);
        pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
        certs.push(new Uint8Array(pki.run(["req", "-x509", "-new", "-utf8", "-key", key, "-subj", "/CN=Ünïcødé 漢字/O=Plain ASCII", "-days", "1", "-outform", "DER", "-config", pki.write(`m-${mask}.cnf`, `[req]\ndistinguished_name=dn\nstring_mask=${mask}\n[dn]\n`)])));
      }
      expect(compareAll(certs)).toBe(2 * certs.length);
    } finally {
      pki.cleanup();
    }
  });

  it("writes UniversalString, BMPString, TeletexString, NumericString and a value of no string type as @peculiar does", () => {
    const atv = (value: asn1js.AsnType, oid = "2.5.4.3") => new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), value] })] });
    const name = (value: asn1js.AsnType, oid?: string) => new Uint8Array(new asn1js.Sequence({ value: [atv(value, oid)] }).toBER(false));
    const cases = [
      name(new asn1js.UniversalString({ value: "univ ü" })),
      name(new asn1js.BmpString({ value: "bmp 漢" })),
      name(new asn1js.TeletexString({ value: "teletex" })),
      name(new asn1js.NumericString({ value: "12345" })),
      name(new asn1js.VisibleString({ value: "visible" })),
      name(new asn1js.Integer({ value: 42 })),
      name(new asn1js.Utf8String({ value: "unknown type" }), "1.2.3.4.5"),
    ];
    for (const der of cases) expect(nameText(der), Buffer.from(der).toString("hex")).toBe(reference(der));
    // A length not in its shortest form (BER, not DER): written all the same, as @peculiar writes it.
    const plain = cases[0]!;
    const longForm = new Uint8Array([0x30, 0x81, plain[1]!, ...plain.subarray(2)]);
    expect(nameText(longForm)).toBe("CN=univ ü");
    expect(nameText(longForm)).toBe(reference(longForm));
  });

  it("gives null for bytes that are no Name, and formatName then says the name could not be read", () => {
    for (const hex of ["", "30", "3003310130", "0500", "300331013000", "3080310030000000"]) {
      const der = new Uint8Array(Buffer.from(hex, "hex"));
      expect(nameText(der), hex).toBeNull();
    }
    const rdn = new pkijs.RelativeDistinguishedNames();
    rdn.valueBeforeDecode = new Uint8Array(Buffer.from("3003310130", "hex")).buffer;
    expect(formatName(rdn)).toBe("(undecodable name)");
  });
});
