// `npm run package:source`: the source archive addons.thunderbird.net asks of
// add-ons whose code is bundled or minified: every file committed at HEAD
// (git ls-files), with store/thunderbird/SOURCE-BUILD.md, the build
// instructions, copied to the top. Fixed timestamps and sorted names, so the
// same commit gives the same archive.
//   node scripts/package-source.mjs   -> prints the path of dist/signet-source-<version>.zip
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

const root = fileURLToPath(new URL("..", import.meta.url));

export function packageSource() {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean).sort();
  const prefix = `signet-${version}/`;
  const mtime = new Date("2026-01-01T00:00:00Z");
  /** @type {Record<string, [Uint8Array, { mtime: Date }]>} */
  const entries = {};
  for (const f of files) entries[prefix + f] = [readFileSync(join(root, f)), { mtime }];
  entries[`${prefix}SOURCE-BUILD.md`] = [readFileSync(join(root, "store/thunderbird/SOURCE-BUILD.md")), { mtime }];
  mkdirSync(join(root, "dist"), { recursive: true });
  const out = join(root, "dist", `signet-source-${version}.zip`);
  writeFileSync(out, zipSync(Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))), { level: 9 }));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(packageSource());
