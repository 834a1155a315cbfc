/**
 * Answers "does this signer chain to a root I trust" for one signer: builds
 * the path with the message's certificates, the intermediate cache and AIA,
 * validates it, and turns the result into report fields and issues.
 */
import type { LocalIssue } from "../report/local-issue.js";
import type { BuildResult, PathAttempt } from "../path/builder.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { CertificateSummary, PathAttemptSummary, TrustStatus } from "../report/types.js";
import type { CertificateView } from "../x509/certificate.js";
import { formatName } from "../x509/name.js";
import type { TrustInputs } from "../trust/inputs.js";
import { issuerSources, validFor } from "../trust/valid-for.js";
import type { PublicKeyDescription } from "../crypto/public-key.js";

export interface SignerTrust {
  trust: TrustStatus;
  chain: CertificateSummary[];
  anchorSource?: "bundled" | "user" | "option";
  issues: LocalIssue[];
  pathAttempts?: PathAttemptSummary[];
  /** The signer's effective key when its certificate inherits DSA parameters from the path. */
  leafKey?: PublicKeyDescription;
  /** The valid path, leaf first, anchor last: what revocation checking walks. */
  path?: CertificateView[];
}

/**
 * Reached no anchor: untrusted. Reached one but failed validation: invalid. The best attempt
 * reached an anchor whenever any did (rank puts those first).
 */
function statusOf(result: BuildResult): TrustStatus {
  if (result.chosen) return "trusted";
  return result.best.anchor ? "invalid" : "untrusted";
}

function summarizeAttempt(a: PathAttempt): PathAttemptSummary {
  return {
    subjects: a.chain.map((c) => formatName(c.cert.subject)),
    reachedAnchor: a.anchor !== null,
    // Every issue of an attempt is a problem: the search and validatePath raise no notes.
    problems: a.issues.map((i) => ({ code: i.code, certificate: i.certificate ?? 0 })),
  };
}

export async function judgeSigner(
  signer: CertificateView,
  messageCertificates: readonly CertificateView[],
  inputs: TrustInputs,
  policy: SmimePolicy,
): Promise<SignerTrust> {
  const result = await validFor("email-signer", signer, inputs.store, issuerSources(messageCertificates, inputs, true), policy);
  const best = result.best;
  // Intermediates of a valid path are worth remembering for senders who omit them next time.
  if (result.chosen && inputs.cache) for (const c of result.chosen.chain.slice(1, -1)) inputs.cache.add(c);
  const trust = statusOf(result);
  const out: SignerTrust = {
    trust,
    chain: await Promise.all(best.chain.map((c) => c.summary())),
    // The signer's own certificate is reported by the signature check; keep its index-0 issues that are about trust.
    issues: best.issues,
  };
  if (best.anchor) out.anchorSource = best.anchor.source;
  if (best.leafKey) out.leafKey = best.leafKey;
  if (result.chosen) out.path = result.chosen.chain;
  if (!result.chosen) out.pathAttempts = result.attempts.filter((a) => a !== best).map(summarizeAttempt);
  return out;
}

/**
 * The path of a CRL signer's certificate to a trusted anchor (RFC 5280 section
 * 6.3.3 (f)), judged without the S/MIME signer rules; null when there is none.
 */
export async function crlSignerPath(
  signer: CertificateView,
  messageCertificates: readonly CertificateView[],
  inputs: TrustInputs,
  policy: SmimePolicy,
): Promise<CertificateView[] | null> {
  // Local sources only (the message's certificates and the cache): no AIA fetch for a CRL signer.
  // Stryker disable next-line StringLiteral: validatePath holds only an email signer to the S/MIME rules, so any other purpose is a CRL signer's
  const result = await validFor("crl-signer", signer, inputs.store, issuerSources(messageCertificates, inputs, false), policy);
  return result.chosen?.chain ?? null;
}
