/**
 * The layering rules of DESIGN.md hold mechanically: the lint rule rejects
 * host, DOM and Node imports in src/core, and the core bundles for a browser
 * with webpack without any Node polyfill.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ESLint } from "eslint";
import webpack from "webpack";
import { describe, expect, it } from "vitest";
import config from "../../webpack.config.js";

const root = resolve(import.meta.dirname, "../..");

describe("lint boundaries", () => {
  const eslint = new ESLint({ cwd: root });
  const messages = async (code: string, file: string) =>
    (await eslint.lintText(code, { filePath: join(root, file) }))[0]!.messages.map((m) => m.ruleId);

  it("src/core may not import Node modules, host APIs or the UI, nor touch DOM globals", async () => {
    const bad = [
      'import { readFileSync } from "node:fs"; export const a = readFileSync;',
      'import fs from "fs"; export const a = fs;',
      'import { h } from "preact"; export const a = h;',
      'import browser from "webextension-polyfill"; export const a = browser;',
      'import { EN } from "../ui/messages/en.js"; export const a = EN;',
      "export const a = document.title;",
      "export const a = browser.runtime;",
      "export const a = Office.context;",
      'export const a = fetch("http://x");',
      "export const a = Buffer.from([]);",
    ];
    for (const code of bad) expect(await messages(code, "src/core/probe.ts"), code).toEqual(expect.arrayContaining([expect.stringMatching(/^no-restricted-(imports|globals)$/)]));
    expect(await messages("export const a = crypto.subtle;", "src/core/probe.ts")).toEqual([]);
  });

  it("src/ui may not reach host APIs", async () => {
    expect(await messages("export const a = messenger.messages;", "src/ui/probe.ts")).toContain("no-restricted-globals");
    expect(await messages('import { x } from "../hosts/thunderbird/x.js"; export const a = x;', "src/ui/probe.ts")).toContain("no-restricted-imports");
  });

  it("explicit any is an error everywhere", async () => {
    expect(await messages("export const a: any = 1;", "src/cli/probe.ts")).toContain("@typescript-eslint/no-explicit-any");
  });
});

describe("browser bundle", () => {
  it("webpack bundles src/core for the web target with no Node polyfills", async () => {
    const out = mkdtempSync(join(tmpdir(), "signet-webpack-"));
    try {
      const configs = (config as (env: unknown, argv: { mode: string }) => webpack.Configuration[])({}, { mode: "development" });
      const base = configs.find((c) => c.name === "core")!;
      const stats = await new Promise<webpack.Stats>((done, fail) =>
        webpack({ ...base, devtool: false, output: { ...base.output, path: out } }, (err, s) => (err || !s ? fail(err) : done(s))),
      );
      expect(stats.toJson({ errors: true }).errors ?? []).toEqual([]);
      const bundle = readFileSync(join(out, "signet-core.js"), "utf8");
      expect(bundle).toContain("inspectMessage");
      expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
