/**
 * Is this CRL really from that issuer? The signature over tbsCertList with the
 * issuer's key, and the issuer's right to sign CRLs (RFC 5280 section 6.3.3 (f):
 * cRLSign when the issuer has a keyUsage extension).
 */
import { parseBer } from "../cms/asn1.js";
import { verifySignedObject, type SignedObjectCheck } from "../crypto/verify.js";
import type { CertificateView } from "../x509/certificate.js";
import type { ParsedCrl } from "./crl.js";

export type CrlSignatureCheck = SignedObjectCheck | { ok: false; reason: "no-crl-sign" | "wrong-issuer" };

/** The CRL's signature AlgorithmIdentifier parameters, read (undefined when absent or unreadable). */
export function crlSignatureParams(crl: ParsedCrl): unknown {
  const params = crl.signatureParams ? parseBer(crl.signatureParams) : null;
  return params?.ok ? params.value : undefined;
}

export async function verifyCrl(crl: ParsedCrl, issuer: CertificateView): Promise<CrlSignatureCheck> {
  if (issuer.subjectKey !== crl.issuerKey) return { ok: false, reason: "wrong-issuer" };
  const ku = issuer.extensions.keyUsage;
  if (ku && !ku.has("cRLSign")) return { ok: false, reason: "no-crl-sign" };
  return verifySignedObject(issuer.publicKey, crl.signatureOid, crlSignatureParams(crl), crl.tbs, crl.signature);
}
