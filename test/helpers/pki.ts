/**
 * Builds test PKIs and S/MIME messages with the `openssl` command, our peer:
 * nothing here is produced by Signet's own code.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identitiesFromPkcs12, type RecipientKey } from "../../src/core/index.js";
import { replayable } from "./openssl-replay.js";

export type KeySpec = "rsa:512" | "rsa:1024" | "rsa:2048" | "rsa:3072" | "ec:P-256" | "ec:P-384" | "ec:P-521" | "ec:secp256k1" | "ed25519" | "ed448" | "dsa:1024" | "dsa:2048";

export interface Identity {
  name: string;
  cert: string;
  key: string;
}

export interface LeafOptions {
  key?: KeySpec;
  /** rfc822Name entries of subjectAltName. */
  sanEmails?: string[];
  /** emailAddress attribute in the subject (old-style certificates). */
  subjectEmail?: string;
  /** The subject's commonName; default: the identity's name. */
  cn?: string;
  /** Leave out subjectKeyIdentifier (which `openssl x509 -req` otherwise adds). */
  noSubjectKeyIdentifier?: boolean;
}

export interface SignOptions {
  signers: { who: Identity; pss?: { saltlen?: string; mgf1?: string } }[];
  /** The MIME entity to sign (headers + body); LF line endings are fine, OpenSSL canonicalises. */
  content: string | Uint8Array;
  md?: string;
  detached?: boolean;
  from?: string;
  to?: string;
  subject?: string;
  noCerts?: boolean;
  /** Date header prepended to the output; default: now. null: none. */
  date?: Date | null;
  /** -binary: sign the content exactly as given, without canonicalising. */
  binary?: boolean;
  /** More certificates to carry in the message (-certfile), as PEM file names in the PKI folder. */
  extraCerts?: string[];
}

export function rfc2822(d: Date): string {
  return d.toUTCString().replace("GMT", "+0000");
}

export class OpensslPki {
  readonly dir = mkdtempSync(join(tmpdir(), "signet-pki-"));
  private serial = 1000;
  private counter = 0;

  /** Runs one openssl command in the folder and gives its standard output; throws when it fails. */
  run(args: string[], input?: string | Uint8Array): Buffer {
    let stderr = "";
    const { status, stdout } = replayable(this.dir, args, input, () => {
      const r = spawnSync("openssl", args, { cwd: this.dir, input, stdio: ["pipe", "pipe", "pipe"] });
      if (r.error) throw r.error;
      stderr = r.stderr.toString();
      return { status: r.status ?? -1, stdout: r.stdout };
    });
    if (status !== 0) throw new Error(`openssl ${args.join(" ")} exited with ${status}${stderr ? `: ${stderr}` : ""}`);
    return stdout;
  }

  /** Exit status of an openssl command, for asking the peer's opinion. */
  status(args: string[]): number {
    return spawnSync("openssl", args, { cwd: this.dir, stdio: "ignore" }).status ?? -1;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  write(name: string, data: string | Uint8Array): string {
    writeFileSync(this.path(name), data);
    return this.path(name);
  }

  read(name: string): Buffer {
    return readFileSync(this.path(name));
  }

  /** Makes `<name>.key` with `openssl genpkey` (DSA through a parameter file) and gives its file name. */
  protected genKey(name: string, spec: KeySpec): string {
    const file = `${name}.key`;
    const [alg, param] = spec.split(":");
    if (alg === "rsa") this.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${param}`, "-out", file]);
    else if (alg === "ec") this.run(["genpkey", "-algorithm", "EC", "-pkeyopt", `ec_paramgen_curve:${param}`, "-out", file]);
    else if (alg === "dsa") {
      this.run(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", `dsa_paramgen_bits:${param}`, "-out", `${name}.params`]);
      this.run(["genpkey", "-paramfile", `${name}.params`, "-out", file]);
    }
    else this.run(["genpkey", "-algorithm", spec === "ed448" ? "ED448" : "ED25519", "-out", file]);
    return file;
  }

  makeCa(name: string): Identity {
    const key = this.genKey(name, "rsa:2048");
    const cert = `${name}.pem`;
    // `req -x509` takes its extensions from a config file.
    this.write(`${name}.cnf`, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n`);
    this.run(["req", "-x509", "-new", "-key", key, "-subj", `/O=Signet Test/CN=${name}`, "-days", "3650", "-config", `${name}.cnf`, "-extensions", "v3", "-out", cert]);
    return { name, cert, key };
  }

