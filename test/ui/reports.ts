/** Reports of the OpenSSL-made samples, as the core gives them, for the view tests. */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildTrustInputs, inspectMessage, readCertificates, type SecurityReport } from "../../src/core/index.js";

export const root = resolve(import.meta.dirname, "../..");

export async function sampleReport(name: string): Promise<SecurityReport> {
  const anchors = readCertificates(readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"))).certificates;
  const trust = await buildTrustInputs({ extraAnchors: anchors, bundledRoots: false });
  return inspectMessage(readFileSync(join(root, "samples", name)), { clock: { now: () => new Date() } }, { trust });
}
