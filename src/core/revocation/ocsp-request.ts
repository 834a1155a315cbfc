/**
 * OCSP requests (RFC 6960 section 4.1) and how to send them (appendix A.1):
 * one CertID (SHA-1 by default, as section B.1.1 of RFC 6960's profile and
 * every public responder accept; SHA-256 on request), an optional nonce
 * (RFC 8954: 32 octets), POST always, GET when the encoded request is short.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { DigestName } from "../crypto/algorithms.js";
import { digest } from "../crypto/digest.js";
import { OID } from "../oids.js";
import type { CertificateView } from "../x509/certificate.js";

const HASH_OIDS: Partial<Record<DigestName, string>> = { "SHA-1": OID.sha1, "SHA-256": OID.sha256 };

export interface OcspRequestOptions {
  hash?: "SHA-1" | "SHA-256";
  /** RFC 8954 section 2.1: 1 to 32 octets; default none (responders that pre-sign ignore nonces). */
  nonce?: Uint8Array;
}

const ab = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;

/** The issuer half of a CertID (RFC 6960 section 4.1.1): hashes of its DER name and of its public key bits. */
export async function issuerHashes(issuer: CertificateView, hash: DigestName): Promise<{ nameHash: Uint8Array; keyHash: Uint8Array }> {
  return {
    nameHash: await digest(hash, new Uint8Array(issuer.cert.subject.toSchema().toBER(false))),
    keyHash: await digest(hash, issuer.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
  };
}

/** The CertID of `cert` under `issuer` (RFC 6960 section 4.1.1). */
export async function certId(cert: CertificateView, issuer: CertificateView, hash: "SHA-1" | "SHA-256" = "SHA-1"): Promise<pkijs.CertID> {
  const { nameHash, keyHash } = await issuerHashes(issuer, hash);
  return new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash]!, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: ab(nameHash) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: ab(keyHash) }),
    serialNumber: new asn1js.Integer({ valueHex: ab(cert.cert.serialNumber.valueBlock.valueHexView) }),
  });
}

export async function buildOcspRequest(cert: CertificateView, issuer: CertificateView, options: OcspRequestOptions = {}): Promise<Uint8Array> {
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({ requestList: [new pkijs.Request({ reqCert: await certId(cert, issuer, options.hash) })] }),
  });
  if (options.nonce) {
    request.tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: OID.ocspNonce,
        extnValue: new asn1js.OctetString({ valueHex: ab(options.nonce) }).toBER(false),
      }),
    ];
  }
  return new Uint8Array(request.toSchema(true).toBER(false));
}

/**
 * The GET form (appendix A.1): the base64 of the DER, URL-encoded, after the responder URL.
 * Used only when the whole URL stays under 255 bytes, which caches and proxies handle.
 */
export function ocspGetUrl(responder: string, request: Uint8Array): string | null {
  let b64 = "";
  const chunk = 0x8000;
  // Stryker disable next-line EqualityOperator: one more turn at the end reads an empty chunk, which adds nothing
  for (let i = 0; i < request.length; i += chunk) b64 += String.fromCharCode(...request.subarray(i, i + chunk));
  const encoded = encodeURIComponent(btoa(b64));
  const url = `${responder.replace(/\/$/, "")}/${encoded}`;
  return url.length < 255 ? url : null;
}

/** The nonce a response echoes (RFC 8954), if any: compared by the caller with the request's. */
export function responseNonce(basic: pkijs.BasicOCSPResponse): Uint8Array | null {
  const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OID.ocspNonce);
  if (!ext) return null;
  const inner = asn1js.fromBER(ab(ext.extnValue.valueBlock.valueHexView)).result;
  return inner instanceof asn1js.OctetString ? new Uint8Array(inner.valueBlock.valueHexView) : new Uint8Array(ext.extnValue.valueBlock.valueHexView);
}
