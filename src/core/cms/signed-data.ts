/**
 * SignedData (RFC 5652 section 5) verification, one signer at a time. Only the
 * signature is judged here; the signer's chain is the path builder's question.
 * pkijs parses the structure; every check and every primitive is ours
 * (SignedData.verify does not check what we need and hides why it fails).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { IssueCode } from "../report/codes.js";
import { cmsDamage, readerAccount, unsupportedAlgorithm } from "../report/issue-params.js";
import { localIssue, type LocalIssue } from "../report/local-issue.js";
import type { ParamsOf } from "../report/params-by-code.js";
import type { Severity, SignerReport, SignerStatus } from "../report/types.js";
import type { SmimePolicy } from "../policy/profile.js";
import { digestByOid, signatureScheme, type DigestName } from "../crypto/algorithms.js";
import { judgeKey, judgeSignatureDigests, type AlgorithmFinding } from "../policy/algorithm-acceptance.js";
import { digest } from "../crypto/digest.js";
import { DSA_INHERITED, verifySignature } from "../crypto/verify.js";
import type { PublicKeyDescription } from "../crypto/public-key.js";
import { bytesEqual, toHex } from "../util/bytes.js";
import type { CertificateView } from "../x509/certificate.js";
import { sharedCertificateView } from "../x509/certificate-cache.js";
import { formatNameDer, nameKey } from "../x509/name.js";
import { serialKey, serialToHex } from "../x509/serial.js";
import { berElement } from "./asn1.js";
import type { ContentInfoParts } from "./content-info.js";
import { attributeValues, encryptionKeyPreference, signingTime, smimeCapabilities } from "./attributes.js";
import { signedDataFieldsOf, type AlgorithmFields, type SignedDataFields, type SignerInfoFields } from "./signed-data-fields.js";
import { readOid, readTlv, type Tlv } from "../util/der.js";
import { algorithmName, OID, oidName } from "../oids.js";

export interface SignerOutcome {
  report: SignerReport;
  certificate: CertificateView | null;
  issues: LocalIssue[];
}

export interface ParsedSignedData extends Omit<SignedDataFields, "certificates" | "crls" | "otherRevocationInfo"> {
  certificates: CertificateView[];
  /** A certs-only message (RFC 8551 section 3.8): no signers and no content. */
  certsOnly: boolean;
  /** Certificates beyond the limit, left unread. */
  skippedCertificates: number;
  /**
   * Revocation data the signer attached (RFC 5652 section 10.2.1): CRLs, and OCSP responses
   * as otherRevInfo id-ri-ocsp-response (RFC 5940 section 2.1), as DER.
   */
  embeddedCrls: Uint8Array[];
  embeddedOcsp: Uint8Array[];
}


/** SignedData's certificates: [0] IMPLICIT CertificateSet (RFC 5652 section 5.1). */
function isCertificatesField(f: asn1js.AsnType): boolean {
  return f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0 && f.idBlock.isConstructed;
}

/**
 * A CertificateChoices (RFC 5652 section 10.2.2) that is an X.509 certificate: a plain SEQUENCE.
 * The others are tagged [0] to [3] (extended, attribute and other formats) and never sign mail.
 */
function isCertificateChoice(bytes: Uint8Array): boolean | null {
  const tag = bytes[0];
  if (tag === 0x30) return true;
  // [0] to [3], constructed: 0xa0 to 0xa3.
  if (tag !== undefined && tag >= 0xa0 && tag <= 0xa3) return false;
  return null;
}

/**
 * The SignedData's fields as pkijs reads them (signed-data-fields.ts), its certificates read from
 * `certificates` when they were carved out before parsing, else from the certificates field.
 */
