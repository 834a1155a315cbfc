/**
 * RFC 2047 encoded-words in unstructured headers (Subject, display names), for
 * display only. Unknown charsets and malformed words are left as they are.
 */
import { decodeBase64Text } from "../util/base64.js";
import { fromLatin1 } from "../util/bytes.js";

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | null {
  let bytes: Uint8Array;
  if (encoding.toLowerCase() === "b") {
    bytes = decodeBase64Text(text).bytes;
  } else {
    // RFC 2047 section 4.2: "_" is a space, "=XX" a hex octet.
    const s = text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    bytes = fromLatin1(s);
  }
  try {
    // RFC 2231 section 5 allows a language suffix: "utf-8*en".
    return new TextDecoder(charset.split("*")[0]!.toLowerCase()).decode(bytes);
  } catch {
    return null;
  }
}

/** A raw (latin1, one character per byte) header value as text: raw 8-bit headers (RFC 6532) are UTF-8. */
export function decodeRawHeader(raw: string): string {
  return /[\x80-\xff]/.test(raw) ? new TextDecoder("utf-8").decode(fromLatin1(raw)) : raw;
}

/** RFC 2047 encoded words of an already decoded header value, decoded. */
export function decodeEncodedWords(text: string): string {
  // White space between adjacent encoded words is dropped (RFC 2047 section 6.2).
  return text
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(ENCODED_WORD, (whole, charset: string, enc: string, body: string) => decodeWord(charset, enc, body) ?? whole);
}

/** Decodes a raw (latin1) header value to a display string. */
export function decodeHeaderText(raw: string): string {
  return decodeEncodedWords(decodeRawHeader(raw));
}
