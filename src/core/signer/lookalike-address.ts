/**
 * Addresses that can pass for another one (IDN homographs): a label that mixes
 * scripts, a label written wholly in letters that look Latin, or invisible and
 * direction-changing characters. The rules follow Unicode TS #39 (section 5.1,
 * "Highly Restrictive": one script per label, or Latin with the CJK scripts
 * that are written together; section 4, whole-script confusables), as browsers
 * apply them to domain names. Only a finding: a genuine international address
 * passes, and the reader is shown the ASCII form, which cannot be imitated.
 */
import { domainToAscii, domainToUnicode } from "../mime/punycode.js";

export type LookalikeReason = "mixed-scripts" | "looks-latin" | "invisible-characters";

export interface LookalikeFinding {
  reason: LookalikeReason;
  /** The scripts met, for mixed-scripts (e.g. ["Latin", "Cyrillic"]). */
  scripts: string[];
  /** The address with its domain in A-label form and other non-ASCII characters as U+XXXX. */
  ascii: string;
}

// Scripts told apart here; a letter of any other script counts as "Other".
const SCRIPTS = [
  "Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Hebrew", "Arabic", "Devanagari",
  "Thai", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo",
] as const;
const SCRIPT_RE = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")] as const);
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

// UTS #39 section 5.1: the combinations allowed in one label besides a single script.
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ["Latin", "Han", "Hiragana", "Katakana"],
  ["Latin", "Han", "Bopomofo"],
  ["Latin", "Han", "Hangul"],
];

// Zero-width and bidirectional controls (Unicode TS #39 section 3.1, Default_Ignorable; UAX #9 section 2).
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;

// Cyrillic and Greek letters drawn like Latin ones (from Unicode's confusables.txt, the lower-case
// forms that render as a Latin letter). A label made only of these reads as a Latin word.
const LATIN_LOOKALIKES = new Set(
  Array.from("аеорсухіјѕԁһӏԛԝԍαορικνυχϲϳϵ"),
);

function scriptOf(ch: string): string | null {
  if (NEUTRAL.test(ch) || !LETTER.test(ch)) return null;
  for (const [name, re] of SCRIPT_RE) if (re.test(ch)) return name;
  return "Other";
}

function labelFinding(label: string): { reason: LookalikeReason; scripts: string[] } | null {
  if (INVISIBLE.test(label)) return { reason: "invisible-characters", scripts: [] };
  const chars = Array.from(label.normalize("NFC").toLowerCase());
  const scripts = [...new Set(chars.map(scriptOf).filter((s): s is string => s !== null))];
  if (scripts.length > 1 && !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s)))) return { reason: "mixed-scripts", scripts };
  // Stryker disable next-line ConditionalExpression,StringLiteral: no Latin letter is in LATIN_LOOKALIKES, so a Latin label never looks Latin by them
  if (scripts.length === 1 && scripts[0] !== "Latin") {
    const letters = chars.filter((c) => scriptOf(c) !== null);
    if (letters.every((c) => LATIN_LOOKALIKES.has(c))) return { reason: "looks-latin", scripts };
  }
  return null;
}

/** The address as only ASCII can show it: A-label domain, other non-ASCII characters as U+XXXX. */
export function asciiAddress(address: string): string {
  const codePoints = (s: string): string =>
    Array.from(s, (ch) => (ch.codePointAt(0)! < 0x80 ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)).join("");
  const at = address.lastIndexOf("@");
  if (at < 0) return codePoints(address);
  return `${codePoints(address.slice(0, at))}@${codePoints(domainToAscii(address.slice(at + 1)))}`;
}

/** Why an address could be taken for another, or null. "xn--" labels are judged by the Unicode they stand for. */
export function lookalikeAddress(address: string): LookalikeFinding | null {
  const at = address.lastIndexOf("@");
  const labels = [address.slice(0, Math.max(at, 0)), ...domainToUnicode(address.slice(at + 1)).split(".")];
  for (const label of labels) {
    const found = labelFinding(label);
    if (found) return { ...found, ascii: asciiAddress(address) };
  }
  return null;
}
