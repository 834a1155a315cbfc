/**
 * Everything the certificate view shows, read once from DER into plain data
 * the UI can render and a host can pass between its pages (no class
 * instances, no bytes: JSON-serialisable).
 */
import { EKU, EXT, OID, oidName } from "../oids.js";
import type { CertificateSummary } from "../report/types.js";
import { CertificateView } from "./certificate.js";
import { readPolicyExtensions } from "./policy-extensions.js";

export interface ExtensionDetail {
  oid: string;
  /** A readable name, or the OID itself. */
  name: string;
  critical: boolean;
}

export interface CertificateDetails extends CertificateSummary {
  version: number;
  signatureAlgorithm: string;
  isCa: boolean;
  pathLength: number | null;
  /** KeyUsage bit names (RFC 5280 section 4.2.1.3), or null when the extension is absent. */
  keyUsage: string[] | null;
  /** ExtendedKeyUsage, readable names (RFC 5280 section 4.2.1.12), or null when absent. */
  extendedKeyUsage: string[] | null;
  /** Certificate policy OIDs (RFC 5280 section 4.2.1.4), or null when absent. */
  policies: string[] | null;
  ocspUrls: string[];
  caIssuerUrls: string[];
  extensions: ExtensionDetail[];
  /** The certificate itself, base64 DER, for export (always present here). */
  derBase64: string;
}

const EXTENSION_NAMES: Record<string, string> = {
  [EXT.subjectKeyIdentifier]: "Subject key identifier",
  [EXT.keyUsage]: "Key usage",
  [EXT.subjectAltName]: "Subject alternative name",
  [EXT.issuerAltName]: "Issuer alternative name",
  [EXT.basicConstraints]: "Basic constraints",
  [EXT.nameConstraints]: "Name constraints",
  [EXT.crlDistributionPoints]: "CRL distribution points",
  [EXT.certificatePolicies]: "Certificate policies",
  [EXT.policyMappings]: "Policy mappings",
  [EXT.authorityKeyIdentifier]: "Authority key identifier",
  [EXT.policyConstraints]: "Policy constraints",
  [EXT.extKeyUsage]: "Extended key usage",
  [EXT.freshestCrl]: "Freshest CRL",
  [EXT.inhibitAnyPolicy]: "Inhibit anyPolicy",
  [EXT.authorityInfoAccess]: "Authority information access",
  [EXT.subjectInfoAccess]: "Subject information access",
  [OID.smimeCapabilities]: "S/MIME capabilities",
  [EXT.ctPrecertificateScts]: "Certificate transparency SCTs",
};

/** RFC 5280 section 4.2.1.12 and the S/MIME profile's EKUs (RFC 8550 section 4.4). */
const EKU_NAMES: Record<string, string> = {
  [EKU.any]: "Any purpose",
  [EKU.serverAuth]: "TLS server",
  [EKU.clientAuth]: "TLS client",
  [EKU.codeSigning]: "Code signing",
  [EKU.emailProtection]: "Email protection",
  [EKU.timeStamping]: "Time stamping",
  [EKU.ocspSigning]: "OCSP signing",
  [EKU.msDocumentSigning]: "Document signing (Microsoft)",
};

export async function describeCertificate(der: Uint8Array): Promise<CertificateDetails> {
  const view = CertificateView.fromDer(der);
  const ext = view.extensions;
  const present = view.cert.extensions ?? [];
  let policies: string[] | null = null;
  try {
    policies = readPolicyExtensions(view).policies;
  } catch {
    policies = null;
  }
  return {
    ...(await view.summary()),
    version: view.cert.version + 1,
    signatureAlgorithm: oidName(view.cert.signatureAlgorithm.algorithmId),
    isCa: ext.basicConstraints?.ca ?? false,
    pathLength: ext.basicConstraints?.pathLen ?? null,
    keyUsage: ext.keyUsage ? [...ext.keyUsage] : null,
    extendedKeyUsage: ext.extKeyUsage ? ext.extKeyUsage.map((oid) => EKU_NAMES[oid] ?? oid) : null,
    policies,
    ocspUrls: [...ext.ocsp],
    caIssuerUrls: [...ext.caIssuers],
    extensions: present.map((e) => ({ oid: e.extnID, name: EXTENSION_NAMES[e.extnID] ?? oidName(e.extnID), critical: e.critical })),
  };
}
