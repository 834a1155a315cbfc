/**
 * The bundled default anchors: the roots Mozilla trusts for email
 * (bundled-roots.ts, made by scripts/extract-email-roots.mjs). A process starts
 * with the build-time index (bundled-index.ts: name key and fingerprint) and
 * parses a root only when it is asked for: most messages reach one root or none,
 * and parsing all 106 cost 250-300 ms in every process. Each root, once parsed,
 * is shared. The roots' DER is imported when a path first reaches a bundled
 * root's name: in the add-ons a chunk of its own (90 KB gzip, more than half of
 * what the background script may load at start), in Node a module read then.
 */
import { decodeBase64Text } from "../util/base64.js";
import { CertificateView } from "../x509/certificate.js";
import { BUNDLED_ROOTS_INDEX, BUNDLED_ROOTS_INFO } from "./bundled-index.js";
import type { IndexedAnchor, TrustAnchor } from "./trust-store.js";

export { BUNDLED_ROOTS_INFO };

type RootsTable = readonly (readonly [string, string])[];
let table: Promise<RootsTable> | undefined;
const rootsTable = (): Promise<RootsTable> => (table ??= import(/* webpackChunkName: "bundled-roots" */ "./bundled-roots.js").then((m) => m.BUNDLED_ROOTS));

const parsed: (TrustAnchor | undefined)[] = [];

async function bundledAnchor(i: number): Promise<TrustAnchor> {
  const der = (await rootsTable())[i]![1];
  return (parsed[i] ??= { certificate: CertificateView.fromDer(decodeBase64Text(der).bytes), source: "bundled" });
}

/** Every bundled root, parsed (for listings; a verification needs only `indexedBundledAnchors`). */
export async function bundledAnchors(): Promise<readonly TrustAnchor[]> {
  return Promise.all(BUNDLED_ROOTS_INDEX.map((_, i) => bundledAnchor(i)));
}

/** The bundled roots as the trust store indexes them, each parsed on first use. */
export function indexedBundledAnchors(): readonly IndexedAnchor[] {
  return BUNDLED_ROOTS_INDEX.map(([subjectKey, fingerprint], i) => ({ subjectKey, fingerprint, load: () => bundledAnchor(i) }));
}
