/**
 * The question asked of each signer of a signed layer: does the signature hold, does the
 * certificate chain to a trusted root, is anything on that chain revoked, and is the signer the
 * sender the reader sees. walk.ts finds the layers; this answers for the people who signed them.
 */
import { algorithmName } from "../oids.js";
import { verifySigner, type ParsedSignedData } from "../cms/signed-data.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { IssueCollector } from "../report/issues.js";
import type { SignedLayer } from "../report/types.js";
import { checkChainRevocation, summarizeRevocation } from "../revocation/check-chain.js";
import { parseCrl, type ParsedCrl } from "../revocation/crl.js";
import { parseOcspResponse, type ParsedOcsp } from "../revocation/ocsp.js";
import type { Fetcher, Store } from "../ports.js";
import type { TrustInputs } from "../trust/inputs.js";
import { bindSender, checkSigningTime, type SenderHeaders } from "./identity.js";
import { revocationContext } from "./revocation-context.js";
import { judgeSigner, type SignerTrust } from "./signer-trust.js";

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
  const total = signed.signedData.signerInfos.length;
  layer.signerInfoCount = total;
  if (total === 0) {
    ctx.issues.add("no-signers", "error", { layer: index }, {});
    return;
  }
  if (total > 1) ctx.issues.add("multiple-signers", "info", { layer: index }, { count: total });
  const count = Math.min(total, ctx.policy.limits.maxSigners);
  // Revocation data the signer attached: parsed once for all signers of the layer.
  // The filters keep the types true; check-chain would find no answer in an error record either
  // (inspect-revocation.test.ts: a junk response is passed over), so Stryker cannot tell them gone.
  const embedded = {
    // Stryker disable next-line StringLiteral,MethodExpression: as above
    crls: signed.embeddedCrls.map(parseCrl).filter((c): c is ParsedCrl => !("error" in c)),
    // Stryker disable next-line StringLiteral,MethodExpression: as above
    ocsp: signed.embeddedOcsp.map(parseOcspResponse).filter((r): r is ParsedOcsp => !("error" in r)),
  };
  if (total > count) ctx.issues.add("limit-exceeded", "error", { layer: index }, { limit: "maxSigners", value: count });
  for (let s = 0; s < count; s++) {
    let outcome = await verifySigner(signed, s, content, ctx.policy);
    const loc = { layer: index, signer: s };
    let judged: SignerTrust | null = null;
    if (ctx.trust && outcome.certificate) {
      let policy = ctx.policy;
      const signingTime = outcome.report.signingTime;
      if (policy.validateAtSigningTime && signingTime) {
        policy = Object.freeze({ ...policy, validationTime: new Date(signingTime) });
        ctx.issues.add("validated-at-signing-time", "warning", loc, { signingTime });
      }
      judged = await judgeSigner(outcome.certificate, signed.certificates, ctx.trust, policy);
      // A signer key that inherits DSA parameters can be checked only once the path supplies them.
      // Stryker disable next-line ConditionalExpression: verifying again without a key gives the same outcome, only later
      if (judged.leafKey) outcome = await verifySigner(signed, s, content, ctx.policy, judged.leafKey);
    }
    ctx.issues.addLocal(outcome.issues, loc);
    const binding = bindSender(outcome.certificate, ctx.headers, ctx.policy);
    outcome.report.identity = binding.identity;
    if (!nested && !ctx.standalone) {
      ctx.issues.addLocal(binding.issues, loc);
      ctx.issues.addLocal(checkSigningTime(outcome.report.signingTime, ctx.headers, ctx.policy), loc);
    }
    if (judged) {
      outcome.report.trust = judged.trust;
      outcome.report.chain = judged.chain;
      // Stryker disable next-line ConditionalExpression: setting undefined is leaving it out, for JSON and for readers
      if (judged.anchorSource) outcome.report.anchorSource = judged.anchorSource;
      // Stryker disable next-line ConditionalExpression: as above (setting undefined is leaving it out)
      if (judged.pathAttempts) outcome.report.pathAttempts = judged.pathAttempts;
      ctx.issues.addLocal(judged.issues, loc);
      if (judged.path && ctx.policy.revocation !== "off" && ctx.trust) {
        const revocation = await checkChainRevocation(judged.path, revocationContext(ctx, signed, embedded, judged.path));
        outcome.report.revocation = summarizeRevocation(revocation.evidence);
        outcome.report.revocationEvidence = revocation.evidence;
        ctx.issues.addLocal(revocation.issues, loc);
      }
    }
    layer.signers.push(outcome.report);
  }
  if (nested) {
    const signedBy = layer.signers.map((r) => r.certificate?.emails[0] ?? r.certificate?.subject ?? "?");
    ctx.issues.add("nested-signature", "info", { layer: index }, { depth: signedAncestors + 1, signedBy });
  }
}
