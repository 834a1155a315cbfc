/**
 * A CMS object on its own, as a file rather than inside a message (RFC 5652 section 3,
 * ContentInfo): an .p7m or .p7s as DER, as PEM (RFC 7468 section 10: the labels PKCS7
 * and CMS) or as bare base64, the way a mail program saves an smime.p7m attachment.
 */
import { decodeBase64 } from "../util/base64.js";
import { latin1 } from "../util/bytes.js";
import { pemOrDer } from "../util/pem.js";
import { parseContentInfo } from "./content-info.js";
import { OID } from "../oids.js";

/** The content types Signet inspects; any other ContentInfo (or a certificate, a CRL) is not taken for one. */
const INSPECTED = new Set<string>([OID.signedData, OID.envelopedData, OID.authEnvelopedData, OID.compressedData]);

/** Only base64 characters and line breaks: a body saved without its MIME headers. */
const BASE64_TEXT = /^[A-Za-z0-9+/=\r\n\t ]+$/;

/** The DER of the CMS object the file holds, or null when it holds none. */
export function cmsFileObject(bytes: Uint8Array): Uint8Array | null {
  const candidates = pemOrDer(bytes, ["PKCS7", "CMS"]);
  // Stryker disable next-line MethodExpression: the whole file instead of its first 64 bytes passes or fails the same test, as base64 text is base64 throughout
  const text = latin1(bytes, 0, Math.min(bytes.length, 64));
  // pemOrDer hands back the bytes themselves only for a file with no PEM line at all: that may be bare base64.
  if (candidates[0] === bytes && BASE64_TEXT.test(text)) candidates.push(decodeBase64(bytes).bytes);
  for (const der of candidates) {
    const ci = parseContentInfo(der);
    if (ci.ok && INSPECTED.has(ci.value.contentType)) return der;
  }
  return null;
}
