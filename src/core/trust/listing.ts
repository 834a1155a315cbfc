/**
 * The trust manager's list: every anchor and distrust decision as plain data,
 * saying where each comes from, so a view can search and act on it.
 */
import type { Store } from "../ports.js";
import type { CertificateView } from "../x509/certificate.js";
import { bundledAnchors, BUNDLED_ROOTS_INFO } from "./bundled.js";
import { loadUserTrust } from "./user-trust.js";

export interface TrustEntry {
  /** SHA-256 of the DER, lower-case hex without separators (the Store's key). */
  fingerprint: string;
  subject: string;
  notAfter: string;
  /** "bundled": Mozilla's email roots shipped with Signet; "user": added by the user. */
  source: "bundled" | "user";
  decision: "anchor" | "distrusted";
  /** An anchor the user limited to these mail domains. */
  emailDomains?: string[];
}

export interface TrustListing {
  entries: TrustEntry[];
  bundled: { count: number; source: string; extracted: string };
}

async function entry(c: CertificateView, source: TrustEntry["source"], decision: TrustEntry["decision"]): Promise<TrustEntry> {
  return { fingerprint: await c.fingerprintHex(), subject: c.subjectText, notAfter: c.cert.notAfter.value.toISOString(), source, decision };
}

export async function listTrust(store: Store | undefined, options: { bundled: boolean }): Promise<TrustListing> {
  const user = store ? await loadUserTrust(store) : null;
  const entries: TrustEntry[] = [];
  for (const a of user?.anchors ?? []) {
    const e = await entry(a.certificate, "user", "anchor");
    if (a.constraints?.emailDomains?.length) e.emailDomains = [...a.constraints.emailDomains];
    entries.push(e);
  }
  for (const c of user?.distrustedCertificates ?? []) entries.push(await entry(c, "user", "distrusted"));
  if (options.bundled) {
    const distrusted = new Set(user?.distrusted ?? []);
    for (const a of await bundledAnchors()) {
      const e = await entry(a.certificate, "bundled", "anchor");
      if (distrusted.has(e.fingerprint)) continue;
      entries.push(e);
    }
  }
  const { count, source, extracted } = BUNDLED_ROOTS_INFO;
  return { entries, bundled: { count, source, extracted } };
}
