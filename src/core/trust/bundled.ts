/**
 * The bundled default anchors: the roots Mozilla trusts for email
 * (bundled-roots.ts, made by scripts/extract-email-roots.mjs). Parsed once,
 * on first use, and shared.
 */
import { decodeBase64Text } from "../util/base64.js";
import { CertificateView } from "../x509/certificate.js";
import { BUNDLED_ROOTS, BUNDLED_ROOTS_INFO } from "./bundled-roots.js";
import type { TrustAnchor } from "./trust-store.js";

export { BUNDLED_ROOTS_INFO };

let parsed: TrustAnchor[] | null = null;

export function bundledAnchors(): readonly TrustAnchor[] {
  parsed ??= BUNDLED_ROOTS.map(([, b64]) => ({ certificate: CertificateView.fromDer(decodeBase64Text(b64).bytes), source: "bundled" as const }));
  return parsed;
}
