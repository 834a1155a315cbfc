/**
 * The explicit limits of one path search. Hostile messages can carry many
 * certificates with the same names (or loops of cross-certificates) to make a
 * naive search exponential; every limit turns that into `path-search-limit`.
 */
export interface PathBudget {
  /**
   * Signature checks per search. Default 100: Go crypto/x509's maxChainSignatureChecks;
   * rustls webpki's default budget is of the same order. Real chains need 2 to 4.
   */
  readonly maxSignatureChecks: number;
  /**
   * Longest path, leaf to anchor inclusive. Default 10: webpki allows 6 intermediates
   * (MAX_SUB_CA_COUNT), and no public S/MIME hierarchy needs more than 4.
   */
  readonly maxDepth: number;
  /** Candidate issuers considered in all, counted before any signature check. Default 1,000. */
  readonly maxSteps: number;
  /** Wall-clock time for the search, AIA fetches included, in milliseconds. Default 10,000. */
  readonly deadlineMs: number;
}

export const DEFAULT_PATH_BUDGET: PathBudget = Object.freeze({
  maxSignatureChecks: 100,
  maxDepth: 10,
  maxSteps: 1000,
  deadlineMs: 10_000,
});
