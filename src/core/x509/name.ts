import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { toHex } from "../util/bytes.js";
import { Name } from "./peculiar.js";

/** A distinguished name as text ("CN=Alice, O=Example"), for reports. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  try {
    return new Name(name.toSchema().toBER(false)).toString();
  } catch {
    return "(undecodable name)";
  }
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
