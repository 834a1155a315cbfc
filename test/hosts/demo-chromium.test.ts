/**
 * The demo page in real Chromium (Debian's package, driven by playwright-core):
 * the shared views render the reports of a valid, a tampered, an untrusted and
 * a revoked sample, screenshots go to test-output/, and the page works from
 * the keyboard alone.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDemo } from "../../scripts/serve-demo.mjs";
import { requireBuilt } from "../helpers/built.js";
import { launchChromium } from "../../scripts/launch-chromium.mjs";

const root = resolve(import.meta.dirname, "../..");
const shots = join(root, "test-output");
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuilt("demo/demo.js");
  server = await serveDemo(0);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(server.url);
  await page.locator("[data-sample]").first().waitFor();
  mkdirSync(shots, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a sample and waits for its own final report (not the previous sample's, still on screen for a moment). */
async function openSample(name: string): Promise<void> {
  await page.locator(`[data-sample="${name}"]`).click();
  await page.locator("p.current", { hasText: name }).waitFor();
  await page.locator(`.report[data-pending="false"]`).waitFor();
}

describe("the demo page in Chromium", () => {
  const cases: [string, string, RegExp][] = [
    ["01-signed-valid.eml", "verified", /Signed by Alice Example <alice@example\.org>/],
    ["03-tampered.eml", "danger", /The signed content was changed after signing/],
    ["10-untrusted-signer.eml", "warning", /issuer.*(not|unknown)|not trusted|unknown/i],
    ["11-revoked.eml", "danger", /revoked on \d{4}-\d\d-\d\d \(keyCompromise\)/],
  ];
  for (const [sample, verdict, text] of cases) {
    it(`${sample}: ${verdict}, in words, with a screenshot`, async () => {
      await openSample(sample);
      const report = page.locator(".report[data-verdict]");
      expect(await report.getAttribute("data-verdict")).toBe(verdict);
      expect(await page.locator(".banner").getAttribute("data-verdict")).toBe(verdict);
      expect(await report.innerText()).toMatch(text);
      // The verdict is a word beside the colour.
      expect(await page.locator(".headline .badge").innerText()).toMatch(/Verified|Warning|Danger/);
      await page.screenshot({ path: join(shots, `demo-${sample.replace(/\.eml$/, "")}.png`), fullPage: true });
    });
  }

  it("the revoked sample shows its evidence: the CRL in the message and its freshness", async () => {
    await openSample("11-revoked.eml");
    const evidence = await page.locator(".revocation li").first().innerText();
    expect(evidence).toMatch(/Carol Example: REVOKED/);
    expect(evidence).toMatch(/CRL in the message/);
    expect(evidence).toMatch(/as of \d{4}-\d\d-\d\d/);
  });

  it("works from the keyboard: a sample, the chain, a certificate and back", async () => {
    await page.goto(server.url);
    await page.locator("[data-sample]").first().waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-sample"))).toBe("01-signed-valid.eml");
    await page.keyboard.press("Enter");
    await page.locator(`.report[data-pending="false"]`).waitFor();
    // Tab on until the first certificate of the chain has focus.
    let label: string | null = null;
    for (let i = 0; i < 40 && !label?.startsWith("Alice Example"); i++) {
      await page.keyboard.press("Tab");
      label = await page.evaluate(() => (document.activeElement?.closest(".chain") ? document.activeElement.getAttribute("aria-label") : null));
    }
    expect(label).toMatch(/^Alice Example: /);
    await page.keyboard.press("Enter");
    // The details arrive after the view opens ("Reading the certificate…"); wait for them.
    const certificate = page.locator(".certificate");
    await certificate.locator("dd", { hasText: "Email protection" }).waitFor();
    expect(await certificate.innerText()).not.toMatch(/Reading the certificate/);
    // Focus moved to the view just opened; Enter on Back returns to the report.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Back to the report/);
    await page.keyboard.press("Enter");
    await page.locator(".chain").waitFor();
  });

  it("follows a dark colour scheme", async () => {
    await openSample("01-signed-valid.eml");
    const background = () => page.locator(".report").evaluate((e) => getComputedStyle(e.closest(".signet")!).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await background();
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await background();
    expect(light).toBe("rgb(255, 255, 255)");
    expect(dark).toBe("rgb(31, 31, 36)");
    await page.screenshot({ path: join(shots, "demo-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
  });
});
