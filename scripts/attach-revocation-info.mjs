// Adds CRLs and OCSP responses to the SignedData of a multipart/signed message
// made by `openssl cms -sign` (OpenSSL 3.0 cannot attach them itself). The
// RevocationInfoChoices field is unsigned (RFC 5652 section 5.1), so the
// signature stays valid. Used by scripts/make-samples.sh and by the tests.
//   node scripts/attach-revocation-info.mjs MESSAGE CRL.der... > OUT
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** A copy in its own ArrayBuffer (a Buffer's slice() would share Node's pool). */
const ab = (b) => Uint8Array.from(b).buffer;

/**
 * @param {Uint8Array} message
 * @param {Uint8Array[]} crls DER CRLs
 * @param {Uint8Array[]} [ocspResponses] DER OCSPResponses, attached as otherRevInfo (RFC 5940 section 2.1)
 * @returns {Uint8Array}
 */
export function attachRevocationInfo(message, crls, ocspResponses = []) {
  const text = Buffer.from(message).toString("latin1");
  const start = text.indexOf("\n\n", text.indexOf("application/pkcs7-signature; name")) + 2;
  const end = text.indexOf("\n\n", start);
  const der = Buffer.from(text.slice(start, end).replace(/\s+/g, ""), "base64");
  const ci = pkijs.ContentInfo.fromBER(ab(der));
  const sd = new pkijs.SignedData({ schema: ci.content });
  sd.crls = [
    ...crls.map((c) => pkijs.CertificateRevocationList.fromBER(ab(c))),
    ...ocspResponses.map((r) => new pkijs.OtherRevocationInfoFormat({ otherRevInfoFormat: "1.3.6.1.5.5.7.16.2", otherRevInfo: asn1js.fromBER(ab(r)).result })),
  ];
  const out = new pkijs.ContentInfo({ contentType: ci.contentType, content: sd.toSchema() });
  const b64 = Buffer.from(out.toSchema().toBER(false)).toString("base64").replace(/.{64}/g, "$&\n");
  return Buffer.from(text.slice(0, start) + b64 + text.slice(end), "latin1");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [message, ...crlFiles] = process.argv.slice(2);
  process.stdout.write(attachRevocationInfo(readFileSync(message), crlFiles.map((f) => readFileSync(f))));
}
