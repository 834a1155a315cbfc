/**
 * A campaign's starting inputs: the samples, and the public corpora in
 * ../shared/corpora when they are there (read in place, never copied). Every
 * target gets inputs of its own kind: messages, CMS blobs, certificates, CRLs,
 * OCSP responses.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { decodeBase64Text } from "../core/util/base64.js";
import { DEFAULT_LIMITS } from "../core/limits.js";
import { parseEntity, type MimeEntity } from "../core/mime/entity.js";
import { decodeBody } from "../core/mime/transfer-encoding.js";
import type { FuzzTarget } from "./targets.js";

export const REPO = resolve(import.meta.dirname, "../..");
export const CORPORA = process.env.SIGNET_CORPORA ?? resolve(REPO, "../shared/corpora");

function files(dir: string, match: RegExp, every = 1): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (match.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out.filter((_, i) => i % every === 0);
}

const read = (paths: string[]): Uint8Array[] => paths.map((p) => new Uint8Array(readFileSync(p)));

/** DER from PEM blocks, or the file itself when it is not PEM. */
function derOf(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString("latin1");
  const blocks = [...text.matchAll(/-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END/g)];
  return blocks.length ? blocks.map((b) => decodeBase64Text(b[1]!).bytes) : [bytes];
}

/** The CMS blobs inside messages: every pkcs7 part, decoded. */
function cmsParts(message: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const visit = (e: MimeEntity): void => {
    const type = `${e.contentType.type}/${e.contentType.subtype}`;
    if (/pkcs7-(signature|mime)$/.test(type)) out.push(decodeBody(e).bytes);
    for (const p of e.parts) visit(p);
  };
  visit(parseEntity(message, 0, message.length, "", 0, { limits: DEFAULT_LIMITS, problems: [], partCount: 0 }));
  return out;
}

export function loadSeeds(kind: FuzzTarget["seeds"]): Uint8Array[] {
  const c = CORPORA;
  const messages = () => [
    ...read(files(join(REPO, "samples"), /\.eml$/)),
    ...read(files(join(c, "thunderbird-smime"), /\.eml$/, 2)),
    ...read(files(join(c, "nist-pkits/smime"), /\.eml$/, 8)),
    ...read(files(join(c, "rfc4134"), /\.eml$/)),
    ...read(files(join(c, "misc-smime"), /\.eml$/)),
  ];
  const certificates = () => [
    ...read(files(join(REPO, "samples/certs"), /\.pem$/)).flatMap(derOf).filter((d) => d.length > 0),
    ...read(files(join(c, "nist-pkits/certs"), /\.crt$/, 10)),
    ...read(files(join(c, "rfc4134"), /\.cer$/)),
  ];
  const crls = () => [
    ...read(files(join(REPO, "samples/certs"), /crl\.pem$/)).flatMap(derOf),
    ...read(files(join(c, "nist-pkits/crls"), /\.crl$/, 5)),
    ...read(files(join(c, "rfc4134"), /\.crl$/)),
  ];
  const ocsp = () => [
    ...read(files(join(c, "ocsp/openssl-ocsp-tests"), /\.ors$/)).map((b) => decodeBase64Text(Buffer.from(b).toString("latin1")).bytes),
    ...read(files(join(c, "ocsp/pyca-ocsp-vectors"), /resp.*\.der$/)),
  ];
  const cms = () => [...read(files(join(c, "rfc4134"), /^[45]\.\d+\.bin$/)), ...messages().slice(0, 60).flatMap(cmsParts)];
  switch (kind) {
    case "messages":
      return messages();
    case "certificates":
      return certificates();
    case "crls":
      return crls();
    case "ocsp":
      return ocsp();
    case "cms":
      return cms();
    case "der":
      return [...cms(), ...certificates(), ...crls(), ...ocsp()];
  }
}
