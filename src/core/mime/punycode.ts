/**
 * Punycode (RFC 3492) for IDNA domain labels (RFC 5891 section 4.4: the "xn--"
 * A-label form). Used to show an internationalised domain in the ASCII form a
 * homograph cannot imitate, and to read the Unicode behind an "xn--" label.
 * Pure and bounded: a label is at most 63 octets (RFC 1035 section 2.3.4).
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_LABEL = 63;

/** RFC 3492 section 6.1. */
function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

function charDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return BASE;
}

/** RFC 3492 section 6.3: the Punycode of one label's code points (without "xn--"). */
export function punycodeEncode(label: string): string {
  const input = Array.from(label, (ch) => ch.codePointAt(0)!);
  let output = input.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join("");
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < input.length) {
    const m = Math.min(...input.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of input) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/** RFC 3492 section 6.2: the label behind a Punycode string, or null when it is not valid Punycode. */
export function punycodeDecode(encoded: string): string | null {
  if (encoded.length > MAX_LABEL) return null;
  const dash = encoded.lastIndexOf("-");
  const output = dash > 0 ? Array.from(encoded.slice(0, dash), (ch) => ch.codePointAt(0)!) : [];
  if (output.some((c) => c >= 0x80)) return null;
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = dash > 0 ? dash + 1 : 0; pos < encoded.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= encoded.length) return null;
      const digit = charDigit(encoded.charCodeAt(pos++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(w)) return null;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** A domain in its ASCII (A-label) form: each non-ASCII label as "xn--" Punycode, lower-cased. */
export function domainToAscii(domain: string): string {
  return domain
    .split(".")
    .map((label) => (/^[\x00-\x7f]*$/.test(label) ? label.toLowerCase() : `xn--${punycodeEncode(label.normalize("NFC").toLowerCase())}`))
    .join(".");
}

/** A domain in its Unicode form: each "xn--" label decoded where it is valid Punycode. */
export function domainToUnicode(domain: string): string {
  return domain
    .split(".")
    .map((label) => (/^xn--/i.test(label) ? (punycodeDecode(label.slice(4).toLowerCase()) ?? label) : label))
    .join(".");
}
