/**
 * The identities a PKCS#12 file holds: each private key with the certificate
 * that carries its public key. Files name the pair by a shared localKeyId
 * (RFC 7292 appendix D), but the pairing is decided by the key itself: a
 * certificate whose key differs is not the key's, whatever the attributes say.
 */
import { CertificateView } from "../x509/certificate.js";
import { pemOrDer } from "../util/pem.js";
import { readPkcs12, type Pkcs12Problem } from "./pkcs12.js";
import { recipientKeyFromPkcs8, type RecipientKey } from "./recipient-key.js";

export type Pkcs12IdentityProblem =
  | Pkcs12Problem
  /** The file holds no private key (a certificate export, say). */
  | { problem: "no-key" }
  /** A private key and no certificate at all: nothing says whose key it is. */
  | { problem: "no-certificate" }
  /** A key none of whose certificates carries its public key. */
  | { problem: "key-does-not-match" }
  /** A key of a kind Signet cannot use for S/MIME (DSA, Ed25519, a curve other than P-256/384/521). */
  | { problem: "unsupported-key" };

export type Pkcs12Identities =
  | {
      ok: true;
      identities: RecipientKey[];
      /** Each identity's PKCS#8 PrivateKeyInfo, in the same order: for sealing into the key store, never for storing as it is. */
      privateKeys: Uint8Array[];
      /** Certificates that belong to no key: the CA chain, usually. */
      others: CertificateView[];
    }
  | ({ ok: false } & Pkcs12IdentityProblem);

/** A PKCS#12 file as DER, or armoured as PEM ("PKCS12", as some tools write it; RFC 7468 names no label for it). */
export async function identitiesFromPkcs12(file: Uint8Array, password: string): Promise<Pkcs12Identities> {
  const der = pemOrDer(file, ["PKCS12"])[0];
  if (!der) return { ok: false, problem: "malformed", detail: "the file holds PEM blocks, none of them PKCS12" };
  const read = await readPkcs12(der, password);
  if (!read.ok) return read;
  if (read.keys.length === 0) return { ok: false, problem: "no-key" };
  const certificates: CertificateView[] = [];
  for (const c of read.certificates) {
    try {
      certificates.push(CertificateView.fromDer(c.value));
    } catch {
      return { ok: false, problem: "malformed", detail: "a certificate in the file cannot be read" };
    }
  }
  if (certificates.length === 0) return { ok: false, problem: "no-certificate" };
  const identities: RecipientKey[] = [];
  const privateKeys: Uint8Array[] = [];
  for (const key of read.keys) {
    let paired: RecipientKey | null = null;
    let lastProblem: "malformed-key" | "unsupported-key" | "key-does-not-match" = "key-does-not-match";
    for (const cert of certificates) {
      const attempt = await recipientKeyFromPkcs8(key.value, cert);
      if (typeof attempt !== "string") {
        paired = attempt;
        break;
      }
      lastProblem = attempt;
      // Stryker disable next-line ConditionalExpression: the same key fails the same way with every other certificate
      if (attempt !== "key-does-not-match") break;
    }
    if (!paired) {
      if (lastProblem === "malformed-key") return { ok: false, problem: "malformed", detail: "a private key in the file cannot be read" };
      return { ok: false, problem: lastProblem };
    }
    identities.push(paired);
    privateKeys.push(key.value);
  }
  const others = certificates.filter((c) => !identities.some((i) => i.certificate === c));
  return { ok: true, identities, privateKeys, others };
}
