/**
 * The exit status of `signet inspect`, for scripts: the worst answer over every
 * input. A verdict that needs no action (verified, or plainly not protected) is 0;
 * an input that could not be read at all is worse than any verdict, since nothing
 * about it is known. 2 is kept for usage errors (main.ts), as most tools do.
 */
import type { Verdict } from "../core/index.js";

export const EXIT = {
  ok: 0,
  warning: 1,
  usage: 2,
  danger: 3,
  unreadable: 4,
} as const;

export type Outcome = Verdict | "unreadable";

const STATUS: Record<Outcome, number> = {
  verified: EXIT.ok,
  none: EXIT.ok,
  warning: EXIT.warning,
  danger: EXIT.danger,
  unreadable: EXIT.unreadable,
};

/** The worst of the outcomes (0 for none at all). */
export function exitStatus(outcomes: readonly Outcome[]): number {
  return Math.max(EXIT.ok, ...outcomes.map((o) => STATUS[o]));
}

export const EXIT_STATUS_HELP = `exit status: the worst over every input, so a script can act on it
  0  verified, or not protected (unsigned and unencrypted, with nothing wrong)
  1  warning: look before trusting it (for example a signer you do not trust yet)
  2  usage error (nothing was inspected)
  3  danger: something is provably wrong (a bad signature, a revoked certificate, a forged sender)
  4  an input could not be read
  --exit-zero makes every inspected run exit 0`;
