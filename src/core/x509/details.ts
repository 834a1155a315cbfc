/**
 * Everything the certificate view shows, read once from DER into plain data
 * the UI can render and a host can pass between its pages (no class
 * instances, no bytes: JSON-serialisable).
 */
import { ekuIdentifier, extensionIdentifier, oidName, type KnownEku, type KnownExtension } from "../oids.js";
import type { CertificateSummary } from "../report/types.js";
import { CertificateView } from "./certificate.js";
import type { KeyUsageBit } from "./extensions.js";
import { readPolicyExtensions } from "./policy-extensions.js";

export interface ExtensionDetail {
  oid: string;
  /** Its identifier in the RFC, when Signet knows it; the catalogues word it. */
  known: KnownExtension | null;
  critical: boolean;
}

export interface EkuDetail {
  oid: string;
  known: KnownEku | null;
}

export interface CertificateDetails extends CertificateSummary {
  version: number;
  signatureAlgorithm: string;
  isCa: boolean;
  pathLength: number | null;
  /** KeyUsage bits (RFC 5280 section 4.2.1.3), or null when the extension is absent. */
  keyUsage: KeyUsageBit[] | null;
  /** ExtendedKeyUsage (RFC 5280 section 4.2.1.12), or null when absent. */
  extendedKeyUsage: EkuDetail[] | null;
  /** Certificate policy OIDs (RFC 5280 section 4.2.1.4), or null when absent. */
  policies: string[] | null;
  ocspUrls: string[];
  caIssuerUrls: string[];
  extensions: ExtensionDetail[];
  /** The certificate itself, base64 DER, for export (always present here). */
  derBase64: string;
}

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
    extendedKeyUsage: ext.extKeyUsage ? ext.extKeyUsage.map((oid) => ({ oid, known: ekuIdentifier(oid) })) : null,
    policies,
    ocspUrls: [...ext.ocsp],
    caIssuerUrls: [...ext.caIssuers],
    extensions: present.map((e) => ({ oid: e.extnID, known: extensionIdentifier(e.extnID), critical: e.critical })),
  };
}

export type { KnownEku, KnownExtension };
