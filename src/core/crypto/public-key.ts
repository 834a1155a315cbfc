/** SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) reduced to what verification needs. */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "../oids.js";
import type { Unsupported } from "../report/codes.js";
import { copyBytes, stripLeadingZeros, toArrayBuffer } from "../util/bytes.js";
import { asn1Integer, type DsaPublicKey } from "./dsa.js";

export type CurveName = "P-256" | "P-384" | "P-521";

const CURVES: Record<string, { name: CurveName; bits: number }> = {
  [OID.p256]: { name: "P-256", bits: 256 },
  [OID.p384]: { name: "P-384", bits: 384 },
  [OID.p521]: { name: "P-521", bits: 521 },
};

export type PublicKeyDescription =
  | { kind: "rsa"; spki: Uint8Array; modulus: Uint8Array; exponent: Uint8Array; bits: number }
  | { kind: "ec"; spki: Uint8Array; curve: CurveName; point: Uint8Array; bits: number }
  | { kind: "ed25519"; spki: Uint8Array; point: Uint8Array; bits: 256 }
  | { kind: "dsa"; key: DsaPublicKey; bits: number }
  /** A DSA key whose parameters come from its issuer's key (RFC 3279 section 2.3.2). */
  | { kind: "dsa-inherited"; y: bigint; bits: 0 }
  | ({ kind: "unsupported"; algorithmOid: string } & Unsupported);

function bitLength(bytes: Uint8Array): number {
  const b = stripLeadingZeros(bytes);
  // An INTEGER of no octets has no bits; a zero octet gives 0 below.
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]!));
}

/**
 * The SPKI WebCrypto imports: rsaEncryption with NULL parameters (RFC 3279
 * section 2.3.1) around the same key bits. RFC 4055 section 1.2 lets an RSA
 * key carry id-RSASSA-PSS as its algorithm, which WebCrypto does not import;
 * its PSS parameters are applied from the signature instead. An rsaEncryption
 * key is wrapped the same way, so there is one form whatever the certificate
 * wrote.
 */
function rsaEncryptionSpki(info: pkijs.PublicKeyInfo): Uint8Array {
  const rewrapped = new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    subjectPublicKey: info.subjectPublicKey,
  });
  return new Uint8Array(rewrapped.toSchema().toBER(false));
}

export function describePublicKey(info: pkijs.PublicKeyInfo): PublicKeyDescription {
  const oid = info.algorithm.algorithmId;
  const keyBits = info.subjectPublicKey.valueBlock.valueHexView;
  try {
    if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
      // Bits that are no RSAPublicKey make pkijs throw: the catch below calls the key malformed.
      const rsa = new pkijs.RSAPublicKey({ schema: asn1js.fromBER(toArrayBuffer(keyBits)).result });
      const modulus = stripLeadingZeros(rsa.modulus.valueBlock.valueHexView);
      const exponent = stripLeadingZeros(rsa.publicExponent.valueBlock.valueHexView);
      return { kind: "rsa", spki: rsaEncryptionSpki(info), modulus, exponent, bits: bitLength(modulus) };
    }
    if (oid === OID.ecPublicKey) {
      const params = info.algorithm.algorithmParams;
      const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : "";
      const curve = CURVES[curveOid];
      if (!curve) return { kind: "unsupported", algorithmOid: oid, why: "unknown-curve", value: curveOid || "explicit" };
      return {
        kind: "ec",
        spki: new Uint8Array(info.toSchema().toBER(false)),
        curve: curve.name,
        point: copyBytes(keyBits),
        bits: curve.bits,
      };
    }
    if (oid === OID.dsa) {
      // Dss-Parms (RFC 3279 section 2.3.2). Absent parameters are inherited from the issuer
      // (RFC 3279 section 2.3.2): that needs the chain, so it is unsupported here.
      const params = info.algorithm.algorithmParams;
      const y = asn1Integer(asn1js.fromBER(toArrayBuffer(keyBits)).result);
      if (!y) return { kind: "unsupported", algorithmOid: oid, why: "malformed-key" };
      if (!(params instanceof asn1js.Sequence)) return { kind: "dsa-inherited", y, bits: 0 };
      const [p, q, g] = params.valueBlock.value.map(asn1Integer);
      if (!p || !q || !g) return { kind: "unsupported", algorithmOid: oid, why: "malformed-key" };
      return { kind: "dsa", key: { p, q, g, y }, bits: p.toString(2).length };
    }
    if (oid === OID.ed25519) {
      return { kind: "ed25519", spki: new Uint8Array(info.toSchema().toBER(false)), point: copyBytes(keyBits), bits: 256 };
    }
  } catch {
    return { kind: "unsupported", algorithmOid: oid, why: "malformed-key" };
  }
  return { kind: "unsupported", algorithmOid: oid, why: "unknown-algorithm", value: oid };
}

/**
 * The key a DSA certificate without parameters really has: its own public value
 * with the parameters of its issuer's (effective) key (RFC 3279 section 2.3.2).
 * Null while the issuer's parameters are not known.
 */
export function inheritDsaParameters(key: PublicKeyDescription, issuerKey: PublicKeyDescription | null): PublicKeyDescription | null {
  if (key.kind !== "dsa-inherited") return key;
  if (!issuerKey || issuerKey.kind !== "dsa") return null;
  return { kind: "dsa", key: { ...issuerKey.key, y: key.y }, bits: issuerKey.bits };
}
