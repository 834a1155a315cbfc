import { defineConfig } from "vitest/config";

export default defineConfig({
  // The views are Preact; vite transforms test .tsx with the same JSX runtime as tsconfig.json.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // OpenSSL builds each suite's PKI in beforeAll; Thunderbird-sized corpora take a while on 2 cores.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
  },
});
