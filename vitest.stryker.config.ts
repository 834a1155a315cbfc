/**
 * The test run StrykerJS uses for each mutant (npm run mutate): the suites that
 * exercise the core and the private-address guard, without the host suites
 * (real Thunderbird and Chromium over built bundles, which a mutant of the
 * sources does not reach) and without the bundle checks.
 */
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      exclude: ["test/hosts/thunderbird.test.ts", "test/hosts/*-chromium.test.ts", "test/hosts/addons-linter.test.ts", "test/architecture/**", "test/cli/**", "**/node_modules/**"],
      reporters: ["default"],
    },
  }),
);
