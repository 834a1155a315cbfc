/**
 * A certificate for `signet serve` on this machine when the user names none:
 * self-signed for localhost, 127.0.0.1 and ::1, ECDSA P-256, valid 90 days,
 * kept beside the user's store with its key readable by the user alone, and
 * made again when it is about to expire. Browsers and Outlook trust it only
 * once the user does (README: "Trusting the development certificate");
 * office-addin-dev-certs is another way. Nothing here is ever committed.
 */
import { webcrypto } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  X509Certificate,
  X509CertificateGenerator,
} from "../core/x509/peculiar.js";

const LIFETIME_DAYS = 90;
/** Made again when fewer than this many days are left. */
const RENEW_DAYS = 7;

export interface DevCertificate {
  cert: Buffer;
  key: Buffer;
  certPath: string;
  created: boolean;
}

async function make(now: Date): Promise<{ cert: string; key: string }> {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1"),
      name: "CN=Signet development server (localhost)",
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + LIFETIME_DAYS * 86_400_000),
      keys,
      signingAlgorithm: alg,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.1"]), // id-kp-serverAuth (RFC 5280 section 4.2.1.12)
        new SubjectAlternativeNameExtension([
          { type: "dns", value: "localhost" },
          { type: "ip", value: "127.0.0.1" },
          { type: "ip", value: "::1" },
        ]),
      ],
    },
    webcrypto as unknown as Crypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { cert: cert.toString("pem"), key: PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** The development certificate under `dir` (made, or made again when near its end). */
export async function devCertificate(dir: string, now = new Date()): Promise<DevCertificate> {
  const certPath = join(dir, "dev-server-cert.pem");
  const keyPath = join(dir, "dev-server-key.pem");
  try {
    const [cert, key] = await Promise.all([readFile(certPath), readFile(keyPath)]);
    const notAfter = new X509Certificate(cert.toString("utf8")).notAfter;
    if (notAfter.getTime() - now.getTime() > RENEW_DAYS * 86_400_000) return { cert, key, certPath, created: false };
  } catch {
    // None yet, or unreadable: make one.
  }
  const made = await make(now);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, made.cert);
  return { cert: Buffer.from(made.cert), key: Buffer.from(made.key), certPath, created: true };
}
