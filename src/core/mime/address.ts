/**
 * Mailboxes (RFC 5322 section 3.4) of From / Sender values: the addr-spec, and
 * the display name a mail client shows in its place. Quoted strings, comments,
 * groups and RFC 2047 encoded words are handled. Good enough to bind a sender
 * to a certificate and to see what the reader is shown; not a general parser.
 */
import { decodeEncodedWords, decodeRawHeader } from "./encoded-words.js";

export interface Mailbox {
  /**
   * What a mail client shows instead of the address: the display name, or for
   * the old form `addr (Name)` the comment. Decoded, white space collapsed; null when there is none.
   */
  displayName: string | null;
  /** The addr-spec, local part unquoted. */
  address: string;
}

interface RawMailbox {
  /** The mailbox with comments removed. */
  text: string;
  /** The text of its top-level comments. */
  comments: string[];
}

/**
 * Splits at top-level commas and semicolons (RFC 5322 section 3.4: not inside a
 * quoted string, an angle-addr or a comment) and takes the comments out.
 */
function splitMailboxes(s: string): RawMailbox[] {
  const out: RawMailbox[] = [];
  let cur: RawMailbox = { text: "", comments: [] };
  let comment = "";
  let depth = 0;
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) {
      if (depth > 0) comment += s[i + 1];
      else cur.text += c + s[i + 1];
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === "(") depth++;
      else if (c === ")") depth--;
      if (depth === 0) {
        cur.comments.push(comment);
        comment = "";
      } else comment += c;
      continue;
    }
    if (!quoted && c === "(") {
      depth = 1;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "<") angle++;
    else if (!quoted && c === ">" && angle > 0) angle--;
    if (!quoted && angle === 0 && (c === "," || c === ";")) {
      out.push(cur);
      cur = { text: "", comments: [] };
      continue;
    }
    cur.text += c;
  }
  if (depth > 0 && comment) cur.comments.push(comment);
  out.push(cur);
  return out;
}

/** Folding white space may stand between atoms (RFC 5322 section 3.4.1), but inside quotes it is content. */
function removeUnquotedSpace(s: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) {
      out += c + s[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (quoted || !/\s/.test(c)) out += c;
  }
  return out;
}

function unquoteLocalPart(addr: string): string {
  const at = addr.lastIndexOf("@");
  if (at <= 0) return addr;
  let local = addr.slice(0, at);
  if (local.startsWith('"') && local.endsWith('"') && local.length >= 2) local = local.slice(1, -1).replace(/\\(.)/g, "$1");
  return `${local}@${addr.slice(at + 1)}`;
}

/** A phrase (RFC 5322 section 3.2.5) as a client shows it: quotes removed, escapes resolved, encoded words decoded. */
function phraseText(raw: string): string | null {
  const unquoted = raw.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, inner: string) => inner.replace(/\\(.)/g, "$1"));
  const text = decodeEncodedWords(unquoted).replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

/** The mailboxes of a raw (latin1) From, Sender or address-list value; 8-bit text is UTF-8 (RFC 6532). */
export function parseMailboxes(value: string | null): Mailbox[] {
  if (value === null) return [];
  const out: Mailbox[] = [];
  for (const raw of splitMailboxes(decodeRawHeader(value))) {
    let part = raw.text;
    // Group syntax "name: a@b, c@d;": drop the group label.
    const colon = part.indexOf(":");
    if (colon !== -1 && !part.slice(0, colon).includes("<") && !part.slice(0, colon).includes('"')) part = part.slice(colon + 1);
    const angle = /<([^<>]*)>/.exec(part);
    const candidate = (angle ? angle[1]! : part).trim();
    if (!candidate.includes("@")) continue;
    const displayName = angle ? phraseText(part.slice(0, angle.index)) : phraseText(raw.comments.join(" "));
    out.push({ displayName, address: unquoteLocalPart(removeUnquotedSpace(candidate)) });
  }
  return out;
}

/** The addr-specs of an address list. */
export function parseAddressList(value: string | null): string[] {
  return parseMailboxes(value).map((m) => m.address);
}

/**
 * RFC 5321 section 2.4: the local part is case-sensitive (compared exactly),
 * the domain is not (compared after ASCII lower-casing).
 */
export function sameAddress(a: string, b: string): boolean {
  const ia = a.lastIndexOf("@");
  const ib = b.lastIndexOf("@");
  if (ia <= 0 || ib <= 0) return false;
  return a.slice(0, ia) === b.slice(0, ib) && a.slice(ia + 1).toLowerCase() === b.slice(ib + 1).toLowerCase();
}
