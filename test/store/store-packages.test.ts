/**
 * What the stores get: the .xpi packaging is deterministic and carries no
 * Outlook files; the source archive holds what is committed and the build
 * instructions, nothing built; the listings' screenshots exist and their
 * length limits hold. (Two whole builds from clean clones are compared by
 * `npm run package:reproducible`, too slow for every test run.)
 */
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { packageXpi } from "../../scripts/package-xpi.mjs";
import { requireBuilt } from "../helpers/built.js";

const root = resolve(import.meta.dirname, "../..");

describe("store packages", () => {
  it("packaging the same build twice gives the same .xpi bytes, with only Thunderbird's files in it", () => {
    requireBuilt("thunderbird/background.js");
    const a = readFileSync(packageXpi({ out: join(root, "dist/repro-a.xpi") }));
    const b = readFileSync(packageXpi({ out: join(root, "dist/repro-b.xpi") }));
    expect(a.equals(b)).toBe(true);
    const names = Object.keys(unzipSync(new Uint8Array(a)));
    expect(names).toContain("manifest.json");
    expect(names.filter((n) => n.endsWith(".png") || n.includes("taskpane"))).toEqual([]);
  });

  it("the source archive holds every committed file and the build instructions, and nothing built", () => {
    const out = execFileSync("node", ["scripts/package-source.mjs"], { cwd: root, encoding: "utf8" }).trim();
    const names = Object.keys(unzipSync(new Uint8Array(readFileSync(out))));
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const committed = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).trim().split("\n");
    expect(names.length).toBe(committed.length + 1);
    for (const must of ["package.json", "package-lock.json", "webpack.config.js", "manifest.json", "src/hosts/thunderbird/background.ts", "SOURCE-BUILD.md"]) expect(names).toContain(`signet-${version}/${must}`);
    expect(names.filter((n) => /\/(node_modules|dist|build)\//.test(n))).toEqual([]);
    expect(statSync(out).size).toBeGreaterThan(10_000);
  });

  it("the listings' screenshots exist, and their texts keep the stores' limits", () => {
    for (const listing of ["store/thunderbird/listing.md", "store/outlook/listing.md"]) {
      const text = readFileSync(join(root, listing), "utf8");
      for (const shot of text.matchAll(/`(\d-[a-z-]+\.png)`/g)) expect(statSync(join(root, "store/screenshots", listing.split("/")[1]!, shot[1]!)).size, shot[1]!).toBeGreaterThan(1000);
    }
    const amo = readFileSync(join(root, "store/thunderbird/listing.md"), "utf8");
    expect(amo.match(/\*\*Summary[^\n]*\n(.+)\n/)![1]!.length).toBeLessThanOrEqual(250);
    const appsource = readFileSync(join(root, "store/outlook/listing.md"), "utf8");
    expect(appsource.match(/\*\*Short description[^*]*\*\* (.+)\n/)![1]!.length).toBeLessThanOrEqual(100);
  });
});
