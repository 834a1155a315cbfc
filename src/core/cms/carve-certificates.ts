/**
 * A SignedData's certificates taken out before asn1js reads it. The certificates are most of a
 * signed message's DER nodes (a 2.7 KB multipart/signed signature: two certificates and a few
 * hundred bytes of signer), and asn1js builds an object per node; the certificates are then read
 * one by one from their own bytes, and a certificate seen before not at all (certificate-cache.ts).
 *
 * Only plain DER is carved (util/der.ts: definite, shortest lengths), and only a small remainder:
 * anything else (BER's indefinite lengths, an unusual shape, a large encapsulated content whose
 * copy would cost more than the certificates' nodes) is left whole for asn1js, as before.
 */
import { children, lengthOctets, readTlv, type Tlv } from "../util/der.js";
import { bytesEqual, concatBytes } from "../util/bytes.js";

/** id-signedData (RFC 5652 section 5.1), 1.2.840.113549.1.7.2, as its DER. */
const SIGNED_DATA_OID = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

/** The remainder is copied: past this size it is not (an opaque message's content can be megabytes). */
const MAX_REMAINDER_BYTES = 64 * 1024;

export interface CarvedSignedData {
  /** The ContentInfo again, without the SignedData's certificates field. */
  rest: Uint8Array;
  /** Each CertificateChoices of the field, as its bytes in the message. */
  certificates: Uint8Array[];
  /** Bytes after the ContentInfo in the input. */
  trailingBytes: number;
}

function element(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag, ...lengthOctets(content.length)), content]);
}

/** ContentInfo { contentType id-signedData, [0] EXPLICIT SignedData } with a certificates field, or null. */
export function carveCertificates(der: Uint8Array): CarvedSignedData | null {
  const ci = readTlv(der, 0);
  if (!ci || ci.tag !== 0x30) return null;
  const parts = children(der, ci);
  if (!parts || parts.length !== 2) return null;
  const [oid, explicit] = parts as [Tlv, Tlv];
  if (!bytesEqual(der.subarray(oid.start, oid.end), SIGNED_DATA_OID) || explicit.tag !== 0xa0) return null;
  const inner = children(der, explicit);
  if (!inner || inner.length !== 1 || inner[0]!.tag !== 0x30) return null;
  const signedData = inner[0]!;
  const fields = children(der, signedData);
  // certificates [0] IMPLICIT CertificateSet: constructed, context-specific 0.
  const field = fields?.find((f) => f.tag === 0xa0);
  if (!field) return null;
  const certificates = children(der, field);
  if (!certificates) return null;
  const remainder = signedData.end - signedData.contentStart - (field.end - field.start);
  if (remainder > MAX_REMAINDER_BYTES) return null;
  const sdContent = concatBytes([der.subarray(signedData.contentStart, field.start), der.subarray(field.end, signedData.end)]);
  const rest = element(0x30, concatBytes([der.subarray(oid.start, oid.end), element(0xa0, element(0x30, sdContent))]));
  return { rest, certificates: certificates.map((c) => der.subarray(c.start, c.end)), trailingBytes: der.length - ci.end };
}
