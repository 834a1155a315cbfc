/**
 * A revocation problem as the part that met it knows it: the cause and its values, without the
 * source and address that check-chain.ts, which tried the sources, adds to make it a
 * RevocationProblem of the report.
 */
import { signatureScheme } from "../crypto/algorithms.js";
import type { PublicKeyDescription } from "../crypto/public-key.js";
import { refusal } from "../policy/algorithm-acceptance.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { IssueParams, RevocationProblem } from "../report/types.js";

export type ProblemCause = Omit<RevocationProblem, "source" | "url">;

/** The digest, or key size and minimum, of an algorithm-policy finding (algorithm-acceptance.ts), as a problem carries them. */
export function algorithmValues(params: IssueParams): Pick<ProblemCause, "algorithm" | "bits" | "minimum"> {
  const values: Pick<ProblemCause, "algorithm" | "bits" | "minimum"> = {};
  if (typeof params.algorithm === "string") values.algorithm = params.algorithm;
  if (typeof params.bits === "number") values.bits = params.bits;
  if (typeof params.minimum === "number") values.minimum = params.minimum;
  return values;
}

/**
 * The algorithm policy (algorithm-acceptance.ts) on a CRL's or an OCSP answer's signature, once it
 * is known to verify: signature-refused with what was refused, or null.
 */
export function signatureRefused(algorithmOid: string, params: unknown, key: PublicKeyDescription, policy: SmimePolicy): ProblemCause | null {
  const found = refusal(signatureScheme(algorithmOid, params, null), key, policy);
  return found ? { code: "signature-refused", ...algorithmValues(found.params) } : null;
}
