/**
 * OCSP responses made by OpenSSL's own responder (`openssl ocsp` in offline
 * mode: -reqin / -respout, so no port is opened) from the CA database that
 * `openssl ca` keeps, checked by Signet's OCSP reader.
 */
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { checkWithOcsp, parseOcspResponse, type ParsedOcsp } from "../../src/core/revocation/ocsp.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
/** The default profile at `at`: the algorithm policy applies to OCSP answers as to every signature. */
const policyAt = (at: Date) => smimeProfile({ validationTime: at });
const DAY = 86_400_000;

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "CA" },
    { name: "Responder", issuer: "CA", eku: "OCSPSigning", keyUsage: "critical,digitalSignature" },
    { name: "NotAResponder", issuer: "CA", eku: "emailProtection", keyUsage: "critical,digitalSignature" },
    { name: "Good", issuer: "CA", email: "g@example.org" },
    { name: "Revoked", issuer: "CA", email: "r@example.org" },
  ]);
  pki.revoke("CA", "Revoked", "keyCompromise");
});
afterAll(() => pki.cleanup());

const view = (name: string) => pki.view(name);
let n = 0;

/** One request and OpenSSL's answer to it, signed by `signer` (its key), with extra responder options. */
function respond(subject: string, signer: string, extra: string[] = []): ParsedOcsp {
  const id = n++;
  pki.run(["ocsp", "-issuer", pki.get("CA").cert, "-cert", pki.get(subject).cert, "-no_nonce", "-reqout", `req-${id}.der`]);
  pki.run([
    "ocsp", "-index", "index.txt", "-CA", pki.get("CA").cert, "-rsigner", pki.get(signer).cert, "-rkey", pki.get(signer).key,
    "-reqin", `req-${id}.der`, "-respout", `resp-${id}.der`, "-ndays", "1", ...extra,
  ]);
  const parsed = parseOcspResponse(new Uint8Array(pki.read(`resp-${id}.der`)));
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

/** OpenSSL's answer to a request made with `request` args, by a responder run with `responder` args. */
function answer(request: string[], responder: string[]): ParsedOcsp {
  const id = n++;
  pki.run(["ocsp", ...request, "-no_nonce", "-reqout", `req-${id}.der`]);
  pki.run(["ocsp", "-index", "index.txt", ...responder, "-reqin", `req-${id}.der`, "-respout", `resp-${id}.der`, "-ndays", "1"]);
  const parsed = parseOcspResponse(new Uint8Array(pki.read(`resp-${id}.der`)));
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

describe("OCSP checks that only these tests guard", () => {
  it("a delegated responder whose certificate has expired is not authorised (RFC 6960 section 4.2.2.2)", async () => {
    pki.build([{ name: "ExpiredResponder", issuer: "CA", eku: "OCSPSigning", keyUsage: "critical,digitalSignature", notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) }]);
    const v = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "ExpiredResponder"), policyAt(new Date()));
    expect(v).toEqual({ status: "invalid", problem: { code: "ocsp-responder-not-valid" } });
  });

  it("a delegated responder certified by another CA is not authorised for this CA's certificates", async () => {
    pki.build([{ name: "OtherCA" }, { name: "OtherResponder", issuer: "OtherCA", eku: "OCSPSigning", keyUsage: "critical,digitalSignature" }]);
    const v = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "OtherResponder"), policyAt(new Date()));
    expect(v).toEqual({ status: "invalid", problem: { code: "ocsp-responder-not-issued-by-ca" } });
  });

  it("a response dated in the future is refused; within the five minutes of clock skew it is accepted", async () => {
    const r = respond("Good", "CA");
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date(Date.now() - 60 * 60_000)))).toEqual({ status: "invalid", problem: { code: "ocsp-from-future" } });
    expect((await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date(Date.now() - 60_000)))).status).toBe("good");
  });

  it("the CertID's issuer name hash is compared: the same serial and key under another CA name is not this certificate", async () => {
    // A root with the CA's key and another name: the issuer key hash is the same, the name hash is not.
    pki.build([{ name: "CATwin", subject: "/O=Signet Scenario/CN=CA Twin", keyOf: "CA" }]);
    const serial = pki.run(["x509", "-in", pki.get("Good").cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
    const r = answer(["-issuer", pki.get("CATwin").cert, "-serial", `0x${serial}`], ["-CA", pki.get("CATwin").cert, "-rsigner", pki.get("CATwin").cert, "-rkey", pki.get("CA").key, "-resp_key_id"]);
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-other-issuer" } });
  });

  it("the near miss is said even when an answer about another serial comes after it in the same response", async () => {
    const serial = (name: string) => pki.run(["x509", "-in", pki.get(name).cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
    const r = answer(
      ["-issuer", pki.get("CATwin").cert, "-serial", `0x${serial("Good")}`, "-serial", `0x${serial("Revoked")}`],
      ["-CA", pki.get("CATwin").cert, "-rsigner", pki.get("CATwin").cert, "-rkey", pki.get("CA").key, "-resp_key_id"],
    );
    expect(r.basic!.tbsResponseData.responses).toHaveLength(2);
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-other-issuer" } });
  });
});

describe("what parseOcspResponse makes of responses that carry no answer", () => {
  /** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ... OPTIONAL } (RFC 6960 section 4.2.1). */
  const ocspResponse = (status: number, responseBytes: number[] = []) => {
    const body = [0x0a, 0x01, status, ...responseBytes];
    return new Uint8Array([0x30, body.length, ...body]);
  };

  it("an unsuccessful status is kept with its name (RFC 6960 section 4.2.1; 4 is unused, so named by number), and checkWithOcsp says the responder answered so", async () => {
    const tryLater = parseOcspResponse(ocspResponse(3));
    expect(tryLater).toEqual({ raw: ocspResponse(3), responseStatus: "tryLater", basic: null, producedAt: null, certificates: [] });
    expect(parseOcspResponse(ocspResponse(4))).toMatchObject({ responseStatus: "status 4", basic: null });
    expect(parseOcspResponse(ocspResponse(6))).toMatchObject({ responseStatus: "unauthorized" });
    expect(await checkWithOcsp(view("Good"), [view("CA")], tryLater as ParsedOcsp, policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-not-successful", responseStatus: "tryLater" } });
  });

  it("successful without responseBytes, or with a response type other than id-pkix-ocsp-basic, is an error; so are bytes that are not BER", () => {
    expect(parseOcspResponse(ocspResponse(0))).toEqual({ error: "successful response without responseBytes" });
    // responseBytes [0] { SEQUENCE { OID 1.3.6.1.5.5.7.48.1.2 (id-pkix-ocsp-nonce, not a response type), OCTET STRING {} } }
    const nonceType = [0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];
    const rb = [0x30, nonceType.length + 2, ...nonceType, 0x04, 0x00];
    expect(parseOcspResponse(ocspResponse(0, [0xa0, rb.length, ...rb]))).toEqual({ error: "unknown response type 1.3.6.1.5.5.7.48.1.2" });
    // A SEQUENCE that claims five octets and holds one: the BER reader's refusal, before pkijs is asked.
    expect(parseOcspResponse(new Uint8Array([0x30, 0x05, 0x0a]))).toEqual({ error: expect.stringContaining("End of input reached before message was fully decoded") });
    expect(parseOcspResponse(new Uint8Array())).toEqual({ error: "empty" });
    // A certificate is BER but no OCSPResponse: pkijs's schema refuses it, and its words are kept.
    expect(parseOcspResponse(new Uint8Array(pki.run(["x509", "-in", pki.get("Good").cert, "-outform", "DER"])))).toEqual({ error: expect.stringContaining("OCSPResponse") });
  });
});

describe("CertID hashes (RFC 6960 section 4.1.1)", () => {
  it("a CertID made with SHA-256 matches as SHA-1 does; one made with a hash Signet does not compute (SHA3-256) is said so, not 'another issuer'", async () => {
    const signedByCa = ["-CA", pki.get("CA").cert, "-rsigner", pki.get("CA").cert, "-rkey", pki.get("CA").key];
    const sha256 = answer(["-issuer", pki.get("CA").cert, "-sha256", "-cert", pki.get("Good").cert], signedByCa);
    expect((await checkWithOcsp(view("Good"), [view("CA")], sha256, policyAt(new Date()))).status).toBe("good");
    const sha3 = answer(["-issuer", pki.get("CA").cert, "-sha3-256", "-cert", pki.get("Good").cert], signedByCa);
    expect(sha3.basic!.tbsResponseData.responses[0]!.certID.hashAlgorithm.algorithmId).toBe("2.16.840.1.101.3.4.2.8");
    expect(await checkWithOcsp(view("Good"), [view("CA")], sha3, policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-certid-hash-unsupported" } });
  });
});

describe("the edges of OCSP's time checks (RFC 6960 sections 4.2.2.1, 4.2.2.2)", () => {
  const SKEW = 5 * 60_000;

  it("thisUpdate may be up to five minutes ahead of the validation time, not a millisecond more; nextUpdate as far behind", async () => {
    const r = respond("Good", "CA");
    const single = r.basic!.tbsResponseData.responses[0]!;
    const thisUpdate = single.thisUpdate.getTime();
    const nextUpdate = single.nextUpdate!.getTime();
    const at = (t: number) => checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date(t)));
    expect((await at(thisUpdate - SKEW)).status).toBe("good");
    expect(await at(thisUpdate - SKEW - 1)).toEqual({ status: "invalid", problem: { code: "ocsp-from-future" } });
    expect((await at(nextUpdate + SKEW)).status).toBe("good");
    expect(await at(nextUpdate + SKEW + 1)).toEqual({ status: "invalid", problem: { code: "ocsp-stale" } });
  });

  it("a delegated responder's certificate counts from its first to its last second", async () => {
    pki.build([{ name: "DatedResponder", issuer: "CA", eku: "OCSPSigning", keyUsage: "critical,digitalSignature", notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + DAY / 2) }]);
    const r = respond("Good", "DatedResponder");
    const responder = view("DatedResponder");
    const at = (t: number) => checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date(t)));
    const notBefore = responder.cert.notBefore.value.getTime();
    const notAfter = responder.cert.notAfter.value.getTime();
    const notValid = { status: "invalid", problem: { code: "ocsp-responder-not-valid" } };
    // On its first second the certificate is valid: what fails then is the response's own date.
    expect(await at(notBefore)).toEqual({ status: "invalid", problem: { code: "ocsp-from-future" } });
    expect(await at(notBefore - 1)).toEqual(notValid);
    expect(await at(notAfter)).toMatchObject({ status: "good", responder: "delegated", responderSubject: responder.subjectText });
    expect(await at(notAfter + 1)).toEqual(notValid);
  });

  it("the answer names who signed it: the issuer itself", async () => {
    expect(await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "CA"), policyAt(new Date()))).toMatchObject({ status: "good", responder: "issuer", responderSubject: view("CA").subjectText });
  });
});

