/**
 * RFC 5322 section 2.2 header fields, read from raw bytes (as a latin1 string
 * whose offsets are byte offsets). Lines may end in CRLF or a bare LF: mail
 * stores keep both.
 */

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

export function parseHeaderBlock(text: string, start: number, end: number, maxBytes: number): HeaderBlock {
  const fields: HeaderField[] = [];
  let pos = start;
  let junk = 0;
  let current: { name: string; parts: string[] } | null = null;
  const flush = (): void => {
    if (current) fields.push({ name: current.name, value: current.parts.join("").replace(/^[ \t]+/, "").replace(/[ \t]+$/, "") });
    current = null;
  };
  while (pos < end) {
    if (pos - start > maxBytes) {
      flush();
      return { fields, bodyStart: end, tooLarge: true, junkLines: junk };
    }
    let eol = text.indexOf("\n", pos);
    if (eol === -1 || eol >= end) eol = end;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    const next = eol < end ? eol + 1 : end;
    if (lineEnd === pos) {
      // The empty line that ends the header block (RFC 5322 section 2.1).
      flush();
      return { fields, bodyStart: next, tooLarge: false, junkLines: junk };
    }
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
        // Not a header at all: a body part without headers (RFC 2046 section 5.1.1).
        return { fields, bodyStart: pos, tooLarge: false, junkLines: junk };
      } else {
        junk++;
      }
    }
    pos = next;
  }
  flush();
  return { fields, bodyStart: end, tooLarge: false, junkLines: junk };
}

export function headerValue(fields: readonly HeaderField[], name: string): string | null {
  const f = fields.find((h) => h.name === name);
  return f ? f.value : null;
}

export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  return fields.filter((h) => h.name === name).map((h) => h.value);
}
