/**
 * Structure-aware mutations for mail and DER: besides byte-level damage, they
 * speak the formats' own words (MIME header tokens, boundaries, line ends; DER
 * tags and length forms) and reach through base64 to the DER inside a MIME
 * part, so a campaign gets past the first parser into the next one.
 */
import { decodeBase64Text, encodeBase64 } from "../core/util/base64.js";
import { latin1 } from "../core/util/bytes.js";
import { pick, type Rng } from "./rng.js";

export type Mutator = (input: Uint8Array, r: Rng, corpus: readonly Uint8Array[]) => Uint8Array;

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** Words of RFC 5322/2045/2046/8551 that change how a parser reads what follows. */
export const MIME_TOKENS = [
  "\r\n", "\n", "\r\n\r\n", "\r\n--", "--", "\r\n ", "\t", ":", ";", "\"", "=",
  "Content-Type: ", "multipart/mixed; boundary=", "multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=",
  "application/pkcs7-mime; smime-type=signed-data", "application/pkcs7-mime; smime-type=enveloped-data", "application/x-pkcs7-mime",
  "application/pkcs7-signature", "message/rfc822", "text/plain; charset=utf-8", "text/html", "hp=\"clear\"", "protected-headers=\"v1\"",
  "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "Content-Transfer-Encoding: binary",
  "From: ", "Sender: ", "Date: ", "Subject: ", "=?utf-8?B?", "=?utf-8?Q?", "?=", "name=\"smime.p7m\"", "\u0000", "\u00ff",
];

/** DER pieces that stress length handling, nesting and the CMS content types. */
export const DER_TOKENS: Uint8Array[] = [
  [0x30, 0x80], [0x30, 0x00], [0x30, 0x84, 0xff, 0xff, 0xff, 0xff], [0x30, 0x82, 0x00, 0x01], [0x04, 0x81, 0x01, 0x00],
  [0x02, 0x01, 0x00], [0x02, 0x00], [0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x05, 0x00], [0x01, 0x01, 0xff],
  [0xa0, 0x00], [0xa0, 0x80], [0x31, 0x00], [0x1f, 0x81, 0x80, 0x01], [0x17, 0x0d, ...enc("991231235959Z")], [0x18, 0x0f, ...enc("99991231235959Z")],
  [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02], [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03],
  [0x06, 0x00], [0x06, 0x01, 0x80], [0x0c, 0x03, 0xef, 0xbf, 0xbd], [0x1e, 0x01, 0x41], [0x03, 0x01, 0x08],
].map((a) => Uint8Array.from(a));

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff, 0x0a, 0x0d, 0x2d, 0x3d];

