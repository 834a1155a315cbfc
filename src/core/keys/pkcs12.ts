/**
 * Reading a PKCS#12 file (RFC 7292) with its password: the private keys and
 * certificates it holds, paired into identities. Both generations of files
 * are read:
 * - modern (OpenSSL 3's default): PBES2 with PBKDF2 and AES-CBC (RFC 8018), SHA-256 MAC;
 * - legacy (OpenSSL 1.x, Windows, many CAs): pbeWithSHAAnd3-KeyTripleDES-CBC for keys,
 *   pbeWithSHAAnd40BitRC2-CBC for certificates, SHA-1 MAC (RFC 7292 appendix C).
 * Nothing is kept unless the whole file reads: a failure is one problem, never half a result.
 */
import * as asn1js from "asn1js";
import { OID } from "../oids.js";
import { DIGEST_LENGTH, digestByOid, type DigestName } from "../crypto/algorithms.js";
import { contentCipher } from "../crypto/content-cipher.js";
import { rc2CbcDecrypt, tripleDesCbcDecrypt } from "../crypto/legacy-cbc.js";
import { bytesEqual, toArrayBuffer } from "../util/bytes.js";
import { octetStringContent } from "../cms/asn1.js";
import { encryptedContent } from "../cms/enveloped-data.js";
import { bmpPassword, hmacOf, pbkdf2, pkcs12Kdf } from "./pkcs12-kdf.js";
import { integerValue } from "../util/asn1-integer.js";

/** RFC 7292 section 4.2 and appendix D: the bag types and attributes read here. */
const PKCS12 = {
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  safeContentsBag: "1.2.840.113549.1.12.10.1.6",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
  // RFC 7292 appendix C: the password-based encryption schemes
  pbeSha3KeyTripleDes: "1.2.840.113549.1.12.1.3",
  pbeSha2KeyTripleDes: "1.2.840.113549.1.12.1.4",
  pbeSha128BitRc2: "1.2.840.113549.1.12.1.5",
  pbeSha40BitRc2: "1.2.840.113549.1.12.1.6",
  // RFC 8018 appendix A
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
} as const;

/** RFC 8018 appendix B.1.2: PBKDF2's pseudo-random functions. */
const PRF_HASH: Record<string, DigestName> = {
  "1.2.840.113549.2.7": "SHA-1",
  "1.2.840.113549.2.8": "SHA-224",
  "1.2.840.113549.2.9": "SHA-256",
  "1.2.840.113549.2.10": "SHA-384",
  "1.2.840.113549.2.11": "SHA-512",
};

export interface Pkcs12Bag<T> {
  value: T;
  localKeyId: Uint8Array | null;
  friendlyName: string | null;
}

export interface Pkcs12Contents {
  /** PKCS#8 PrivateKeyInfo DER. */
  keys: Pkcs12Bag<Uint8Array>[];
  /** Certificate DER. */
  certificates: Pkcs12Bag<Uint8Array>[];
}

export type Pkcs12Problem =
  /**
   * The MAC does not match, or (without one) the decryption fails: almost always the password, but a MAC
   * cannot tell it from a file changed since it was made, so the words for it say both.
   */
  | { problem: "wrong-password" }
  /** The bytes are no PKCS#12 file, or a structure inside cannot be read. */
  | { problem: "malformed"; detail: string }
  /** An algorithm Signet does not implement (a name or an OID). */
  | { problem: "unsupported"; algorithm: string };

export type Pkcs12Result = ({ ok: true } & Pkcs12Contents) | ({ ok: false } & Pkcs12Problem);

/** Thrown inside the reader and turned into a result at its edge. */
class Refusal extends Error {
  constructor(readonly refusal: Pkcs12Problem) {
    super(refusal.problem);
  }
}

function malformed(detail: string): never {
  throw new Refusal({ problem: "malformed", detail });
}

