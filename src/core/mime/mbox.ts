/**
 * Splits an mbox file into messages. Each message starts with a "From " line
 * after a blank line (or at the start of the file); in the body, lines quoted
 * as ">From " (mboxo) or ">>From " (mboxrd) lose one ">" (RFC 4155, appendix A).
 *
 * `MboxSplitter` does it as the bytes arrive, holding one message at a time, so an
 * archive of any size is read in bounded memory; `splitMbox` is the same splitter
 * over bytes already in memory.
 */

const F = 0x46;
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

function fromAt(bytes: Uint8Array, i: number): boolean {
  return bytes[i] === F && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x6f && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x20;
}

export function isMbox(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && fromAt(bytes, 0);
}

/** A copy of the message with one ">" taken from each quoted From line. */
function unquoteFromLines(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(msg.length);
  let n = 0;
  let lineStart = true;
  for (let i = 0; i < msg.length; i++) {
    if (lineStart && msg[i] === GT) {
      let j = i;
      while (msg[j] === GT) j++;
      if (fromAt(msg, j)) i++; // drop one ">"
    }
    const c = msg[i]!;
    out[n++] = c;
    lineStart = c === LF;
  }
  return out.subarray(0, n);
}

/** A message of the archive, or one larger than the limit, skipped without being held (its size in bytes with its From line, at least). */
export type MboxItem = { readonly message: Uint8Array } | { readonly oversized: number };

const INITIAL_CAPACITY = 64 * 1024;
/** Bytes kept across chunks while skipping, enough to see "\n\r\nFrom " begin in one chunk and end in the next. */
const SKIP_CONTEXT = 7;

/**
 * The streaming splitter: `push` each chunk as read, then `end`; each returns the
 * messages completed so far. What it holds is the current message and one chunk,
 * never more than about twice `maxMessageBytes`: a longer message is skipped as
 * it streams past and reported as oversized.
 */
export class MboxSplitter {
  private data = new Uint8Array(INITIAL_CAPACITY);
  private length = 0;
  /** Bytes of the file before data[0]: only "at the very start of the file" depends on it. */
  private dropped = 0;
  /** The next line start in `data` not yet examined. */
  private scan = 0;
  /** Where the current message's "From " line starts in `data`; -1 before the first. */
  private start = -1;
  /** Bytes of an oversized message skipped so far; null when not skipping. */
  private skipped: number | null = null;

  constructor(private readonly maxMessageBytes: number) {}

  /** The bytes this splitter holds now (its buffer's capacity): the figure that must stay bounded. */
  get heldBytes(): number {
    return this.data.byteLength;
  }

  push(chunk: Uint8Array): MboxItem[] {
    if (this.skipped !== null) return this.skipThrough(chunk);
    this.append(chunk);
    return this.drain(false);
  }

  end(): MboxItem[] {
    if (this.skipped !== null) {
      const size = this.skipped + this.length;
      this.reset();
      return [{ oversized: size }];
    }
    return this.drain(true);
  }

  private reset(): void {
    this.skipped = null;
    this.data = new Uint8Array(INITIAL_CAPACITY);
    this.length = 0;
    this.scan = 0;
    this.start = -1;
  }

  private append(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + chunk.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(chunk, this.length);
    this.length += chunk.length;
  }

  /** A message starts at line start p: "From " at the file's start or after a blank line. */
  private boundary(p: number): boolean {
    if (!fromAt(this.data, p)) return false;
    const at = this.dropped + p;
    if (at === 0) return true;
    const d = this.data;
    return d[p - 1] === LF && (at < 2 || d[p - 2] === LF || (d[p - 2] === CR && d[p - 3] === LF));
  }

