/**
 * Revocation for a validated path: for each certificate below the anchor, the
 * answers the message carries first, then the cache, then the network (OCSP
 * first for the signer, CRLs first for CAs, each falling back to the other).
 * A certificate that publishes no revocation source and carries none is
 * `not-checked`, quietly, in soft mode; otherwise a certificate with no usable
 * answer is `unknown`: a warning in soft mode, an error in hard mode.
 */
import type { LocalIssue } from "../report/local-issue.js";
import { digest } from "../crypto/digest.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { Fetcher, Store } from "../ports.js";
import type { RevocationEvidence, RevocationProblem, RevocationProblemSource } from "../report/types.js";
import type { RevocationProblemCode } from "../report/codes.js";
import { toHex } from "../util/bytes.js";
import type { CertificateView } from "../x509/certificate.js";
import { EXT } from "../oids.js";
import { serialKey } from "../x509/serial.js";
import { parseCrl, type ParsedCrl } from "./crl.js";
import { checkWithCrls, type CrlCheckContext } from "./crl-check.js";
import { readDistributionPoints } from "./distribution-point.js";
import { DEFAULT_REVOCATION_FETCH, fetchCrl, fetchOcsp, type RevocationFetchOptions } from "./fetch.js";
import { checkWithOcsp, parseOcspResponse, type OcspVerdict, type ParsedOcsp } from "./ocsp.js";
import type { ProblemCause } from "./problem.js";

export interface RevocationContext {
  policy: SmimePolicy;
  fetcher?: Fetcher;
  store?: Store;
  embeddedCrls: readonly ParsedCrl[];
  embeddedOcsp: readonly ParsedOcsp[];
  /** CRLs the caller supplied (the CLI's --crl): asked after the message's own, before the network. */
  suppliedCrls: readonly ParsedCrl[];
  /** Certificates that may sign CRLs (the path, the message's certificates). */
  candidates: readonly CertificateView[];
  /** Is a CRL signer's own certificate valid on a path to a trusted anchor? */
  signerValid: (signer: CertificateView) => Promise<boolean>;
  /** Milliseconds, for the deadline. */
  now: () => number;
}

export interface ChainRevocation {
  evidence: RevocationEvidence[];
  issues: LocalIssue[];
}

type Answer = Omit<RevocationEvidence, "certificate">;
/** A CRL verdict that answers for the certificate (good or revoked). */
type CrlAnswer = Exclude<Awaited<ReturnType<typeof checkWithCrls>>, { status: "unknown" }>;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const cacheKey = async (kind: string, id: string): Promise<string> => `revocation/${kind}/${toHex(await digest("SHA-256", utf8(id)))}`;

function readCrlUrls(cert: CertificateView, issuer: CertificateView): string[] {
  const ext = cert.cert.extensions?.find((e) => e.extnID === EXT.crlDistributionPoints);
  if (!ext) return [];
  // Stryker disable next-line ArrayDeclaration: a stray element has no names, so it adds no URL
  const points = readDistributionPoints(new Uint8Array(ext.extnValue.valueBlock.valueHexView), issuer.cert.subject) ?? [];
  // Stryker disable next-line ArrayDeclaration: whatever stands in for no names, only "uri:" names pass the filter
  return points.flatMap((p) => (p.names ?? []).filter((n) => n.startsWith("uri:")).map((n) => n.slice(4)));
}

/** An OCSP verdict that answers for the certificate (good, revoked or unknown). */
type OcspAnswer = Extract<OcspVerdict, { single: unknown }>;

function fromOcsp(v: OcspAnswer, source: Answer["source"], extra: Partial<Answer>): Answer {
  return {
    status: v.status,
    source,
    thisUpdate: v.single.thisUpdate.toISOString(),
    nextUpdate: v.single.nextUpdate?.toISOString() ?? null,
    responder: v.responderSubject,
    ...(v.single.status === "revoked" ? { revocationDate: v.single.revocationTime.toISOString(), reason: v.single.reason } : {}),
    ...extra,
  };
}

/** The certificate being checked, its issuer, and its CRL distribution point URLs (read once). */
interface Target {
  cert: CertificateView;
  issuer: CertificateView;
  /** The issuer's path up to the anchor's certificate, the issuer first: a delegated OCSP responder's path. */
  issuerPath: readonly CertificateView[];
  crlUrls: string[];
}