describe("OCSP responses from openssl ocsp", () => {
  it("good, signed by the CA", async () => {
    const v = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "CA"), policyAt(new Date()));
    expect(v).toMatchObject({ status: "good", responder: "issuer" });
  });

  it("revoked, with the reason and time the CA database holds", async () => {
    const v = await checkWithOcsp(view("Revoked"), [view("CA")], respond("Revoked", "CA"), policyAt(new Date()));
    expect(v).toMatchObject({ status: "revoked", single: { reason: "keyCompromise" } });
    if (v.status === "revoked" && v.single.status === "revoked") expect(Math.abs(v.single.revocationTime.getTime() - Date.now())).toBeLessThan(DAY);
  });

  it("revoked without a readable revocation time (RevokedInfo's GeneralizedTime, section 4.2.1) is an unreadable response, as it is to OpenSSL", async () => {
    // OpenSSL's answer for Revoked, its RevokedInfo's GeneralizedTime retagged as an OCTET STRING (same
    // length), the changed tbsResponseData signed again by the CA's key until the signature has the
    // old one's length, so that every enclosing length stays as OpenSSL wrote it.
    const raw = Buffer.from(respond("Revoked", "CA").raw);
    const basic = pkijs.BasicOCSPResponse.fromBER(pkijs.OCSPResponse.fromBER(new Uint8Array(raw)).responseBytes!.response.valueBlock.valueHexView.slice());
    const tbs = Buffer.from(basic.tbsResponseData.tbsView);
    const oldSignature = Buffer.from(basic.signature.valueBlock.valueHexView);
    // [1] revoked (its length), then the GeneralizedTime of 15 octets.
    const time = tbs.findIndex((b, k) => b === 0x18 && tbs[k + 1] === 0x0f && tbs[k - 2] === 0xa1);
    expect(time).toBeGreaterThan(0);
    tbs[time] = 0x04;
    let signature: Buffer = oldSignature;
    for (let tries = 0; tries < 50; tries++) {
      signature = pki.run(["dgst", "-sha256", "-sign", pki.get("CA").key], tbs);
      if (signature.length === oldSignature.length) break;
    }
    const der = Buffer.from(raw);
    tbs.copy(der, raw.indexOf(Buffer.from(basic.tbsResponseData.tbsView)));
    signature.copy(der, raw.indexOf(oldSignature));
    expect(parseOcspResponse(new Uint8Array(der))).toEqual({ error: expect.stringMatching(/BasicOCSPResponse/) });
    pki.write("malformed-revoked.der", der);
    expect(pki.status(["ocsp", "-respin", "malformed-revoked.der", "-resp_text", "-noverify"])).not.toBe(0);
  });

  it("unknown for a serial the CA database does not hold", async () => {
    pki.build([{ name: "Stranger", issuer: "CA", email: "x@example.org" }]);
    // `openssl ca` recorded it; answer from a copy of the database without it.
    const db = pki.read("index.txt").toString().split("\n").filter((l) => !l.includes("CN=Stranger")).join("\n");
    pki.write("index-without.txt", db);
    pki.write("index-without.txt.attr", "unique_subject = no\n");
    const v = await checkWithOcsp(view("Stranger"), [view("CA")], respond("Stranger", "CA", ["-index", "index-without.txt"]), policyAt(new Date()));
    expect(v.status).toBe("unknown");
  });

  it("a delegated responder with id-kp-OCSPSigning, named by key hash", async () => {
    const v = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "Responder", ["-resp_key_id"]), policyAt(new Date()));
    expect(v).toMatchObject({ status: "good", responder: "delegated" });
  });

  it("a responder certificate without OCSPSigning is rejected", async () => {
    const v = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "NotAResponder"), policyAt(new Date()));
    expect(v).toEqual({ status: "invalid", problem: { code: "ocsp-responder-lacks-eku" } });
  });

  it("a response without certificates: fine from the CA, unusable from a delegate", async () => {
    expect((await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "CA", ["-resp_no_certs"]), policyAt(new Date()))).status).toBe("good");
    const delegated = await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "Responder", ["-resp_no_certs"]), policyAt(new Date()));
    expect(delegated).toEqual({ status: "invalid", problem: { code: "ocsp-unauthorised-signer" } });
  });

  it("an answer signed with SHA-1 holds, but the algorithm policy of every signature refuses it unless acceptSha1; OpenSSL verifies it", async () => {
    const r = respond("Good", "CA", ["-rmd", "sha1"]);
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date()))).toStrictEqual({ status: "invalid", problem: { code: "signature-refused", algorithm: "SHA-1" } });
    expect((await checkWithOcsp(view("Good"), [view("CA")], r, smimeProfile({ acceptSha1: true }))).status).toBe("good");
    // OpenSSL's security level judges certificate chains, not an OCSP answer's own digest: a deliberate disagreement.
    pki.write("sha1-resp.der", r.raw);
    expect(pki.status(["ocsp", "-respin", "sha1-resp.der", "-issuer", pki.get("CA").cert, "-CAfile", pki.get("CA").cert, "-cert", pki.get("Good").cert, "-no_nonce"])).toBe(0);
  });

  it("a delegated responder is validated on its CA's path by the rule table every path goes through: key size, certificate digest, critical extensions", async () => {
    const responder = { issuer: "CA", eku: "OCSPSigning", keyUsage: "critical,digitalSignature" };
    pki.build([
      { name: "ShortKeyResponder", ...responder, key: "rsa:512" },
      { name: "Sha1CertResponder", ...responder, md: "sha1" },
      { name: "CriticalExtResponder", ...responder, extraExtensions: ["1.3.6.1.4.1.99999.7=critical,ASN1:UTF8String:must understand"] },
    ]);
    const refused = async (name: string) => (await checkWithOcsp(view("Good"), [view("CA")], respond("Good", name), policyAt(new Date()))) as { problem: unknown };
    // toStrictEqual: a value the problem does not have is left out, not carried as undefined.
    expect((await refused("ShortKeyResponder")).problem).toStrictEqual({ code: "ocsp-responder-refused", certificateIssue: "weak-key", bits: 512, minimum: 1024 });
    expect((await refused("Sha1CertResponder")).problem).toStrictEqual({ code: "ocsp-responder-refused", certificateIssue: "weak-digest", algorithm: "SHA-1" });
    expect((await refused("CriticalExtResponder")).problem).toStrictEqual({ code: "ocsp-responder-refused", certificateIssue: "unhandled-critical-extension" });
    // Expired as well as refused: out of its validity period is what is said.
    pki.build([{ name: "ExpiredShortKeyResponder", ...responder, key: "rsa:512", notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) }]);
    expect((await refused("ExpiredShortKeyResponder")).problem).toStrictEqual({ code: "ocsp-responder-not-valid" });
    // With SHA-1 allowed, the SHA-1 certificate is a warning only, and the responder counts.
    expect((await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "Sha1CertResponder"), smimeProfile({ acceptSha1: true }))).status).toBe("good");
  });

  it("a responder certificate with no extended key usage at all lacks id-kp-OCSPSigning (RFC 6960 section 4.2.2.2)", async () => {
    pki.build([{ name: "NoEkuResponder", issuer: "CA", eku: "absent", keyUsage: "critical,digitalSignature" }]);
    expect(await checkWithOcsp(view("Good"), [view("CA")], respond("Good", "NoEkuResponder"), policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-responder-lacks-eku" } });
  });

  it("a ResponderID that names someone other than the issuer is not the issuer, though the issuer's key signed (RFC 6960 section 4.2.2.3), as OpenSSL finds no signer", async () => {
    // "CA Twin" has the CA's key and another name; the response names it (byName) and carries no certificate.
    pki.build([{ name: "CATwin2", subject: "/O=Signet Scenario/CN=CA Twin 2", keyOf: "CA" }]);
    const r = respond("Good", "CATwin2", ["-resp_no_certs"]);
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date()))).toEqual({ status: "invalid", problem: { code: "ocsp-unauthorised-signer" } });
    pki.write("twin-resp.der", r.raw);
    const peer = pki.status(["ocsp", "-respin", "twin-resp.der", "-issuer", pki.get("CA").cert, "-CAfile", pki.get("CA").cert, "-cert", pki.get("Good").cert, "-no_nonce"]);
    expect(peer).not.toBe(0);
  });

  it("a stale response (past nextUpdate) and a response about another certificate", async () => {
    const r = respond("Good", "CA");
    expect(await checkWithOcsp(view("Good"), [view("CA")], r, policyAt(new Date(Date.now() + 3 * DAY)))).toEqual({ status: "invalid", problem: { code: "ocsp-stale" } });
    expect(await checkWithOcsp(view("Revoked"), [view("CA")], r, policyAt(new Date()))).toEqual({ status: "not-covered" });
  });
});
