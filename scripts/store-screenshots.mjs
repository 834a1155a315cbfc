// `npm run store:screenshots`: copies the screenshots the host tests take
// (test-output/, written by `npm test`) that the store listings use into
// store/screenshots/, under the names store/*/listing.md refers to.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** [taken by the tests, name in store/screenshots] */
export const STORE_SCREENSHOTS = [
  ["thunderbird-01-signed-valid.png", "thunderbird/1-banner-verified.png"],
  ["demo-11-revoked.png", "thunderbird/2-report-revoked.png"],
  ["options-personal-mark.png", "thunderbird/3-personal-mark.png"],
  ["options-keys.png", "thunderbird/4-keys.png"],
  ["outlook-pane-verified.png", "outlook/1-pane-verified.png"],
  ["outlook-pane-revoked.png", "outlook/2-pane-revoked.png"],
  ["outlook-pane-tampered.png", "outlook/3-pane-tampered.png"],
  ["outlook-pane-trust.png", "outlook/4-pane-trust.png"],
];

const missing = STORE_SCREENSHOTS.filter(([from]) => !existsSync(join(root, "test-output", from)));
if (missing.length) {
  console.error(`missing in test-output/ (run npm test first): ${missing.map(([f]) => f).join(", ")}`);
  process.exit(1);
}
for (const [from, to] of STORE_SCREENSHOTS) {
  mkdirSync(join(root, "store/screenshots", to, ".."), { recursive: true });
  copyFileSync(join(root, "test-output", from), join(root, "store/screenshots", to));
}
console.log(`${STORE_SCREENSHOTS.length} screenshots in store/screenshots/`);
