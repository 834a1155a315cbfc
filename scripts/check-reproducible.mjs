// `npm run package:reproducible`: builds HEAD twice, each from a clean clone in
// its own folder, and compares the .xpi and every file of dist/outlook byte
// for byte. The clones use this checkout's node_modules (the lockfile pins the
// same versions), so the check needs no network. Exits 1 on any difference.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function hashes(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

function build(n) {
  const dir = mkdtempSync(join(tmpdir(), `signet-repro-${n}-`));
  execFileSync("git", ["clone", "-q", root, dir]);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  execFileSync("npm", ["run", "--silent", "build"], { cwd: dir, stdio: "ignore" });
  const files = Object.fromEntries(Object.entries(hashes(join(dir, "dist"))).filter(([f]) => f.endsWith(".xpi") || f.startsWith("outlook/")));
  rmSync(dir, { recursive: true, force: true });
  return files;
}

const [a, b] = [build(1), build(2)];
const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
const differ = names.filter((f) => a[f] !== b[f]);
for (const f of names) console.log(`${a[f] === b[f] ? "same" : "DIFF"}  ${a[f] ?? "-"}  ${f}`);
console.log(differ.length ? `${differ.length} file(s) differ` : `reproducible: ${names.length} files identical in two clean builds`);
process.exit(differ.length ? 1 : 0);
