/**
 * DES and Triple-DES (EDE), decryption only: WebCrypto has neither, and
 * S/MIME still meets 3DES-CBC in old mail and in legacy PKCS#12 files
 * (RFC 8551 section 2.7 keeps it for receiving only). The tables are those of
 * FIPS 46-3; the round function is precomputed into eight S-and-P tables at
 * load, so a block costs table look-ups and no per-bit loops.
 * Bits are numbered as FIPS 46-3 numbers them: bit 1 is the most significant
 * bit of the first byte.
 */

/** FIPS 46-3, the initial permutation IP. */
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];

/** FIPS 46-3, the permutation P applied to the S-boxes' output. */
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];

/** FIPS 46-3, Permuted Choice 1 (64 key bits to 56). */
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];

/** FIPS 46-3, Permuted Choice 2 (56 bits to a 48-bit round key). */
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];

/** FIPS 46-3, the left shifts of the key halves before each round. */
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];

/** FIPS 46-3, S1 to S8, each four rows of sixteen. */
const S_BOXES = [
  "e4d12fb83a6c5907 0f74e2d1a6cb9538 41e8d62bfc973a50 fc8249175b3ea06d",
  "f18e6b34972dc05a 3d47f28ec01a69b5 0e7ba4d158c6932f d8a13f42b67c05e9",
  "a09e63f51dc7b428 d709346a285ecbf1 d6498f30b12c5ae7 1ad069874fe3b52c",
  "7de3069a1285bc4f d8b56f03472c1ae9 a690cb7df13e5284 3f06a1d8945bc72e",
  "2c417ab6853fd0e9 eb2c47d150fa3986 421bad78f9c5630e b8c71e2d6f09a453",
  "c1af92680d34e75b af427c9561de0b38 9ef528c3704a1db6 432c95fabe17608d",
  "4b2ef08d3c975a61 d0b7491ae35c2f86 14bdc37eaf680592 6bd814a7950fe23c",
  "d2846fb1a93e50c7 1fd8a374c56b0e92 7b419ce206adf358 21e74a8dfc90356b",
].map((rows) => Array.from(rows.replace(/ /g, ""), (c) => parseInt(c, 16)));

/** bit `b` (1-based, FIPS order) of a 64-bit block held as two 32-bit halves. */
function bit64(hi: number, lo: number, b: number): number {
  return b <= 32 ? (hi >>> (32 - b)) & 1 : (lo >>> (64 - b)) & 1;
}

/**
 * A 64-bit permutation as eight tables, one per input byte: the output is the OR of each byte's entry,
 * so a block is permuted with eight look-ups per half.
 */
function byteTables(table: readonly number[]): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(8 * 256);
  const lo = new Uint32Array(8 * 256);
  for (let byte = 0; byte < 8; byte++) {
    for (let v = 0; v < 256; v++) {
      const inHi = byte < 4 ? v << (24 - 8 * byte) : 0;
      const inLo = byte < 4 ? 0 : v << (24 - 8 * (byte - 4));
      let h = 0;
      let l = 0;
      table.forEach((from, i) => {
        if (!bit64(inHi >>> 0, inLo >>> 0, from)) return;
        if (i < 32) h |= 1 << (31 - i);
        else l |= 1 << (63 - i);
      });
      hi[byte * 256 + v] = h >>> 0;
      lo[byte * 256 + v] = l >>> 0;
    }
  }
  return { hi, lo };
}

const FP = IP.map((_, i) => IP.indexOf(i + 1) + 1);
const IP_TABLES = byteTables(IP);
const FP_TABLES = byteTables(FP);

/** SP[j][x]: S-box j+1 on the six bits x, its four output bits moved through P. */
const SP = S_BOXES.map((box, j) => {
  const out = new Uint32Array(64);
  for (let x = 0; x < 64; x++) {
    const row = ((x >> 4) & 2) | (x & 1);
    const s = box[row * 16 + ((x >> 1) & 15)]! << (28 - 4 * j);
    let v = 0;
    P.forEach((from, i) => {
      if ((s >>> (32 - from)) & 1) v |= 1 << (31 - i);
    });
    out[x] = v >>> 0;
  }
  return out;
});

function permute(t: { hi: Uint32Array; lo: Uint32Array }, hi: number, lo: number): [number, number] {
  let h = 0;
  let l = 0;
  for (let byte = 0; byte < 8; byte++) {
    const v = (byte < 4 ? hi >>> (24 - 8 * byte) : lo >>> (24 - 8 * (byte - 4))) & 0xff;
    h |= t.hi[byte * 256 + v]!;
    l |= t.lo[byte * 256 + v]!;
  }
  return [h >>> 0, l >>> 0];
}

/** The sixteen round keys, each as eight 6-bit values in S-box order. */
export type DesKeySchedule = Uint8Array[];

export function desKeySchedule(key: Uint8Array): DesKeySchedule {
  const keyBit = (b: number): number => (key[(b - 1) >> 3]! >> (7 - ((b - 1) & 7))) & 1;
  let c = PC1.slice(0, 28).map(keyBit);
  let d = PC1.slice(28).map(keyBit);
  return SHIFTS.map((shift) => {
    c = [...c.slice(shift), ...c.slice(0, shift)];
    d = [...d.slice(shift), ...d.slice(0, shift)];
    const cd = [...c, ...d];
    const k = new Uint8Array(8);
    PC2.forEach((from, i) => {
      k[Math.floor(i / 6)]! |= cd[from - 1]! << (5 - (i % 6));
    });
    return k;
  });
}

function rotl(x: number, s: number): number {
  return ((x << s) | (x >>> (32 - s))) >>> 0;
}

/** The round function f(R, K) of FIPS 46-3: expansion E, key mixing, S-boxes and P. */
function feistel(r: number, k: Uint8Array): number {
  let out = 0;
  for (let j = 0; j < 8; j++) {
    // E takes bits 4j..4j+5 of R (bit 0 standing for bit 32): rotate them to the top.
    const six = (rotl(r, (4 * j + 31) % 32) >>> 26) & 63;
    out |= SP[j]![six ^ k[j]!]!;
  }
  return out >>> 0;
}

/** One DES block; `decrypt` runs the round keys backwards. */
export function desBlock(schedule: DesKeySchedule, hi: number, lo: number, decrypt: boolean): [number, number] {
  let [l, r] = permute(IP_TABLES, hi, lo);
  for (let i = 0; i < 16; i++) {
    const k = schedule[decrypt ? 15 - i : i]!;
    [l, r] = [r, (l ^ feistel(r, k)) >>> 0];
  }
  return permute(FP_TABLES, r, l);
}

/** Triple-DES EDE (NIST SP 800-67): decryption is D(K1, E(K2, D(K3, block))). */
export function tripleDesDecryptBlock(keys: readonly DesKeySchedule[], hi: number, lo: number): [number, number] {
  const [k1, k2, k3] = keys as [DesKeySchedule, DesKeySchedule, DesKeySchedule];
  const a = desBlock(k3, hi, lo, true);
  const b = desBlock(k2, a[0], a[1], false);
  return desBlock(k1, b[0], b[1], true);
}