export function readSignedDataWithPkijs(parts: Pick<ContentInfoParts, "content" | "certificates">): SignedDataFields {
  // pkijs reads everything but the certificates, which are read below, each from its own bytes as the
  // message carries them (a certificate's identity is its DER as sent), and not again when seen before
  // (certificate-cache.ts): pkijs's schema comparison visits every node it is given, and the
  // certificates are most of a SignedData's nodes.
  const content = parts.content;
  const sequence = content as asn1js.Sequence;
  const fields = sequence.valueBlock?.value ?? [];
  const certificateField = fields.find(isCertificatesField) as asn1js.Constructed | undefined;
  let signedData: pkijs.SignedData;
  if (certificateField) {
    sequence.valueBlock.value = fields.filter((f) => f !== certificateField);
    try {
      signedData = new pkijs.SignedData({ schema: content });
    } finally {
      sequence.valueBlock.value = fields;
    }
  } else signedData = new pkijs.SignedData({ schema: content });
  // crls [1] IMPLICIT RevocationInfoChoices: its entries as sent.
  const crlField = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 1 && f.idBlock.isConstructed) as asn1js.Constructed | undefined;
  const certificates = parts.certificates ?? (certificateField ? certificateField.valueBlock.value.map((c) => c.valueBeforeDecodeView) : null);
  return signedDataFieldsOf(signedData, certificates, crlField?.valueBlock.value ?? []);
}

/**
 * The SignedData of a ContentInfo (content-info.ts): the strict DER reader's fields when it read
 * them, else pkijs's.
 */
export function readSignedData(parts: Pick<ContentInfoParts, "content" | "certificates" | "signedData">, maxCertificates: number): ParsedSignedData {
  const { certificates, crls, otherRevocationInfo, ...fields } = parts.signedData ?? readSignedDataWithPkijs(parts);
  const choices = certificates ?? [];
  if (choices.some((c) => isCertificateChoice(c) === null)) throw new Error("certificates: an entry is no CertificateChoices");
  const certs = choices.filter((c) => isCertificateChoice(c) === true);
  return {
    ...fields,
    certificates: certs.slice(0, maxCertificates).map(sharedCertificateView),
    certsOnly: fields.signerInfos.length === 0 && fields.eContent === null,
    skippedCertificates: Math.max(0, certs.length - maxCertificates),
    // Stryker disable next-line ArrayDeclaration: an entry that is neither a CRL nor an OCSP response is passed over all the same
    embeddedCrls: crls.slice(0, maxCertificates),
    embeddedOcsp: otherRevocationInfo.filter((r) => r.format === OID.riOcspResponse).map((r) => r.der).slice(0, maxCertificates),
  };
}

type SignerId = SignerReport["signerId"];

function signerId(si: SignerInfoFields): { id: SignerId; match: (c: CertificateView) => boolean } {
  const sid = si.sid;
  if (sid.kind === "issuer-and-serial") {
    const key = serialKey(sid.serial);
    // Names compare by RFC 5280 section 7.1 (name.ts nameKey); the same bytes need no reading.
    let issuerKey: string | undefined;
    const sameIssuer = (c: CertificateView): boolean => {
      if (bytesEqual(new Uint8Array(c.cert.issuer.valueBeforeDecode), sid.issuer)) return true;
      issuerKey ??= nameKeyOfDer(sid.issuer);
      return issuerKey === c.issuerKey;
    };
    return {
      id: { kind: "issuer-and-serial", issuer: formatNameDer(sid.issuer), serialNumber: serialToHex(sid.serial) },
      // Serials compare as signed integers (RFC 5280 section 4.1.2.2): 00 FF is not FF.
      match: (c) => serialKey(c.cert.serialNumber.valueBlock.valueHexView) === key && sameIssuer(c),
    };
  }
  // [0] SubjectKeyIdentifier (RFC 5652 section 5.3), implicitly tagged OCTET STRING.
  const ski = sid.ski;
  return {
    id: { kind: "subject-key-identifier", subjectKeyIdentifier: toHex(ski).toUpperCase() },
    match: (c) => {
      const own = c.subjectKeyIdentifier;
      // Stryker disable next-line ConditionalExpression: bytesEqual(null, ski) is false as well; the test only narrows the type
      return own !== null && bytesEqual(own, ski);
    },
  };
}

