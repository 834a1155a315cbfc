/**
 * Whether bytes are one well-nested BER element (X.690 section 8.1): every
 * constructed element's children fill exactly its definite length, or end
 * with end-of-contents octets when its length is indefinite; no length runs
 * past its enclosing element. asn1js reads some inconsistent encodings
 * anyway (a [0] whose length says 16 around a SEQUENCE of 1,400 bytes), and
 * what it then builds is not what the bytes say: the differential campaign
 * against OpenSSL found such messages reported as validly signed where
 * OpenSSL refuses to read them. One pass, no allocation, no recursion.
 */

/** Nesting deeper than this is refused: real CMS and certificates stay below 30 (limits.ts caps MIME the same way). */
export const MAX_BER_DEPTH = 256;

/** Why the element at the start of `bytes` is not well-nested, or null when it is. `end` is where it must end. */
export function berStructureProblem(bytes: Uint8Array, end: number = bytes.length): string | null {
  // Open constructed elements: where each must end (-1: indefinite, ends at end-of-contents).
  const open: number[] = [];
  let p = 0;
  for (;;) {
    const limit = open.length ? open[open.length - 1]! : end;
    const bound = limit === -1 ? end : limit;
    // End of a definite element: its children filled it exactly.
    if (open.length && limit !== -1 && p === limit) {
      open.pop();
      if (open.length === 0) return p === end ? null : "data after the element";
      continue;
    }
    if (p + 2 > bound) return "an element runs past its enclosing one";
    // End-of-contents of an indefinite element (X.690 section 8.1.5).
    if (limit === -1 && bytes[p] === 0 && bytes[p + 1] === 0) {
      p += 2;
      open.pop();
      if (open.length === 0) return p === end ? null : "data after the element";
      continue;
    }
    const tag = bytes[p++]!;
    if ((tag & 0x1f) === 0x1f) {
      // High tag number form (X.690 section 8.1.2.4): base-128 digits, the last without bit 8.
      let digits = 0;
      while (p < bound && bytes[p]! & 0x80) {
        p++;
        if (++digits > 4) return "a tag number too long";
      }
      p++;
    }
    if (p >= bound) return "an element runs past its enclosing one";
    const first = bytes[p++]!;
    let length = -1;
    if (first < 0x80) length = first;
    else if (first > 0x80) {
      const n = first & 0x7f;
      if (n > 4 || p + n > bound) return "a length that does not fit";
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[p++]!;
    }
    const constructed = (tag & 0x20) !== 0;
    if (length === -1) {
      // X.690 section 8.1.3.6: the indefinite form is for constructed encodings only.
      if (!constructed) return "an indefinite length on a primitive element";
      if (open.length >= MAX_BER_DEPTH) return "nesting too deep";
      open.push(-1);
      continue;
    }
    const elementEnd = p + length;
    if (elementEnd > bound) return "a length runs past its enclosing element";
    if (constructed && length > 0) {
      if (open.length >= MAX_BER_DEPTH) return "nesting too deep";
      open.push(elementEnd);
      continue;
    }
    p = elementEnd;
    if (open.length === 0) return p === end ? null : "data after the element";
  }
}
