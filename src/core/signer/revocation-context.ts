/**
 * The revocation context of one signer. A CRL signer must itself be valid and not
 * revoked (RFC 5280 section 6.3.3 (f)): its path is built and checked the same way.
 * A signer met again while it is being checked (a CRL issuer covered by its own
 * CRL, PKITS 4.14.30) is accepted on that cycle, its status being settled above.
 *
 * judge-signers.ts imports this module when a chain's revocation is asked: with it come CRL and
 * OCSP parsing, which messages judged with revocation off never need (a chunk of its own in the
 * add-ons, webpack.config.js).
 */
import { checkChainRevocation, summarizeRevocation, type RevocationContext } from "../revocation/check-chain.js";
import { parseCrl, type ParsedCrl } from "../revocation/crl.js";
import { parseOcspResponse, type ParsedOcsp } from "../revocation/ocsp.js";
import type { ParsedSignedData } from "../cms/signed-data.js";
import type { LocalIssue } from "../report/local-issue.js";
import type { RevocationEvidence, RevocationStatus } from "../report/types.js";
import type { CertificateView } from "../x509/certificate.js";
import type { ChainJudging } from "./judge-signers.js";
import { crlSignerPath } from "./signer-trust.js";

/** Revocation data a layer's signer attached. */
interface EmbeddedRevocation {
  crls: ParsedCrl[];
  ocsp: ParsedOcsp[];
}

/** What the chain's revocation check found for one signer. */
export interface SignerRevocation {
  status: RevocationStatus;
  evidence: RevocationEvidence[];
  issues: LocalIssue[];
}

/** Parsed once per layer, for all of its signers and both stages. */
const embeddedOf = new WeakMap<ParsedSignedData, EmbeddedRevocation>();

function embedded(signed: ParsedSignedData): EmbeddedRevocation {
  let found = embeddedOf.get(signed);
  if (!found) {
    // The filters keep the types true; check-chain would find no answer in an error record either
    // (inspect-revocation.test.ts: a junk response is passed over), so Stryker cannot tell them gone.
    found = {
      // Stryker disable next-line StringLiteral,MethodExpression: as above
      crls: signed.embeddedCrls.map(parseCrl).filter((c): c is ParsedCrl => !("error" in c)),
      // Stryker disable next-line StringLiteral,MethodExpression: as above
      ocsp: signed.embeddedOcsp.map(parseOcspResponse).filter((r): r is ParsedOcsp => !("error" in r)),
    };
    embeddedOf.set(signed, found);
  }
  return found;
}

/** Checks revocation along `path`, a signer's valid path, with what the message carries, the cache and the network. */
export async function signerRevocation(judging: ChainJudging, signed: ParsedSignedData, path: CertificateView[]): Promise<SignerRevocation> {
  const { evidence, issues } = await checkChainRevocation(path, revocationContext(judging, signed, embedded(signed), path));
  return { status: summarizeRevocation(evidence), evidence, issues };
}

function revocationContext(
  ctx: ChainJudging,
  signed: ParsedSignedData,
  embedded: EmbeddedRevocation,
  path: CertificateView[],
): RevocationContext {
  const inProgress = new Set<CertificateView>();
  // A CRL signer is judged once per signer: every CRL it signed, for every certificate, reuses the answer.
  const decided = new Map<CertificateView, boolean>();
  const context: RevocationContext = {
    policy: ctx.policy,
    ...(ctx.fetcher ? { fetcher: ctx.fetcher } : {}),
    ...(ctx.store ? { store: ctx.store } : {}),
    embeddedCrls: embedded.crls,
    embeddedOcsp: embedded.ocsp,
    // Stryker disable next-line ArrayDeclaration: an entry that is no CRL matches no certificate
    suppliedCrls: ctx.trust.crls ?? [],
    candidates: [...path, ...signed.certificates],
    signerValid: async (signer) => {
      if (inProgress.has(signer) || path.includes(signer)) return true;
      const known = decided.get(signer);
      // Stryker disable next-line ConditionalExpression: deciding again gives the same answer; the map only saves the work
      if (known !== undefined) return known;
      const signerPath = await crlSignerPath(signer, signed.certificates, ctx.trust, ctx.policy);
      let valid = false;
      if (signerPath) {
        inProgress.add(signer);
        try {
          const rev = await checkChainRevocation(signerPath, context);
          valid = !rev.evidence.some((e) => e.status === "revoked" || (e.status === "unknown" && ctx.policy.revocation === "hard"));
        } finally {
          inProgress.delete(signer);
        }
      }
      decided.set(signer, valid);
      return valid;
    },
    now: () => Date.now(),
  };
  return context;
}
