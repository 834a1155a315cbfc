/** Reports of the OpenSSL-made samples, as the core gives them, for the view tests. */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildTrustInputs, inspectMessage, readCertificates, type SecurityReport } from "../../src/core/index.js";

export const root = resolve(import.meta.dirname, "../..");

/**
 * The report of a sample, optionally with its outer From line replaced: in a
 * multipart/signed message that line is outside the signature, as an attacker finds it.
 */
export async function sampleReport(name: string, from?: string): Promise<SecurityReport> {
  const anchors = readCertificates(readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"))).certificates;
  const trust = await buildTrustInputs({ extraAnchors: anchors, bundledRoots: false });
  let bytes = readFileSync(join(root, "samples", name));
  if (from !== undefined) bytes = Buffer.from(bytes.toString("latin1").replace(/^From: .*$/m, `From: ${from}`), "latin1");
  return inspectMessage(bytes, { clock: { now: () => new Date() } }, { trust });
}