  makeLeaf(name: string, ca: Identity, opts: LeafOptions = {}): Identity {
    const key = this.genKey(name, opts.key ?? "rsa:2048");
    const subj = `/O=Signet Test/CN=${opts.cn ?? name}${opts.subjectEmail ? `/emailAddress=${opts.subjectEmail}` : ""}`;
    this.run(["req", "-new", "-utf8", "-key", key, "-subj", subj, "-config", `${ca.name}.cnf`, "-out", `${name}.csr`]);
    const san = (opts.sanEmails ?? []).map((e) => `email:${e}`).join(",");
    this.write(
      `${name}.ext`,
      [
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment",
        "extendedKeyUsage=emailProtection",
        opts.noSubjectKeyIdentifier ? "subjectKeyIdentifier=none" : "subjectKeyIdentifier=hash",
        "authorityKeyIdentifier=keyid",
        san ? `subjectAltName=${san}` : "",
      ]
        .filter(Boolean)
        .join("\n") + "\n",
    );
    const cert = `${name}.pem`;
    this.run(["x509", "-req", "-in", `${name}.csr`, "-CA", ca.cert, "-CAkey", ca.key, "-set_serial", String(this.serial++), "-days", "3650", "-extfile", `${name}.ext`, "-out", cert]);
    return { name, cert, key };
  }

  /** Signs with `openssl cms -sign` and returns the whole message, with a Date header. */
  sign(o: SignOptions): Uint8Array {
    const id = this.counter++;
    const input = this.write(`content-${id}.txt`, o.content);
    const args = ["cms", "-sign", "-in", input, "-md", o.md ?? "sha256", "-out", `msg-${id}.eml`];
    for (const s of o.signers) {
      args.push("-signer", s.who.cert, "-inkey", s.who.key);
      if (s.pss) {
        args.push("-keyopt", "rsa_padding_mode:pss");
        if (s.pss.saltlen) args.push("-keyopt", `rsa_pss_saltlen:${s.pss.saltlen}`);
        if (s.pss.mgf1) args.push("-keyopt", `rsa_mgf1_md:${s.pss.mgf1}`);
      }
    }
    if (o.detached === false) args.push("-nodetach");
    if (o.noCerts) args.push("-nocerts");
    if (o.binary) args.push("-binary");
    if (o.extraCerts?.length) {
      this.write(`certfile-${id}.pem`, Buffer.concat(o.extraCerts.map((f) => this.read(f))));
      args.push("-certfile", `certfile-${id}.pem`);
    }
    args.push("-from", o.from ?? "alice@example.org", "-to", o.to ?? "bob@example.org", "-subject", o.subject ?? "Signet test");
    this.run(args);
    const date = o.date === undefined ? new Date() : o.date;
    const body = this.read(`msg-${id}.eml`);
    return date ? Buffer.concat([Buffer.from(`Date: ${rfc2822(date)}\n`), body]) : body;
  }

  /** `openssl cms -verify -noverify`: does the peer accept the signature itself? */
  opensslVerifies(message: Uint8Array, extra: string[] = []): boolean {
    const file = this.write(`verify-${this.counter++}.eml`, message);
    return this.status(["cms", "-verify", "-noverify", "-in", file, "-out", "/dev/null", ...extra]) === 0;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The RecipientKey of an identity, as a user's key comes to Signet: through `openssl pkcs12 -export` and the PKCS#12 reader. */
export async function recipientKeyOf(pki: OpensslPki, who: Identity): Promise<RecipientKey> {
  pki.run(["pkcs12", "-export", "-in", who.cert, "-inkey", who.key, "-out", `${who.name}.p12`, "-passout", "pass:pw"]);
  const read = await identitiesFromPkcs12(new Uint8Array(pki.read(`${who.name}.p12`)), "pw");
  if (!read.ok) throw new Error(read.problem);
  return read.identities[0]!;
}
