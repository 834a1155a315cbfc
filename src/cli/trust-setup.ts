/** Builds the trust inputs of one CLI run: bundled roots, the user's store, and --anchor files. */
import { readFile } from "node:fs/promises";
import { buildTrustInputs, readCertificates, type CertificateView, type Store, type TrustInputs } from "../core/index.js";
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

export async function trustInputs(storage: Store, anchorFiles: readonly string[], defaultRoots: boolean, fetcher: Fetcher): Promise<TrustInputs> {
  const extraAnchors: CertificateView[] = [];
  for (const file of anchorFiles) extraAnchors.push(...(await readCertificateFile(file, "--anchor")));
  return buildTrustInputs({ store: storage, fetcher, extraAnchors, bundledRoots: defaultRoots });
}
