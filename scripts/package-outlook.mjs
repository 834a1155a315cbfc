// Completes dist/outlook beside webpack's taskpane.js: the pane's page and
// style, its support and privacy pages, the icons manifest.xml names, and
// manifest.xml itself (with the development origin; `signet serve` rewrites it).
//   node scripts/package-outlook.mjs        -> prints the folder
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const PAGES = ["taskpane.html", "taskpane.css", "support.html", "privacy.html"];

export function packageOutlook() {
  const out = join(root, "dist/outlook");
  if (!existsSync(join(out, "taskpane.js"))) throw new Error("dist/outlook/taskpane.js is missing: run webpack first");
  for (const page of PAGES) copyFileSync(join(root, "src/hosts/outlook", page), join(out, page));
  mkdirSync(join(out, "icons"), { recursive: true });
  for (const icon of readdirSync(join(root, "icons")).filter((f) => f.endsWith(".png"))) copyFileSync(join(root, "icons", icon), join(out, "icons", icon));
  copyFileSync(join(root, "manifest.xml"), join(out, "manifest.xml"));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(packageOutlook());
