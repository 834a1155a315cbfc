/** Builds the trust inputs of one CLI run: bundled roots, the user's store, --anchor and --crl files. */
import { readFile } from "node:fs/promises";
import { buildTrustInputs, readCertificates, readCrls, type CertificateView, type ParsedCrl, type Store, type TrustInputs } from "../core/index.js";
import { UsageError } from "./args.js";
import type { Fetcher } from "../core/index.js";

export async function readCertificateFile(file: string, option: string): Promise<CertificateView[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`${option}: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const read = readCertificates(bytes);
  if (read.errors.length > 0) throw new UsageError(`${option}: ${file}: ${read.errors.join("; ")}`);
  return read.certificates;
}

/** The CRLs in a --crl file (PEM or DER); a file that cannot be read, or holds anything else, is a usage error. */
async function readCrlFile(file: string): Promise<ParsedCrl[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`--crl: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const read = readCrls(bytes);
  if (read.errors.length > 0) throw new UsageError(`--crl: ${file}: ${read.errors.join("; ")}`);
  return read.crls;
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
