/**
 * RFC 5280 section 6.1 path validation for one complete path (leaf first,
 * the trust anchor's certificate last), with the S/MIME profile's rules
 * (RFC 8550 section 4.4). Per-certificate rules are rows of tables, each
 * citing where it comes from; the path-wide state (path length, name
 * constraints) is carried by the loop below.
 * Certificate policies are processed by policy-tree.ts.
 */
import { cmsDamage } from "../report/issue-params.js";
import type { Finding, LocalIssue } from "../report/local-issue.js";
import { signatureScheme, schemeHash } from "../crypto/algorithms.js";
import { judgeDigest, judgeKey } from "./algorithm-acceptance.js";
import type { CertificateView } from "../x509/certificate.js";
import { EKU, ekuIdentifier, EXT } from "../oids.js";
import { formatName } from "../x509/name.js";
import { addConstraints, addEmailDomains, emptyConstraints, violation } from "./name-constraints.js";
import type { AnchorConstraints } from "../trust/trust-store.js";
import { processPolicies } from "./policy-tree.js";
import type { SmimePolicy } from "./profile.js";

/** Where a certificate stands: the leaf, a CA below the anchor, or the trust anchor's own certificate. */
type Role = "leaf" | "ca" | "anchor";

/**
 * What the end of the path is used for: signing mail (the S/MIME profile), signing CRLs, or
 * signing OCSP answers. A CRL signer's cRLSign is checked with its CRL (crl-verify.ts) and an
 * OCSP responder's id-kp-OCSPSigning with its answer (ocsp.ts), so the leaf rules of the
 * S/MIME profile (key usage, EKU) are the email signer's only.
 */
export type LeafPurpose = "email-signer" | "crl-signer" | "ocsp-signer";

interface RuleContext {
  policy: SmimePolicy;
  role: Role;
  purpose: LeafPurpose;
}

interface Rule {
  /** Where the rule comes from. */
  source: string;
  roles: readonly Role[];
  check(cert: CertificateView, ctx: RuleContext): Finding | null;
}

/** Extensions this validator processes (RFC 5280 section 6.1.4 (o): any other critical one fails). */
const PROCESSED = new Set<string>([
  EXT.basicConstraints,
  EXT.keyUsage,
  EXT.extKeyUsage,
  EXT.subjectAltName,
  EXT.nameConstraints,
  EXT.subjectKeyIdentifier,
  EXT.authorityKeyIdentifier,
  EXT.authorityInfoAccess,
  EXT.crlDistributionPoints,
  EXT.issuerAltName,
  EXT.certificatePolicies,
  EXT.policyMappings,
  EXT.policyConstraints,
  EXT.inhibitAnyPolicy,
]);

const RULES: readonly Rule[] = [
  {
    // RFC 5280 section 6.1.1 (d) leaves an anchor's validity to the relying party. NSS (mozilla::pkix's
    // CheckIssuerIndependentProperties, for every certificate, the anchor too) and OpenSSL (X509_verify_cert)
    // check it, and so does x509-limbo (rfc5280::validity::expired-root): Thunderbird refuses an expired root.
    source: "RFC 5280 section 6.1.3 (a)(2): the certificate is valid at the validation time; the anchor's too, as NSS and OpenSSL hold",
    roles: ["leaf", "ca", "anchor"],
    check: (c, { policy }): Finding | null => {
      const t = policy.validationTime.getTime();
      const notBefore = c.cert.notBefore.value;
      const notAfter = c.cert.notAfter.value;
      if (t < notBefore.getTime()) return { code: "not-yet-valid", severity: "error", params: { notBefore: notBefore.toISOString(), at: policy.validationTime.toISOString() } };
      if (t > notAfter.getTime()) return { code: "expired", severity: "error", params: { notAfter: notAfter.toISOString(), at: policy.validationTime.toISOString() } };
      return null;
    },
  },
  {
    source: "RFC 5280 section 6.1.4 (k): an issuing certificate is a CA (basicConstraints cA TRUE)",
    roles: ["ca"],
    check: (c) => (c.extensions.basicConstraints?.ca ? null : { code: "not-a-ca", severity: "error", params: { subject: formatName(c.cert.subject) } }),
  },
  {
    source: "RFC 5280 section 6.1.4 (n): an issuing certificate with keyUsage asserts keyCertSign",
    roles: ["ca"],
    check: (c) => {
      const ku = c.extensions.keyUsage;
      return ku && !ku.has("keyCertSign") ? { code: "key-usage", severity: "error", params: { required: ["keyCertSign"], present: [...ku] } } : null;
    },
  },
  {
    source: "RFC 8550 section 4.4.2: a signing certificate with keyUsage asserts digitalSignature or nonRepudiation",
    roles: ["leaf"],
    check: (c, { purpose }) => {
      if (purpose !== "email-signer") return null; // see LeafPurpose
      const ku = c.extensions.keyUsage;
      if (!ku || ku.has("digitalSignature") || ku.has("nonRepudiation")) return null;
      return { code: "key-usage", severity: "error", params: { required: ["digitalSignature", "nonRepudiation"], present: [...ku] } };
    },
  },
  {
    source: "RFC 8550 section 4.4.4 and Mozilla's root policy: extendedKeyUsage, where present, allows emailProtection (or any), on the signer and on every CA above it",
    roles: ["leaf", "ca"],
    check: (c, { policy, role, purpose }) => {
      if (role === "leaf" && purpose !== "email-signer") return null;
      const eku = c.extensions.extKeyUsage;
      if (!eku || eku.includes(policy.requiredEku) || eku.includes(EKU.any)) return null;
      return { code: "missing-email-protection", severity: "error", params: { present: eku.map((o) => ekuIdentifier(o) ?? o), required: ekuIdentifier(policy.requiredEku) ?? policy.requiredEku } };
    },
  },
  {
    source: "RFC 5280 section 4.2: an extension must not appear twice, and must decode",
    roles: ["leaf", "ca"],
    check: (c) => (c.extensions.malformed.length ? { code: "malformed-cms", severity: "error", params: cmsDamage({ reason: "malformed-certificate-extension", extensions: [...c.extensions.malformed] }) } : null),
  },
  {
    source: "RFC 5280 section 6.1.4 (o) and 6.1.5 (f): every critical extension is processed",
    roles: ["leaf", "ca"],
    check: (c) => {
      const unknown = c.extensions.critical.filter((oid) => !PROCESSED.has(oid));
      return unknown.length ? { code: "unhandled-critical-extension", severity: "error", params: { extensions: unknown } } : null;
    },
  },
  {
    source: "RFC 8551 section 2.1 and the profile (algorithm-acceptance.ts): certificate signatures use accepted digests",
    roles: ["leaf", "ca"],
    check: (c, { policy }) => {
      const alg = c.cert.signatureAlgorithm;
      const found = judgeDigest(schemeHash(signatureScheme(alg.algorithmId, alg.algorithmParams, null)), policy);
      // The CA made this signature, not the certificate's holder: the catalogue says so.
      return found ? { ...found, params: { ...found.params, role: "certificate signature" } } : null;
    },
  },
  {
    source: "RFC 8551 section 4.1 and the profile (algorithm-acceptance.ts): keys that sign certificates, CRLs or OCSP answers are long enough",
    roles: ["leaf", "ca"],
    check: (c, { policy, role, purpose }) => {
      // Whose signatures the key makes. The email signer's own key is judged with the message
      // signature it made (signed-data.ts), so not here.
      const whose = role === "ca" ? "certificate signature" : purpose === "email-signer" ? null : purpose;
      if (whose === null) return null;
      const found = judgeKey(c.publicKey, policy);
      return found ? { ...found, params: { ...found.params, role: whose } } : null;
    },
  },
];

