/**
 * RC2 (RFC 2268), decryption only: WebCrypto lacks it, and old S/MIME mail
 * (RC2-40 was the export default) and legacy PKCS#12 files
 * (pbeWithSHAAnd40BitRC2-CBC) still use it. RFC 8551 section 2.7 keeps it for
 * receiving only; the report calls it weak.
 */

/** RFC 2268 section 2: PITABLE, a permutation of 0..255 from the digits of pi. */
const PITABLE = Uint8Array.from(
  (
    "d978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2" +
    "179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82" +
    "54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626" +
    "6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7" +
    "08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ec" +
    "c2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731" +
    "2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a9" +
    "0d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad"
  )
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

/** RFC 2268 section 2: the 64 16-bit words K[0..63] from a key and its effective length in bits. */
export function rc2KeySchedule(key: Uint8Array, effectiveBits: number): Uint16Array {
  const l = new Uint8Array(128);
  l.set(key);
  const t = key.length;
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[l[128 - t8]! & tm]!;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
  return k;
}

const ROTATIONS = [1, 2, 3, 5];

/** RFC 2268 section 4: decrypts one 8-byte block in place (words are little-endian). */
export function rc2DecryptBlock(k: Uint16Array, block: Uint8Array): void {
  const r = [0, 1, 2, 3].map((i) => block[2 * i]! | (block[2 * i + 1]! << 8));
  let j = 63;
  // R-MIX (section 4.1) and R-MASH (section 4.2), each applied to R[3], R[2], R[1], R[0] in turn.
  const rMixing = (): void => {
    for (let i = 3; i >= 0; i--) {
      const s = ROTATIONS[i]!;
      let x = r[i]!;
      x = ((x >>> s) | (x << (16 - s))) & 0xffff;
      x = (x - k[j--]! - (r[(i + 3) & 3]! & r[(i + 2) & 3]!) - (~r[(i + 3) & 3]! & r[(i + 1) & 3]!)) & 0xffff;
      r[i] = x;
    }
  };
  const rMashing = (): void => {
    for (let i = 3; i >= 0; i--) r[i] = (r[i]! - k[r[(i + 3) & 3]! & 63]!) & 0xffff;
  };
  // Section 4: five r-mixing rounds, an r-mashing round, six r-mixing, r-mashing, five r-mixing.
  for (let n = 0; n < 5; n++) rMixing();
  rMashing();
  for (let n = 0; n < 6; n++) rMixing();
  rMashing();
  for (let n = 0; n < 5; n++) rMixing();
  r.forEach((w, i) => {
    block[2 * i] = w & 0xff;
    block[2 * i + 1] = w >> 8;
  });
}
