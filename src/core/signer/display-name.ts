/**
 * The display name of a From mailbox against the certificate that signed.
 *
 * Most mail clients show the display name and hide the address, so a signature
 * by eve@ under `From: "The Manager" <eve@...>` reads as the manager's. The
 * rule, and why:
 * - A display name that holds an address other than the mailbox's own
 *   (`"manager@corp.example" <eve@corp.example>`) is a spoof: no honest client
 *   writes another person's address there ("Johnny, You Are Fired!", USENIX
 *   Security 2019, the display-name class). Compared after NFKC, so a
 *   fullwidth or small commercial at (U+FF20, U+FE6B) counts as "@".
 * - Otherwise the display name is supported when it shares at least one word
 *   with the certificate's personal names (commonName, givenName, surname,
 *   initials, pseudonym) or with the local part of one of its addresses. Words
 *   are compared case-folded, without diacritics and with German umlaut
 *   spellings folded (Müller = Mueller), in any order and punctuation, so
 *   "Smith, John" and "J. Smith" stand for CN=John Smith. One shared word is
 *   enough: the CA vouches for the address, not for the display name, and a
 *   stricter rule would flag most real mail ("John Smith (ACME Sales)"). What it
 *   catches is the display name that has nothing to do with the signer ("The
 *   Manager", "IT Helpdesk"), which is what the attack needs.
 * - A display name that is not supported is not an error (people pick their
 *   own names), but the message is not plain Verified: the headline names who
 *   signed and what the reader is shown.
 */

export type DisplayNameFinding = { kind: "spoof"; shownAddress: string } | { kind: "unsupported" };

// An addr-spec inside free text: dot-atom local part (RFC 5322 section 3.2.3, Unicode letters allowed
// as RFC 6532 does), "@", a domain of at least two labels.
const ADDRESS_IN_TEXT = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// Stryker disable next-line Regex: splitting at each separator leaves empty words, which the length filter drops
const NAME_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The words of a name, folded for comparison (at least two characters: initials say too little). */
export function nameWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .split(NAME_SEPARATORS)
    .filter((w) => w.length >= 2);
}

function localPart(address: string): string {
  const at = address.lastIndexOf("@");
  return at > 0 ? address.slice(0, at) : address;
}

export function judgeDisplayName(
  displayName: string | null,
  address: string,
  certificate: { personalNames: readonly string[]; emails: readonly string[] },
): DisplayNameFinding | null {
  if (displayName === null) return null;
  const shown = displayName.normalize("NFKC");
  for (const m of shown.matchAll(ADDRESS_IN_TEXT)) {
    // Leading dots are taken in by the local part's pattern; the domain's pattern cannot end in one.
    const found = m[0].replace(/^[.]+/, "");
    if (found.toLowerCase() !== address.normalize("NFKC").toLowerCase()) return { kind: "spoof", shownAddress: found };
  }
  // Stryker disable next-line StringLiteral: a character beside an address that could join a word is taken into the address
  const words = nameWords(shown.replace(ADDRESS_IN_TEXT, " "));
  const supported = new Set([...certificate.personalNames, ...certificate.emails.map(localPart)].flatMap(nameWords));
  // A display name that is only the address itself adds nothing to check.
  if (shown.replace(ADDRESS_IN_TEXT, "").trim() === "") return null;
  return words.some((w) => supported.has(w)) ? null : { kind: "unsupported" };
}
