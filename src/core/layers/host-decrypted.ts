/**
 * Joining the report of an encrypted message with the report of the plaintext
 * the host decrypted. Thunderbird decrypts only a message that is encrypted as
 * a whole, so only that case asks the host.
 */
import type { Issue, SecurityReport } from "../report/types.js";
import { computeVerdict } from "../report/verdict.js";

export function needsHostDecryption(report: SecurityReport): boolean {
  const first = report.layers[0];
  return first?.kind === "enveloped" && first.mimePath === "" && !first.opened;
}

export function joinHostDecrypted(outer: SecurityReport, inner: SecurityReport): SecurityReport {
  const envelope = outer.layers[0];
  // Stryker disable next-line ConditionalExpression,OptionalChaining: inspectMessage joins only when needsHostDecryption holds, so the first layer is the envelope
  if (envelope?.kind !== "enveloped") return outer;
  const shift = (issue: Issue): Issue => (issue.where.layer === undefined ? issue : { ...issue, where: { ...issue.where, layer: issue.where.layer + 1 } });
  const issues = [
    // The key was found after all: the outer report's no-decryption-key no longer holds.
    // Stryker disable next-line ConditionalExpression: the outer report has no layer past the envelope, whose content it could not see
    ...outer.issues.filter((i) => !(i.code === "no-decryption-key" && i.where.layer === 0)),
    ...inner.issues.map(shift),
  ];
  const layers = [{ ...envelope, opened: true, decryptedBy: "host" as const }, ...inner.layers.map((l) => ({ ...l, index: l.index + 1 }))];
  // The plaintext's own state stands when it says more than "none" (encrypted again inside, say).
  const encryption = inner.encryption === "none" ? "decrypted" : inner.encryption;
  const { signature, trust, revocation } = inner;
  return {
    ...inner,
    encryption,
    // The envelope's size and headers are the message's; the plaintext's are an inner copy.
    message: { ...inner.message, sizeBytes: outer.message.sizeBytes },
    layers,
    issues,
    verdict: computeVerdict({ signature, trust, revocation, encryption, issues }),
  };
}