/** What a Name that does not read compares as: no key of name.ts's begins with U+0001, so it matches no certificate's. */
const UNREADABLE_NAME = "\u0001unreadable";

/** A Name's comparison key (name.ts nameKey) from its DER. */
function nameKeyOfDer(der: Uint8Array): string {
  const el = berElement(der);
  try {
    return el ? nameKey(new pkijs.RelativeDistinguishedNames({ schema: el })) : UNREADABLE_NAME;
  } catch {
    return UNREADABLE_NAME;
  }
}

/** The one element of `bytes`, when it has tag `tag` and fills them (any definite length, as BER reads it). */
function soleElement(bytes: Uint8Array, tag: number): Tlv | null {
  const t = readTlv(bytes, 0, bytes.length, false);
  return t && t.tag === tag && t.end === bytes.length ? t : null;
}

/**
 * What one signer's checks found. Cryptography and policy are separate facts: `fail` is the
 * mathematics failing (invalid), `refuse` is policy refusing an algorithm or key whose
 * mathematics may well hold (refused, once the mathematics is checked and holds), and
 * `cannotTell` is a check that could not be made (unverifiable). Invalid outranks the others;
 * a refusal whose mathematics could not be checked stays unverifiable.
 */
class SignerCheck {
  readonly issues: LocalIssue[] = [];
  private status: Exclude<SignerStatus, "refused"> = "valid";
  private readonly refusals: LocalIssue[] = [];

  fail<C extends IssueCode>(code: C, params: ParamsOf<C>, certificate?: number): void {
    this.push(localIssue(code, "error", params, certificate));
    this.status = "invalid";
  }

  /** The algorithm policy's finding: an error is a refusal (policy, not mathematics), a warning a note. */
  judged(found: AlgorithmFinding | null, certificate?: number): void {
    if (!found) return;
    // Stryker disable next-line ConditionalExpression: { certificate: undefined } reads and serialises as no certificate
    const issue = this.push(certificate === undefined ? found : { ...found, certificate });
    if (found.severity === "error") this.refusals.push(issue);
  }

  /** Once the mathematics is known: a refused signer's refusals say that the signature itself is intact. */
  settle(): void {
    if (this.result !== "refused") return;
    for (const issue of this.refusals) Object.assign(issue.params, { intact: true });
  }

  cannotTell<C extends IssueCode>(code: C, severity: Severity, params: ParamsOf<C>, certificate?: number): void {
    this.push(localIssue(code, severity, params, certificate));
    if (this.status === "valid") this.status = "unverifiable";
  }

  private push(issue: LocalIssue): LocalIssue {
    this.issues.push(issue);
    return issue;
  }

  get result(): SignerStatus {
    return this.status === "valid" && this.refusals.length > 0 ? "refused" : this.status;
  }
}

/**
 * Verifies one SignerInfo over `content`: the encapsulated content, or for
 * multipart/signed the canonical first part; null when there is none.
 */
export async function verifySigner(
  parsed: ParsedSignedData,
  index: number,
  content: Uint8Array | null,
  policy: SmimePolicy,
  /** The signer's effective key, when its certificate inherits DSA parameters the path supplied. */
  keyOverride?: PublicKeyDescription,
): Promise<SignerOutcome> {
  try {
    return await verifySignerUnguarded(parsed, index, content, policy, keyOverride);
  } catch (e) {
    // Whatever went wrong, this signer must count as unverifiable, never be dropped:
    // a dropped signer would let the others make the message look valid.
    return {
      report: {
        index,
        status: "unverifiable",
        signerId: { kind: "issuer-and-serial", issuer: "(unreadable)", serialNumber: "" },
        certificate: null,
        identity: "unknown",
        chain: [],
        trust: "unknown",
        revocation: "not-checked",
        signingTime: null,
        digestAlgorithm: algorithmName(""),
        signatureAlgorithm: algorithmName(""),
        signedAttributes: false,
      },
      certificate: null,
      issues: [{ code: "malformed-cms", severity: "error", params: cmsDamage({ reason: "unreadable", structure: "SignerInfo", detail: readerAccount(e) }) }],
    };
  }
}

