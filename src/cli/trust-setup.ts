/** Builds the trust inputs of one CLI run: bundled roots, the user's store, and --anchor files. */
import { readFile } from "node:fs/promises";
import {
  AiaIssuerSource,
  bundledAnchors,
  CertificatePool,
  loadUserTrust,
  readCertificates,
  TrustStore,
  type CertificateView,
  type Store,
  type TrustAnchor,
  type TrustInputs,
} from "../core/index.js";
import { UsageError } from "./args.js";
import { nodeFetcher } from "./node-fetcher.js";

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

export async function trustInputs(storage: Store, anchorFiles: readonly string[], defaultRoots: boolean): Promise<TrustInputs> {
  const user = await loadUserTrust(storage);
  const anchors: TrustAnchor[] = [...(defaultRoots ? bundledAnchors() : []), ...user.anchors];
  for (const file of anchorFiles) for (const certificate of await readCertificateFile(file, "--anchor")) anchors.push({ certificate, source: "option" });
  const cache = new CertificatePool("cache");
  const store = await TrustStore.create(anchors, user.distrusted, user.distrustedCertificates);
  return { store, cache, remote: [new AiaIssuerSource(nodeFetcher, cache)] };
}
