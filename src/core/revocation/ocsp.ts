/**
 * OCSP responses (RFC 6960): parsed with pkijs, judged here. A response is
 * believed only when it is signed by the certificate's issuer, or by a
 * responder certificate that issuer signed directly with id-kp-OCSPSigning
 * (section 4.2.2.2) that is valid on the CA's path; when its signature's digest
 * and key pass the algorithm policy; when its CertID names exactly this
 * certificate; and when it is fresh for the validation time (section 4.2.2.1). Responses that carry
 * no certificates are fine: the issuer's own key is tried first.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { parseBer } from "../cms/asn1.js";
import { digestByOid } from "../crypto/algorithms.js";
import { validatePath } from "../policy/path-validation.js";
import type { SmimePolicy } from "../policy/profile.js";
import { digest } from "../crypto/digest.js";
import { verifySignedObject } from "../crypto/verify.js";
import { bytesEqual, toArrayBuffer } from "../util/bytes.js";
import { CertificateView } from "../x509/certificate.js";
import { EKU, OID } from "../oids.js";
import { nameKey } from "../x509/name.js";
import { verifyIssuedBy } from "../x509/issued-by.js";
import { REVOCATION_CLOCK_SKEW_MS } from "./clock-skew.js";
import { REVOCATION_REASONS, type RevocationReason } from "./crl.js";
import { serialKey } from "../x509/serial.js";
import { issuerHashes } from "./ocsp-request.js";
import { algorithmValues, signatureRefused, type ProblemCause } from "./problem.js";

/** OCSPResponseStatus (section 4.2.1); 4 is unused. */
const RESPONSE_STATUS = ["successful", "malformedRequest", "internalError", "tryLater", null, "sigRequired", "unauthorized"] as const;

/** A SingleResponse's answer (RFC 6960 section 4.2.1): a revocation always with its time. */
export type SingleStatus = { thisUpdate: Date; nextUpdate: Date | null } & (
  | { status: "good" | "unknown" }
  | { status: "revoked"; revocationTime: Date; reason: RevocationReason | null }
);

export interface ParsedOcsp {
  /** The response as received, for caching. */
  raw: Uint8Array;
  responseStatus: string;
  basic: pkijs.BasicOCSPResponse | null;
  producedAt: Date | null;
  certificates: CertificateView[];
}