async function verifySignerUnguarded(
  parsed: ParsedSignedData,
  index: number,
  content: Uint8Array | null,
  policy: SmimePolicy,
  keyOverride: PublicKeyDescription | undefined,
): Promise<SignerOutcome> {
  const si = parsed.signerInfos[index]!;
  const check = new SignerCheck();
  const { id, match } = signerId(si);
  const digestOid = si.digestAlgorithm.oid;
  const sigOid = si.signatureAlgorithm.oid;
  const digestAlg = digestByOid(digestOid);
  const scheme = signatureScheme(sigOid, algorithmParams(si.signatureAlgorithm), digestAlg);
  const certificate = parsed.certificates.find(match) ?? null;
  const attrs = si.signedAttrs?.attributes;

  const report: SignerReport = {
    index,
    // Stryker disable next-line StringLiteral: set from the checks before the report leaves
    status: "valid",
    signerId: id,
    certificate: certificate ? await certificate.summary() : null,
    identity: "unknown",
    chain: [],
    trust: "unknown",
    revocation: "not-checked",
    signingTime: signingTime(attrs)?.toISOString() ?? null,
    digestAlgorithm: algorithmName(digestOid),
    signatureAlgorithm: algorithmName(sigOid),
    signedAttributes: si.signedAttrs !== null,
  };
  const caps = smimeCapabilities(attrs);
  // Stryker disable next-line ConditionalExpression: setting undefined is leaving it out, for JSON and for readers
  if (caps) report.smimeCapabilities = caps;
  const pref = encryptionKeyPreference(attrs);
  // Stryker disable next-line ConditionalExpression: as above
  if (pref) report.encryptionKeyPreference = pref;
  if (report.certificate) report.chain = [report.certificate];

  // Algorithm policy (RFC 8551 section 2.1): judged before any cryptography, so a
  // weak algorithm is reported even when the signature also fails.
  for (const found of judgeSignatureDigests(scheme, policy, digestAlg)) check.judged(found);
  if (!digestAlg) check.cannotTell("unsupported-algorithm", "error", unsupportedAlgorithm("digest", algorithmName(digestOid).name, { why: "unknown-algorithm" }));
  // RFC 5652 section 5.1: digestAlgorithms lists every signer's digest, for one-pass readers.
  // The signature does not depend on it, but a SignedData without it is not well formed and
  // OpenSSL refuses to verify it: a damaged structure is never shown as a valid signature.
  if (!parsed.digestAlgorithms.includes(digestOid)) {
    check.cannotTell("malformed-cms", "error", cmsDamage({ reason: "digest-algorithm-not-listed" }));
  }
  if (scheme.kind === "unsupported") {
    check.cannotTell("unsupported-algorithm", "error", unsupportedAlgorithm("signature", algorithmName(sigOid).name, scheme));
  }
  if (!certificate) {
    check.cannotTell("signer-certificate-missing", "error", {});
  } else {
    const key = keyOverride ?? certificate.publicKey;
    if (key.kind === "unsupported") {
      check.cannotTell("unsupported-algorithm", "error", unsupportedAlgorithm("key", algorithmName(key.algorithmOid).name, key), 0);
    } else if (key.kind === "dsa-inherited") {
      // RFC 3279 section 2.3.2: a DSA key without parameters takes its issuer's, which only a built path supplies.
      check.cannotTell("unsupported-algorithm", "error", unsupportedAlgorithm("key", "DSA", DSA_INHERITED), 0);
    } else {
      check.judged(judgeKey(key, policy), 0);
    }
  }
  if (content === null) check.cannotTell("malformed-cms", "error", cmsDamage({ reason: "no-content" }));

  const key = certificate ? (keyOverride ?? certificate.publicKey) : null;
  const canVerify = digestAlg !== null && scheme.kind !== "unsupported" && key !== null && key.kind !== "unsupported" && key.kind !== "dsa-inherited";
  if (canVerify && content !== null) {
    await checkSignatureValue(si, parsed, content, digestAlg, scheme, key, check);
  }
  check.settle();
  report.status = check.result;
  return { report, certificate, issues: check.issues };
}

