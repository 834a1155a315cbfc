/**
 * A certificate as the core sees it: the DER and the pkijs structure, with what is
 * read from them once (names as text, emails, extensions, the key), plus the summary
 * the report shows.
 */
import * as pkijs from "pkijs";
import { EXT, OID } from "../oids.js";
import { describePublicKey, type PublicKeyDescription } from "../crypto/public-key.js";
import { digest } from "../crypto/digest.js";
import { toArrayBuffer, toHex } from "../util/bytes.js";
import { encodeBase64 } from "../util/base64.js";
import { serialToHex } from "./serial.js";
import { readExtensions, type Extensions } from "./extensions.js";
import { formatName, nameKey } from "./name.js";
import type { CertificateSummary } from "../report/types.js";

const PERSONAL_NAME_TYPES = new Set<string>([OID.commonName, OID.givenName, OID.surname, OID.initials, OID.pseudonym]);

const KEY_ALGORITHM_NAMES: Record<string, string> = { rsa: "RSA", ec: "EC", ed25519: "Ed25519", dsa: "DSA", "dsa-inherited": "DSA" };

export class CertificateView {
  readonly der: Uint8Array;
  readonly cert: pkijs.Certificate;
  private subjectString?: string;
  private issuerString?: string;
  private key?: PublicKeyDescription;
  private emailList?: string[];
  private personalNameList?: string[];
  private extensionsView?: Extensions;
  private subjectNameKey?: string;
  private issuerNameKey?: string;
  private fingerprint?: string;
  private subjectAndKeyId?: string;
  private summaryParts?: Promise<CertificateSummary & { derBase64: string }>;

  constructor(cert: pkijs.Certificate, der?: Uint8Array) {
    this.cert = cert;
    this.der = der ?? new Uint8Array(cert.toSchema(false).toBER(false));
  }

  static fromDer(der: Uint8Array): CertificateView {
    return new CertificateView(pkijs.Certificate.fromBER(toArrayBuffer(der)), der);
  }

  /** The subject as text ("CN=Alice, O=Example"; "(undecodable name)" when it cannot be read). */
  get subjectText(): string {
    this.subjectString ??= formatName(this.cert.subject);
    return this.subjectString;
  }

  get issuerText(): string {
    this.issuerString ??= formatName(this.cert.issuer);
    return this.issuerString;
  }

  get publicKey(): PublicKeyDescription {
    this.key ??= describePublicKey(this.cert.subjectPublicKeyInfo);
    return this.key;
  }

  /**
   * Records the parameters a DSA key without them inherits (RFC 3279 section 2.3.2), once a
   * verified path has supplied them; later users of this certificate (CRL checks) see the full key.
   */
  adoptInheritedKey(key: PublicKeyDescription): void {
    if (this.publicKey.kind === "dsa-inherited" && key.kind === "dsa") this.key = key;
  }

  get extensions(): Extensions {
    this.extensionsView ??= readExtensions(this.cert);
    return this.extensionsView;
  }

  /** The subject, normalised for matching (RFC 5280 section 7.1). */
  get subjectKey(): string {
    this.subjectNameKey ??= nameKey(this.cert.subject);
    return this.subjectNameKey;
  }

  get issuerKey(): string {
    this.issuerNameKey ??= nameKey(this.cert.issuer);
    return this.issuerNameKey;
  }

  /** Issued by a CA with the same name (RFC 5280 section 6.1: "self-issued"). */
  get selfIssued(): boolean {
    return this.subjectKey === this.issuerKey;
  }

  /** The DER of the signed part and its signature, for checking who issued this certificate. */
  get tbs(): Uint8Array {
    return this.cert.tbsView;
  }

  /** Hex SHA-256 of the DER: the identity used for distrust and de-duplication. */
  async fingerprintHex(): Promise<string> {
    this.fingerprint ??= toHex(await digest("SHA-256", this.der));
    return this.fingerprint;
  }

  get serialHex(): string {
    return serialToHex(this.cert.serialNumber.valueBlock.valueHexView);
  }

  /** The subjectKeyIdentifier extension (RFC 5280 section 4.2.1.2), when present. */
  get subjectKeyIdentifier(): Uint8Array | null {
    return this.extensions.subjectKeyId;
  }

  /** Subject and public key: two certificates with the same pair are one CA for loop detection. */
  get subjectAndKey(): string {
    this.subjectAndKeyId ??= `${this.subjectKey}|${toHex(this.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)}`;
    return this.subjectAndKeyId;
  }

  /**
   * Every email the certificate binds: rfc822Name entries of subjectAltName
   * (RFC 5280 section 4.2.1.6) and, for old certificates, emailAddress
   * attributes of the subject (RFC 5750 section 3, deprecated but still issued).
   */
  get emails(): string[] {
    this.emailList ??= this.readEmails();
    return this.emailList;
  }

  private readEmails(): string[] {
    const out: string[] = [];
    // rfc822Name is GeneralName [1] (RFC 5280 section 4.2.1.6); pkijs reads the extension with the certificate.
    const san = this.cert.extensions?.find((e) => e.extnID === EXT.subjectAltName)?.parsedValue;
    if (san instanceof pkijs.AltName) for (const n of san.altNames) if (n.type === 1 && typeof n.value === "string") out.push(n.value);
    for (const rdn of this.cert.subject.typesAndValues) {
      if (rdn.type === OID.emailAddress) {
        const v = rdn.value.valueBlock as { value?: unknown };
        if (typeof v.value === "string" && !out.includes(v.value)) out.push(v.value);
      }
    }
    return out;
  }

  /**
   * The names the subject carries for a person (commonName, givenName, surname,
   * initials, pseudonym; RFC 5280 appendix A.1), as text: what a display name may
   * honestly repeat.
   */
  get personalNames(): string[] {
    this.personalNameList ??= this.cert.subject.typesAndValues
      .filter((atv) => PERSONAL_NAME_TYPES.has(atv.type))
      .map((atv) => (atv.value.valueBlock as { value?: unknown }).value)
      .filter((v): v is string => typeof v === "string");
    return this.personalNameList;
  }

  /** What a report shows of this certificate: a fresh object each time (reports are the caller's to change), worked out once. */
  async summary(): Promise<CertificateSummary & { derBase64: string }> {
    this.summaryParts ??= this.makeSummary();
    const parts = await this.summaryParts;
    return { ...parts, emails: [...parts.emails] };
  }

  private async makeSummary(): Promise<CertificateSummary & { derBase64: string }> {
    const key = this.publicKey;
    const subject = this.subjectText;
    const issuer = this.issuerText;
    const [s256, s1] = await Promise.all([digest("SHA-256", this.der), digest("SHA-1", this.der)]);
    const summary: CertificateSummary & { derBase64: string } = {
      subject,
      issuer,
      serialNumber: this.serialHex,
      notBefore: this.cert.notBefore.value.toISOString(),
      notAfter: this.cert.notAfter.value.toISOString(),
      emails: this.emails,
      keyAlgorithm:
        KEY_ALGORITHM_NAMES[key.kind] ?? (key.kind === "unsupported" ? key.algorithmOid : key.kind),
      fingerprintSha256: toHex(s256, ":").toUpperCase(),
      fingerprintSha1: toHex(s1, ":").toUpperCase(),
      derBase64: encodeBase64(this.der),
    };
    if (key.kind !== "unsupported" && key.kind !== "dsa-inherited") summary.keyBits = key.bits;
    if (key.kind === "ec") summary.namedCurve = key.curve;
    return summary;
  }
}