/**
 * The fetch options for a request made now: the default time-out, cut to the time left before the
 * deadline; null at the deadline itself or past it, when no time is left for a request.
 */
function fetchOptions(ctx: RevocationContext, deadline: number): RevocationFetchOptions | null {
  const left = deadline - ctx.now();
  return left > 0 ? { ...DEFAULT_REVOCATION_FETCH, timeoutMs: Math.min(DEFAULT_REVOCATION_FETCH.timeoutMs, left) } : null;
}

/** A source's problem as the report gives it: where it was met, then its cause. */
const met = (source: RevocationProblemSource, url: string | undefined, cause: ProblemCause): RevocationProblem => ({ source, ...(url ? { url } : {}), ...cause });

async function viaOcsp({ cert, issuer, issuerPath }: Target, ctx: RevocationContext, deadline: number, problems: RevocationProblem[]): Promise<Answer | null> {
  for (const r of ctx.embeddedOcsp) {
    const v = await checkWithOcsp(cert, issuerPath, r, ctx.policy);
    if (v.status === "invalid") problems.push(met("embedded-ocsp", undefined, v.problem));
    if (!("single" in v)) continue;
    // An attached "unknown" is an answer (RFC 6960 section 2.2): the responder does not know the
    // certificate. Other sources may still know; if none does, the status is unknown, not unchecked.
    if (v.status === "unknown") problems.push(met("embedded-ocsp", undefined, { code: "ocsp-unknown-certificate" }));
    else return fromOcsp(v, "embedded-ocsp", {});
  }
  const key = await cacheKey("ocsp", `${issuer.subjectAndKey}|${serialKey(cert.cert.serialNumber.valueBlock.valueHexView)}`);
  const cached = ctx.store ? await ctx.store.get(key) : null;
  const parsed = cached ? parseOcspResponse(cached) : null;
  // Stryker disable next-line StringLiteral: an unreadable record has no basic response, which checkWithOcsp calls invalid, and the responder is asked
  if (parsed && !("error" in parsed)) {
    const v = await checkWithOcsp(cert, issuerPath, parsed, ctx.policy);
    // A cached answer that no longer counts (stale, say) is asked for again below.
    if (v.status === "unknown") problems.push(met("cached-ocsp", undefined, { code: "ocsp-unknown-certificate" }));
    else if ("single" in v) return fromOcsp(v, "ocsp", { fromCache: true });
  }
  if (!ctx.fetcher) return null;
  for (const url of cert.extensions.ocsp) {
    const options = fetchOptions(ctx, deadline);
    if (!options) {
      problems.push(met("ocsp", url, { code: "deadline-reached" }));
      break;
    }
    const nonce = ctx.policy.ocspNonce ? crypto.getRandomValues(new Uint8Array(16)) : undefined;
    const fetched = await fetchOcsp(ctx.fetcher, url, cert, issuer, options, nonce);
    if (!fetched.ok) {
      problems.push(met("ocsp", url, fetched.problem));
      continue;
    }
    const v = await checkWithOcsp(cert, issuerPath, fetched.value, ctx.policy);
    if (!("single" in v)) {
      problems.push(met("ocsp", url, v.status === "invalid" ? v.problem : { code: "ocsp-other-certificate" }));
      continue;
    }
    if (v.status === "unknown") {
      problems.push(met("ocsp", url, { code: "ocsp-unknown-certificate" }));
      continue;
    }
    if (ctx.store) await ctx.store.put(key, fetched.value.raw);
    // Stryker disable next-line OptionalChaining: a response that checkWithOcsp accepts has a basic response, and with it producedAt
    return fromOcsp(v, "ocsp", { url, fromCache: false, producedAt: fetched.value.producedAt?.toISOString() });
  }
  return null;
}