export function parseOcspResponse(der: Uint8Array): ParsedOcsp | { error: string } {
  const ber = parseBer(der);
  if (!ber.ok) return { error: ber.reason };
  try {
    const resp = new pkijs.OCSPResponse({ schema: ber.value });
    const responseStatus = RESPONSE_STATUS[resp.responseStatus.valueBlock.valueDec] ?? `status ${resp.responseStatus.valueBlock.valueDec}`;
    if (responseStatus !== "successful") return { raw: der, responseStatus, basic: null, producedAt: null, certificates: [] };
    if (!resp.responseBytes) return { error: "successful response without responseBytes" };
    if (resp.responseBytes.responseType !== OID.ocspBasic) return { error: `unknown response type ${resp.responseBytes.responseType}` };
    const basic = pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(resp.responseBytes.response.valueBlock.valueHexView));
    return { raw: der, responseStatus, basic, producedAt: basic.tbsResponseData.producedAt, certificates: (basic.certs ?? []).map((c) => new CertificateView(c)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export type OcspVerdict =
  | { status: "good" | "revoked" | "unknown"; single: SingleStatus; responder: "issuer" | "delegated"; responderSubject: string }
  | { status: "invalid"; problem: ProblemCause }
  /** The response says nothing about this certificate (no matching CertID). */
  | { status: "not-covered" };

async function signedBy(basic: pkijs.BasicOCSPResponse, signer: CertificateView): Promise<boolean> {
  const alg = basic.signatureAlgorithm;
  const check = await verifySignedObject(signer.publicKey, alg.algorithmId, alg.algorithmParams, basic.tbsResponseData.tbsView, new Uint8Array(basic.signature.valueBlock.valueHexView));
  return check.ok;
}

/**
 * A delegated responder (section 4.2.2.2) must have been issued by the certificate's CA, so its
 * path is that CA's, already built: it is validated on that path by the rule table every path
 * goes through (validatePath, purpose "ocsp-signer"), which holds it to its validity period, the
 * algorithm policy and the rest of RFC 5280 section 6. Errors only: a warning does not refuse it.
 */
function responderProblem(responder: CertificateView, issuerPath: readonly CertificateView[], policy: SmimePolicy): ProblemCause | null {
  // Stryker disable next-line StringLiteral: validatePath holds every leaf purpose but email-signer alike; the purpose only names the key's role, which the problem does not carry
  const found = validatePath([responder, ...issuerPath], policy, undefined, "ocsp-signer");
  // The issuer path is the signer's own valid path (revocation is checked on nothing else), so its
  // certificates bring no errors; the filter keeps the responder's own findings only.
  // Stryker disable next-line ConditionalExpression: as said, no certificate of the issuer path has an error here
  const own = found.filter((i) => i.certificate === 0);
  const errors = own.filter((i) => i.severity === "error");
  const first = errors[0];
  if (!first) return null;
  // Out of its validity period is said first, whatever else is wrong with it.
  if (errors.some((i) => i.code === "expired" || i.code === "not-yet-valid")) return { code: "ocsp-responder-not-valid" };
  return { code: "ocsp-responder-refused", certificateIssue: first.code, ...algorithmValues(first.params) };
}

/** ResponderID (section 4.2.1): byName matches the subject, byKey the SHA-1 of the public key bits. */
async function isResponder(basic: pkijs.BasicOCSPResponse, cert: CertificateView): Promise<boolean> {
  const id: unknown = basic.tbsResponseData.responderID;
  if (id instanceof pkijs.RelativeDistinguishedNames) return nameKey(id) === cert.subjectKey;
  // Stryker disable next-line ConditionalExpression: pkijs reads a ResponderID as one of these two types only
  if (id instanceof asn1js.OctetString) {
    const keyHash = await digest("SHA-1", cert.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    return bytesEqual(keyHash, id.valueBlock.valueHexView);
  }
  // Stryker disable next-line BooleanLiteral: unreachable, as above
  return false;
}

/**
 * Does this CertID name `cert` issued by `issuer`? (section 4.1.1: hashes of the issuer's
 * name and key, and the serial). "serial-only": the serial matches but the issuer hashes do
 * not, a response about this number from some other issuer, which must not be trusted.
 * "unsupported-hash": the serial matches, but the issuer is named with a hash Signet cannot compute.
 */
async function matches(single: pkijs.SingleResponse, cert: CertificateView, issuer: CertificateView): Promise<"match" | "serial-only" | "unsupported-hash" | "none"> {
  const id = single.certID;
  // Stryker disable next-line StringLiteral: any answer but "match" and "serial-only" means none
  if (serialKey(id.serialNumber.valueBlock.valueHexView) !== serialKey(cert.cert.serialNumber.valueBlock.valueHexView)) return "none";
  const hash = digestByOid(id.hashAlgorithm.algorithmId);
  if (!hash) return "unsupported-hash";
  const { nameHash, keyHash } = await issuerHashes(issuer, hash);
  return bytesEqual(nameHash, id.issuerNameHash.valueBlock.valueHexView) && bytesEqual(keyHash, id.issuerKeyHash.valueBlock.valueHexView) ? "match" : "serial-only";
}

function statusOf(single: pkijs.SingleResponse): SingleStatus {
  const s = single.certStatus as asn1js.AsnType;
  const base = { thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate ?? null };
  if (s.idBlock.tagNumber === 0) return { ...base, status: "good" };
  if (s.idBlock.tagNumber === 1) {
    // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
    const parts = (s as asn1js.Constructed).valueBlock.value;
    // pkijs reads no response whose RevokedInfo lacks the GeneralizedTime (ocsp.test.ts; nor does OpenSSL).
    const time = (parts[0] as asn1js.GeneralizedTime).toDate();
    // Stryker disable next-line OptionalChaining: asn1js gives every constructed value an array
    const reasonEl = parts[1] ? (parts[1] as asn1js.Constructed).valueBlock.value?.[0] : undefined;
    const reason = reasonEl instanceof asn1js.Enumerated ? (REVOCATION_REASONS[reasonEl.valueBlock.valueDec] ?? null) : null;
    return { ...base, status: "revoked", revocationTime: time, reason };
  }
  return { ...base, status: "unknown" };
}

/**
 * The status of `cert` according to `response`, at the policy's validation time, allowing
 * `skewMs` of clock difference on thisUpdate and nextUpdate. `issuerPath` is the certificate's
 * path from its issuer up, the anchor's certificate last ([issuer] when the issuer is the anchor).
 */
export async function checkWithOcsp(
  cert: CertificateView,
  issuerPath: readonly CertificateView[],
  response: ParsedOcsp,
  policy: SmimePolicy,
  skewMs = REVOCATION_CLOCK_SKEW_MS,
): Promise<OcspVerdict> {
  const issuer = issuerPath[0]!;
  const at = policy.validationTime;
  // parseOcspResponse gives a basic response exactly when the status is successful.
  if (!response.basic) return { status: "invalid", problem: { code: "ocsp-not-successful", responseStatus: response.responseStatus } };
  const basic = response.basic;
  let single: pkijs.SingleResponse | null = null;
  let nearMiss: "serial-only" | "unsupported-hash" | null = null;
  for (const s of basic.tbsResponseData.responses) {
    const m = await matches(s, cert, issuer);
    if (m === "match") {
      single = s;
      break;
    }
    if (m !== "none") nearMiss = m;
  }
  if (!single) {
    if (nearMiss === "serial-only") return { status: "invalid", problem: { code: "ocsp-other-issuer" } };
    if (nearMiss === "unsupported-hash") return { status: "invalid", problem: { code: "ocsp-certid-hash-unsupported" } };
    return { status: "not-covered" };
  }
  // The signer: the issuer itself, or a delegated responder the issuer signed directly.
  let responder: "issuer" | "delegated" | null = null;
  let responderCert: CertificateView = issuer;
  if ((await isResponder(basic, issuer)) && (await signedBy(basic, issuer))) responder = "issuer";
  else {
    for (const c of response.certificates) {
      if (!(await isResponder(basic, c)) || !(await signedBy(basic, c))) continue;
      // Stryker disable next-line ConditionalExpression: the signature decides; the name test only spares it for a stranger's certificate
      if (c.issuerKey !== issuer.subjectKey || !(await verifyIssuedBy(c, issuer.publicKey)).ok) return { status: "invalid", problem: { code: "ocsp-responder-not-issued-by-ca" } };
      if (!c.extensions.extKeyUsage?.includes(EKU.ocspSigning)) return { status: "invalid", problem: { code: "ocsp-responder-lacks-eku" } };
      const problem = responderProblem(c, issuerPath, policy);
      if (problem) return { status: "invalid", problem };
      responder = "delegated";
      responderCert = c;
      break;
    }
  }
  if (!responder) return { status: "invalid", problem: { code: "ocsp-unauthorised-signer" } };
  const refused = signatureRefused(basic.signatureAlgorithm.algorithmId, basic.signatureAlgorithm.algorithmParams, responderCert.publicKey, policy);
  if (refused) return { status: "invalid", problem: refused };
  const s = statusOf(single);
  if (s.thisUpdate.getTime() > at.getTime() + skewMs) return { status: "invalid", problem: { code: "ocsp-from-future" } };
  if (s.nextUpdate && s.nextUpdate.getTime() < at.getTime() - skewMs) return { status: "invalid", problem: { code: "ocsp-stale" } };
  return { status: s.status, single: s, responder, responderSubject: responderCert.subjectText };
}
