/**
 * `--key FILE.p12 --password-env VAR`: keys for one run, read from PKCS#12 files and kept in memory
 * only. The password comes from the environment, never from the command line, where other users of
 * the machine can read it (ps, /proc/PID/cmdline).
 */
import { readFile } from "node:fs/promises";
import { identitiesFromPkcs12, type Pkcs12IdentityProblem, type RecipientKey } from "../core/index.js";
import { UsageError } from "./args.js";

export function problemText(p: Pkcs12IdentityProblem, passwordVar: string): string {
  switch (p.problem) {
    case "wrong-password":
      // RFC 7292's MAC cannot tell a wrong password from a file changed since it was made.
      return `the password in $${passwordVar} does not open it (or the file was changed since it was made)`;
    case "malformed":
      return `not a PKCS#12 file, or a damaged one (${p.detail})`;
    case "unsupported":
      return `it is protected with ${p.algorithm}, which Signet cannot read`;
    case "no-key":
      return "it holds certificates but no private key";
    case "no-certificate":
      return "it holds a private key but no certificate (export it again with its certificate)";
    case "key-does-not-match":
      return "its private key belongs to none of its certificates";
    case "unsupported-key":
      return "its key is of a kind Signet cannot decrypt with (RSA, and EC on P-256, P-384 or P-521, are supported)";
  }
}

/** The value of the environment variable an option names; never a secret on the command line. */
export function secretFromEnv(option: string, variable: string | undefined): string {
  if (variable === undefined) throw new UsageError(`${option} VAR is needed: the name of an environment variable that holds it`);
  const value = process.env[variable];
  if (value === undefined) throw new UsageError(`${option}: $${variable} is not set`);
  return value;
}

export async function readKeyFiles(files: readonly string[], passwordVar: string | undefined): Promise<RecipientKey[]> {
  if (files.length === 0) return [];
  if (passwordVar === undefined) throw new UsageError("--key needs --password-env VAR: the name of an environment variable that holds the file's password");
  const password = secretFromEnv("--password-env", passwordVar);
  const keys: RecipientKey[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      throw new UsageError(`--key: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const read = await identitiesFromPkcs12(bytes, password);
    if (!read.ok) throw new UsageError(`--key ${file}: ${problemText(read, passwordVar)}`);
    keys.push(...read.identities);
  }
  return keys;
}
