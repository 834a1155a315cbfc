/**
 * Certificate path building as a search (RFC 4158's guidance, BoringSSL pki's
 * shape): every candidate issuer is tried, best first, with backtracking; every
 * attempt is kept with its bag of issues per certificate, so that when nothing
 * validates the report can say which path came closest and why it failed.
 */
import type { LocalIssue } from "../report/local-issue.js";
import type { TrustAnchor, TrustStore } from "../trust/trust-store.js";
import { bytesEqual } from "../util/bytes.js";
import type { CertificateView } from "../x509/certificate.js";
import { verifyIssuedBy } from "../x509/issued-by.js";
import { inheritDsaParameters, type PublicKeyDescription } from "../crypto/public-key.js";
import { DSA_INHERITED } from "../crypto/verify.js";
import { algorithmName } from "../oids.js";
import { unsupportedAlgorithm } from "../report/issue-params.js";
import { formatName } from "../x509/name.js";
import type { PathBudget } from "./budget.js";
import type { IssuerSource } from "./issuer-source.js";

/** One path tried: leaf first; when it reached an anchor, the anchor's certificate is last. */
export interface PathAttempt {
  chain: CertificateView[];
  anchor: TrustAnchor | null;
  /** The leaf's effective key, when it inherits DSA parameters that this path supplied. */
  leafKey?: PublicKeyDescription;
  /** Issues with `certificate` set to the index in `chain` they concern. */
  issues: LocalIssue[];
  valid: boolean;
}

export interface BuildResult {
  /** The first valid path, if any. */
  chosen: PathAttempt | null;
  /** The valid path, or else the attempt that came closest (see `rank`). */
  best: PathAttempt;
  attempts: PathAttempt[];
  /** The budget ran out before the search was complete. */
  exhausted: boolean;
}

/** Checks a complete path (leaf first, anchor certificate last): RFC 5280 section 6 and the profile. */
export type PathValidator = (chain: readonly CertificateView[], anchor: TrustAnchor) => Promise<LocalIssue[]>;

export interface BuildContext {
  store: TrustStore;
  /** Local sources first, remote (AIA) last; the order within each group is kept. */
  sources: readonly IssuerSource[];
  validate: PathValidator;
  budget: PathBudget;
  /** Milliseconds, for the deadline only (validation time comes from the policy). */
  now: () => number;
}

interface Candidate {
  cert: CertificateView;
  anchor: TrustAnchor | null;
}

class SearchState {
  signatureChecks = 0;
  steps = 0;
  exhausted = false;
  readonly attempts: PathAttempt[] = [];
  constructor(
    readonly ctx: BuildContext,
    readonly deadline: number,
  ) {}

  /** False, and the search marked exhausted, once any limit is reached. */
  spend(kind: "step" | "signature"): boolean {
    if (kind === "step") this.steps++;
    else this.signatureChecks++;
    const b = this.ctx.budget;
    if (this.steps > b.maxSteps || this.signatureChecks > b.maxSignatureChecks || this.ctx.now() > this.deadline) this.exhausted = true;
    return !this.exhausted;
  }
}

/**
 * Ranking of candidate issuers (RFC 4158 section 3.5): a matching key identifier
 * first (AKI of the child equal to SKI of the candidate), then trust anchors, then
 * the most recently issued, so a renewed CA certificate wins over its expired twin.
 */
function order(child: CertificateView, candidates: Candidate[]): Candidate[] {
  const aki = child.extensions.authorityKeyId;
  const score = (c: Candidate): number => {
    const ski = c.cert.extensions.subjectKeyId;
    const keyMatch = aki && ski ? (bytesEqual(aki, ski) ? 2 : 0) : 1;
    return keyMatch * 2 + (c.anchor ? 1 : 0);
  };
  return [...candidates].sort((a, b) => score(b) - score(a) || b.cert.cert.notBefore.value.getTime() - a.cert.cert.notBefore.value.getTime());
}

/**
 * How close an attempt came, for choosing what to show when nothing is valid:
 * a path that reached an anchor beats one that did not; then fewer problems;
 * then the longer path (it got further).
 */
export function rank(a: PathAttempt): number[] {
  const problems = a.issues.filter((i) => i.severity !== "info").length;
  return [a.valid ? 1 : 0, a.anchor ? 1 : 0, -problems, a.chain.length];
}

function better(a: PathAttempt, b: PathAttempt): boolean {
  const ra = rank(a);
  const rb = rank(b);
  // Stryker disable next-line EqualityOperator: where the two differ, > and >= agree; one step past the end compares undefined with undefined
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
  return false;
}

