import { toHex } from "../util/bytes.js";

/** A serial number as `openssl x509 -serial` prints it: upper-case hex, no sign padding. */
export function serialToHex(bytes: Uint8Array): string {
  return toHex(bytes).toUpperCase().replace(/^(00)+(?=.)/, "");
}
