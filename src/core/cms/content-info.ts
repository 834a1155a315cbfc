/** ContentInfo (RFC 5652 section 3): the outer wrapper of every CMS blob. */
import * as pkijs from "pkijs";
import type * as asn1js from "asn1js";
import { parseBer, type Parsed } from "./asn1.js";
import { carveCertificates } from "./carve-certificates.js";

export interface ContentInfoParts {
  contentType: string;
  content: asn1js.AsnType;
  /**
   * A SignedData's certificates (each CertificateChoices' bytes), taken out of `content` before
   * it was parsed (carve-certificates.ts); null when they are still in `content`.
   */
  certificates: Uint8Array[] | null;
}

export function parseContentInfo(der: Uint8Array): Parsed<ContentInfoParts> {
  const carved = carveCertificates(der);
  const ber = parseBer(carved?.rest ?? der);
  if (!ber.ok) return ber;
  try {
    const ci = new pkijs.ContentInfo({ schema: ber.value });
    const value = { contentType: ci.contentType, content: ci.content as asn1js.AsnType, certificates: carved?.certificates ?? null };
    return { ok: true, value, trailingBytes: carved ? carved.trailingBytes : ber.trailingBytes };
  } catch (e) {
    return { ok: false, reason: `not a ContentInfo: ${e instanceof Error ? e.message : String(e)}` };
  }
}
