/**
 * A revocation problem as the part that met it knows it: the cause and its values, without the
 * source and address that check-chain.ts, which tried the sources, adds to make it a
 * RevocationProblem of the report.
 */
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
