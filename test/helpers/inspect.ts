import { inspectMessage, type InspectOptions, type IssueParams, type SecurityReport, type SignedLayer, type SignerReport } from "../../src/core/index.js";
import type { LocalIssue } from "../../src/core/report/local-issue.js";

export async function inspect(raw: Uint8Array | string, options: InspectOptions = {}): Promise<SecurityReport> {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  return inspectMessage(bytes, { clock: { now: () => new Date() } }, options);
}

export function signedLayers(r: SecurityReport): SignedLayer[] {
  return r.layers.filter((l): l is SignedLayer => l.kind === "signed");
}

export function signers(r: SecurityReport): SignerReport[] {
  return signedLayers(r).flatMap((l) => l.signers);
}

export function codes(r: SecurityReport, severity?: string): string[] {
  return r.issues.filter((i) => severity === undefined || i.severity === severity).map((i) => i.code);
}

/** A local issue's params as the report carries them, for reading one value whatever the code. */
export const paramsOf = (issue: LocalIssue | undefined): IssueParams => (issue?.params ?? {}) as IssueParams;
