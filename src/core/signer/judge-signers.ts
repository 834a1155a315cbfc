/**
 * The question asked of each signer of a signed layer: does the signature hold, does the
 * certificate chain to a trusted root, is anything on that chain revoked, and is the signer the
 * sender the reader sees. walk.ts finds the layers; this answers for the people who signed them.
 *
 * A signer is answered in two stages when a host shows the answer from what is at hand first
 * (inspect.ts inspectInStages): the signature, the sender and the chain built from local
 * certificates at once; the network's part (AIA for missing issuers, revocation) after. The
 * second stage judges the chain again and nothing else: no signature is checked
 * twice, and the signer's issues keep their place in the report (an IssueSlot). network-stage.ts
 * runs that second stage.
 */
import { algorithmName } from "../oids.js";
import { verifySigner, type ParsedSignedData, type SignerOutcome } from "../cms/signed-data.js";
import type { SmimePolicy } from "../policy/profile.js";
import { placeIssues, type IssueCollector, type IssueSlot } from "../report/issues.js";
import type { LocalIssue } from "../report/local-issue.js";
import type { Issue, IssueLocation, SignedLayer, SignerReport } from "../report/types.js";
import type { Fetcher, Store } from "../ports.js";
import type { TrustInputs } from "../trust/inputs.js";
import type { CertificateView } from "../x509/certificate.js";
import { bindSender, checkSigningTime, type SenderHeaders } from "./identity.js";
import type { SignerRevocation } from "./revocation-context.js";
import { judgeSigner, type SignerTrust } from "./signer-trust.js";

/** What a signer's chain is judged with in one stage. */
export interface ChainJudging {
  policy: SmimePolicy;
  trust: TrustInputs;
  fetcher?: Fetcher;
  store?: Store;
  /** Revocation is left to a later stage, which has the network and answers it whole. */
  revocationLater?: boolean;
}

/** What the signers of a layer are judged with: the walk's context, as far as signers need it. */
export interface SignerContext {
  policy: SmimePolicy;
  issues: IssueCollector;
  headers: SenderHeaders;
  trust?: TrustInputs;
  fetcher?: Fetcher;
  store?: Store;
  /** A CMS object on its own: no From to bind a signer to, no Date to compare with. */
  standalone?: boolean;
  /** The network's part comes in a later stage: no AIA (trust holds no remote source) and no revocation now. */
  networkLater?: boolean;
  /** Every signer whose chain was judged, for that later stage. */
  judged?: JudgedSigner[];
}

/** A signer checked (signature and sender), before its chain is judged. */
export interface VerifiedSigner {
  layer: SignedLayer;
  where: IssueLocation & { signer: number };
  signed: ParsedSignedData;
  content: Uint8Array | null;
  /** The signature check, with the key the certificate holds. */
  outcome: SignerOutcome;
  identity: SignerReport["identity"];
  /** The signer matched with From and Date: none inside another signature or for a CMS object alone. */
  senderIssues: LocalIssue[];
  /** The policy the chain is validated under: at the signing time when the profile says so. */
  pathPolicy: SmimePolicy;
}

/** A stage's answer on a signer's chain. */
export interface ChainAnswer {
  trust: SignerTrust;
  /** The signature check again when the path supplied the signer's key (inherited DSA parameters), else the first. */
  outcome: SignerOutcome;
  revocation: SignerRevocation | null;
}

/** A signer as the first stage left it, for the second to judge its chain again. */
export interface JudgedSigner extends VerifiedSigner {
  certificate: CertificateView;
  slot: IssueSlot;
  answer: ChainAnswer;
}

/**
 * Verifies every signer of a signed layer: signature, chain, revocation, and who it is.
 *
 * A signed layer inside another one (a signed message re-signed by a mailing list, a forwarded
 * signed message wrapped in the forwarder's signature, triple wrapping) is verified like any other:
 * a bad inner signature still makes the message invalid, since the reader sees that content. But
 * the From line belongs to the outermost signature, which covers everything the reader sees; the
 * inner signer wrote the inner content, often long before and under another address. So an inner
 * signer is bound to From only to tell whether it matches (its `identity`), without a
 * sender-mismatch or date-mismatch finding; nested-signature names who signed inside. Thunderbird
 * shows only the outer signature; OpenSSL verifies each layer: Signet does both.
 */
export async function judgeLayerSigners(ctx: SignerContext, layer: SignedLayer, signed: ParsedSignedData, content: Uint8Array | null, signedAncestors: number): Promise<void> {
  const index = layer.index;
  const nested = signedAncestors > 0;
  layer.encapsulatedContentType = algorithmName(signed.eContentType);
  layer.certificateCount = signed.certificates.length;
  if (signed.skippedCertificates > 0) {
    ctx.issues.add("limit-exceeded", "warning", { layer: index }, { limit: "maxCertificates", value: ctx.policy.limits.maxCertificates });
  }
  const total = signed.signerInfos.length;
  layer.signerInfoCount = total;
  if (total === 0) {
    ctx.issues.add("no-signers", "error", { layer: index }, {});
    return;
  }
  if (total > 1) ctx.issues.add("multiple-signers", "info", { layer: index }, { count: total });
  const count = Math.min(total, ctx.policy.limits.maxSigners);
  if (total > count) ctx.issues.add("limit-exceeded", "error", { layer: index }, { limit: "maxSigners", value: count });
  for (let s = 0; s < count; s++) await judgeOneSigner(ctx, await verifyOneSigner(ctx, layer, signed, s, content, nested));
  if (nested) {
    const signedBy = layer.signers.map((r) => r.certificate?.emails[0] ?? r.certificate?.subject ?? "?");
    ctx.issues.add("nested-signature", "info", { layer: index }, { depth: signedAncestors + 1, signedBy });
  }
}