  private drain(final: boolean): MboxItem[] {
    const out: MboxItem[] = [];
    const d = this.data;
    while (this.scan < this.length) {
      const p = this.scan;
      if (!final && p + 5 > this.length) break; // too few bytes yet to tell a From line
      if (p !== this.start && this.boundary(p)) {
        if (this.start >= 0) this.emit(out, this.start, p, false);
        this.start = p;
      }
      const nl = d.indexOf(LF, p);
      if (nl === -1 || nl >= this.length) {
        if (final) this.scan = this.length;
        break;
      }
      this.scan = nl + 1;
    }
    if (final) {
      if (this.start >= 0) this.emit(out, this.start, this.length, true);
      this.reset();
      return out;
    }
    this.compact();
    if (this.start >= 0 && this.length - this.start > this.maxMessageBytes) this.beginSkipping();
    return out;
  }

  /** Copies out the message between `from` (its From line) and `to` (the next one, or the end). */
  private emit(out: MboxItem[], from: number, to: number, last: boolean): void {
    const d = this.data;
    const firstNl = d.indexOf(LF, from);
    if (firstNl === -1 || firstNl + 1 >= to) return; // a From line and nothing else
    if (to - from > this.maxMessageBytes) {
      out.push({ oversized: to - from });
      return;
    }
    let end = to;
    // The blank line before the next "From " belongs to the separator.
    if (!last && d[end - 1] === LF) end--;
    if (!last && d[end - 1] === CR) end--;
    out.push({ message: unquoteFromLines(d.subarray(firstNl + 1, end)) });
  }

  /** Drops what lies before the current message, and gives back memory a large message left. */
  private compact(): void {
    const from = this.start > 0 ? this.start : 0;
    if (from > 0) {
      this.data.copyWithin(0, from, this.length);
      this.length -= from;
      this.scan -= from;
      this.start -= from;
      this.dropped += from;
    }
    if (this.data.length > 4 * Math.max(this.length, INITIAL_CAPACITY)) {
      const smaller = new Uint8Array(Math.max(2 * this.length, INITIAL_CAPACITY));
      smaller.set(this.data.subarray(0, this.length));
      this.data = smaller;
    }
  }

  /** The current message is over the limit: keep only the context a boundary needs, and count the rest. */
  private beginSkipping(): void {
    const keep = Math.min(SKIP_CONTEXT, this.length);
    this.skipped = this.length - keep;
    const tail = this.data.slice(this.length - keep, this.length);
    this.dropped += this.length - keep;
    this.data = new Uint8Array(INITIAL_CAPACITY);
    this.data.set(tail);
    this.length = keep;
  }

  /** While skipping: look for "\n\nFrom " or "\n\r\nFrom " in the kept context and this chunk. */
  private skipThrough(chunk: Uint8Array): MboxItem[] {
    const keep = this.length;
    const window = new Uint8Array(keep + chunk.length);
    window.set(this.data.subarray(0, keep));
    window.set(chunk, keep);
    for (let i = window.indexOf(F, 2); i !== -1; i = window.indexOf(F, i + 1)) {
      const blankBefore = window[i - 1] === LF && (window[i - 2] === LF || (i >= 3 && window[i - 2] === CR && window[i - 3] === LF));
      if (i + 5 <= window.length && blankBefore && fromAt(window, i)) {
        const size = (this.skipped ?? 0) + i;
        const rest = window.subarray(i);
        this.dropped += i;
        this.skipped = null;
        this.data = new Uint8Array(Math.max(INITIAL_CAPACITY, rest.length));
        this.data.set(rest);
        this.length = rest.length;
        this.start = 0;
        this.scan = 0;
        return [{ oversized: size }, ...this.drain(false)];
      }
    }
    const tail = Math.min(SKIP_CONTEXT, window.length);
    this.skipped = (this.skipped ?? 0) + window.length - tail;
    this.dropped += window.length - tail;
    this.data.set(window.subarray(window.length - tail));
    this.length = tail;
    return [];
  }
}

/** Every message of an mbox held in memory (messages over the message limit included: the caller applies it). */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const splitter = new MboxSplitter(Number.POSITIVE_INFINITY);
  return [...splitter.push(bytes), ...splitter.end()].flatMap((item) => ("message" in item ? [item.message] : []));
}
