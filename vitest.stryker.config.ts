/**
 * The test run StrykerJS uses for each mutant (npm run mutate): the suites that
 * exercise the core and the private-address guard, without the host suites
 * (real Thunderbird and Chromium over built bundles, which a mutant of the
 * sources does not reach), the views, and the fuzzing engine's own tests, which
 * test src/fuzz; without the bundle checks.
 */
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";
import FastFirstSequencer from "./test/helpers/fast-first-sequencer.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      exclude: [
        "test/hosts/thunderbird.test.ts",
        "test/hosts/*-chromium.test.ts",
        "test/hosts/addons-linter.test.ts",
        "test/hosts/toolbar.test.ts",
        "test/architecture/**",
        "test/cli/**",
        "test/ui/**",
        // The fuzzing engine's own tests (its search finds a planted input, 40 s) and the mutators: they test src/fuzz, which is not mutated.
        "test/fuzz/engine.test.ts",
        "test/fuzz/mutations.test.ts",
        "**/node_modules/**",
      ],
      reporters: ["default"],
      // A killing test should run early: see the sequencer.
      sequence: { sequencer: FastFirstSequencer },
    },
  }),
);