async function verifyOneSigner(
  ctx: SignerContext,
  layer: SignedLayer,
  signed: ParsedSignedData,
  s: number,
  content: Uint8Array | null,
  nested: boolean,
): Promise<VerifiedSigner> {
  const where = { layer: layer.index, signer: s };
  const outcome = await verifySigner(signed, s, content, ctx.policy);
  let pathPolicy = ctx.policy;
  const signingTime = outcome.report.signingTime;
  if (ctx.trust && outcome.certificate && ctx.policy.validateAtSigningTime && signingTime) {
    pathPolicy = Object.freeze({ ...ctx.policy, validationTime: new Date(signingTime) });
    ctx.issues.add("validated-at-signing-time", "warning", where, { signingTime });
  }
  const binding = bindSender(outcome.certificate, ctx.headers, ctx.policy);
  const senderIssues = nested || ctx.standalone ? [] : [...binding.issues, ...checkSigningTime(signingTime, ctx.headers, ctx.policy)];
  return { layer, where, signed, content, outcome, identity: binding.identity, senderIssues, pathPolicy };
}

async function judgeOneSigner(ctx: SignerContext, signer: VerifiedSigner): Promise<void> {
  const certificate = signer.outcome.certificate;
  const judging: ChainJudging | null = ctx.trust
    ? { policy: ctx.policy, trust: ctx.trust, ...(ctx.fetcher ? { fetcher: ctx.fetcher } : {}), ...(ctx.store ? { store: ctx.store } : {}), ...(ctx.networkLater ? { revocationLater: true } : {}) }
    : null;
  const answer = judging && certificate ? await judgeChain(signer, certificate, judging) : null;
  const { report, issues } = signerAnswer(signer, answer);
  const slot = ctx.issues.addSlot(issues);
  signer.layer.signers.push(report);
  if (answer && certificate) ctx.judged?.push({ ...signer, certificate, slot, answer });
}

/**
 * Judges the signer's chain: the path, then revocation on it. Given the first stage's answer, a
 * valid path it found is kept (the path builder asks remote sources only when local ones fail,
 * section "extend" of path/builder.ts, so the network could add nothing to it) and only
 * revocation is asked; a path it did not find is searched for again, now with AIA.
 */
export async function judgeChain(signer: VerifiedSigner, certificate: CertificateView, judging: ChainJudging, first?: ChainAnswer): Promise<ChainAnswer> {
  let trust: SignerTrust;
  let outcome = signer.outcome;
  if (first && (first.trust.path || !judging.trust.remote?.length)) {
    trust = first.trust;
    outcome = first.outcome;
  } else {
    trust = await judgeSigner(certificate, signer.signed.certificates, judging.trust, signer.pathPolicy);
    // A signer key that inherits DSA parameters can be checked only once the path supplies them.
    // Stryker disable next-line ConditionalExpression: verifying again without a key gives the same outcome, only later
    if (trust.leafKey) outcome = await verifySigner(signer.signed, signer.where.signer, signer.content, judging.policy, trust.leafKey);
  }
  let revocation: SignerRevocation | null = null;
  if (trust.path && judging.policy.revocation !== "off" && !judging.revocationLater) {
    const { signerRevocation } = await import(/* webpackChunkName: "revocation" */ "./revocation-context.js");
    revocation = await signerRevocation(judging, signer.signed, trust.path);
  }
  return { trust, outcome, revocation };
}

/** The signer's report and its issues (all in one slot), from the signature check and a chain answer. */
export function signerAnswer(signer: VerifiedSigner, answer: ChainAnswer | null): { report: SignerReport; issues: Issue[] } {
  const outcome = answer?.outcome ?? signer.outcome;
  const report: SignerReport = { ...outcome.report, identity: signer.identity };
  const issues: LocalIssue[] = [...outcome.issues, ...signer.senderIssues];
  if (answer) {
    const judged = answer.trust;
    report.trust = judged.trust;
    report.chain = judged.chain;
    // Stryker disable next-line ConditionalExpression: setting undefined is leaving it out, for JSON and for readers
    if (judged.anchorSource) report.anchorSource = judged.anchorSource;
    // Stryker disable next-line ConditionalExpression: as above (setting undefined is leaving it out)
    if (judged.pathAttempts) report.pathAttempts = judged.pathAttempts;
    issues.push(...judged.issues);
    if (answer.revocation) {
      report.revocation = answer.revocation.status;
      report.revocationEvidence = answer.revocation.evidence;
      issues.push(...answer.revocation.issues);
    }
  }
  return { report, issues: placeIssues(issues, signer.where) };
}
