/** Checks that the issuer's key signed `child` (RFC 5280 section 6.1.3 (a)(1)). */
import type { PublicKeyDescription } from "../crypto/public-key.js";
import { verifySignedObject, type SignedObjectCheck } from "../crypto/verify.js";
import type { CertificateView } from "./certificate.js";

export type IssuedByResult = SignedObjectCheck;

/** `issuerKey`: the issuer's key (its effective key when it inherits DSA parameters). */
export async function verifyIssuedBy(child: CertificateView, issuerKey: PublicKeyDescription): Promise<IssuedByResult> {
  const alg = child.cert.signatureAlgorithm;
  // RFC 5280 section 4.1.1.2: the outer algorithm must equal the one inside tbsCertificate.
  if (alg.algorithmId !== child.cert.signature.algorithmId) return { ok: false, reason: "bad-signature" };
  return verifySignedObject(issuerKey, alg.algorithmId, alg.algorithmParams, child.tbs, new Uint8Array(child.cert.signatureValue.valueBlock.valueHexView));
}
