/**
 * How far the times a CA or responder writes may lie from the reader's clock: their clocks and
 * ours differ, and an answer made a moment ago must not look like one from the future. Five
 * minutes, as OpenSSL's `ocsp -validity_period` default (300 seconds). CRLs and OCSP answers
 * get the same allowance.
 */
export const REVOCATION_CLOCK_SKEW_MS = 5 * 60_000;
