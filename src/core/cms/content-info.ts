/** ContentInfo (RFC 5652 section 3): the outer wrapper of every CMS blob. */
import * as pkijs from "pkijs";
import type * as asn1js from "asn1js";
import { parseBer, type Parsed } from "./asn1.js";

export interface ContentInfoParts {
  contentType: string;
  content: asn1js.AsnType;
}

export function parseContentInfo(der: Uint8Array): Parsed<ContentInfoParts> {
  const ber = parseBer(der);
  if (!ber.ok) return ber;
  try {
    const ci = new pkijs.ContentInfo({ schema: ber.value });
    return { ok: true, value: { contentType: ci.contentType, content: ci.content as asn1js.AsnType }, trailingBytes: ber.trailingBytes };
  } catch (e) {
    return { ok: false, reason: `not a ContentInfo: ${e instanceof Error ? e.message : String(e)}` };
  }
}
