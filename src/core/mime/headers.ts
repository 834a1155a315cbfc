/**
 * RFC 5322 section 2.2 header fields, read from raw bytes. Lines may end in
 * CRLF or a bare LF: mail stores keep both. The end of the block is found on
 * the bytes; only the header block itself is turned into text (latin1, one
 * character per byte), never the body.
 */
import { latin1 } from "../util/bytes.js";

export interface HeaderField {
  /** Lower-cased field name. */
  name: string;
  /** Unfolded value (RFC 5322 section 2.2.3), leading white space removed; raw bytes as latin1. */
  value: string;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** Offset of the first body byte (after the empty line), or `end` when there is no body. */
  bodyStart: number;
  /** The block ran past the size limit and was cut there. */
  tooLarge: boolean;
  /** Lines that were neither a field nor a continuation. */
  junkLines: number;
}

const FIELD_NAME = /^[!-9;-~]+$/; // RFC 5322 section 3.6.8: printable US-ASCII except colon

/** Where the header block ends: the empty line (RFC 5322 section 2.1), or null past `maxBytes`. */
function findHeaderEnd(bytes: Uint8Array, start: number, end: number, maxBytes: number): { headerEnd: number; bodyStart: number } | null {
  let pos = start;
  while (pos < end) {
    if (pos - start > maxBytes) return null;
    let nl = bytes.indexOf(0x0a, pos);
    if (nl === -1 || nl >= end) nl = end;
    const lineEnd = nl > pos && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
    if (lineEnd === pos) return { headerEnd: pos, bodyStart: nl < end ? nl + 1 : end };
    pos = nl + 1;
  }
  return pos - start > maxBytes ? null : { headerEnd: end, bodyStart: end };
}

export function parseHeaderBlock(bytes: Uint8Array, start: number, end: number, maxBytes: number): HeaderBlock {
  const found = findHeaderEnd(bytes, start, end, maxBytes);
  if (!found) return { fields: [], bodyStart: end, tooLarge: true, junkLines: 0 };
  const text = latin1(bytes, start, found.headerEnd);
  const parsed = parseHeaderText(text);
  // A first line that is no header at all starts the body (RFC 2046 section 5.1.1: headers are optional).
  const bodyStart = parsed.bodyOffset === null ? found.bodyStart : start + parsed.bodyOffset;
  return { fields: parsed.fields, bodyStart, tooLarge: false, junkLines: parsed.junkLines };
}

/** Fields of a header block; `bodyOffset` is set when the first line is no header at all. */
function parseHeaderText(text: string): { fields: HeaderField[]; bodyOffset: number | null; junkLines: number } {
  const end = text.length;
  const fields: HeaderField[] = [];
  let pos = 0;
  let junk = 0;
  let current: { name: string; parts: string[] } | null = null;
  const flush = (): void => {
    if (current) fields.push({ name: current.name, value: current.parts.join("").replace(/^[ \t]+/, "").replace(/[ \t]+$/, "") });
    current = null;
  };
  while (pos < end) {
    let eol = text.indexOf("\n", pos);
    if (eol === -1 || eol >= end) eol = end;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    const next = eol < end ? eol + 1 : end;
    const first = text.charCodeAt(pos);
    if (first === 0x20 || first === 0x09) {
      if (current) (current as { parts: string[] }).parts.push(text.slice(pos, lineEnd));
      else junk++;
    } else {
      // Search the colon within this line only: a scan past it would make junk lines quadratic.
      const lineText = text.slice(pos, lineEnd);
      const colonInLine = lineText.indexOf(":");
      const colon = colonInLine === -1 ? -1 : pos + colonInLine;
      const name = colon !== -1 ? lineText.slice(0, colonInLine).replace(/[ \t]+$/, "") : "";
      if (name && FIELD_NAME.test(name)) {
        flush();
        current = { name: name.toLowerCase(), parts: [text.slice(colon + 1, lineEnd)] };
      } else if (fields.length === 0 && current === null) {
        return { fields, bodyOffset: pos, junkLines: junk };
      } else {
        junk++;
      }
    }
    pos = next;
  }
  flush();
  return { fields, bodyOffset: null, junkLines: junk };
}

export function headerValue(fields: readonly HeaderField[], name: string): string | null {
  const f = fields.find((h) => h.name === name);
  return f ? f.value : null;
}
