/** Builds the trust inputs of one CLI run: bundled roots, the user's store, --anchor and --crl files. */
import { readFile } from "node:fs/promises";
import { buildTrustInputs, readCertificates, readCrls, type CertificateView, type ParsedCrl, type Store, type TrustInputs } from "../core/index.js";
import { UsageError } from "./args.js";
import type { Fetcher } from "../core/index.js";

/**
 * What an option's file holds, read by `reader` (certificates, CRLs); a file that cannot be read,
 * or holds anything else, is a usage error naming the option and the file.
 */
async function readOptionFile<T>(file: string, option: string, reader: (bytes: Uint8Array) => { errors: string[] } & T): Promise<T> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`${option}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const read = reader(bytes);
  if (read.errors.length > 0) throw new UsageError(`${option}: ${file}: ${read.errors.join("; ")}`);
  return read;
}

export async function readCertificateFile(file: string, option: string): Promise<CertificateView[]> {
  return (await readOptionFile(file, option, readCertificates)).certificates;
}

/** The CRLs in a --crl file (PEM or DER). */
async function readCrlFile(file: string): Promise<ParsedCrl[]> {
  return (await readOptionFile(file, "--crl", readCrls)).crls;
}

export interface TrustFiles {
  anchors: readonly string[];
  crls: readonly string[];
}

export async function trustInputs(storage: Store, files: TrustFiles, defaultRoots: boolean, fetcher: Fetcher): Promise<TrustInputs> {
  const extraAnchors: CertificateView[] = [];
  for (const file of files.anchors) extraAnchors.push(...(await readCertificateFile(file, "--anchor")));
  const crls: ParsedCrl[] = [];
  for (const file of files.crls) crls.push(...(await readCrlFile(file)));
  return buildTrustInputs({ store: storage, fetcher, extraAnchors, bundledRoots: defaultRoots, crls });
}
