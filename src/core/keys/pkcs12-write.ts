/**
 * Writing a PKCS#12 backup (RFC 7292) with modern algorithms only, the form
 * OpenSSL 3 writes by default and reads without its legacy provider:
 * - the private key in a pkcs8ShroudedKeyBag, encrypted with PBES2 (RFC 8018
 *   section 6.2): PBKDF2-HMAC-SHA-256 with 600,000 iterations (passphrase.ts
 *   cites the figure) and AES-256-CBC;
 * - the certificates in a plain SafeContents: they are public;
 * - a SHA-256 HMAC over the whole (RFC 7292 section 5.1; appendix B's KDF,
 *   2048 iterations, OpenSSL's default), for integrity: the key's secrecy rests
 *   on PBES2, not on the MAC.
 * The key and its certificate share a localKeyId (RFC 7292 appendix D).
 */
import * as asn1js from "asn1js";
import { OID } from "../oids.js";
import { digest } from "../crypto/digest.js";
import { toArrayBuffer } from "../util/bytes.js";
import { DEFAULT_PASSPHRASE_ITERATIONS } from "./passphrase.js";
import { bmpPassword, hmacOf, pbkdf2, pkcs12Kdf } from "./pkcs12-kdf.js";

const PBES2 = "1.2.840.113549.1.5.13";
const PBKDF2 = "1.2.840.113549.1.5.12";
const HMAC_SHA256 = "1.2.840.113549.2.9";
const SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG = "1.2.840.113549.1.12.10.1.3";
const X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";
const LOCAL_KEY_ID = "1.2.840.113549.1.9.21";
const FRIENDLY_NAME = "1.2.840.113549.1.9.20";
const MAC_ITERATIONS = 2048;

const oid = (value: string): asn1js.ObjectIdentifier => new asn1js.ObjectIdentifier({ value });
const octets = (bytes: Uint8Array): asn1js.OctetString => new asn1js.OctetString({ valueHex: toArrayBuffer(bytes) });
const seq = (...value: asn1js.AsnType[]): asn1js.Sequence => new asn1js.Sequence({ value });
const explicit0 = (inner: asn1js.AsnType): asn1js.Constructed => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [inner] });
const random = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

function attributes(localKeyId: Uint8Array, friendlyName?: string): asn1js.Set {
  const attrs = [seq(oid(LOCAL_KEY_ID), new asn1js.Set({ value: [octets(localKeyId)] }))];
  if (friendlyName) attrs.push(seq(oid(FRIENDLY_NAME), new asn1js.Set({ value: [new asn1js.BmpString({ value: friendlyName })] })));
  return new asn1js.Set({ value: attrs });
}

/** EncryptedPrivateKeyInfo (RFC 5958 section 3) under PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC. */
async function shroud(pkcs8: Uint8Array, password: string, iterations: number): Promise<asn1js.Sequence> {
  const salt = random(16);
  const iv = random(16);
  const keyBytes = await pbkdf2("SHA-256", new TextEncoder().encode(password), salt, iterations, 32);
  const key = await globalThis.crypto.subtle.importKey("raw", toArrayBuffer(keyBytes), "AES-CBC", false, ["encrypt"]);
  const encrypted = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: "AES-CBC", iv: toArrayBuffer(iv) }, key, toArrayBuffer(pkcs8)));
  const kdf = seq(oid(PBKDF2), seq(octets(salt), new asn1js.Integer({ value: iterations }), seq(oid(HMAC_SHA256), new asn1js.Null())));
  const algorithm = seq(oid(PBES2), seq(kdf, seq(oid(OID.aes256Cbc), octets(iv))));
  return seq(algorithm, octets(encrypted));
}

function dataContentInfo(content: asn1js.AsnType): asn1js.Sequence {
  return seq(oid(OID.data), explicit0(octets(new Uint8Array(content.toBER(false)))));
}

export interface Pkcs12Backup {
  pkcs8: Uint8Array;
  certificate: Uint8Array;
  /** CA certificates to include after the key's own. */
  chain: readonly Uint8Array[];
  friendlyName?: string;
}

/** The PFX bytes for `backup`, protected by `password`. */
export async function writePkcs12(backup: Pkcs12Backup, password: string, iterations = DEFAULT_PASSPHRASE_ITERATIONS): Promise<Uint8Array> {
  // RFC 7292 appendix D: localKeyId ties the key to its certificate; the certificate's SHA-1 is what OpenSSL uses.
  const localKeyId = (await digest("SHA-1", backup.certificate)).slice(0, 20);
  const keyBag = seq(oid(SHROUDED_KEY_BAG), explicit0(await shroud(backup.pkcs8, password, iterations)), attributes(localKeyId, backup.friendlyName));
  const certBag = (der: Uint8Array, attrs?: asn1js.Set): asn1js.Sequence =>
    seq(oid(CERT_BAG), explicit0(seq(oid(X509_CERTIFICATE), explicit0(octets(der)))), ...(attrs ? [attrs] : []));
  const certificates = seq(certBag(backup.certificate, attributes(localKeyId, backup.friendlyName)), ...backup.chain.map((c) => certBag(c)));
  const authSafe = seq(dataContentInfo(seq(keyBag)), dataContentInfo(certificates));
  const authSafeBytes = new Uint8Array(authSafe.toBER(false));
  const macSalt = random(16);
  const macKey = pkcs12Kdf("SHA-256", bmpPassword(password), macSalt, MAC_ITERATIONS, 3, 32);
  const mac = hmacOf("SHA-256", macKey, authSafeBytes);
  const macData = seq(seq(seq(oid(OID.sha256), new asn1js.Null()), octets(mac)), octets(macSalt), new asn1js.Integer({ value: MAC_ITERATIONS }));
  const pfx = seq(new asn1js.Integer({ value: 3 }), seq(oid(OID.data), explicit0(octets(authSafeBytes))), macData);
  return new Uint8Array(pfx.toBER(false));
}
