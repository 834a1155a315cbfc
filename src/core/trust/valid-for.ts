/**
 * Is this certificate valid for a purpose, from these sources? The one question behind a
 * signer's trust, a CRL signer's own path (RFC 5280 section 6.3.3 (f)) and the conformance
 * suites: a path is built from the sources to an anchor of the store, and each path tried is
 * validated by RFC 5280 section 6 with the purpose's rules for the certificate at its end.
 */
import { buildPath, type BuildResult } from "../path/builder.js";
import { CertificatePool, type IssuerSource } from "../path/issuer-source.js";
import { validatePath, type LeafPurpose } from "../policy/path-validation.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { CertificateView } from "../x509/certificate.js";
import type { TrustInputs } from "./inputs.js";
import type { TrustStore } from "./trust-store.js";

export async function validFor(purpose: LeafPurpose, certificate: CertificateView, store: TrustStore, sources: readonly IssuerSource[], policy: SmimePolicy): Promise<BuildResult> {
  return buildPath(certificate, {
    store,
    sources: [...sources],
    validate: async (chain, anchor) => validatePath(chain, policy, anchor.constraints, purpose),
    budget: policy.pathBudget,
    now: () => Date.now(),
  });
}

/**
 * Where issuers are looked for, in order: the certificates the message carries, the intermediates
 * seen before, and (when `remote`) AIA last (the network only when nothing local works).
 */
export function issuerSources(messageCertificates: readonly CertificateView[], inputs: TrustInputs, remote: boolean): IssuerSource[] {
  const sources: IssuerSource[] = [new CertificatePool("message", messageCertificates)];
  if (inputs.cache) sources.push(inputs.cache);
  if (remote) sources.push(...(inputs.remote ?? []));
  return sources;
}