/** An AlgorithmIdentifier's parameters as asn1js reads them (what pssScheme takes), or undefined when absent. */
function algorithmParams(a: AlgorithmFields): asn1js.AsnType | undefined {
  return a.params ? (berElement(a.params) ?? undefined) : undefined;
}

async function checkSignatureValue(
  si: SignerInfoFields,
  parsed: ParsedSignedData,
  content: Uint8Array,
  digestAlg: DigestName,
  scheme: ReturnType<typeof signatureScheme>,
  key: PublicKeyDescription,
  check: SignerCheck,
): Promise<void> {
  const signature = si.signature;
  /**
   * Whether the signature holds over `data`; null when it could not be checked at all, which is
   * said as its own issue. Only false is a failed signature: a signature that could not be
   * checked is never reported as signature-invalid.
   */
  const verify = async (data: Uint8Array): Promise<boolean | null> => {
    try {
      return await verifySignature(key, scheme, data, signature);
    } catch (e) {
      // The scheme and the key are known to be supported (canVerify), so this is WebCrypto refusing
      // a damaged key (importKey) or signature encoding: nothing can be verified.
      check.cannotTell("malformed-cms", "error", cmsDamage({ reason: "unusable-key-or-signature", detail: readerAccount(e) }));
      return null;
    }
  };
  const signed = si.signedAttrs;
  if (!signed) {
    // RFC 5652 section 5.3: without signed attributes the content type must be id-data.
    if (parsed.eContentType !== OID.data) {
      check.fail("content-type-mismatch", { expected: oidName(OID.data), found: oidName(parsed.eContentType), signedAttributes: false });
    }
    if ((await verify(content)) === false) check.fail("signature-invalid", { over: "content" });
    return;
  }
  // RFC 5652 section 11.1 and 11.2: exactly one content-type and one message-digest attribute, each with one value.
  const ctValues = attributeValues(signed.attributes, OID.contentType);
  const mdValues = attributeValues(signed.attributes, OID.messageDigest);
  if (ctValues.length !== 1 || ctValues[0]!.length !== 1) {
    check.fail("malformed-cms", cmsDamage({ reason: "signed-attribute-count", attribute: "content-type" }));
  } else {
    // RFC 5652 section 11.1: the value is an OBJECT IDENTIFIER.
    const ct = soleElement(ctValues[0]![0]!, 0x06);
    const found = ct ? readOid(ctValues[0]![0]!, ct) : null;
    if (found === null) check.fail("malformed-cms", cmsDamage({ reason: "signed-attribute-value", attribute: "content-type" }));
    else if (found !== parsed.eContentType) check.fail("content-type-mismatch", { expected: oidName(parsed.eContentType), found: oidName(found) });
  }
  if (mdValues.length !== 1 || mdValues[0]!.length !== 1) {
    check.fail("malformed-cms", cmsDamage({ reason: "signed-attribute-count", attribute: "message-digest" }));
  } else {
    // RFC 5652 section 11.2: the value is an OCTET STRING (primitive: signed attributes are DER, section 5.4).
    const md = mdValues[0]![0]!;
    const el = soleElement(md, 0x04);
    if (!el) check.fail("malformed-cms", cmsDamage({ reason: "signed-attribute-value", attribute: "message-digest" }));
    else if (!bytesEqual(await digest(digestAlg, content), md.subarray(el.contentStart, el.end))) check.fail("digest-mismatch", { algorithm: digestAlg });
  }
  if ((await verify(signed.der)) === false) check.fail("signature-invalid", { over: "signed attributes" });
}
