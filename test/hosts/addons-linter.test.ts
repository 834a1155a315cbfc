/**
 * The built .xpi passes addons-linter, Mozilla's own add-on checker, except
 * for warnings that come from it knowing only Firefox. Each allowed warning
 * is a row with its reason; a warning without a row fails, and so does a row
 * that no longer matches anything (the allow-list cannot go stale).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { requireBuilt } from "../helpers/built.js";

const root = resolve(import.meta.dirname, "../..");

interface LinterMessage {
  code: string;
  file?: string;
  message: string;
}

interface Allowed {
  code: string;
  file: string;
  /** What the message says, so that a new warning of the same code is not waved through. */
  message: RegExp;
  reason: string;
}

const ALLOWED: Allowed[] = [
  {
    code: "MANIFEST_PERMISSIONS",
    file: "manifest.json",
    message: /Invalid permissions "messagesRead"/,
    reason: "The linter checks against Firefox's schemas; messagesRead is Thunderbird's permission to read messages.",
  },
  {
    code: "MISSING_DATA_COLLECTION_PERMISSIONS",
    file: "manifest.json",
    message: /data_collection_permissions/,
    reason: "Firefox's data-consent key (Firefox 140+), unknown to Thunderbird 128; Signet collects and sends no data at all.",
  },
  ...["banner.js", "popup.js", "options.js"].map((file) => ({
    code: "UNSAFE_VAR_ASSIGNMENT",
    file,
    message: /innerHTML/,
    reason: "Preact's renderer implements dangerouslySetInnerHTML; Signet's code never uses it (eslint's no-restricted-syntax forbids it and innerHTML).",
  })),
];

describe("addons-linter on the built .xpi", () => {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const xpi = requireBuilt(`signet-thunderbird-${version}.xpi`);
  const run = spawnSync(join(root, "node_modules/.bin/addons-linter"), ["--output", "json", xpi], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(run.stdout) as { errors: LinterMessage[]; warnings: LinterMessage[]; notices: LinterMessage[] };
  const allowedBy = (m: LinterMessage): Allowed | undefined => ALLOWED.find((a) => a.code === m.code && a.file === m.file && a.message.test(m.message));

  it("reports no errors and no notices", () => {
    expect(result.errors.map((e) => `${e.code} ${e.file ?? ""}: ${e.message}`)).toEqual([]);
    expect(result.notices.map((e) => `${e.code} ${e.file ?? ""}: ${e.message}`)).toEqual([]);
  });

  it("every warning is on the allow-list, with its reason", () => {
    expect(result.warnings.filter((w) => !allowedBy(w)).map((w) => `${w.code} ${w.file ?? ""}: ${w.message}`)).toEqual([]);
  });

  it("every row of the allow-list still matches a warning", () => {
    expect(ALLOWED.filter((a) => !result.warnings.some((w) => allowedBy(w) === a)).map((a) => `${a.code} ${a.file}`)).toEqual([]);
  });
});