const flipBits: Mutator = (m, r) => {
  if (m.length === 0) return m;
  const out = m.slice();
  for (let k = 0, n = 1 + pick(r, 4); k < n; k++) out[pick(r, out.length)]! ^= 1 << pick(r, 8);
  return out;
};
const setInteresting: Mutator = (m, r) => {
  if (m.length === 0) return m;
  const out = m.slice();
  out[pick(r, out.length)] = INTERESTING[pick(r, INTERESTING.length)]!;
  return out;
};
const insertBytes: Mutator = (m, r) => {
  const at = pick(r, m.length + 1);
  const bytes = Uint8Array.from({ length: 1 + pick(r, 16) }, () => pick(r, 256));
  return concat(m.subarray(0, at), bytes, m.subarray(at));
};
const deleteRange: Mutator = (m, r) => {
  const at = pick(r, m.length + 1);
  return concat(m.subarray(0, at), m.subarray(Math.min(m.length, at + 1 + pick(r, 64))));
};
const duplicateRange: Mutator = (m, r) => {
  const a = pick(r, m.length + 1);
  const b = Math.min(m.length, a + 1 + pick(r, 256));
  return concat(m.subarray(0, b), m.subarray(a, b), m.subarray(b));
};
const truncate: Mutator = (m, r) => m.subarray(0, pick(r, m.length + 1));
const splice: Mutator = (m, r, corpus) => {
  const other = corpus[pick(r, corpus.length)];
  if (!other || other.length === 0) return m;
  const a = pick(r, m.length + 1);
  const b = pick(r, other.length);
  return concat(m.subarray(0, a), other.subarray(b, b + 1 + pick(r, 512)), m.subarray(a));
};
const insertMimeToken: Mutator = (m, r) => {
  const at = pick(r, m.length + 1);
  return concat(m.subarray(0, at), enc(MIME_TOKENS[pick(r, MIME_TOKENS.length)]!), m.subarray(at));
};
/** A boundary of the message itself, placed somewhere else: parts end early, or nest. */
const moveBoundary: Mutator = (m, r) => {
  const text = latin1(m, 0, Math.min(m.length, 8192));
  const found = [...text.matchAll(/boundary="?([^";\r\n]{1,70})/g)];
  if (found.length === 0) return insertMimeToken(m, r, []);
  const b = found[pick(r, found.length)]![1]!;
  const at = pick(r, m.length + 1);
  return concat(m.subarray(0, at), enc(`\r\n--${b}${r() < 0.3 ? "--" : ""}\r\n`), m.subarray(at));
};
const lineEnds: Mutator = (m, r) => {
  const s = latin1(m, 0, Math.min(m.length, 1 << 20));
  return enc(r() < 0.5 ? s.replace(/\r\n/g, "\n") : s.replace(/\r?\n/g, "\r\n"));
};
const insertDerToken: Mutator = (m, r) => {
  const at = pick(r, m.length + 1);
  return concat(m.subarray(0, at), DER_TOKENS[pick(r, DER_TOKENS.length)]!, m.subarray(at));
};
/** Rewrites the length octets after a byte that looks like a constructed tag: too long, too short, indefinite, non-minimal. */
const derLength: Mutator = (m, r) => {
  const starts: number[] = [];
  for (let i = 0; i + 1 < m.length && starts.length < 64; i += 1 + pick(r, 32)) if ((m[i]! & 0x20) !== 0 || m[i] === 0x04 || m[i] === 0x02) starts.push(i);
  if (starts.length === 0) return flipBits(m, r, []);
  const at = starts[pick(r, starts.length)]! + 1;
  const forms = [[0x80], [0x00], [0x7f], [0x81, 0x05], [0x84, 0x7f, 0xff, 0xff, 0xff], [0x82, 0x00, 0x10], [0x85, 1, 0, 0, 0, 0]];
  const form = Uint8Array.from(forms[pick(r, forms.length)]!);
  const oldLen = m[at]! < 0x80 ? 1 : 1 + (m[at]! & 0x7f);
  return concat(m.subarray(0, at), form, m.subarray(Math.min(m.length, at + oldLen)));
};

const DER_MUTATORS: Mutator[] = [flipBits, setInteresting, insertBytes, deleteRange, duplicateRange, truncate, splice, insertDerToken, derLength, derLength];

/** Decodes a base64 body (the signature part, an smime.p7m), damages the DER inside, and encodes it again. */
const throughBase64: Mutator = (m, r, corpus) => {
  const text = latin1(m, 0, Math.min(m.length, 4 << 20));
  const blocks = [...text.matchAll(/\r?\n\r?\n((?:[A-Za-z0-9+/=]{20,}\r?\n)+)/g)];
  if (blocks.length === 0) return insertMimeToken(m, r, corpus);
  const block = blocks[pick(r, blocks.length)]!;
  const der = decodeBase64Text(block[1]!).bytes;
  const damaged = DER_MUTATORS[pick(r, DER_MUTATORS.length)]!(der, r, corpus);
  const b64 = encodeBase64(damaged).replace(/.{1,64}/g, "$&\r\n");
  const start = block.index! + block[0].length - block[1]!.length;
  return concat(m.subarray(0, start), enc(b64), m.subarray(start + block[1]!.length));
};

const MIME_MUTATORS: Mutator[] = [flipBits, setInteresting, insertBytes, deleteRange, duplicateRange, truncate, splice, insertMimeToken, insertMimeToken, moveBoundary, lineEnds, throughBase64, throughBase64, throughBase64];

export type InputKind = "mime" | "der";

/** One to four mutations stacked, the result capped at `maxBytes`. */
export function mutate(input: Uint8Array, kind: InputKind, r: Rng, corpus: readonly Uint8Array[], maxBytes: number): Uint8Array {
  const table = kind === "mime" ? MIME_MUTATORS : DER_MUTATORS;
  let out = input;
  for (let k = 0, n = 1 + pick(r, 4); k < n; k++) out = table[pick(r, table.length)]!(out, r, corpus);
  return out.length > maxBytes ? out.subarray(0, maxBytes) : out;
}
