/** Checks that the issuer's key signed `child` (RFC 5280 section 6.1.3 (a)(1)). */
import type { PublicKeyDescription } from "../crypto/public-key.js";
import { verifySignedObject, type SignedObjectCheck } from "../crypto/verify.js";
import type { CertificateView } from "./certificate.js";

export type IssuedByResult = SignedObjectCheck;

/**
 * Answers given, by certificate and issuer key. The answer depends on nothing else: the
 * certificate's bytes and the key never change (verify.ts keys its imported-key cache on the same
 * description). A certificate view is shared by every message that carries the same DER
 * (certificate-cache.ts), so a chain met again, or searched again with AIA in the network stage
 * of an inspection, is not verified again.
 */
const answers = new WeakMap<CertificateView, WeakMap<PublicKeyDescription, Promise<IssuedByResult>>>();

/** `issuerKey`: the issuer's key (its effective key when it inherits DSA parameters). */
export function verifyIssuedBy(child: CertificateView, issuerKey: PublicKeyDescription): Promise<IssuedByResult> {
  let byKey = answers.get(child);
  if (!byKey) answers.set(child, (byKey = new WeakMap()));
  let answer = byKey.get(issuerKey);
  if (!answer) byKey.set(issuerKey, (answer = check(child, issuerKey)));
  return answer;
}

async function check(child: CertificateView, issuerKey: PublicKeyDescription): Promise<IssuedByResult> {
  const alg = child.cert.signatureAlgorithm;
  // RFC 5280 section 4.1.1.2: the outer algorithm must equal the one inside tbsCertificate.
  if (alg.algorithmId !== child.cert.signature.algorithmId) return { ok: false, reason: "bad-signature" };
  return verifySignedObject(issuerKey, alg.algorithmId, alg.algorithmParams, child.tbs, new Uint8Array(child.cert.signatureValue.valueBlock.valueHexView));
}
