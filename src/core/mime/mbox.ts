/**
 * Splits an mbox file into messages. Each message starts with a "From " line
 * after a blank line (or at the start of the file); in the body, lines quoted
 * as ">From " (mboxo) or ">>From " (mboxrd) lose one ">" (RFC 4155, appendix A).
 */

export function isMbox(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x46 && bytes[1] === 0x72 && bytes[2] === 0x6f && bytes[3] === 0x6d && bytes[4] === 0x20;
}

function unquoteFromLines(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(msg.length);
  let n = 0;
  let lineStart = true;
  for (let i = 0; i < msg.length; i++) {
    if (lineStart && msg[i] === 0x3e) {
      let j = i;
      while (msg[j] === 0x3e) j++;
      if (msg[j] === 0x46 && msg[j + 1] === 0x72 && msg[j + 2] === 0x6f && msg[j + 3] === 0x6d && msg[j + 4] === 0x20) {
        i++; // drop one ">"
      }
    }
    const c = msg[i]!;
    out[n++] = c;
    lineStart = c === 0x0a;
  }
  return out.subarray(0, n);
}

export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const atStart = i === 0 || (bytes[i - 1] === 0x0a && (i < 2 || bytes[i - 2] === 0x0a || (bytes[i - 2] === 0x0d && bytes[i - 3] === 0x0a)));
    if (atStart && isMbox(bytes.subarray(i, i + 5))) starts.push(i);
    const nl = bytes.indexOf(0x0a, i);
    if (nl === -1) break;
    i = nl + 1;
  }
  const messages: Uint8Array[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = starts[k + 1] ?? bytes.length;
    const firstNl = bytes.indexOf(0x0a, from);
    if (firstNl === -1 || firstNl + 1 >= to) continue;
    let end = to;
    // The blank line before the next "From " belongs to the separator.
    if (k + 1 < starts.length && bytes[end - 1] === 0x0a) end--;
    if (k + 1 < starts.length && bytes[end - 1] === 0x0d) end--;
    messages.push(unquoteFromLines(bytes.subarray(firstNl + 1, end)));
  }
  return messages;
}
