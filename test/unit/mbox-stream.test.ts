/**
 * The streaming mbox splitter: the same messages whatever the chunking, and the
 * memory it holds bounded by the message limit, not by the archive (measured as
 * the bytes its buffer holds, never as time).
 */
import { describe, expect, it } from "vitest";
import { MboxSplitter, splitMbox, type MboxItem } from "../../src/core/mime/mbox.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A deterministic pseudo-random generator (xorshift), so a failure can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

function feed(splitter: MboxSplitter, bytes: Uint8Array, sizes: () => number): MboxItem[] {
  const out: MboxItem[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, Math.floor(sizes()));
    out.push(...splitter.push(bytes.subarray(i, i + n)));
    i += n;
  }
  return [...out, ...splitter.end()];
}

const messagesOf = (items: MboxItem[]): string[] => items.map((i) => ("message" in i ? dec(i.message) : `<oversized ${i.oversized}>`));

/** Awkward mboxes: CRLF and LF, quoted From lines, From lines not after a blank line, empty messages, no final newline. */
const ARCHIVES = [
  "From a@b Mon Jan 1 00:00:00 2024\nSubject: one\n\n>From the start\n>>From deeper\nFrom not a separator\n\nFrom b@c Tue\nSubject: two\n\nbody\n",
  "From a\r\nSubject: crlf\r\n\r\nbody\r\n\r\nFrom b\r\nSubject: next\r\n\r\nx",
  "From only-a-line\n\nFrom a\nSubject: after an empty one\n\nFrom\n\nFrom x\n",
  "From a\n\n\n\nFrom b\nX: y\n\n\nFrom c\nZ\n",
  "From a\nSubject: no newline at the end",
  "From a\n" + "x".repeat(70_000) + "\n\nFrom b\nshort\n\nFrom c\n" + "y".repeat(3000),
];

describe("MboxSplitter", () => {
  it("gives exactly splitMbox's messages for every archive, in every chunking from 1 byte up", () => {
    for (const [a, text] of ARCHIVES.entries()) {
      const bytes = enc(text);
      const whole = splitMbox(bytes).map(dec);
      expect(whole.length, `archive ${a}`).toBeGreaterThan(0);
      for (const fixed of [1, 2, 3, 5, 7, 64, 4096]) {
        expect(messagesOf(feed(new MboxSplitter(1 << 30), bytes, () => fixed)), `archive ${a}, chunks of ${fixed}`).toEqual(whole);
      }
      for (let seed = 1; seed <= 20; seed++) {
        const r = rng(seed * 7919 + a);
        expect(messagesOf(feed(new MboxSplitter(1 << 30), bytes, () => 1 + r() * 40)), `archive ${a}, seed ${seed}`).toEqual(whole);
      }
    }
  });

  it("splitMbox keeps the reading RFC 4155 gives (separators, quoted From lines)", () => {
    expect(splitMbox(enc(ARCHIVES[0]!)).map(dec)).toEqual(["Subject: one\n\nFrom the start\n>From deeper\nFrom not a separator\n", "Subject: two\n\nbody\n"]);
    expect(splitMbox(enc(ARCHIVES[1]!)).map(dec)).toEqual(["Subject: crlf\r\n\r\nbody\r\n", "Subject: next\r\n\r\nx"]);
    expect(splitMbox(enc(ARCHIVES[2]!)).map(dec)).toEqual(["", "Subject: after an empty one\n\nFrom\n"]);
  });

  it("skips a message over the limit without holding it, reports its size, and goes on with the next", () => {
    const big = "From big\n" + "z".repeat(50_000) + "\n" + "w".repeat(20_000);
    const text = `From a\nfirst\n\n${big}\n\nFrom c\nthird\n`;
    for (const size of [1, 13, 1000, 100_000]) {
      const items = feed(new MboxSplitter(10_000), enc(text), () => size);
      expect(messagesOf(items).map((m) => m.replace(/\d+/, "N")), `chunks of ${size}`).toEqual(["first\n", "<oversized N>", "third\n"]);
      const oversized = items[1] as { oversized: number };
      expect(oversized.oversized).toBeGreaterThanOrEqual(70_000);
      expect(oversized.oversized).toBeLessThanOrEqual(big.length + 2);
    }
    // The last message over the limit, with no separator after it: "From b\n" and 5,000 bytes.
    expect(messagesOf(feed(new MboxSplitter(1000), enc(`From a\nx\n\nFrom b\n${"q".repeat(5000)}`), () => 333))).toEqual(["x\n", "<oversized 5007>"]);
  });

  it("holds at most about twice the message limit while 64 MiB stream through, oversized messages and a 5 MiB line among them", () => {
    const limit = 1 << 20; // 1 MiB, so the archive is 64 times the bound
    const splitter = new MboxSplitter(limit);
    const r = rng(42);
    let held = 0;
    let fed = 0;
    let messages = 0;
    let oversized = 0;
    const push = (s: string | Uint8Array): void => {
      const bytes = typeof s === "string" ? enc(s) : s;
      for (let i = 0; i < bytes.length; i += 256 * 1024) {
        for (const item of splitter.push(bytes.subarray(i, i + 256 * 1024))) {
          if ("message" in item) messages++;
          else oversized++;
        }
        held = Math.max(held, splitter.heldBytes);
      }
      fed += bytes.length;
    };
    const line = "A".repeat(76) + "\n";
    let n = 0;
    while (fed < 64 * 1024 * 1024) {
      n++;
      if (n % 40 === 0) push(`From big${n}\nSubject: big\n\n${line.repeat(Math.floor((2 + r() * 3) * 14000))}\n`);
      else if (n % 97 === 0) push(`From line${n}\nSubject: one long line\n\n${"B".repeat(5 * 1024 * 1024)}\n\n`);
      else push(`From m${n}\nSubject: ${n}\n\n${line.repeat(Math.floor(r() * 600))}\n`);
    }
    for (const item of splitter.end()) {
      if ("message" in item) messages++;
      else oversized++;
    }
    expect(messages + oversized).toBe(n);
    expect(oversized).toBeGreaterThan(10);
    expect(held).toBeLessThanOrEqual(2 * limit + 512 * 1024);
  });
});