// Stryker disable ConditionalExpression,UnaryOperator,LogicalOperator,OptionalChaining: without one of these guards the
// next access throws, and readPkcs12 turns that into "malformed" as well; only the detail's words would differ
function der(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1) malformed(`${what} cannot be read`);
  return parsed.result;
}

function seq(el: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(el instanceof asn1js.Sequence)) malformed(`${what} is not a SEQUENCE`);
  return el.valueBlock.value;
}

function oid(el: asn1js.AsnType | undefined, what: string): string {
  if (!(el instanceof asn1js.ObjectIdentifier)) malformed(`${what} has no identifier`);
  return el.valueBlock.toString();
}

function octets(el: asn1js.AsnType | undefined, what: string): Uint8Array {
  const v = el ? octetStringContent(el) : null;
  if (!v) malformed(`${what} is not an OCTET STRING`);
  return v;
}

function int(el: asn1js.AsnType | undefined, what: string): number {
  if (!(el instanceof asn1js.Integer)) malformed(`${what} is not an INTEGER`);
  return integerValue(el) ?? malformed(`${what} is out of range`);
}

/** [0] EXPLICIT: the one element inside. */
function explicit0(el: asn1js.AsnType | undefined, what: string): asn1js.AsnType {
  const inner = el && el.idBlock.tagClass === 3 && el.idBlock.tagNumber === 0 ? (el as asn1js.Constructed).valueBlock.value?.[0] : undefined;
  if (!inner) malformed(`${what} is missing`);
  return inner;
}

// Stryker restore ConditionalExpression,UnaryOperator,LogicalOperator,OptionalChaining

/** Iteration counts beyond this are refused: a hostile file could ask for hours of hashing. */
const MAX_ITERATIONS = 10_000_000;

function iterations(el: asn1js.AsnType | undefined, what: string): number {
  const n = el === undefined ? 1 : int(el, what);
  // Stryker disable next-line EqualityOperator: the bound itself (ten million rounds) would take a minute of hashing to test
  if (n < 1 || n > MAX_ITERATIONS) malformed(`${what} of ${n} is out of range`);
  return n;
}

/** RFC 7292 section 4: macData's HMAC over the authSafe content, keyed by the KDF with ID 3. */
function checkMac(macData: asn1js.AsnType, content: Uint8Array, password: string): void {
  const [digestInfo, saltEl, iterEl] = seq(macData, "MacData");
  const [algorithm, macEl] = seq(digestInfo, "MacData's DigestInfo");
  const hashOid = oid(seq(algorithm, "MAC algorithm")[0], "MAC algorithm");
  const hash = digestByOid(hashOid);
  if (!hash || hash === "MD5") throw new Refusal({ problem: "unsupported", algorithm: hashOid });
  const key = pkcs12Kdf(hash, bmpPassword(password), octets(saltEl, "MAC salt"), iterations(iterEl, "MAC iterations"), 3, DIGEST_LENGTH[hash]);
  if (!bytesEqual(hmacOf(hash, key, content), octets(macEl, "MAC"))) throw new Refusal({ problem: "wrong-password" });
}

/** Decrypts with a password-based scheme: RFC 7292 appendix C or PBES2 (RFC 8018 section 6.2). */
async function pbeDecrypt(algorithm: asn1js.AsnType, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const [idEl, params] = seq(algorithm, "encryption algorithm");
  const id = oid(idEl, "encryption algorithm");
  let plain: Uint8Array | null;
  if (id === PKCS12.pbes2) plain = await pbes2Decrypt(params, ciphertext, password);
  else plain = legacyPbeDecrypt(id, params, ciphertext, password);
  // A wrong password shows as bad padding (MAC-less files, or a password that differs between MAC and bags).
  if (!plain) throw new Refusal({ problem: "wrong-password" });
  return plain;
}

