/**
 * Declarative test PKIs, issued by `openssl ca` (which, unlike `openssl x509 -req`
 * in OpenSSL 3.0, sets any validity dates): each certificate is a row naming its
 * issuer and extensions, so a scenario reads as a table.
 */
import { readFileSync } from "node:fs";
import * as asn1js from "asn1js";
import { readCertificates, type CertificateView } from "../../src/core/index.js";
import { OpensslPki, type KeySpec } from "./pki.js";

export interface CertSpec {
  name: string;
  /** The issuing certificate's name; absent for a self-signed root. */
  issuer?: string;
  /** basicConstraints: true / false, or "absent" for none at all. Default: true for roots and issuers of others. */
  ca?: boolean | "absent";
  pathLen?: number;
  /** keyUsage value for openssl's config, or "absent". */
  keyUsage?: string;
  /** extendedKeyUsage value, or "absent". Default emailProtection for leaves, absent for CAs. */
  eku?: string;
  email?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** AIA caIssuers URL. */
  caIssuers?: string;
  /** AIA OCSP responder URL. */
  ocsp?: string;
  /** cRLDistributionPoints URL. */
  crl?: string;
  /** nameConstraints value for openssl's config, e.g. "critical,permitted;email:.example.org". */
  nameConstraints?: string;
  key?: KeySpec;
  /** Override the subject (to make cross-certificates: same subject and key, other issuer). */
  subject?: string;
  /** Reuse another row's key (for cross-certificates). */
  keyOf?: string;
  /** subjectKeyIdentifier as hex, instead of the hash of the key (to make look-alikes). */
  ski?: string;
  /** The digest the issuer signs with (openssl ca -md); default sha256. */
  md?: string;
  /** certificatePolicies value for openssl's config, e.g. "1.2.3.4". */
  policies?: string;
  /** policyConstraints value, e.g. "requireExplicitPolicy:0". */
  policyConstraints?: string;
  /** More lines for openssl's extension file, as written there (an unknown critical extension, say). */
  extraExtensions?: string[];
}

export interface Issued {
  name: string;
  cert: string;
  key: string;
}

const asn1Time = (d: Date): string => d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
const DAY = 86_400_000;

export class ScenarioPki extends OpensslPki {
  private readonly issued = new Map<string, Issued>();
  private serialCounter = 0x1000;
  private databaseReady = false;
  private crlCounter = 0;

  /** Issues `specs` and gives each certificate as the core reads it, by name. */
  buildViews(specs: readonly CertSpec[]): Map<string, CertificateView> {
    this.build(specs);
    return new Map(specs.map((s) => [s.name, this.view(s.name)]));
  }

  /** The named certificate as the core reads it. */
  view(name: string): CertificateView {
    return readCertificates(this.read(this.get(name).cert)).certificates[0]!;
  }

  get(name: string): Issued {
    const i = this.issued.get(name);
    if (!i) throw new Error(`no certificate ${name}`);
    return i;
  }

  build(specs: readonly CertSpec[]): Map<string, Issued> {
    const issuers = new Set(specs.map((s) => s.issuer).filter(Boolean));
    for (const spec of specs) this.issue(spec, issuers.has(spec.name) || !spec.issuer);
    return this.issued;
  }

