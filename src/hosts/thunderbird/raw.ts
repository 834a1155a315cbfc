/**
 * Thunderbird prepends X-Mozilla-Status, X-Mozilla-Status2 and X-Mozilla-Keys
 * lines (each ended by LF) to locally stored messages, and messages.getRaw returns them. They are
 * outside any signature; strip them so the message is what the sender sent.
 */
const PREFIX = "X-Mozilla-";

export function stripMozillaHeaders(raw: Uint8Array): Uint8Array {
  let at = 0;
  for (;;) {
    let match = true;
    for (let i = 0; i < PREFIX.length; i++) {
      if (raw[at + i] !== PREFIX.charCodeAt(i)) {
        match = false;
        break;
      }
    }
    if (!match) return raw.subarray(at);
    const lf = raw.indexOf(0x0a, at);
    if (lf < 0) return raw.subarray(at);
    at = lf + 1;
  }
}
