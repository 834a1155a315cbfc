/**
 * A target for testing the fuzzing engine itself: it "crashes" only on inputs
 * that begin with the bytes S, I, G, !, each checked in a branch of its own,
 * which blind mutation would almost never produce but coverage guidance finds
 * one step at a time; and it is slow on an input that begins with 0xEE.
 */
import type { FuzzTarget } from "../../src/fuzz/targets.js";

function stage(input: Uint8Array): number {
  if (input[0] !== 0x53) return 0;
  if (input[1] !== 0x49) return 1;
  if (input[2] !== 0x47) return 2;
  if (input[3] !== 0x21) return 3;
  return 4;
}

export const GATED_CRASH: FuzzTarget = {
  name: "gated",
  kind: "der",
  seeds: "der",
  maxInputBytes: 16,
  budgetMs: 1000,
  run: async (input) => {
    if (stage(input) === 4) throw new TypeError("reached the gate");
  },
};

export const SLOW_ON_EE: FuzzTarget = {
  name: "slow",
  kind: "der",
  seeds: "der",
  maxInputBytes: 16,
  budgetMs: 20,
  run: async (input) => {
    if (input[0] === 0xee) {
      const until = performance.now() + 40;
      while (performance.now() < until);
    }
  },
};