async function viaCrl({ cert, issuer, crlUrls }: Target, ctx: RevocationContext, deadline: number, problems: RevocationProblem[]): Promise<Answer | null> {
  const crlCtx = (crls: readonly ParsedCrl[]): CrlCheckContext => ({
    crls,
    candidates: ctx.candidates,
    signerValid: ctx.signerValid,
    policy: ctx.policy,
  });
  const answer = (v: CrlAnswer, source: Answer["source"], extra: Partial<Answer>): Answer => {
    const base: Answer = { status: v.status, source, thisUpdate: v.crl.thisUpdate.toISOString(), nextUpdate: v.crl.nextUpdate?.toISOString() ?? null, ...extra };
    return v.status === "revoked" ? { ...base, revocationDate: v.entry.revocationDate.toISOString(), reason: v.entry.reason } : base;
  };
  // The CRLs at hand, the message's own first, then the caller's: no request is needed for either.
  const atHand = [
    { crls: ctx.embeddedCrls, source: "embedded-crl" },
    { crls: ctx.suppliedCrls, source: "supplied-crl" },
  ] as const;
  for (const { crls, source } of atHand) {
    // Stryker disable next-line ConditionalExpression: it only saves the work; no CRLs answer "no CRL covers this certificate", which is not said below
    if (!crls.length) continue;
    const v = await checkWithCrls(cert, issuer, crlCtx(crls));
    if (v.status !== "unknown") return answer(v, source, {});
    // That these CRLs do not cover the certificate is no problem: they were not published for it.
    problems.push(...v.problems.filter((p) => p.code !== "crl-not-covering").map((p) => met(source, undefined, p)));
  }
  for (const url of crlUrls) {
    const key = await cacheKey("crl", url);
    let crl: ParsedCrl | null = null;
    let fromCache = false;
    const cached = ctx.store ? await ctx.store.get(key) : null;
    const parsed = cached ? parseCrl(cached) : null;
    // A cached CRL is used while it is current (nextUpdate included, as crl-check.ts counts it).
    // Stryker disable next-line StringLiteral: an unreadable CRL has no nextUpdate, and undefined is neither null nor at or after a date
    if (parsed && !("error" in parsed) && (parsed.nextUpdate === null || parsed.nextUpdate >= ctx.policy.validationTime)) [crl, fromCache] = [parsed, true];
    if (!crl) {
      if (!ctx.fetcher) continue;
      const options = fetchOptions(ctx, deadline);
      if (!options) {
        problems.push(met("crl", url, { code: "deadline-reached" }));
        break;
      }
      const fetched = await fetchCrl(ctx.fetcher, url, options);
      if (!fetched.ok) {
        problems.push(met("crl", url, fetched.problem));
        continue;
      }
      crl = fetched.value;
      if (ctx.store) await ctx.store.put(key, crl.der);
    }
    const v = await checkWithCrls(cert, issuer, crlCtx([crl, ...ctx.embeddedCrls]));
    if (v.status !== "unknown") return answer(v, "crl", { url, fromCache });
    problems.push(...v.problems.map((p) => met("crl", url, p)));
  }
  return null;
}

/**
 * What each problem says about a status left unknown: an answer out of date, an answer that the
 * certificate is unknown (or nothing to ask), an answer that could not be trusted or read, or no
 * answer at all. The issue is named by the most telling problem met, in that order.
 */
const PROBLEM_KIND: Record<RevocationProblemCode, "revocation-stale" | "revocation-unknown" | "revocation-response-invalid" | "revocation-unavailable"> = {
  "nothing-published": "revocation-unknown",
  "malformed-distribution-points": "revocation-unavailable",
  "deadline-reached": "revocation-unavailable",
  "unsupported-scheme": "revocation-unavailable",
  "fetch-failed": "revocation-unavailable",
  "ocsp-unreadable": "revocation-response-invalid",
  "ocsp-nonce-mismatch": "revocation-response-invalid",
  // The responder answered, but with an error status (tryLater, say): no answer, rather than a false one.
  "ocsp-not-successful": "revocation-unavailable",
  "ocsp-other-certificate": "revocation-unavailable",
  "ocsp-other-issuer": "revocation-response-invalid",
  "ocsp-certid-hash-unsupported": "revocation-response-invalid",
  "ocsp-responder-not-issued-by-ca": "revocation-response-invalid",
  "ocsp-responder-lacks-eku": "revocation-response-invalid",
  "ocsp-responder-not-valid": "revocation-response-invalid",
  "ocsp-responder-refused": "revocation-response-invalid",
  "ocsp-unauthorised-signer": "revocation-response-invalid",
  "ocsp-from-future": "revocation-unavailable",
  "ocsp-stale": "revocation-stale",
  "ocsp-unknown-certificate": "revocation-unknown",
  "crl-unreadable": "revocation-response-invalid",
  "crl-unknown-critical-extensions": "revocation-unavailable",
  "crl-no-number": "revocation-unavailable",
  "crl-number-critical": "revocation-unavailable",
  "crl-malformed-issuing-distribution-point": "revocation-unavailable",
  "crl-stale": "revocation-stale",
  "crl-from-future": "revocation-unavailable",
  "crl-no-valid-signer": "revocation-response-invalid",
  "signature-refused": "revocation-response-invalid",
  "crl-not-covering": "revocation-unavailable",
  "crl-reasons-incomplete": "revocation-unavailable",
};
const KIND_ORDER = ["revocation-stale", "revocation-unknown", "revocation-response-invalid"] as const;

