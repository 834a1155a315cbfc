/**
 * Certificates seen before, by their DER: a correspondent's certificate and its CA's
 * come in message after message, and a view remembers what was worked out from them
 * (names, extensions, fingerprints, the imported key), so each is done once per
 * process rather than once per message. A view is derived from its DER alone, so
 * sharing it cannot carry one message's findings into another; the one exception, a
 * DSA key whose parameters a path supplies (CertificateView.adoptInheritedKey), is
 * never shared.
 */
import { latin1 } from "../util/bytes.js";
import { CertificateView } from "./certificate.js";

/**
 * Views kept, least recently used dropped first. 256: a reader's correspondents and their
 * CAs fit, while a view with its pkijs structure weighs tens of KiB, so the cache stays a
 * few MiB.
 */
export const CERTIFICATE_CACHE_SIZE = 256;

const views = new Map<string, CertificateView>();

/**
 * The view of the certificate with these bytes: the one already made when the same DER was seen
 * before, else one parsed now (pkijs.Certificate.fromBER throws for bytes that are no certificate).
 */
export function sharedCertificateView(der: Uint8Array): CertificateView {
  const key = latin1(der);
  const known = views.get(key);
  if (known) {
    views.delete(key);
    views.set(key, known);
    return known;
  }
  // Parsed from a copy of its own bytes: pkijs's structure keeps windows on the buffer it was read
  // from, and a view kept for later messages must not keep the whole message alive with it.
  const fresh = CertificateView.fromDer(der.slice());
  if (fresh.publicKey.kind === "dsa-inherited") return fresh;
  views.set(key, fresh);
  if (views.size > CERTIFICATE_CACHE_SIZE) views.delete(views.keys().next().value!);
  return fresh;
}
