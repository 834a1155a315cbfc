/**
 * The banner's place in a hostile message page (hosts/thunderbird/banner-host.ts),
 * in real Chromium: each page below is HTML and CSS only, as a mail client
 * renders mail, built to cover or fake the banner (fixed, absolute, transforms,
 * negative margins, the highest z-index, ::before/::after, SVG, an iframe,
 * rules aimed at the banner itself, a popover the reader opens). For each, the
 * banner must be fully visible and on top: by geometry (what elementFromPoint
 * finds over the banner's box) and by the screenshot's pixels (the banner's
 * test colour everywhere in its box, none of the attack's red). Screenshots go
 * to test-output/. The same check runs in real Thunderbird (thunderbird.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/launch-chromium.mjs";
import type { BannerGeometry } from "../../src/hosts/thunderbird/banner-geometry.js";
import { readPng } from "../helpers/png.js";

const root = resolve(import.meta.dirname, "../..");
const shots = join(root, "test-output");
/** The test banner's colour: a solid block, so every pixel of its box can be checked. */
const BANNER_RGB = [10, 200, 30] as const;
const RED = "rgb(255, 0, 0)";
const cover = `background:${RED};color:#fff;font:20px sans-serif`;

/** Attacks on the banner, as message HTML. */
const PAGES: Record<string, string> = {
  "fixed box, highest z-index": `<div style="position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}">&#10004; Verified (fake)</div><p>Pay now.</p>`,
  "absolute box pulled above the page": `<div style="position:absolute;top:-300px;left:0;width:100%;height:500px;z-index:2147483647;${cover}">fake</div>`,
  "transform upwards": `<div style="position:relative;z-index:2147483647;transform:translateY(-400px);height:500px;${cover}">fake</div>`,
  "negative margin": `<div style="margin-top:-600px;position:relative;z-index:2147483647;height:700px;${cover}">fake</div>`,
  "html::before": `<style>html::before{content:"Verified (fake)";display:block;position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}}</style><p>text</p>`,
  "html::after": `<style>html::after{content:"Verified (fake)";display:block;position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}}</style><p>text</p>`,
  "body::before": `<style>body::before{content:"fake";display:block;position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}}</style><p>text</p>`,
  "svg": `<svg style="position:fixed;top:0;left:0;z-index:2147483647" width="3000" height="200"><rect width="3000" height="200" fill="${RED}"/></svg>`,
  "iframe": `<iframe srcdoc="<body style='margin:0;background:red'>fake</body>" style="position:fixed;top:0;left:0;width:100vw;height:150px;border:0;z-index:2147483647"></iframe>`,
  "overlay that lets clicks through": `<div style="position:fixed;inset:0;pointer-events:none;z-index:2147483647;${cover}">fake</div>`,
  "rules aimed at the banner": `<style>
    [data-signet], html > div, div[popover], :popover-open { display:none !important; opacity:0 !important; visibility:hidden !important;
      transform:translateY(-500px) !important; clip-path:inset(50%) !important; filter:opacity(0) !important; position:static !important; z-index:-1 !important; }
    [data-signet]::before, [data-signet]::after { content:"fake" !important; display:block !important; position:absolute !important; inset:0 !important; ${cover} !important; z-index:5 !important; }
    [data-signet]::backdrop { ${cover} !important; }
    </style><p>text</p>`,
  "the body's confinement undone": `<style>body{position:static!important;transform:none!important;isolation:auto!important;z-index:auto!important;contain:none!important}</style><div style="position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}">fake</div>`,
  "html made a containing block": `<style>html{transform:translateY(-200px)!important;filter:opacity(0.999)!important;}</style><div style="position:fixed;top:0;left:0;right:0;height:120px;z-index:2147483647;${cover}">fake</div>`,
};

/** The ones whose body content a confined body keeps below the banner even without the top layer. */
const BODY_ATTACKS = ["fixed box, highest z-index", "absolute box pulled above the page", "transform upwards", "negative margin", "body::before", "svg", "iframe", "overlay that lets clicks through"];

let browser: Browser;
let script: string;

