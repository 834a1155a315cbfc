/** Checks that `issuer`'s key signed `child` (RFC 5280 section 6.1.3 (a)(1)). */
import { signatureScheme } from "../crypto/algorithms.js";
import { UnsupportedAlgorithmError, verifySignature } from "../crypto/verify.js";
import type { CertificateView } from "./certificate.js";
import type { PublicKeyDescription } from "../crypto/public-key.js";

export type IssuedByResult = { ok: true } | { ok: false; reason: "bad-signature" } | { ok: false; reason: "unsupported"; detail: string };

/** `issuerKey`: the issuer's effective key, when it differs from its certificate's (inherited DSA parameters). */
export async function verifyIssuedBy(child: CertificateView, issuer: CertificateView, issuerKey: PublicKeyDescription = issuer.publicKey): Promise<IssuedByResult> {
  const alg = child.cert.signatureAlgorithm;
  // RFC 5280 section 4.1.1.2: the outer algorithm must equal the one inside tbsCertificate.
  const inner = child.cert.signature;
  if (alg.algorithmId !== inner.algorithmId) return { ok: false, reason: "bad-signature" };
  const scheme = signatureScheme(alg.algorithmId, alg.algorithmParams, null);
  try {
    const ok = await verifySignature(issuerKey, scheme, child.tbs, new Uint8Array(child.cert.signatureValue.valueBlock.valueHexView));
    return ok ? { ok: true } : { ok: false, reason: "bad-signature" };
  } catch (e) {
    if (e instanceof UnsupportedAlgorithmError) return { ok: false, reason: "unsupported", detail: e.message };
    // WebCrypto refused the key or signature encoding: the signature does not verify.
    return { ok: false, reason: "bad-signature" };
  }
}
