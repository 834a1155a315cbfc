/**
 * Certificates from a file's bytes: PEM (any number of CERTIFICATE blocks,
 * RFC 7468) or a single DER certificate. Blocks that do not parse are
 * reported, not skipped silently.
 */
import { decodeBase64Text } from "../util/base64.js";
import { latin1 } from "../util/bytes.js";
import { CertificateView } from "./certificate.js";

export interface ReadCertificates {
  certificates: CertificateView[];
  /** Why a block could not be read, one entry per block. */
  errors: string[];
}

const PEM_BLOCK = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;

export function readCertificates(bytes: Uint8Array): ReadCertificates {
  const out: ReadCertificates = { certificates: [], errors: [] };
  const text = latin1(bytes, 0, Math.min(bytes.length, 16 * 1024 * 1024));
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => decodeBase64Text(m[1]!).bytes);
  if (blocks.length === 0 && !text.includes("-----BEGIN")) blocks.push(bytes);
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
