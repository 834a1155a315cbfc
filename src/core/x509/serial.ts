import { toHex } from "../util/bytes.js";

/**
 * A serial number as `openssl x509 -serial` prints it: upper-case hex without sign
 * padding, and a negative number (a non-conforming but seen encoding) with a minus
 * sign, as `openssl crl` prints "-01" for FF.
 */
export function serialToHex(bytes: Uint8Array): string {
  if (bytes.length > 0 && bytes[0]! >= 0x80) {
    const value = BigInt(`0x${toHex(bytes)}`) - (1n << BigInt(bytes.length * 8));
    const hex = (-value).toString(16).toUpperCase();
    return `-${hex.length % 2 ? "0" + hex : hex}`;
  }
  return toHex(bytes).toUpperCase().replace(/^(00)+(?=.)/, "");
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Serial number content octets as hex, in minimal two's-complement form, so equal
 * numbers give equal keys even from a non-minimal encoding. The sign matters:
 * 00 FF is 255 and FF is -1 (PKITS 4.4.14), so a leading octet is dropped only
 * when it is pure sign extension.
 */
export function serialKey(bytes: Uint8Array, start = 0, end = bytes.length): string {
  while (start < end - 1 && ((bytes[start] === 0x00 && bytes[start + 1]! < 0x80) || (bytes[start] === 0xff && bytes[start + 1]! >= 0x80))) start++;
  let s = "";
  for (let i = start; i < end; i++) s += HEX[bytes[i]!];
  return s;
}
