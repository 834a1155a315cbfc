// Renders icons/signet.svg to the PNG sizes Outlook's manifest names
// (16, 32 and 80 for the ribbon button, 64 and 128 for IconUrl and
// HighResolutionIconUrl; AppSource asks for the 64 and 128 ones). The PNGs are
// committed, so a build needs no browser; run this again after changing the SVG.
//   node scripts/make-icons.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./launch-chromium.mjs";

export const OUTLOOK_ICON_SIZES = [16, 32, 64, 80, 128];
const root = fileURLToPath(new URL("..", import.meta.url));

const svg = readFileSync(`${root}icons/signet.svg`, "utf8");
const browser = await launchChromium();
try {
  for (const size of OUTLOOK_ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
    writeFileSync(`${root}icons/signet-${size}.png`, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons/signet-{${OUTLOOK_ICON_SIZES.join(",")}}.png written`);
