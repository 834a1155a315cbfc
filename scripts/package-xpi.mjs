// Packs the Thunderbird add-on into dist/signet-thunderbird-<version>.xpi from
// manifest.json, _locales/, icons/ and the webpack output in dist/thunderbird/.
// A test build (test/hosts) passes `test`: its banner and harness come from
// dist/thunderbird-test/, and its manifest gains the permissions the harness
// needs to import fixture messages. The shipped .xpi never contains them.
//   node scripts/package-xpi.mjs            -> prints the path of the .xpi
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

const root = fileURLToPath(new URL("..", import.meta.url));
const PAGES = ["popup.html", "options.html"];
const SCRIPTS = ["background.js", "banner.js", "popup.js", "options.js"];

function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * @param {{ out?: string, test?: { hook: string, fixtures: string[], anchors: string[], keys?: { base64: string, password: string }[], screenshots?: string[], menuReports?: string[] } }} [options]
 * @returns {string} the path of the .xpi written
 */
export function packageXpi(options = {}) {
  const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  if (manifest.version !== version) throw new Error(`manifest.json version ${manifest.version} differs from package.json ${version}`);
  const built = join(root, "dist/thunderbird");
  for (const s of SCRIPTS) if (!existsSync(join(built, s))) throw new Error(`dist/thunderbird/${s} is missing: run webpack first`);

  /** @type {Record<string, Uint8Array>} */
  const files = {};
  // The PNG icons are Outlook's (scripts/make-icons.mjs); Thunderbird's are the SVGs.
  for (const f of [...filesUnder("_locales"), ...filesUnder("icons").filter((f) => f.endsWith(".svg"))]) files[relative(root, join(root, f))] = readFileSync(join(root, f));
  for (const s of SCRIPTS) files[s] = readFileSync(join(built, s));
  // The chunks the background and the pages import on demand (webpack.config.js): every other script webpack wrote.
  for (const c of readdirSync(built).filter((f) => f.endsWith(".js") && !SCRIPTS.includes(f)).sort()) files[c] = readFileSync(join(built, c));
  // Each script's licence notices, once each (terser gathers them per output file).
  const notices = new Set(readdirSync(built).filter((f) => f.endsWith(".LICENSE.txt")).sort().flatMap((f) => readFileSync(join(built, f), "utf8").split(/\n\n(?=\/\*)/).map((n) => n.trim())));
  if (notices.size) files["THIRD-PARTY-LICENSES.txt"] = new TextEncoder().encode([...notices].join("\n\n") + "\n");
  for (const p of PAGES) files[p] = readFileSync(join(root, "src/hosts/thunderbird", p));

  if (options.test) {
    const testBuilt = join(root, "dist/thunderbird-test");
    files["banner.js"] = readFileSync(join(testBuilt, "banner.js"));
    files["test-harness.js"] = readFileSync(join(testBuilt, "test-harness.js"));
    files["test-hook.json"] = new TextEncoder().encode(JSON.stringify(options.test));
    manifest.permissions = [...manifest.permissions, "messagesImport", "accountsRead", "accountsFolders"];
    manifest.background = { scripts: ["background.js", "test-harness.js"] };
    // The harness's screenshots: Thunderbird's tabs API has no captureVisibleTab, so a privileged Experiment API
    // paints the message page (test/hosts/thunderbird-experiment). The shipped add-on has no experiment.
    if (options.test.screenshots?.length) {
      const experiment = join(root, "test/hosts/thunderbird-experiment");
      files["test-screenshot/schema.json"] = readFileSync(join(experiment, "schema.json"));
      files["test-screenshot/implementation.js"] = readFileSync(join(experiment, "implementation.js"));
      manifest.experiment_apis = {
        signetTestScreenshot: {
          schema: "test-screenshot/schema.json",
          parent: { scopes: ["addon_parent"], paths: [["signetTestScreenshot"]], script: "test-screenshot/implementation.js" },
        },
      };
    }
  }
  files["manifest.json"] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));

  const out = options.out ?? join(root, "dist", `signet-thunderbird-${version}.xpi`);
  // Fixed timestamps: the same inputs give the same bytes.
  const stamped = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([name, data]) => [name, [data, { mtime: new Date("2026-01-01T00:00:00Z") }]]));
  writeFileSync(out, zipSync(stamped, { level: 9 }));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(packageXpi());
