/**
 * The bundled default anchors: the roots Mozilla trusts for email
 * (bundled-roots.ts, made by scripts/extract-email-roots.mjs). A process starts
 * with the build-time index (bundled-index.ts: name key and fingerprint) and
 * parses a root only when it is asked for: most messages reach one root or none,
 * and parsing all 106 cost 250-300 ms in every process. Each root, once parsed,
 * is shared.
 */
import { decodeBase64Text } from "../util/base64.js";
import { CertificateView } from "../x509/certificate.js";
import { BUNDLED_ROOTS, BUNDLED_ROOTS_INFO } from "./bundled-roots.js";
import { BUNDLED_ROOTS_INDEX } from "./bundled-index.js";
import type { IndexedAnchor, TrustAnchor } from "./trust-store.js";

export { BUNDLED_ROOTS_INFO };

const parsed: (TrustAnchor | undefined)[] = [];

function bundledAnchor(i: number): TrustAnchor {
  return (parsed[i] ??= { certificate: CertificateView.fromDer(decodeBase64Text(BUNDLED_ROOTS[i]![1]).bytes), source: "bundled" });
}

/** Every bundled root, parsed (for listings; a verification needs only `indexedBundledAnchors`). */
export function bundledAnchors(): readonly TrustAnchor[] {
  return BUNDLED_ROOTS.map((_, i) => bundledAnchor(i));
}

/** The bundled roots as the trust store indexes them, each parsed on first use. */
export function indexedBundledAnchors(): readonly IndexedAnchor[] {
  return BUNDLED_ROOTS_INDEX.map(([subjectKey, fingerprint], i) => ({ subjectKey, fingerprint, load: () => bundledAnchor(i) }));
}
