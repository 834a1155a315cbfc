/**
 * Trust anchors and explicit distrust. An anchor is trusted for its name and
 * key (RFC 5280 section 6.1.1 (d)); a distrusted certificate is never used on
 * a path, whichever source offers it and even when a root above it is trusted.
 */
import type { CertificateView } from "../x509/certificate.js";

export type AnchorSource = "bundled" | "user" | "option";

/** Limits a user sets on an anchor (RFC 5937's trust anchor constraints, for email). */
export interface AnchorConstraints {
  /** Only mailboxes at these domains (and their subdomains) may be vouched for. */
  readonly emailDomains?: readonly string[];
}

export interface TrustAnchor {
  readonly certificate: CertificateView;
  /** Why it is trusted: shipped with Signet, added by the user, or given for this run (--anchor). */
  readonly source: AnchorSource;
  readonly constraints?: AnchorConstraints;
}

/**
 * An anchor known by its subject's name key and its fingerprint before it is parsed: the
 * bundled roots, indexed at build time, so that a store holds them without parsing them.
 */
export interface IndexedAnchor {
  readonly subjectKey: string;
  /** SHA-256 of the DER, lower-case hex. */
  readonly fingerprint: string;
  /** The anchor, parsed (bundled.ts imports the roots' DER on first use). */
  readonly load: () => Promise<TrustAnchor>;
}

export class TrustStore {
  private readonly bySubject = new Map<string, IndexedAnchor[]>();
  private readonly byFingerprint = new Map<string, IndexedAnchor>();
  private readonly distrustedBySubject = new Map<string, CertificateView[]>();

  private constructor(private readonly distrusted: ReadonlySet<string>) {}

  /**
   * `distrustedFingerprints`: SHA-256 of the DER, lower-case hex. `distrustedCertificates`, when
   * known, are offered to the path builder so a path through one is reported as `distrusted`
   * rather than as a missing issuer.
   */
  static async create(
    anchors: readonly (TrustAnchor | IndexedAnchor)[],
    distrustedFingerprints: Iterable<string> = [],
    distrustedCertificates: readonly CertificateView[] = [],
  ): Promise<TrustStore> {
    const store = new TrustStore(new Set([...distrustedFingerprints].map((f) => f.toLowerCase().replace(/:/g, ""))));
    for (const c of distrustedCertificates) {
      const list = store.distrustedBySubject.get(c.subjectKey) ?? [];
      list.push(c);
      store.distrustedBySubject.set(c.subjectKey, list);
    }
    for (const a of anchors) {
      const entry = "load" in a ? a : { subjectKey: a.certificate.subjectKey, fingerprint: await a.certificate.fingerprintHex(), load: async () => a };
      if (store.distrusted.has(entry.fingerprint) || store.byFingerprint.has(entry.fingerprint)) continue;
      store.byFingerprint.set(entry.fingerprint, entry);
      const list = store.bySubject.get(entry.subjectKey) ?? [];
      list.push(entry);
      store.bySubject.set(entry.subjectKey, list);
    }
    return store;
  }

  static readonly empty = (): Promise<TrustStore> => TrustStore.create([]);

  get size(): number {
    return this.byFingerprint.size;
  }

  /** Anchors whose subject matches this (issuer) name. */
  anchorsNamed(nameKey: string): Promise<readonly TrustAnchor[]> {
    return Promise.all((this.bySubject.get(nameKey) ?? []).map((e) => e.load()));
  }

  /** Distrusted certificates with this subject name. */
  distrustedNamed(nameKey: string): readonly CertificateView[] {
    return this.distrustedBySubject.get(nameKey) ?? [];
  }

  /** The anchor that is this very certificate, if any. */
  async anchorOf(cert: CertificateView): Promise<TrustAnchor | null> {
    return (await this.byFingerprint.get(await cert.fingerprintHex())?.load()) ?? null;
  }

  async isDistrusted(cert: CertificateView): Promise<boolean> {
    return this.distrusted.has(await cert.fingerprintHex());
  }
}
