/**
 * PEM (RFC 7468): the DER inside every block of the given labels, in file order.
 * A file with no "-----BEGIN" line at all is taken as one DER object; a file
 * with PEM blocks of other labels gives none.
 */
import { decodeBase64Text, encodeBase64 } from "./base64.js";
import { latin1 } from "./bytes.js";

/** Files read as text up to this size (a CRL of a large CA runs to a few MB). */
const MAX_PEM_TEXT = 16 * 1024 * 1024;

export function pemOrDer(bytes: Uint8Array, labels: readonly string[]): Uint8Array[] {
  const text = latin1(bytes, 0, Math.min(bytes.length, MAX_PEM_TEXT));
  // The labels are fixed words (CERTIFICATE, X509 CRL), nothing a regular expression reads specially.
  const block = new RegExp(`-----BEGIN (${labels.join("|")})-----([\\s\\S]*?)-----END \\1-----`, "g");
  const blocks = [...text.matchAll(block)].map((m) => decodeBase64Text(m[2]!).bytes);
  if (blocks.length === 0 && !text.includes("-----BEGIN")) blocks.push(bytes);
  return blocks;
}

/** DER as a PEM block (RFC 7468 section 2): base64 in lines of 64 characters between the label lines. */
export function toPem(label: string, der: Uint8Array): string {
  const body = encodeBase64(der).replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
