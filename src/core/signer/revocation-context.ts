/**
 * The revocation context of one signer. A CRL signer must itself be valid and not
 * revoked (RFC 5280 section 6.3.3 (f)): its path is built and checked the same way.
 * A signer met again while it is being checked (a CRL issuer covered by its own
 * CRL, PKITS 4.14.30) is accepted on that cycle, its status being settled above.
 */
import { checkChainRevocation, type RevocationContext } from "../revocation/check-chain.js";
import type { ParsedSignedData } from "../cms/signed-data.js";
import type { CertificateView } from "../x509/certificate.js";
import type { ChainJudging, EmbeddedRevocation } from "./judge-signers.js";
import { crlSignerPath } from "./signer-trust.js";

export function revocationContext(
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