beforeAll(async () => {
  const read = (f: string) => readFileSync(join(root, "build/hosts/thunderbird", f), "utf8").replace(/^export /gm, "");
  // The two modules as tsc built them, made into one classic script for the page.
  script = `(() => { ${read("banner-host.js")}\n${read("banner-geometry.js")}\n window.__signet = { mountBannerHost, bannerGeometry }; })();`;
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Mounted {
  geometry: BannerGeometry;
}

async function mountOn(html: string, options: { topLayer: boolean }): Promise<{ page: Page; mounted: Mounted }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
  // No script runs in mail; the page's own scripts would be off in a mail client too.
  await page.setContent(`<!doctype html><html><head></head><body>${html}<p>The message's own text.</p></body></html>`);
  const mounted = await page.evaluate(
    ({ script, topLayer, rgb }) => {
      if (!topLayer) delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover;
      new Function(script)();
      const api = (window as unknown as { __signet: { mountBannerHost: (d: Document) => { host: HTMLElement; container: HTMLElement; topLayer: boolean }; bannerGeometry: (d: Document, h: Element, t: boolean) => BannerGeometry } }).__signet;
      const { host, container, topLayer: inTop } = api.mountBannerHost(document);
      const block = document.createElement("div");
      block.style.cssText = `height:40px;background:rgb(${rgb.join(",")})`;
      container.append(block);
      (window as unknown as { __host: unknown }).__host = { host, inTop };
      return { geometry: api.bannerGeometry(document, host, inTop) };
    },
    { script, topLayer: options.topLayer, rgb: [...BANNER_RGB] },
  );
  return { page, mounted };
}

/** Share of the banner's pixels that are the banner's own colour, from a screenshot of the viewport. */
async function bannerPixelShare(page: Page, g: BannerGeometry, name: string): Promise<number> {
  const png = await page.screenshot();
  writeFileSync(join(shots, `banner-hostile-${name.replace(/[^a-z0-9]+/gi, "-")}.png`), png);
  const pixels = readPng(png);
  let own = 0;
  let total = 0;
  for (let y = Math.ceil(g.rect.top); y < Math.floor(g.rect.top + g.rect.height); y++) {
    for (let x = Math.ceil(g.rect.left); x < Math.floor(g.rect.left + g.rect.width); x += 4) {
      const [r, gr, b] = pixels.at(x, y);
      total++;
      if (Math.abs(r - BANNER_RGB[0]) < 8 && Math.abs(gr - BANNER_RGB[1]) < 8 && Math.abs(b - BANNER_RGB[2]) < 8) own++;
    }
  }
  return total === 0 ? 0 : own / total;
}

function expectOnTop(g: BannerGeometry): void {
  expect(g.coveredAt).toEqual([]);
  expect(g.probes).toBe(21);
  // Whole width, at the top, the block's full height.
  expect(g.rect).toEqual({ top: 0, left: 0, width: g.viewport.width, height: 40 });
}

describe("the banner in the top layer, over pages built to cover it", () => {
  for (const [name, html] of Object.entries(PAGES)) {
    it(`${name}: fully visible and on top`, async () => {
      const { page, mounted } = await mountOn(html, { topLayer: true });
      try {
        expect(mounted.geometry.topLayer).toBe(true);
        expectOnTop(mounted.geometry);
        expect(await bannerPixelShare(page, mounted.geometry, name)).toBe(1);
        // The page's text starts below the banner: the banner hides none of the message.
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).paddingTop)).toBe("40px");
      } finally {
        await page.close();
      }
    });
  }

  it("a popover the reader opens from the message: the banner goes back on top", async () => {
    const html = `<div popover id="fake" style="position:fixed;inset:0 0 auto 0;margin:0;height:150px;border:0;${cover}">&#10004; Verified (fake)</div><button popovertarget="fake" style="margin-top:200px">Open the invoice</button>`;
    const { page } = await mountOn(html, { topLayer: true });
    try {
      await page.getByRole("button", { name: "Open the invoice" }).click();
      expect(await page.evaluate(() => document.getElementById("fake")!.matches(":popover-open"))).toBe(true);
      const g = await page.evaluate(() => {
        const w = window as unknown as { __signet: { bannerGeometry: (d: Document, h: Element, t: boolean) => BannerGeometry }; __host: { host: Element } };
        return w.__signet.bannerGeometry(document, w.__host.host, true);
      });
      expectOnTop(g);
      expect(await bannerPixelShare(page, g, "reader-opened popover")).toBe(1);
    } finally {
      await page.close();
    }
  });
});

describe("without a top layer, the confined body keeps its content below the banner", () => {
  for (const name of BODY_ATTACKS) {
    it(`${name}: fully visible and on top`, async () => {
      const { page, mounted } = await mountOn(PAGES[name]!, { topLayer: false });
      try {
        expect(mounted.geometry.topLayer).toBe(false);
        expectOnTop(mounted.geometry);
        expect(await bannerPixelShare(page, mounted.geometry, `no-top-layer ${name}`)).toBe(1);
      } finally {
        await page.close();
      }
    });
  }

  it("the confinement does not clip the message: a wide table still scrolls into view", async () => {
    const { page } = await mountOn(`<table style="width:3000px"><tr><td style="width:2900px">left</td><td id="far">far right</td></tr></table>`, { topLayer: false });
    try {
      // Scrolled into view, then one frame for layout to settle: the cell is probed at its centre, where
      // nothing of ours may lie (its top edge can sit under the banner, which is above the body by design).
      await page.evaluate(() => document.getElementById("far")!.scrollIntoView({ block: "center", inline: "center" }));
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const box = await page.evaluate(() => document.getElementById("far")!.getBoundingClientRect().toJSON() as DOMRect);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(800);
      expect(await page.evaluate(() => document.elementFromPoint(...((r) => [r.left + r.width / 2, r.top + r.height / 2] as const)(document.getElementById("far")!.getBoundingClientRect()))?.id)).toBe("far");
    } finally {
      await page.close();
    }
  });
});
