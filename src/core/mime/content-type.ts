/**
 * Content-Type (RFC 2045 section 5.1) and Content-Transfer-Encoding (section 6.1)
 * parsing. Parameter values may be tokens or quoted strings; RFC 2231
 * continuations (name*0, name*1) are joined, which some clients use for long
 * boundaries. Comments (RFC 5322 section 3.2.2) are skipped.
 */

export interface ContentType {
  type: string;
  subtype: string;
  params: Map<string, string>;
}

/** RFC 2045 section 5.2: an absent or unreadable Content-Type means text/plain. */
export const DEFAULT_CONTENT_TYPE: ContentType = { type: "text", subtype: "plain", params: new Map() };

function skipCfws(s: string, i: number): number {
  for (;;) {
    while (i < s.length && /[ \t\r\n]/.test(s[i]!)) i++;
    if (s[i] !== "(") return i;
    let depth = 0;
    for (; i < s.length; i++) {
      if (s[i] === "\\") i++;
      else if (s[i] === "(") depth++;
      else if (s[i] === ")" && --depth === 0) {
        i++;
        break;
      }
    }
  }
}

const TSPECIAL = /[()<>@,;:\\"/[\]?= \t\r\n]/;

function readToken(s: string, i: number): [string, number] {
  const start = i;
  while (i < s.length && !TSPECIAL.test(s[i]!)) i++;
  return [s.slice(start, i), i];
}

function readValue(s: string, i: number): [string, number] {
  if (s[i] !== '"') return readToken(s, i);
  let out = "";
  i++;
  while (i < s.length && s[i] !== '"') {
    if (s[i] === "\\" && i + 1 < s.length) i++;
    out += s[i];
    i++;
  }
  return [out, i + 1];
}

export function parseContentType(value: string | null): ContentType | null {
  if (value === null) return null;
  let i = skipCfws(value, 0);
  const [type, afterType] = readToken(value, i);
  i = skipCfws(value, afterType);
  if (value[i] !== "/" || !type) return null;
  i = skipCfws(value, i + 1);
  const [subtype, afterSubtype] = readToken(value, i);
  i = afterSubtype;
  if (!subtype) return null;
  const params = new Map<string, string>();
  const continued = new Map<string, string[]>();
  for (;;) {
    i = skipCfws(value, i);
    if (value[i] !== ";") break;
    i = skipCfws(value, i + 1);
    let name: string;
    [name, i] = readToken(value, i);
    i = skipCfws(value, i);
    if (!name || value[i] !== "=") {
      // Tolerate junk between parameters: skip to the next ';'.
      const next = value.indexOf(";", i);
      if (next === -1) break;
      i = next;
      continue;
    }
    i = skipCfws(value, i + 1);
    let v: string;
    [v, i] = readValue(value, i);
    name = name.toLowerCase();
    const m = /^(.*)\*(\d+)\*?$/.exec(name);
    if (m) {
      const list = continued.get(m[1]!) ?? [];
      list[Number(m[2])] = v;
      continued.set(m[1]!, list);
    } else if (!params.has(name)) {
      params.set(name, v);
    }
  }
  for (const [name, parts] of continued) if (!params.has(name)) params.set(name, parts.join(""));
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
}

export function mediaType(ct: ContentType): string {
  return `${ct.type}/${ct.subtype}`;
}

export function parseTransferEncoding(value: string | null): string {
  if (value === null) return "7bit";
  const [token] = readToken(value, skipCfws(value, 0));
  return token.toLowerCase() || "7bit";
}
