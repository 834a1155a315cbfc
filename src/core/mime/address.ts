/**
 * Extracts addr-specs (RFC 5322 section 3.4.1) from From / Sender values:
 * display names, quoted strings, comments and groups are stripped. Good
 * enough to bind a sender to a certificate; not a general address parser.
 */

function stripComments(s: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) {
      if (depth === 0) out += c + s[i + 1];
      i++;
      continue;
    }
    if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")" && depth > 0) depth--;
    else if (depth === 0) {
      if (c === '"') quoted = !quoted;
      out += c;
    }
  }
  return out;
}

/** Splits at top-level commas (not inside quotes or angle brackets). */
function splitMailboxes(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\" && i + 1 < s.length) {
      cur += c + s[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "<") angle++;
    else if (!quoted && c === ">" && angle > 0) angle--;
    if (!quoted && angle === 0 && (c === "," || c === ";")) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
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

export function parseAddressList(value: string | null): string[] {
  if (value === null) return [];
  const out: string[] = [];
  for (let part of splitMailboxes(stripComments(value))) {
    // Group syntax "name: a@b, c@d;": drop the group label.
    const colon = part.indexOf(":");
    if (colon !== -1 && !part.slice(0, colon).includes("<") && !part.slice(0, colon).includes('"')) part = part.slice(colon + 1);
    const angle = /<([^<>]*)>/.exec(part);
    const candidate = (angle ? angle[1]! : part).trim();
    if (candidate.includes("@")) out.push(unquoteLocalPart(removeUnquotedSpace(candidate)));
  }
  return out;
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
