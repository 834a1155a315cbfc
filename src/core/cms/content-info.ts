/** ContentInfo (RFC 5652 section 3): the outer wrapper of every CMS blob. */
import * as pkijs from "pkijs";
import type * as asn1js from "asn1js";
import { OID } from "../oids.js";
import { parseBer, type Parsed } from "./asn1.js";
import { carveCertificates } from "./carve-certificates.js";
import { readSignedDataContentInfo, type SignedDataFields } from "./signed-data-fields.js";

export interface ContentInfoParts {
  contentType: string;
  /** The content as asn1js reads it (what the SignedData, EnvelopedData or CompressedData readers take). */
  content: asn1js.AsnType;
  /**
   * A SignedData's certificates (each CertificateChoices' bytes), taken out of `content` before
   * it was parsed (carve-certificates.ts); null when they are still in `content`.
   */
  certificates: Uint8Array[] | null;
  /** A SignedData that the strict DER reader read (signed-data-fields.ts): `content` is then read only if asked for. */
  signedData?: SignedDataFields;
}

export function parseContentInfo(der: Uint8Array): Parsed<ContentInfoParts> {
  // The common case first: a DER SignedData, read without an object per node.
  const strict = readSignedDataContentInfo(der, OID.signedData);
  if (strict) {
    let content: asn1js.AsnType | undefined;
    const value: ContentInfoParts = {
      contentType: OID.signedData,
      get content(): asn1js.AsnType {
        content ??= contentOf(parseBer(der));
        return content;
      },
      certificates: strict.fields.certificates,
      signedData: strict.fields,
    };
    return { ok: true, value, trailingBytes: strict.trailingBytes };
  }
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

/** The content of a ContentInfo the strict reader has already read: its DER is BER too. */
function contentOf(ber: Parsed<asn1js.AsnType>): asn1js.AsnType {
  if (!ber.ok) throw new Error(`not a ContentInfo: ${ber.reason}`);
  return new pkijs.ContentInfo({ schema: ber.value }).content as asn1js.AsnType;
}
