/**
 * Is this a mail message at all? RFC 5322 section 2.1: a message is header fields,
 * then optionally a blank line and a body; section 2.2: a field name is printable
 * US-ASCII except the colon, then the colon (section 4.5.1's obsolete syntax allows
 * white space before it). Bytes that do not begin so are not inspected as mail, and
 * what they look like instead is named, so the reader learns what they gave.
 * A first line that is an mbox postmark ("From " and a date, RFC 4155) is allowed
 * before the fields, as local mail folders store it.
 */

export type NotAMessage = "empty" | "der" | "pem" | "http" | "no-header-field";

const FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
const HTTP_START = /^(?:HTTP\/\d|[A-Z]+ \S+ HTTP\/\d)/;

/** The first line of `bytes` from `start`, as latin1, without its line break (at most 1000 octets, RFC 5322 section 2.1.1). */
function lineAt(bytes: Uint8Array, start: number): { text: string; next: number } {
  let end = bytes.indexOf(0x0a, start);
  if (end === -1) end = bytes.length;
  const stop = Math.min(end, start + 1000);
  let text = "";
  for (let i = start; i < stop; i++) text += String.fromCharCode(bytes[i]!);
  return { text: text.replace(/\r$/, ""), next: end + 1 };
}

/** Where the message's header fields begin: after an mbox postmark line, if there is one, else 0. */
export function messageStart(bytes: Uint8Array): number {
  const first = lineAt(bytes, 0);
  return first.text.startsWith("From ") && !FIELD.test(first.text) ? Math.min(first.next, bytes.length) : 0;
}

/** Null for a mail message; else what the bytes are instead. */
export function notAMessage(bytes: Uint8Array): NotAMessage | null {
  if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a)) return "empty";
  const line = lineAt(bytes, messageStart(bytes));
  if (FIELD.test(line.text)) return null;
  // A DER SEQUENCE (a raw CMS, certificate or CRL file) starts with 0x30 and a length octet.
  if (bytes[0] === 0x30 && bytes.length > 1 && (bytes[1]! < 0x80 || (bytes[1]! > 0x80 && bytes[1]! <= 0x84))) return "der";
  if (line.text.startsWith("-----BEGIN ")) return "pem";
  if (HTTP_START.test(line.text)) return "http";
  return "no-header-field";
}
