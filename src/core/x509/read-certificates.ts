/**
 * Certificates from a file's bytes: PEM (any number of CERTIFICATE blocks,
 * RFC 7468) or a single DER certificate. Blocks that do not parse are
 * reported, not skipped silently.
 */
import { pemOrDer } from "../util/pem.js";
import { CertificateView } from "./certificate.js";

export interface ReadCertificates {
  certificates: CertificateView[];
  /** Why a block could not be read, one entry per block. */
  errors: string[];
}

/** RFC 7468 section 5.1's label, and the two older ones OpenSSL still writes and reads. */
const CERTIFICATE_LABELS = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

export function readCertificates(bytes: Uint8Array): ReadCertificates {
  const out: ReadCertificates = { certificates: [], errors: [] };
  const blocks = pemOrDer(bytes, CERTIFICATE_LABELS);
  for (const der of blocks) {
    try {
      out.certificates.push(CertificateView.fromDer(der));
    } catch (e) {
      out.errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (blocks.length === 0) out.errors.push("no CERTIFICATE block found");
  return out;
}
