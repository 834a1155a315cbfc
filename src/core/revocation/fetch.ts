/**
 * Revocation answers over the host's Fetcher: OCSP (GET for short requests,
 * which responders and caches serve best; POST otherwise or when GET fails,
 * RFC 6960 appendix A.1) and CRLs from http distribution points. Every fetch
 * has a time-out and a size cap; only http and https are used (ldap URLs are
 * reported as unsupported, not skipped silently).
 */
import type { Fetcher } from "../ports.js";
import type { FetchErrorKind } from "../report/types.js";
import type { CertificateView } from "../x509/certificate.js";
import { parseCrl, type ParsedCrl } from "./crl.js";
import { parseOcspResponse, type ParsedOcsp } from "./ocsp.js";
import { buildOcspRequest, ocspGetUrl, responseNonce } from "./ocsp-request.js";
import { bytesEqual, latin1 } from "../util/bytes.js";
import { decodeBase64Text } from "../util/base64.js";
import type { ProblemCause } from "./problem.js";

export interface RevocationFetchOptions {
  /** Per request. Default 5 s: a slow responder must not hold the report. */
  timeoutMs: number;
  /** OCSP responses are a few KiB; default 64 KiB. */
  maxOcspBytes: number;
  /** CRLs can be large; default 32 MiB (the biggest public CRLs are 10-20 MiB). */
  maxCrlBytes: number;
}

export const DEFAULT_REVOCATION_FETCH: RevocationFetchOptions = Object.freeze({ timeoutMs: 5000, maxOcspBytes: 64 * 1024, maxCrlBytes: 32 * 1024 * 1024 });

export type Fetched<T> = { ok: true; value: T; url: string; method: "GET" | "POST" } | { ok: false; url: string; problem: ProblemCause };

const httpUrl = (url: string): boolean => /^https?:\/\//i.test(url);
// Stryker disable next-line StringLiteral: split always gives a first part
const unsupportedScheme = (url: string): ProblemCause => ({ code: "unsupported-scheme", scheme: url.split(":")[0] ?? "" });

/** A failed request as the Fetcher reported it: its error kind, HTTP status and detail, kept as data. */
function fetchFailed(res: { error: FetchErrorKind; status?: number; detail?: string }, method?: "GET" | "POST"): ProblemCause {
  return { code: "fetch-failed", ...(method ? { method } : {}), error: res.error, ...(res.status ? { status: res.status } : {}), ...(res.detail ? { detail: res.detail } : {}) };
}

export async function fetchOcsp(
  fetcher: Fetcher,
  url: string,
  cert: CertificateView,
  issuer: CertificateView,
  options: RevocationFetchOptions = DEFAULT_REVOCATION_FETCH,
  nonce?: Uint8Array,
): Promise<Fetched<ParsedOcsp>> {
  if (!httpUrl(url)) return { ok: false, url, problem: unsupportedScheme(url) };
  const request = await buildOcspRequest(cert, issuer, nonce ? { nonce } : {});
  const attempts: { method: "GET" | "POST"; url: string }[] = [];
  const get = nonce ? null : ocspGetUrl(url, request); // a nonce makes each request unique: no point caching via GET
  if (get) attempts.push({ method: "GET", url: get });
  attempts.push({ method: "POST", url });
  // Stryker disable next-line ObjectLiteral,StringLiteral: never read, the POST is always attempted
  let problem: ProblemCause = { code: "fetch-failed", error: "network" };
  for (const a of attempts) {
    const res = await fetcher.fetch({
      url: a.url,
      method: a.method,
      ...(a.method === "POST" ? { body: request, contentType: "application/ocsp-request" } : {}),
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxOcspBytes,
    });
    if (!res.ok) {
      problem = fetchFailed(res, a.method);
      continue;
    }
    const parsed = parseOcspResponse(res.body);
    if ("error" in parsed) {
      problem = { code: "ocsp-unreadable", detail: parsed.error };
      continue;
    }
    if (nonce && parsed.basic) {
      const echoed = responseNonce(parsed.basic);
      // RFC 8954 section 2.1: a responder may ignore the nonce; one that echoes it must echo it exactly.
      if (echoed && !bytesEqual(echoed, nonce)) return { ok: false, url, problem: { code: "ocsp-nonce-mismatch" } };
    }
    return { ok: true, value: parsed, url: a.url, method: a.method };
  }
  return { ok: false, url, problem };
}

export async function fetchCrl(fetcher: Fetcher, url: string, options: RevocationFetchOptions = DEFAULT_REVOCATION_FETCH): Promise<Fetched<ParsedCrl>> {
  if (!httpUrl(url)) return { ok: false, url, problem: unsupportedScheme(url) };
  const res = await fetcher.fetch({ url, method: "GET", timeoutMs: options.timeoutMs, maxBytes: options.maxCrlBytes });
  if (!res.ok) return { ok: false, url, problem: fetchFailed(res) };
  // Some CAs serve PEM although RFC 5280 section 4.2.1.13 asks for DER.
  // Stryker disable next-line MethodExpression: reading the whole body instead, the same "-----BEGIN" starts it or does not
  const text = latin1(res.body, 0, Math.min(res.body.length, 64));
  const body = text.startsWith("-----BEGIN") ? decodeBase64Text(latin1(res.body).replace(/-----[^-]+-----/g, "")).bytes : res.body;
  const crl = parseCrl(body);
  if ("error" in crl) return { ok: false, url, problem: { code: "crl-unreadable", detail: crl.error } };
  return { ok: true, value: crl, url, method: "GET" };
}
