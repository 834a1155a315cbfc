/**
 * Is this CRL really from that issuer? The signature over tbsCertList with the
 * issuer's key, and the issuer's right to sign CRLs (RFC 5280 section 6.3.3 (f):
 * cRLSign when the issuer has a keyUsage extension).
 */
import { parseBer } from "../cms/asn1.js";
import { signatureScheme } from "../crypto/algorithms.js";
import { verifySignedObject } from "../crypto/verify.js";
import { refusal } from "../policy/algorithm-acceptance.js";
import type { SmimePolicy } from "../policy/profile.js";
import { algorithmValues, type ProblemCause } from "./problem.js";
import type { CertificateView } from "../x509/certificate.js";
import type { ParsedCrl } from "./crl.js";

export type CrlSignatureCheck = { ok: true } | { ok: false; reason: "bad-signature" | "no-crl-sign" | "wrong-issuer" | "unsupported"; detail?: string };

export async function verifyCrl(crl: ParsedCrl, issuer: CertificateView): Promise<CrlSignatureCheck> {
  if (issuer.subjectKey !== crl.issuerKey) return { ok: false, reason: "wrong-issuer" };
  const ku = issuer.extensions.keyUsage;
  if (ku && !ku.has("cRLSign")) return { ok: false, reason: "no-crl-sign" };
  const params = crl.signatureParams ? parseBer(crl.signatureParams) : null;
  return verifySignedObject(issuer.publicKey, crl.signatureOid, params?.ok ? params.value : undefined, crl.tbs, crl.signature);
}

/** The algorithm policy on a CRL signature known to verify (algorithm-acceptance.ts): the problem, or null. */
export function crlSignatureRefusal(crl: ParsedCrl, issuer: CertificateView, policy: SmimePolicy): ProblemCause | null {
  const params = crl.signatureParams ? parseBer(crl.signatureParams) : null;
  const found = refusal(signatureScheme(crl.signatureOid, params?.ok ? params.value : undefined, null), issuer.publicKey, policy);
  return found ? { code: "signature-refused", ...algorithmValues(found.params) } : null;
}