function legacyPbeDecrypt(id: string, params: asn1js.AsnType | undefined, ciphertext: Uint8Array, password: string): Uint8Array | null {
  const [saltEl, iterEl] = seq(params, "pkcs-12PbeParams");
  const salt = octets(saltEl, "PBE salt");
  const n = iterations(iterEl, "PBE iterations");
  const pw = bmpPassword(password);
  const kdf = (purpose: 1 | 2, length: number): Uint8Array => pkcs12Kdf("SHA-1", pw, salt, n, purpose, length);
  switch (id) {
    case PKCS12.pbeSha3KeyTripleDes:
      return tripleDesCbcDecrypt(kdf(1, 24), kdf(2, 8), ciphertext);
    case PKCS12.pbeSha2KeyTripleDes: {
      // Two-key 3DES: K1, K2, K1.
      const k = kdf(1, 16);
      return tripleDesCbcDecrypt(new Uint8Array([...k, ...k.subarray(0, 8)]), kdf(2, 8), ciphertext);
    }
    case PKCS12.pbeSha40BitRc2:
      return rc2CbcDecrypt(kdf(1, 5), 40, kdf(2, 8), ciphertext);
    case PKCS12.pbeSha128BitRc2:
      return rc2CbcDecrypt(kdf(1, 16), 128, kdf(2, 8), ciphertext);
    default:
      throw new Refusal({ problem: "unsupported", algorithm: id });
  }
}

/** PBES2-params (RFC 8018 appendix A.4) with PBKDF2 (appendix A.2) and a content cipher of content-cipher.ts. */
async function pbes2Decrypt(params: asn1js.AsnType | undefined, ciphertext: Uint8Array, password: string): Promise<Uint8Array | null> {
  const [kdfAlg, scheme] = seq(params, "PBES2-params");
  const [kdfIdEl, kdfParams] = seq(kdfAlg, "PBES2 key derivation");
  const kdfId = oid(kdfIdEl, "PBES2 key derivation");
  if (kdfId !== PKCS12.pbkdf2) throw new Refusal({ problem: "unsupported", algorithm: kdfId });
  const fields = seq(kdfParams, "PBKDF2-params");
  const salt = octets(fields[0], "PBKDF2 salt");
  const count = iterations(fields[1], "PBKDF2 iterations");
  let prf: DigestName = "SHA-1";
  for (const f of fields.slice(2)) {
    if (f instanceof asn1js.Sequence) {
      const prfId = oid(f.valueBlock.value[0], "PBKDF2 PRF");
      const hash = PRF_HASH[prfId];
      if (!hash) throw new Refusal({ problem: "unsupported", algorithm: prfId });
      prf = hash;
    }
  }
  const [schemeIdEl, schemeParams] = seq(scheme, "PBES2 encryption scheme");
  const schemeId = oid(schemeIdEl, "PBES2 encryption scheme");
  const cipher = contentCipher(schemeId, schemeParams ? new Uint8Array(schemeParams.toBER(false)) : null);
  if (!cipher.ok) {
    if (cipher.why === "unknown-algorithm") throw new Refusal({ problem: "unsupported", algorithm: schemeId });
    malformed("PBES2 encryption parameters cannot be read");
  }
  // RFC 8018 section 6.2: the password is an octet string; OpenSSL and Windows give it as UTF-8.
  const key = await pbkdf2(prf, new TextEncoder().encode(password), salt, count, cipher.cipher.keyLength);
  return cipher.cipher.decrypt(key, ciphertext);
}

function attributes(el: asn1js.AsnType | undefined): { localKeyId: Uint8Array | null; friendlyName: string | null } {
  let localKeyId: Uint8Array | null = null;
  let friendlyName: string | null = null;
  if (!(el instanceof asn1js.Set)) return { localKeyId, friendlyName };
  for (const attr of el.valueBlock.value) {
    const [typeEl, values] = seq(attr, "bag attribute");
    const value = values instanceof asn1js.Set ? values.valueBlock.value[0] : undefined;
    const type = oid(typeEl, "bag attribute");
    if (type === PKCS12.localKeyId && value) localKeyId = octetStringContent(value);
    if (type === PKCS12.friendlyName && value instanceof asn1js.BmpString) friendlyName = value.valueBlock.value;
  }
  return { localKeyId, friendlyName };
}

