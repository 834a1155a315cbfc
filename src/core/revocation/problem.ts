/**
 * A revocation problem as the part that met it knows it: the cause and its values, without the
 * source and address that check-chain.ts, which tried the sources, adds to make it a
 * RevocationProblem of the report.
 */
import type { RevocationProblem } from "../report/types.js";

export type ProblemCause = Omit<RevocationProblem, "source" | "url">;
