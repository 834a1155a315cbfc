/**
 * A distinguished name's DER written as text ("CN=Alice, O=Example"), the way @peculiar/x509's
 * Name.toString writes it, so that reports read as they always have: RDNs in their DER order
 * joined by ", ", the attributes of one RDN by "+", the short names of RFC 4514 section 3 plus
 * @peculiar's own (E, G, I, SN, T), other types by OID, RFC 4514 section 2.4's escapes as
 * @peculiar applies them, and a value of any type but the DirectoryString and IA5String ones
 * as "#" and its DER in hex (section 2.4's form for values of unknown type).
 *
 * Read directly from the bytes: @peculiar builds an object model whose first use costs 40 ms
 * of every start (its decorated classes), for names a certificate view already holds as DER.
 * test/unit/name-text.test.ts holds the two to the same text over every certificate of the corpora.
 */
import { children, readOid, readTlv, type Tlv } from "../util/der.js";
import { latin1, toHex } from "../util/bytes.js";

const SHORT_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.6": "C",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "E",
  "2.5.4.42": "G",
  "2.5.4.43": "I",
  "2.5.4.4": "SN",
  "2.5.4.12": "T",
};

const utf8 = new TextDecoder();

/** The string types @peculiar reads as text, decoded as asn1js decodes them (which @peculiar uses). */
function stringValue(bytes: Uint8Array, e: Tlv): string | null {
  const content = bytes.subarray(e.contentStart, e.end);
  switch (e.tag) {
    case 0x0c: // UTF8String
      return utf8.decode(content);
    case 0x13: // PrintableString
    case 0x14: // TeletexString
    case 0x16: // IA5String
      return latin1(content);
    case 0x1e: {
      // BMPString: UTF-16 big-endian code units (an odd last byte is dropped, as asn1js does).
      let out = "";
      for (let i = 0; i + 1 < content.length; i += 2) out += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
      return out;
    }
    case 0x1c: {
      // UniversalString: UTF-32 big-endian, each code point taken by String.fromCharCode as asn1js does.
      let out = "";
      for (let i = 0; i + 3 < content.length; i += 4) out += String.fromCharCode(((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0);
      return out;
    }
    default:
      return null;
  }
}

/** @peculiar's escapes: RFC 4514 section 2.4's specials, a leading space or "#", a trailing space, and the first CR, LF or tab as its UTF-8 in hex. */
function escape(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, "\\$1")
    .replace(/^([ #])/, "\\$1")
    .replace(/([ ]$)/, "\\$1")
    .replace(/([\r\n\t])/, (c: string) => `\\${toHex(new TextEncoder().encode(c)).toUpperCase()}`);
}

/** The text of a Name's DER, or null when the bytes are no Name. */
export function nameText(der: Uint8Array): string | null {
  // Any definite length is taken (readTlv's `shortest` off): a name is copied into reports, not judged.
  const name = readTlv(der, 0, der.length, false);
  if (!name || name.tag !== 0x30) return null;
  const rdns = children(der, name, false);
  if (!rdns) return null;
  const out: string[] = [];
  for (const rdn of rdns) {
    if (rdn.tag !== 0x31) return null;
    const attributes = children(der, rdn, false);
    if (!attributes) return null;
    const parts: string[] = [];
    for (const atv of attributes) {
      if (atv.tag !== 0x30) return null;
      const fields = children(der, atv, false);
      if (!fields || fields.length !== 2) return null;
      const oid = readOid(der, fields[0]!);
      if (oid === null) return null;
      const text = stringValue(der, fields[1]!);
      const value = text === null ? `#${toHex(der.subarray(fields[1]!.start, fields[1]!.end))}` : escape(text);
      parts.push(`${SHORT_NAMES[oid] ?? oid}=${value}`);
    }
    out.push(parts.join("+"));
  }
  return out.join(", ");
}
