/**
 * Where candidate issuers come from, behind one interface (the shape of
 * BoringSSL pki's CertIssuerSource). Synchronous sources (the message's own
 * certificates, the intermediate cache) are asked first; asynchronous ones
 * (AIA caIssuers fetches) only when those have nothing left.
 */
import type { CertificateView } from "../x509/certificate.js";

export interface IssuerSource {
  /** Names the source in the report ("message", "cache", "aia"). */
  readonly name: string;
  /** True for sources that may touch the network: asked last, and only when needed. */
  readonly remote: boolean;
  issuersOf(cert: CertificateView): Promise<readonly CertificateView[]>;
}

/** Certificates indexed by subject name: the message's certificates, or the cache of intermediates. */
export class CertificatePool implements IssuerSource {
  readonly remote = false;
  private readonly bySubject = new Map<string, CertificateView[]>();
  private readonly seen = new Set<string>();

  constructor(readonly name: string, certificates: Iterable<CertificateView> = []) {
    for (const c of certificates) this.add(c);
  }

  add(cert: CertificateView): void {
    // Stryker disable next-line StringLiteral: the separator only keeps two concatenations apart that the hex serial already does
    const id = cert.subjectAndKey + "|" + cert.serialHex;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const list = this.bySubject.get(cert.subjectKey) ?? [];
    list.push(cert);
    this.bySubject.set(cert.subjectKey, list);
  }

  get size(): number {
    return this.seen.size;
  }

  async issuersOf(cert: CertificateView): Promise<readonly CertificateView[]> {
    return this.bySubject.get(cert.issuerKey) ?? [];
  }
}