  private issue(spec: CertSpec, isCa: boolean): void {
    const keyFile = spec.keyOf ? this.get(spec.keyOf).key : this.genKey(spec.name, spec.key ?? "ec:P-256");
    const subject = spec.subject ?? `/O=Signet Scenario/CN=${spec.name}`;
    const ca = spec.ca ?? isCa;
    const lines: string[] = [];
    if (ca !== "absent") lines.push(`basicConstraints=critical,CA:${ca ? "TRUE" : "FALSE"}${ca && spec.pathLen !== undefined ? `,pathlen:${spec.pathLen}` : ""}`);
    const ku = spec.keyUsage ?? (ca === true ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation,keyEncipherment");
    if (ku !== "absent") lines.push(`keyUsage=${ku}`);
    const eku = spec.eku ?? (ca === true ? "absent" : "emailProtection");
    if (eku !== "absent") lines.push(`extendedKeyUsage=${eku}`);
    lines.push(`subjectKeyIdentifier=${spec.ski ?? "hash"}`);
    if (spec.issuer) lines.push("authorityKeyIdentifier=keyid");
    if (spec.email) lines.push(`subjectAltName=email:${spec.email}`);
    const aia = [spec.ocsp ? `OCSP;URI:${spec.ocsp}` : "", spec.caIssuers ? `caIssuers;URI:${spec.caIssuers}` : ""].filter(Boolean);
    if (aia.length) lines.push(`authorityInfoAccess=${aia.join(",")}`);
    if (spec.crl) lines.push(`crlDistributionPoints=URI:${spec.crl}`);
    if (spec.nameConstraints) lines.push(`nameConstraints=${spec.nameConstraints}`);
    if (spec.policies) lines.push(`certificatePolicies=${spec.policies}`);
    if (spec.policyConstraints) lines.push(`policyConstraints=${spec.policyConstraints}`);
    lines.push(...(spec.extraExtensions ?? []));
    const ext = this.write(`${spec.name}.ext`, lines.join("\n") + "\n");
    const csr = `${spec.name}.csr`;
    this.run(["req", "-new", "-key", keyFile, "-subj", subject, "-config", this.reqConfig(), "-out", csr]);
    const issuer = spec.issuer ? this.get(spec.issuer) : null;
    const notBefore = spec.notBefore ?? new Date(Date.now() - DAY);
    const notAfter = spec.notAfter ?? new Date(Date.now() + 3650 * DAY);
    const cnf = this.caConfig();
    const out = `${spec.name}.pem`;
    const args = ["ca", "-batch", "-config", cnf, "-notext", "-in", csr, "-out", out, "-extfile", ext, "-startdate", asn1Time(notBefore), "-enddate", asn1Time(notAfter)];
    if (spec.md) args.push("-md", spec.md);
    if (issuer) args.push("-cert", issuer.cert, "-keyfile", issuer.key);
    else args.push("-selfsign", "-keyfile", keyFile);
    this.run(args);
    this.issued.set(spec.name, { name: spec.name, cert: out, key: keyFile });
  }

  /** Marks a certificate revoked in its CA's database (`openssl ca -revoke`); without a reason, its CRL entry has no reason code. */
  revoke(ca: string, name: string, reason?: string): void {
    const issuer = this.get(ca);
    this.run(["ca", "-config", this.caConfig(false), "-cert", issuer.cert, "-keyfile", issuer.key, "-revoke", this.get(name).cert, ...(reason ? ["-crl_reason", reason] : [])]);
  }

  /**
   * The CA's CRL (`openssl ca -gencrl`), as DER: valid for `days` from now, or between fixed
   * dates (OpenSSL 3.0's -crl_lastupdate / -crl_nextupdate); `extensions` are crl_extensions
   * lines for openssl's config (the authority key identifier is always there); `md` the digest it
   * is signed with (openssl ca -md; default sha256).
   */
  gencrl(ca: string, options: { days?: number; lastUpdate?: Date; nextUpdate?: Date; extensions?: string[]; md?: string } = {}): Buffer {
    const issuer = this.get(ca);
    const base = readFileSync(this.caConfig(false), "utf8");
    const cnf = this.write(`crl-${this.crlCounter}.cnf`, `${base.replace("[d]\n", "[d]\ncrl_extensions=crl_ext\n")}[crl_ext]\nauthorityKeyIdentifier=keyid\n${(options.extensions ?? []).join("\n")}\n`);
    const out = `${ca}-${this.crlCounter++}.crl.pem`;
    const args = ["ca", "-config", cnf, "-gencrl", "-cert", issuer.cert, "-keyfile", issuer.key, "-out", out];
    if (options.lastUpdate) args.push("-crl_lastupdate", asn1Time(options.lastUpdate));
    if (options.nextUpdate) args.push("-crl_nextupdate", asn1Time(options.nextUpdate));
    else args.push("-crldays", String(options.days ?? 7));
    if (options.md) args.push("-md", options.md);
    this.run(args);
    return this.run(["crl", "-in", out, "-outform", "DER"]);
  }

  /**
   * A version 1 certificate, with no extensions at all, as `openssl x509 -req` issues one
   * without an extension file (RFC 5280 section 4.1.2.1); valid from now for `days`.
   */
  issueV1(name: string, issuer: string, days = 30): void {
    const key = this.genKey(name, "ec:P-256");
    this.run(["req", "-new", "-key", key, "-subj", `/O=Signet Scenario/CN=${name}`, "-config", this.reqConfig(), "-out", `${name}.csr`]);
    const ca = this.get(issuer);
    this.run(["x509", "-req", "-in", `${name}.csr`, "-CA", ca.cert, "-CAkey", ca.key, "-set_serial", String(this.serialCounter++), "-days", String(days), "-out", `${name}.pem`]);
    this.issued.set(name, { name, cert: `${name}.pem`, key });
  }

  /**
   * A CRL that `openssl ca -gencrl` will not make (it always writes nextUpdate and a
   * non-critical CRL number): tbsCertList built here with asn1js, field by field (RFC 5280
   * section 5.1), and signed by the CA's key with `openssl dgst -sha256 -sign` (ECDSA).
   */
  craftCrl(ca: string, o: { thisUpdate: Date; nextUpdate: Date | null; crlNumber: { value: number; critical: boolean } | null }): Uint8Array {
    const ecdsaWithSha256 = () => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: "1.2.840.10045.4.3.2" })] });
    const time = (d: Date) => new asn1js.UTCTime({ valueDate: d });
    const crlNumber = o.crlNumber
      ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [
          new asn1js.ObjectIdentifier({ value: "2.5.29.20" }),
          ...(o.crlNumber.critical ? [new asn1js.Boolean({ value: true })] : []),
          new asn1js.OctetString({ valueHex: new asn1js.Integer({ value: o.crlNumber.value }).toBER(false) }),
        ] })] })] })]
      : [];
    const tbs = new asn1js.Sequence({
      value: [new asn1js.Integer({ value: 1 }), ecdsaWithSha256(), this.view(ca).cert.subject.toSchema(), time(o.thisUpdate), ...(o.nextUpdate ? [time(o.nextUpdate)] : []), ...crlNumber],
    }).toBER(false);
    const signature = this.run(["dgst", "-sha256", "-sign", this.get(ca).key], new Uint8Array(tbs));
    return new Uint8Array(new asn1js.Sequence({ value: [asn1js.fromBER(tbs).result, ecdsaWithSha256(), new asn1js.BitString({ valueHex: new Uint8Array(signature) })] }).toBER(false));
  }

  private reqConfig(): string {
    return this.write("req.cnf", "[req]\ndistinguished_name=dn\n[dn]\n");
  }

  /**
   * A minimal `openssl ca` configuration: no policy on names, a fresh serial each time.
   * One database for every CA of the PKI, so revocations and CRLs see all issued certificates.
   */
  private caConfig(issuing = true): string {
    if (!this.databaseReady) {
      this.write("index.txt", "");
      this.write("crlnumber", "1000\n");
      this.databaseReady = true;
    }
    if (issuing) this.write("serial", (this.serialCounter++).toString(16).padStart(4, "0") + "\n");
    return this.write(
      "ca.cnf",
      "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ncrlnumber=crlnumber\ndefault_md=sha256\npolicy=p\npreserve=yes\nunique_subject=no\ncopy_extensions=none\n[p]\norganizationName=optional\ncommonName=optional\nemailAddress=optional\n",
    );
  }
}