/** The issue for a certificate whose status stayed unknown, from what went wrong. */
function unknownCode(problems: readonly RevocationProblem[]): (typeof PROBLEM_KIND)[RevocationProblemCode] {
  const kinds = new Set(problems.map((p) => PROBLEM_KIND[p.code]));
  return KIND_ORDER.find((k) => kinds.has(k)) ?? "revocation-unavailable";
}

export async function checkChainRevocation(chain: readonly CertificateView[], ctx: RevocationContext): Promise<ChainRevocation> {
  const evidence: RevocationEvidence[] = [];
  const issues: LocalIssue[] = [];
  const deadline = ctx.now() + ctx.policy.revocationDeadlineMs;
  const last = ctx.policy.revocationDepth === "signer" ? 1 : chain.length - 1;
  for (let k = 0; k < last; k++) {
    const cert = chain[k]!;
    const target: Target = { cert, issuer: chain[k + 1]!, issuerPath: chain.slice(k + 1), crlUrls: readCrlUrls(cert, chain[k + 1]!) };
    const problems: RevocationProblem[] = [];
    // RFC 6960 for the signer (fresh, small); CRLs for CAs (shared by many certificates).
    const order = k === 0 ? [viaOcsp, viaCrl] : [viaCrl, viaOcsp];
    let answer: Answer | null = null;
    for (const via of order) {
      answer = await via(target, ctx, deadline, problems);
      if (answer) break;
    }
    const published = cert.extensions.ocsp.length > 0 || target.crlUrls.length > 0;
    if (!answer) {
      // Nothing published and nothing attached: soft mode has nothing to ask and says so quietly;
      // hard mode requires every status to be known (RFC 5280 allows CRLs obtained by other means).
      if (!published && problems.length === 0) {
        problems.push({ code: "nothing-published" });
        if (ctx.policy.revocation !== "hard") {
          evidence.push({ certificate: k, status: "not-checked", problems });
          continue;
        }
      }
      evidence.push({ certificate: k, status: "unknown", problems });
      issues.push({ code: unknownCode(problems), severity: ctx.policy.revocation === "hard" ? "error" : "warning", params: { problems }, certificate: k });
      continue;
    }
    evidence.push({ certificate: k, ...answer, ...(problems.length ? { problems } : {}) });
    if (answer.status === "revoked") {
      // Stryker disable next-line StringLiteral: every revoked answer has its date (a CRL entry's, a RevokedInfo's) and its source
      issues.push({ code: "revoked", severity: "error", params: { reason: answer.reason ?? "unspecified", date: answer.revocationDate ?? "", source: answer.source ?? "" }, certificate: k });
    }
  }
  return { evidence, issues };
}

/** The signer's status from the evidence: revoked over unknown over good; not-checked when nothing was. */
export function summarizeRevocation(evidence: readonly RevocationEvidence[]): "good" | "revoked" | "unknown" | "not-checked" {
  if (evidence.some((e) => e.status === "revoked")) return "revoked";
  if (evidence.some((e) => e.status === "unknown")) return "unknown";
  if (evidence.some((e) => e.status === "good")) return "good";
  return "not-checked";
}
