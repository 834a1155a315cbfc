/**
 * The layering rules of ARCHITECTURE.md hold mechanically: the lint rule rejects
 * host, DOM and Node imports in src/core and host APIs in src/ui; the core
 * bundles for a browser without any Node polyfill; the banner carries no core.
 */
import { BUNDLED_ROOTS } from "../../src/core/trust/bundled-roots.js";
import { EN_CATALOGUE } from "../../src/ui/messages/catalogue-en.js";
import { DE_CATALOGUE } from "../../src/ui/messages/catalogue-de.js";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { requireBuilt } from "../helpers/built.js";

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

  it("src/ui may not reach host APIs, and takes only types from the core", async () => {
    expect(await messages("export const a = messenger.messages;", "src/ui/probe.ts")).toContain("no-restricted-globals");
    expect(await messages("export const A = () => <p>{String(browser.runtime)}</p>;", "src/ui/components/Probe.tsx")).toContain("no-restricted-globals");
    expect(await messages("export const a = Office.context;", "src/ui/probe.ts")).toContain("no-restricted-globals");
    expect(await messages('import { x } from "../hosts/thunderbird/x.js"; export const a = x;', "src/ui/probe.ts")).toContain("@typescript-eslint/no-restricted-imports");
    expect(await messages('import browser from "webextension-polyfill"; export const a = browser;', "src/ui/probe.ts")).toContain("@typescript-eslint/no-restricted-imports");
    expect(await messages('import { inspectMessage } from "../core/index.js"; export const a = inspectMessage;', "src/ui/probe.ts")).toContain("@typescript-eslint/no-restricted-imports");
    expect(await messages('import type { SecurityReport } from "../core/index.js"; export type A = SecurityReport;', "src/ui/probe.ts")).toEqual([]);
  });

  it("in the Outlook pane only the entry reads the Office global; the rest goes through the mailbox façade", async () => {
    expect(await messages("export const a = Office.context;", "src/hosts/outlook/pane.tsx")).toContain("no-restricted-globals");
    expect(await messages("export const a = Office.context;", "src/hosts/outlook/probe.ts")).toContain("no-restricted-globals");
    expect(await messages("export const a = Office.context;", "src/hosts/outlook/taskpane.tsx")).not.toContain("no-restricted-globals");
  });

  it("explicit any is an error everywhere", async () => {
    expect(await messages("export const a: any = 1;", "src/cli/probe.ts")).toContain("@typescript-eslint/no-explicit-any");
  });
});

describe("browser bundles (built by npm run build, which npm test runs first)", () => {
  it("webpack bundled the core for the web target with no Node polyfills (background, demo page and Outlook pane)", () => {
    for (const file of ["thunderbird/background.js", "demo/demo.js", "outlook/taskpane.js"]) {
      const bundle = readFileSync(requireBuilt(file), "utf8");
      expect(bundle).toContain("1.2.840.113549.1.7.2");
      expect(bundle).not.toMatch(/require\(["']node:|from ["']node:/);
    }
  });

  it("the banner, popup and options scripts carry no core code: they ask the background", () => {
    for (const page of ["banner", "popup", "options"]) {
      const bundle = readFileSync(requireBuilt(`thunderbird/${page}.js`), "utf8");
      // Strings only the core's CMS and path code contain.
      for (const marker of ["SignedData", "CertificateRevocationList", "BUNDLED_ROOTS", "1.2.840.113549.1.7.2"]) expect(bundle, `${page}: ${marker}`).not.toContain(marker);
    }
    expect(readFileSync(requireBuilt("thunderbird/background.js"), "utf8")).toContain("1.2.840.113549.1.7.2");
  });

  it("the banner carries no catalogue and loads no chunk; the background starts without the roots' DER or any language's words", () => {
    const script = (name: string) => readFileSync(requireBuilt(`thunderbird/${name}.js`), "utf8");
    // The first bundled root's DER, as bundled-roots.ts holds it (base64), and a phrase of each catalogue.
    const rootDer = BUNDLED_ROOTS[0]![1].slice(0, 40);
    const english = EN_CATALOGUE.ui.signedBy("");
    const german = DE_CATALOGUE.ui.signedBy("");
    for (const marker of [english, german, "Loading chunk"]) expect(script("banner"), marker).not.toContain(marker);
    for (const marker of [english, german, rootDer]) expect(script("background"), marker).not.toContain(marker);
    // Where they are instead: chunks loaded when first needed (webpack.config.js).
    expect(script("background")).toContain("Loading chunk");
    expect(script("bundled-roots")).toContain(rootDer);
    expect(script("catalogue-en")).toContain(english);
    expect(script("catalogue-de")).toContain(german);
  });
});
