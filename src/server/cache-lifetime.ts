/**
 * How long the relay may keep an answer for everyone who asks after the
 * first: never past what its publisher allows (Cache-Control, RFC 9111
 * section 5.2.2; Expires, section 5.3), never past the nextUpdate it carries
 * (RFC 5019 section 6.2 asks caches of OCSP answers to honour both), and
 * never past the relay's own ceiling.
 */
import { publishedNextUpdate } from "../core/index.js";
import { mediaType } from "./upstream.js";

export interface CacheableAnswer {
  /** application/ocsp-response for OCSP answers, GET or POST alike (upstream.ts passes an OCSP POST no other type). */
  contentType: string | null;
  body: Uint8Array;
  cacheControl: string | null;
  expires: string | null;
  age: string | null;
}

/**
 * The relay's ceiling. Default one hour: a CA may take up to 24 hours to publish a revocation
 * (CA/B Forum S/MIME Baseline Requirements section 4.9.5 and 4.10.2), so an hour more of a shared
 * answer is small beside it, while it still spares the CA most of an organisation's repeated requests.
 */
export const DEFAULT_MAX_CACHE_MS = 60 * 60 * 1000;

/** OCSP answers are read for their nextUpdate; anything else as a CRL, and an AIA certificate (no CRL) is kept for the ceiling. */
const OCSP_TYPE = "application/ocsp-response";

function directives(cacheControl: string | null): Map<string, string | null> {
  const out = new Map<string, string | null>();
  // Stryker disable next-line StringLiteral: no header and a header of no known directive keep the same
  for (const part of (cacheControl ?? "").split(",")) {
    const [name, value] = part.split("=", 2).map((s) => s.trim());
    // A quoted-string value ("300", RFC 9111 section 5.2): quotes say nothing inside a number.
    // Stryker disable next-line ConditionalExpression: an empty name (from ",,") is never looked up
    if (name) out.set(name.toLowerCase(), value === undefined ? null : value.replace(/"/g, ""));
  }
  return out;
}

/** delta-seconds (RFC 9111 section 1.2.2): digits only. */
const seconds = (v: string | null | undefined): number | null => (/^\d{1,10}$/.test(v ?? "") ? Number(v) : null);

/** Milliseconds to keep `answer` from `now`; 0 means do not keep it. */
export function cacheLifetimeMs(answer: CacheableAnswer, now: Date, ceilingMs = DEFAULT_MAX_CACHE_MS): number {
  const cc = directives(answer.cacheControl);
  // RFC 9111 section 5.2.2: no-store forbids keeping it, no-cache forbids using it unchecked, private forbids sharing it.
  if (cc.has("no-store") || cc.has("no-cache") || cc.has("private")) return 0;
  const limits: number[] = [ceilingMs];
  // s-maxage is meant for shared caches, which the relay is (section 5.2.2.10); it overrides max-age.
  const directive = cc.has("s-maxage") ? "s-maxage" : cc.has("max-age") ? "max-age" : null;
  // Stryker disable next-line ConditionalExpression: with no directive, cc.get gives undefined and seconds() null alike
  const maxAge = directive === null ? null : seconds(cc.get(directive));
  // A freshness directive whose value cannot be read: "caches are encouraged to consider the response to be stale" (section 4.2.1).
  if (directive !== null && maxAge === null) return 0;
  const age = seconds(answer.age) ?? 0;
  if (maxAge !== null) limits.push((maxAge - age) * 1000);
  else if (answer.expires !== null) {
    const at = Date.parse(answer.expires);
    // An invalid Expires means already expired (section 5.3).
    limits.push(Number.isNaN(at) ? 0 : at - now.getTime());
  }
  const kind = mediaType(answer.contentType) === OCSP_TYPE ? "ocsp" : "crl";
  const next = publishedNextUpdate(answer.body, kind);
  if (next instanceof Date) limits.push(next.getTime() - now.getTime());
  // An OCSP answer without nextUpdate says newer information is always available (RFC 6960 section 2.4).
  else if (kind === "ocsp") limits.push(0);
  return Math.max(0, Math.min(...limits));
}
