/**
 * AIA caIssuers (RFC 5280 section 4.2.2.1): the URL a certificate names for
 * its issuer. The response is a DER certificate or a certs-only CMS
 * (RFC 5280 allows both). Asked only when the local sources have nothing;
 * fetched through the host's Fetcher with a time-out and a size cap; what is
 * found is added to the intermediate cache.
 */
import type { Fetcher } from "../ports.js";
import { parseContentInfo } from "../cms/content-info.js";
import { OID } from "../oids.js";
import { readSignedData } from "../cms/signed-data.js";
import { CertificateView } from "../x509/certificate.js";
import type { CertificatePool, IssuerSource } from "./issuer-source.js";

export interface AiaOptions {
  /** Per fetch. Default 5 s: a slow CA must not hold the report (revocation has the same rule, fetch.ts). */
  timeoutMs: number;
  /** Default 256 KiB: a CA certificate is 1-2 KiB, a certs-only bundle a few. */
  maxBytes: number;
  /**
   * Distinct URLs one source instance fetches (a CLI run, or one message in an add-in).
   * Default 64; answers are kept by URL, so a sender's intermediate is fetched once.
   */
  maxFetches: number;
}

export const DEFAULT_AIA_OPTIONS: AiaOptions = Object.freeze({ timeoutMs: 5000, maxBytes: 256 * 1024, maxFetches: 64 });

export interface AiaFetchRecord {
  url: string;
  outcome: "ok" | "failed" | "unparsable" | "skipped";
  detail?: string;
  certificates: number;
}

export function parseCaIssuersResponse(body: Uint8Array): CertificateView[] {
  try {
    return [CertificateView.fromDer(body)];
  } catch {
    const ci = parseContentInfo(body);
    // Stryker disable next-line ConditionalExpression: readSignedData refuses the body of any other content type as well (caught below)
    if (!ci.ok || ci.value.contentType !== OID.signedData) return [];
    try {
      return readSignedData(ci.value, 64).certificates;
    } catch {
      return [];
    }
  }
}

export class AiaIssuerSource implements IssuerSource {
  // Stryker disable next-line StringLiteral: a label for whoever inspects a source; nothing decides by it
  readonly name = "aia";
  readonly remote = true;
  readonly fetched: AiaFetchRecord[] = [];
  private readonly done = new Map<string, CertificateView[]>();

  constructor(
    private readonly fetcher: Fetcher,
    private readonly cache: CertificatePool | undefined,
    private readonly options: AiaOptions = DEFAULT_AIA_OPTIONS,
  ) {}

  async issuersOf(cert: CertificateView): Promise<readonly CertificateView[]> {
    const out: CertificateView[] = [];
    for (const url of cert.extensions.caIssuers) {
      // Only http(s): LDAP and file URLs are not fetched (RFC 5280 allows ldap; no host here speaks it).
      if (!/^https?:\/\//i.test(url)) {
        this.fetched.push({ url, outcome: "skipped", detail: "only http and https URLs are fetched", certificates: 0 });
        continue;
      }
      const cached = this.done.get(url);
      if (cached) {
        out.push(...cached);
        continue;
      }
      if (this.done.size >= this.options.maxFetches) break;
      const res = await this.fetcher.fetch({ url, method: "GET", timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes });
      let found: CertificateView[] = [];
      if (!res.ok) this.fetched.push({ url, outcome: "failed", detail: res.detail ?? res.error, certificates: 0 });
      else {
        found = parseCaIssuersResponse(res.body);
        this.fetched.push({ url, outcome: found.length ? "ok" : "unparsable", certificates: found.length });
      }
      this.done.set(url, found);
      for (const c of found) this.cache?.add(c);
      out.push(...found);
    }
    return out;
  }
}