async function candidatesFor(state: SearchState, top: CertificateView, remote: boolean): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = async (cert: CertificateView, anchor: TrustAnchor | null): Promise<void> => {
    const fp = await cert.fingerprintHex();
    if (seen.has(fp)) return;
    seen.add(fp);
    // Stryker disable next-line LogicalOperator: a certificate that is an anchor is offered by anchorsNamed first, and its copies are dropped by fingerprint
    out.push({ cert, anchor: anchor ?? (await state.ctx.store.anchorOf(cert)) });
  };
  if (!remote) {
    for (const a of await state.ctx.store.anchorsNamed(top.issuerKey)) await push(a.certificate, a);
    for (const d of state.ctx.store.distrustedNamed(top.issuerKey)) await push(d, null);
  }
  for (const source of state.ctx.sources) {
    if (source.remote !== remote) continue;
    for (const c of await source.issuersOf(top)) await push(c, null);
  }
  return order(top, out);
}

/**
 * A path under construction. `keys` are the effective public keys, position by position:
 * null for a DSA key whose parameters are inherited (RFC 3279 section 2.3.2) and not yet
 * known. `pending` lists the positions whose signature waits for such a key.
 */
interface PathInProgress {
  chain: CertificateView[];
  keys: (PublicKeyDescription | null)[];
  pending: number[];
}

const ownKey = (c: CertificateView): PublicKeyDescription | null => (c.publicKey.kind === "dsa-inherited" ? null : c.publicKey);

/**
 * Appends `cand` to the path: checks the signature it can check now (or defers it), then
 * resolves inherited keys downwards and runs the deferred checks they make possible.
 * Returns the extended path, or the issue that rules the candidate out.
 */
async function append(state: SearchState, path: PathInProgress, cand: CertificateView): Promise<PathInProgress | LocalIssue | null> {
  const index = path.chain.length - 1;
  const chain = [...path.chain, cand];
  const keys = [...path.keys, ownKey(cand)];
  const pending = [...path.pending];
  // Resolve inherited keys below the new certificate: each takes its issuer's parameters.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: inheritDsaParameters gives a key of its own back unchanged, and null while the issuer's key is unknown, so going on further down or with no new key changes nothing
  if (keys[index + 1]) for (let j = index; j >= 0 && keys[j] === null; j--) keys[j] = inheritDsaParameters(chain[j]!.publicKey, keys[j + 1] ?? null);
  // The new certificate's signature on `top` is checked as soon as its key is known.
  pending.push(index);
  const ready = pending.filter((child) => keys[child + 1]);
  for (const child of ready) {
    // Stryker disable next-line StringLiteral: spend counts anything but "step" as a signature check
    if (!state.spend("signature")) return null;
    const signed = await verifyIssuedBy(chain[child]!, keys[child + 1]!);
    if (!signed.ok) {
      return signed.reason === "unsupported"
        ? {
            code: "unsupported-algorithm",
            severity: "error",
            params: unsupportedAlgorithm("certificate signature", algorithmName(chain[child]!.cert.signatureAlgorithm.algorithmId).name, signed),
            certificate: child,
          }
        : { code: "bad-certificate-signature", severity: "error", params: { issuer: formatName(chain[child + 1]!.cert.subject) }, certificate: child };
    }
    // The issuer's inherited parameters are now vouched for by a verified signature chain.
    chain[child + 1]!.adoptInheritedKey(keys[child + 1]!);
  }
  return { chain, keys, pending: pending.filter((c) => !ready.includes(c)) };
}

async function extend(state: SearchState, path: PathInProgress): Promise<PathAttempt | null> {
  const chain = path.chain;
  const top = chain[chain.length - 1]!;
  const index = chain.length - 1;
  let triedAny = false;
  /** An issuer offered for `top` that is already on the path: the certificates issue each other in a loop. */
  let loopsTo: CertificateView | null = null;
  for (const remote of [false, true]) {
    const candidates = await candidatesFor(state, top, remote);
    for (const cand of candidates) {
      // No loops: the same subject and key twice on one path (RFC 4158 section 5.2).
      if (chain.some((c) => c.subjectAndKey === cand.cert.subjectAndKey)) {
        loopsTo ??= cand.cert;
        continue;
      }
      triedAny = true;
      if (!state.spend("step")) return null;
      if (await state.ctx.store.isDistrusted(cand.cert)) {
        state.attempts.push({
          chain: [...chain, cand.cert],
          anchor: null,
          issues: [{ code: "distrusted", severity: "error", params: { subject: formatName(cand.cert.cert.subject) }, certificate: index + 1 }],
          valid: false,
        });
        continue;
      }
      const next = await append(state, path, cand.cert);
      if (next === null) return null;
      if (!("chain" in next)) {
        state.attempts.push({ chain: [...chain, cand.cert], anchor: cand.anchor, issues: [next], valid: false });
        continue;
      }
      if (cand.anchor) {
        const unresolved: LocalIssue[] = next.pending.map((child) => ({
          code: "unsupported-algorithm",
          severity: "error",
          params: unsupportedAlgorithm("certificate signature", algorithmName(next.chain[child]!.cert.signatureAlgorithm.algorithmId).name, DSA_INHERITED),
          certificate: child,
        }));
        const issues = [...unresolved, ...(await state.ctx.validate(next.chain, cand.anchor))];
        const attempt: PathAttempt = { chain: next.chain, anchor: cand.anchor, issues, valid: !issues.some((i) => i.severity === "error") };
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a leaf with a key of its own has it as keys[0], and verifying the message again with it gives the same answer
        if (next.keys[0] && chain[0]!.publicKey.kind === "dsa-inherited") attempt.leafKey = next.keys[0];
        state.attempts.push(attempt);
        if (attempt.valid) return attempt;
        continue;
      }
      if (next.chain.length >= state.ctx.budget.maxDepth) {
        state.attempts.push({
          chain: next.chain,
          anchor: null,
          issues: [{ code: "path-search-limit", severity: "error", params: { limit: "maxDepth", value: state.ctx.budget.maxDepth }, certificate: index + 1 }],
          valid: false,
        });
        continue;
      }
      const found = await extend(state, next);
      if (found || state.exhausted) return found;
    }
    // Remote sources are asked only when nothing local worked: the network is reached last.
  }
  if (!triedAny) {
    // A dead end: nobody offered an issuer for `top`, or only ones already on the path (a loop:
    // named so, since the issuer is drawn in the chain and "not found" would not be true).
    const selfSigned = top.selfIssued;
    state.attempts.push({
      chain,
      anchor: null,
      issues: [
        selfSigned
          ? { code: "untrusted-root", severity: "warning", params: { subject: formatName(top.cert.subject) }, certificate: index }
          : loopsTo
            ? { code: "issuer-loop", severity: "warning", params: { issuer: formatName(top.cert.issuer) }, certificate: index }
            : {
                code: "unknown-issuer",
                severity: "warning",
                params: { issuer: formatName(top.cert.issuer), caIssuers: [...top.extensions.caIssuers] },
                certificate: index,
              },
      ],
      valid: false,
    });
  }
  return null;
}

