import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { latin1, toHex } from "../util/bytes.js";
import { nameText } from "./name-text.js";

/** Names already written out, by their DER: the same issuers recur in message after message. */
const formatted = new Map<string, string>();
const FORMATTED_NAMES = 1024;

/** A distinguished name as text ("CN=Alice, O=Example"), for reports (name-text.ts). */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  // A parsed name keeps its own bytes; only a name built in code is encoded here (and not remembered).
  const parsed = name.valueBeforeDecode.byteLength > 0;
  return formatNameDer(parsed ? new Uint8Array(name.valueBeforeDecode) : new Uint8Array(name.toSchema().toBER(false)), parsed);
}

/** formatName of a Name's DER; `remember`: keep the text for the next time these bytes come. */
export function formatNameDer(der: Uint8Array, remember = true): string {
  const key = remember ? latin1(der) : null;
  const known = key === null ? undefined : formatted.get(key);
  if (known !== undefined) return known;
  const text = nameText(der) ?? "(undecodable name)";
  if (key !== null) {
    if (formatted.size >= FORMATTED_NAMES) formatted.delete(formatted.keys().next().value!);
    formatted.set(key, text);
  }
  return text;
}

/**
 * A key for comparing names as RFC 5280 section 7.1 asks: attribute values of
 * string types are compared case-insensitively with insignificant white space
 * removed (RFC 4518 section 2, simplified to Unicode lower-casing and white-space
 * folding); other values by their DER bytes. Equal keys mean matching names.
 */
export function nameKey(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((atv) => {
      const v = atv.value as asn1js.AsnType & { valueBlock: { value?: unknown } };
      const text = typeof v.valueBlock?.value === "string" ? v.valueBlock.value : null;
      const norm = text !== null ? text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase() : toHex(new Uint8Array(v.toBER(false)));
      return `${atv.type}=${norm}`;
    })
    .join(SEP);
}

const SEP = "\u0000";

/** Does `name` lie within `base` (a directoryName subtree, RFC 5280 section 4.2.1.10)? */
export function nameWithin(name: pkijs.RelativeDistinguishedNames, base: pkijs.RelativeDistinguishedNames): boolean {
  const n = nameKey(name).split(SEP);
  const b = nameKey(base).split(SEP);
  if (b.length === 1 && b[0] === "") return true;
  return b.length <= n.length && b.every((part, i) => part === n[i]);
}