/**
 * Validates `chain` (leaf first; the last element is the anchor's certificate, whose name and
 * key start the path). Of the anchor's own certificate only what an "anchor" rule asks is
 * checked (its validity period), as NSS and OpenSSL check it; RFC 5280 section 6.1.1 (d) takes
 * the anchor as input. Issues carry their chain index.
 */
export function validatePath(
  chain: readonly CertificateView[],
  policy: SmimePolicy,
  anchorConstraints?: AnchorConstraints,
  purpose: LeafPurpose = "email-signer",
): LocalIssue[] {
  const issues: LocalIssue[] = [];
  const n = chain.length - 1; // certificates below the anchor
  let maxPathLength = n; // RFC 5280 section 6.1.2 (k)
  const constraints = emptyConstraints();
  // Name constraints carried by the anchor itself apply to the whole path (RFC 5937 section 3.2,
  // as BoringSSL and webpki do): an anchor restricted to one domain cannot vouch for others.
  const anchorCertificate = chain[n];
  if (anchorCertificate) addConstraints(constraints, anchorCertificate);
  // A certificate trusted as its own anchor (chain [leaf, leaf]) is checked once, as the leaf.
  if (anchorCertificate && anchorCertificate !== chain[n - 1]) {
    for (const rule of RULES) {
      if (!rule.roles.includes("anchor")) continue;
      // Stryker disable next-line StringLiteral: the one rule an anchor is held to (validity) does not read the role
      const found = rule.check(anchorCertificate, { policy, role: "anchor", purpose });
      if (found) issues.push({ ...found, certificate: n });
    }
  }
  addEmailDomains(constraints, anchorConstraints?.emailDomains ?? []);
  // Walk from the certificate the anchor issued (RFC index 1) down to the leaf (RFC index n).
  for (let k = n - 1; k >= 0; k--) {
    const cert = chain[k]!;
    const role: Role = k === 0 ? "leaf" : "ca";
    for (const rule of RULES) {
      if (!rule.roles.includes(role)) continue;
      const found = rule.check(cert, { policy, role, purpose });
      if (found) issues.push({ ...found, certificate: k });
    }
    // Section 4.2.1.10: name constraints belong in CA certificates only.
    if (role === "leaf" && purpose === "email-signer") addConstraints(constraints, cert, false);
    // Section 6.1.3 (b), (c): names are checked, except on self-issued intermediates.
    if (role === "leaf" || !cert.selfIssued) {
      const broken = violation(constraints, cert);
      if (broken) issues.push({ code: "name-constraints-violated", severity: "error", params: broken, certificate: k });
    }
    if (role === "ca") {
      // Section 6.1.4 (l), (m): path length.
      if (!cert.selfIssued) {
        if (maxPathLength <= 0) issues.push({ code: "path-length-exceeded", severity: "error", params: {}, certificate: k });
        maxPathLength--;
      }
      const pathLen = cert.extensions.basicConstraints?.pathLen ?? null;
      // Stryker disable next-line EqualityOperator: taking pathLen when it equals maxPathLength changes nothing
      if (pathLen !== null && pathLen < maxPathLength) maxPathLength = pathLen;
      // Section 6.1.4 (g): this CA's name constraints apply below it.
      addConstraints(constraints, cert);
    }
  }
  // Section 6.1.3 (d)-(f), 6.1.4 (a)-(b), (h)-(j), 6.1.5: certificate policies, in RFC order.
  const policies = processPolicies(chain.slice(0, n).reverse(), policy.policyInputs);
  if (policies.failure) {
    issues.push({ code: "policy-violation", severity: "error", params: { reason: policies.failure.reason }, certificate: n - policies.failure.index });
  }
  return issues;
}