/** Bags inside bags (safeContentsBag) are followed this deep at most. */
const MAX_BAG_DEPTH = 4;

async function readSafeContents(bytes: Uint8Array, password: string, into: Pkcs12Contents, depth: number): Promise<void> {
  if (depth > MAX_BAG_DEPTH) malformed("bags are nested too deeply");
  for (const bag of seq(der(bytes, "SafeContents"), "SafeContents")) {
    const [idEl, valueEl, attrsEl] = seq(bag, "SafeBag");
    const id = oid(idEl, "SafeBag");
    const value = explicit0(valueEl, "SafeBag value");
    const attrs = attributes(attrsEl);
    if (id === PKCS12.keyBag) into.keys.push({ value: new Uint8Array(value.toBER(false)), ...attrs });
    else if (id === PKCS12.shroudedKeyBag) {
      // EncryptedPrivateKeyInfo (RFC 5958 section 3): the algorithm and the encrypted PrivateKeyInfo.
      const [algorithm, data] = seq(value, "EncryptedPrivateKeyInfo");
      into.keys.push({ value: await pbeDecrypt(algorithm!, octets(data, "encrypted key"), password), ...attrs });
    } else if (id === PKCS12.certBag) {
      const [typeEl, certEl] = seq(value, "CertBag");
      // Other certificate types (SDSI) are skipped: nothing in S/MIME uses them.
      if (oid(typeEl, "CertBag") === PKCS12.x509Certificate) into.certificates.push({ value: octets(explicit0(certEl, "certificate"), "certificate"), ...attrs });
    } else if (id === PKCS12.safeContentsBag) {
      await readSafeContents(new Uint8Array(value.toBER(false)), password, into, depth + 1);
    }
    // CRL and secret bags carry nothing an identity needs.
  }
}

async function readPfx(file: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const [versionEl, authSafe, macData] = seq(der(file, "the file"), "PFX");
  if (int(versionEl, "PFX version") !== 3) malformed("the PFX version is not 3");
  const [typeEl, contentEl] = seq(authSafe, "authSafe");
  // RFC 7292 section 4: public-key integrity (signedData) is for other uses; S/MIME files use a password MAC.
  if (oid(typeEl, "authSafe") !== OID.data) throw new Refusal({ problem: "unsupported", algorithm: oid(typeEl, "authSafe") });
  const content = octets(explicit0(contentEl, "authSafe content"), "authSafe content");
  if (macData) checkMac(macData, content, password);
  const into: Pkcs12Contents = { keys: [], certificates: [] };
  for (const ci of seq(der(content, "AuthenticatedSafe"), "AuthenticatedSafe")) {
    const [ciType, ciContent] = seq(ci, "ContentInfo");
    const type = oid(ciType, "ContentInfo");
    if (type === OID.data) await readSafeContents(octets(explicit0(ciContent, "data"), "data"), password, into, 0);
    else if (type === OID.encryptedData) {
      // EncryptedData (RFC 5652 section 8): version, then EncryptedContentInfo with [0] IMPLICIT encryptedContent.
      const [, eci] = seq(explicit0(ciContent, "encryptedData"), "EncryptedData");
      const [, algorithm] = seq(eci, "EncryptedContentInfo");
      const bytes = encryptedContent(eci!);
      if (!bytes) malformed("EncryptedContentInfo holds no content");
      await readSafeContents(await pbeDecrypt(algorithm!, bytes, password), password, into, 0);
    } else throw new Refusal({ problem: "unsupported", algorithm: type });
  }
  return into;
}

/** The keys and certificates of a PKCS#12 file, or the one reason it cannot be read. */
export async function readPkcs12(file: Uint8Array, password: string): Promise<Pkcs12Result> {
  try {
    return { ok: true, ...(await readPfx(file, password)) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, ...e.refusal };
    return { ok: false, problem: "malformed", detail: e instanceof Error ? e.message : String(e) };
  }
}
