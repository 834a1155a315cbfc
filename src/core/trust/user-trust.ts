/**
 * The user's own trust decisions, persisted through the Store port: anchors
 * they added and certificates they distrust, each kept as DER under its
 * SHA-256 fingerprint. Hosts and the CLI share this layout.
 */
import type { Store } from "../ports.js";
import { CertificateView } from "../x509/certificate.js";
import type { AnchorConstraints, TrustAnchor } from "./trust-store.js";

const ANCHORS = "trust/anchors/";
const DISTRUST = "trust/distrust/";
const CONSTRAINTS = "trust/constraints/";

export interface UserTrust {
  anchors: TrustAnchor[];
  /** SHA-256 fingerprints (hex) of distrusted certificates. */
  distrusted: string[];
  /** Distrusted certificates as stored, for listing. */
  distrustedCertificates: CertificateView[];
}

export async function loadUserTrust(store: Store): Promise<UserTrust> {
  const out: UserTrust = { anchors: [], distrusted: [], distrustedCertificates: [] };
  for (const key of await store.list(ANCHORS)) {
    const der = await store.get(key);
    if (!der) continue;
    const saved = await store.get(CONSTRAINTS + key.slice(ANCHORS.length));
    const constraints = saved ? (JSON.parse(new TextDecoder().decode(saved)) as AnchorConstraints) : undefined;
    out.anchors.push(constraints ? { certificate: CertificateView.fromDer(der), source: "user", constraints } : { certificate: CertificateView.fromDer(der), source: "user" });
  }
  for (const key of await store.list(DISTRUST)) {
    out.distrusted.push(key.slice(DISTRUST.length));
    const der = await store.get(key);
    if (der) out.distrustedCertificates.push(CertificateView.fromDer(der));
  }
  return out;
}

export async function addAnchor(store: Store, cert: CertificateView, constraints?: AnchorConstraints): Promise<string> {
  const fp = await cert.fingerprintHex();
  await store.delete(DISTRUST + fp);
  await store.put(ANCHORS + fp, cert.der);
  if (constraints?.emailDomains?.length) await store.put(CONSTRAINTS + fp, new TextEncoder().encode(JSON.stringify(constraints)));
  else await store.delete(CONSTRAINTS + fp);
  return fp;
}

export async function distrust(store: Store, cert: CertificateView): Promise<string> {
  const fp = await cert.fingerprintHex();
  await store.delete(ANCHORS + fp);
  await store.delete(CONSTRAINTS + fp);
  await store.put(DISTRUST + fp, cert.der);
  return fp;
}

/** Forgets any decision about the certificate with this fingerprint; false if there was none. */
export async function removeDecision(store: Store, fingerprint: string): Promise<boolean> {
  const fp = fingerprint.toLowerCase().replace(/:/g, "");
  const had = (await store.get(ANCHORS + fp)) !== null || (await store.get(DISTRUST + fp)) !== null;
  await store.delete(ANCHORS + fp);
  await store.delete(CONSTRAINTS + fp);
  await store.delete(DISTRUST + fp);
  return had;
}