export async function buildPath(leaf: CertificateView, ctx: BuildContext): Promise<BuildResult> {
  const state = new SearchState(ctx, ctx.now() + ctx.budget.deadlineMs);
  let chosen: PathAttempt | null = null;
  const selfAnchor = await ctx.store.anchorOf(leaf);
  if (selfAnchor && !(await ctx.store.isDistrusted(leaf))) {
    // The signer's own certificate is trusted directly (a user's choice for a self-signed sender).
    // Trusting it makes it the anchor, not a certificate exempt from the signer's rules: it is
    // validated as the one certificate below an anchor that is itself (validity, usages, EKU),
    // as NSS still checks a directly trusted end-entity certificate.
    const issues = await ctx.validate([leaf, leaf], selfAnchor);
    // Stryker disable next-line ConditionalExpression: validatePath warns only about CA keys, and a path of one has no CA
    chosen = { chain: [leaf], anchor: selfAnchor, issues, valid: !issues.some((i) => i.severity === "error") };
    state.attempts.push(chosen);
    if (!chosen.valid) chosen = null;
  }
  if (!chosen) chosen = await extend(state, { chain: [leaf], keys: [ownKey(leaf)], pending: [] });
  // Stryker disable next-line ArrayDeclaration,BooleanLiteral: unreachable, every search leaves at least one attempt (a dead end is one)
  let best = chosen ?? state.attempts[0] ?? { chain: [leaf], anchor: null, issues: [], valid: false };
  for (const a of state.attempts) if (better(a, best)) best = a;
  if (state.exhausted && !chosen) {
    best = {
      ...best,
      issues: [
        ...best.issues,
        {
          code: "path-search-limit",
          severity: "error",
          params: { signatureChecks: state.signatureChecks, steps: state.steps },
          certificate: best.chain.length - 1,
        },
      ],
    };
  }
  if (!chosen && !best.anchor) best = await withUntrustedPathDefects(best, ctx);
  return { chosen, best, attempts: state.attempts, exhausted: state.exhausted };
}

/**
 * The whole story of a chain that reached no anchor: the closest attempt is validated as if
 * its top were trusted, so its other defects (an expired signer, a wrong key usage, a broken
 * name constraint) are told beside "issuer not found" rather than hidden behind it. Each is
 * marked `untrustedPath`: found on a path that does not make the signer trusted anyway. The
 * top's own signature is not checked here (nothing above it is known).
 */
async function withUntrustedPathDefects(best: PathAttempt, ctx: BuildContext): Promise<PathAttempt> {
  // Stryker disable next-line ArithmeticOperator: top stands at n - 1 too, where validatePath takes up its name constraints as an anchor's; only a lone leaf constraining its own names would tell them apart
  const top = best.chain[best.chain.length - 1]!;
  // Stryker disable next-line ObjectLiteral,StringLiteral: validatePath reads the anchor's constraints only, which an option anchor does not have
  const found = await ctx.validate([...best.chain, top], { certificate: top, source: "option" });
  // The search's own issues (where it ended) and validatePath's (what the certificates are) never
  // share a code, so nothing found here repeats one already told.
  // Every code's params may carry untrustedPath (params-by-code.ts): the cast keeps each issue's own code and params.
  const added = found.map((i) => ({ ...i, params: { ...i.params, untrustedPath: true } }) as LocalIssue);
  return added.length ? { ...best, issues: [...best.issues, ...added] } : best;
}
