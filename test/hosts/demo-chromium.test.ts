/**
 * The demo page in real Chromium (Debian's package, driven by playwright-core):
 * the shared views render the reports of a valid, a tampered, an untrusted and
 * a revoked sample, screenshots go to test-output/, and the page works from
 * the keyboard alone. A message of the user's own opens through the file
 * input (one OpenSSL signs) or by dropping it on the page (a damaged one that
 * OpenSSL also refuses).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDemo } from "../../scripts/serve-demo.mjs";
import { requireBuilt } from "../helpers/built.js";
import { launchChromium } from "../../scripts/launch-chromium.mjs";
import { OpensslPki } from "../helpers/pki.js";

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

/** Waits for the final report of the message named `name` (not the previous one's, still on screen for a moment). */
async function reportFor(name: string): Promise<void> {
  await page.locator("p.current", { hasText: name }).waitFor();
  await page.locator(`.report[data-pending="false"]`).waitFor();
}

async function openSample(name: string): Promise<void> {
  await page.locator(`[data-sample="${name}"]`).click();
  await reportFor(name);
}

describe("the demo page in Chromium", () => {
  const cases: [string, string, RegExp][] = [
    ["01-signed-valid.eml", "verified", /Signed by Alice Example <alice@example\.org>/],
    ["03-tampered.eml", "danger", /The signed content was changed after signing/],
    ["10-untrusted-signer.eml", "warning", /issuer.*(not|unknown)|not trusted|unknown/i],
    ["11-revoked.eml", "danger", /revoked on \d{4}-\d\d-\d\d \(reason: its private key was compromised\)/],
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

  it("opens a message of one's own from the file input: signed by OpenSSL with a CA nobody trusts", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("Unknown Corp CA");
      const dana = pki.makeLeaf("dana", ca, { sanEmails: ["dana@example.com"] });
      const message = pki.sign({ signers: [{ who: dana }], content: "Content-Type: text/plain\n\nHello from Dana.\n", from: "dana@example.com" });
      expect(pki.opensslVerifies(message)).toBe(true);
      await page.locator('input[type="file"]').setInputFiles({ name: "from-dana.eml", mimeType: "message/rfc822", buffer: Buffer.from(message) });
      await reportFor("from-dana.eml");
      expect(await page.locator(".report").getAttribute("data-verdict")).toBe("warning");
      expect(await page.locator(".headline").innerText()).toMatch(/Unknown Corp CA.*could not find/);
      expect(await page.locator(".report").innerText()).toMatch(/Signed by dana <dana@example\.com>/);
    } finally {
      pki.cleanup();
    }
  });

  it("opens an S/MIME file on its own (.p7m, DER, from openssl cms -sign -nodetach): inspected as CMS, said to be a file with no sender to compare", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("Unknown Corp CA");
      const dana = pki.makeLeaf("dana", ca, { sanEmails: ["dana@example.com"] });
      pki.write("figures.txt", "Quarterly figures\n");
      const p7m = pki.run(["cms", "-sign", "-binary", "-nodetach", "-in", "figures.txt", "-signer", dana.cert, "-inkey", dana.key, "-outform", "DER"]);
      await page.locator('input[type="file"]').setInputFiles({ name: "figures.p7m", mimeType: "application/pkcs7-mime", buffer: p7m });
      await reportFor("figures.p7m");
      const report = await page.locator(".report").innerText();
      expect(report).toMatch(/This is an S\/MIME file on its own \(CMS\), not a mail message\./);
      expect(report).toMatch(/Signed by dana <dana@example\.com>/);
      expect(report).toMatch(/Signed · covers the whole file/);
      expect(await page.locator(".report").getAttribute("data-verdict")).toBe("warning");
      await page.screenshot({ path: join(shots, "demo-p7m-file.png"), fullPage: true });
    } finally {
      pki.cleanup();
    }
  });

  it("a display name that carries another address: the headline says who signed, the signer card shows both, with a screenshot", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("Unknown Corp CA");
      const dana = pki.makeLeaf("dana", ca, { sanEmails: ["dana@example.com"] });
      const message = pki.sign({ signers: [{ who: dana }], content: "Content-Type: text/plain\n\nPlease wire the deposit today.\n", from: '"ceo@example.com" <dana@example.com>' });
      expect(pki.opensslVerifies(message)).toBe(true);
      await page.locator('input[type="file"]').setInputFiles({ name: "from-the-ceo.eml", mimeType: "message/rfc822", buffer: Buffer.from(message) });
      await reportFor("from-the-ceo.eml");
      expect(await page.locator(".report").getAttribute("data-verdict")).toBe("danger");
      expect(await page.locator(".headline").innerText()).toMatch(/The sender's name "ceo@example\.com" shows the address ceo@example\.com, but the message was signed by dana@example\.com\./);
      expect(await page.locator(".signer").innerText()).toMatch(/From: "ceo@example\.com" <dana@example\.com>\s+Certificate: dana@example\.com/);
      await page.screenshot({ path: join(shots, "demo-display-name-spoof.png"), fullPage: true });
    } finally {
      pki.cleanup();
    }
  });

  it("a damaged message dropped on the page gets a report that says so, as OpenSSL refuses it too", async () => {
    // The valid sample cut in the middle of its signature.
    const truncated = readFileSync(join(root, "samples/01-signed-valid.eml")).subarray(0, 1800);
    const pki = new OpensslPki();
    try {
      expect(pki.opensslVerifies(truncated)).toBe(false);
    } finally {
      pki.cleanup();
    }
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "truncated.eml", { type: "message/rfc822" }));
      return dt;
    }, truncated.toString("latin1"));
    await page.dispatchEvent(".demo", "drop", { dataTransfer });
    await reportFor("truncated.eml");
    expect(await page.locator(".report").getAttribute("data-verdict")).toBe("danger");
    const text = await page.locator(".report").innerText();
    expect(text).toMatch(/The signature or encryption data is damaged/);
    expect(text).toMatch(/a multipart part is not closed, so its last part may be cut short/);
  });

  it("a sample slow to arrive, then another picked at once: the page ends on the one picked last", async () => {
    // The page's server answers the first sample 1.5 s late (a slow network); the second comes at once.
    await page.route("**/samples/01-signed-valid.eml", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    try {
      await page.locator('[data-sample="01-signed-valid.eml"]').click();
      await page.locator('[data-sample="03-tampered.eml"]').click();
      await reportFor("03-tampered.eml");
      // Past the late answer: it must not replace the report of the message picked last.
      await page.waitForTimeout(2500);
      expect(await page.locator("p.current").innerText()).toBe("03-tampered.eml");
      expect(await page.locator(".report").getAttribute("data-verdict")).toBe("danger");
      expect(await page.locator('[aria-pressed="true"]').getAttribute("data-sample")).toBe("03-tampered.eml");
    } finally {
      await page.unrouteAll();
    }
  });

  it("reads at 320 px (Outlook's task pane) and 390 px (a phone) without scrolling sideways: report, banner, certificate; with screenshots", async () => {
    /** How far anything reaches past the viewport's right edge, and which element reaches furthest. */
    const overflow = () =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        let worst = { by: 0, what: "" };
        for (const e of document.querySelectorAll("body *")) {
          const r = e.getBoundingClientRect();
          if (r.width > 0 && r.right - width > worst.by) worst = { by: Math.round(r.right - width), what: `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}` };
        }
        return { scroll: document.documentElement.scrollWidth - width, worst };
      });
    try {
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 800 });
        for (const sample of ["01-signed-valid.eml", "03-tampered.eml", "10-untrusted-signer.eml", "11-revoked.eml"]) {
          await openSample(sample);
          expect([width, sample, await overflow()]).toEqual([width, sample, { scroll: 0, worst: { by: 0, what: "" } }]);
          if (sample === "11-revoked.eml") await page.screenshot({ path: join(shots, `demo-${width}px-revoked.png`), fullPage: true });
        }
        await page.locator(".chain button").first().click();
        await page.locator(".certificate dd", { hasText: "Email protection" }).waitFor();
        expect([width, "certificate", await overflow()]).toEqual([width, "certificate", { scroll: 0, worst: { by: 0, what: "" } }]);
        await page.screenshot({ path: join(shots, `demo-${width}px-certificate.png`), fullPage: true });
        await page.locator(".certificate button", { hasText: "Back to the report" }).click();
      }
    } finally {
      await page.setViewportSize({ width: 1100, height: 900 });
    }
  });

  it("speaks German to a German browser (navigator.language de-DE), with a screenshot", async () => {
    const context = await browser.newContext({ locale: "de-DE", viewport: { width: 1100, height: 900 } });
    try {
      const german = await context.newPage();
      await german.goto(`${server.url}#11-revoked.eml`);
      await german.locator(`.report[data-pending="false"]`).waitFor();
      expect(await german.locator(".headline .badge").innerText()).toMatch(/Gefahr/);
      expect(await german.locator(".report h2").innerText()).toMatch(/^Ein Zertifikat der Kette wurde am \d{4}-\d\d-\d\d gesperrt \(Grund: sein privater Schlüssel wurde kompromittiert\)\.$/);
      expect(await german.locator(".report").innerText()).toMatch(/Zertifikatskette/i);
      await german.screenshot({ path: join(shots, "demo-de-revoked.png"), fullPage: true });
    } finally {
      await context.close();
    }
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

  it("keys in the page: a passphrase, a .p12 from openssl, then a signed-and-encrypted HTML message opens, sanitised in a sandboxed frame; its signer joins the correspondents; with screenshots", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("Demo Keys CA");
      const hana = pki.makeLeaf("hana", ca, { sanEmails: ["hana@example.org"] });
      const ivan = pki.makeLeaf("ivan", ca, { sanEmails: ["ivan@example.org"] });
      pki.run(["pkcs12", "-export", "-in", ivan.cert, "-inkey", ivan.key, "-out", "ivan.p12", "-passout", "pass:ivan-pw"]);
      const html = '<p>Dear Ivan,</p><p>The <b>new</b> rates are attached.</p><script>document.title="pwned"</script><img src="http://127.0.0.1:9/track.gif"><form action="http://127.0.0.1:9/"><input name="pw"></form>';
      const signed = pki.sign({ signers: [{ who: hana }], content: `Content-Type: text/html; charset=utf-8\n\n${html}\n`, from: "hana@example.org", date: null });
      pki.write("inner.eml", signed);
      pki.run(["cms", "-encrypt", "-aes-256-gcm", "-in", "inner.eml", "-from", "hana@example.org", "-to", "ivan@example.org", "-subject", "Rates", "-out", "enc.eml", ivan.cert]);

      await page.getByRole("button", { name: "Your keys and correspondents" }).click();
      await page.getByPlaceholder("New passphrase").fill("a demo passphrase");
      await page.getByRole("button", { name: "Set passphrase" }).click();
      await page.locator(".key-manager [role=status]", { hasText: "Unlocked." }).waitFor();
      await page.getByPlaceholder("The file's password").fill("ivan-pw");
      await page.locator('.key-manager input[type="file"][accept=".p12,.pfx"]').setInputFiles({ name: "ivan.p12", mimeType: "application/x-pkcs12", buffer: pki.read("ivan.p12") });
      await page.locator(".key-manager [role=status]", { hasText: "1 key added." }).waitFor();
      expect(await page.locator(".key-manager tr").first().innerText()).toMatch(/ivan@example\.org[\s\S]*issued by Demo Keys CA/);
      await page.screenshot({ path: join(shots, "demo-keys.png"), fullPage: true });

      await page.locator('nav input[type="file"]').setInputFiles({ name: "rates.eml", mimeType: "message/rfc822", buffer: pki.read("enc.eml") });
      await reportFor("rates.eml");
      expect(await page.locator(".report").innerText()).toMatch(/decrypted by Signet with your key/);
      const frame = page.locator(".decrypted-body iframe");
      expect(await frame.getAttribute("sandbox")).toBe("");
      const inside = page.frameLocator(".decrypted-body iframe");
      expect(await inside.locator("body").innerText()).toMatch(/Dear Ivan,\s+The new rates are attached\./);
      expect(await inside.locator("script, img, form, input").count()).toBe(0);
      expect(await page.title()).not.toBe("pwned");
      await page.screenshot({ path: join(shots, "demo-decrypted-html.png"), fullPage: true });
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // The frame lays out again at the new width; its text is there before the picture is taken.
      expect(await inside.locator("body").innerText()).toMatch(/Dear Ivan,/);
      await page.locator(".decrypted-body iframe").scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(shots, "demo-320px-decrypted.png"), fullPage: true });
      await page.setViewportSize({ width: 1100, height: 900 });

      // AES-192, which Chromium's WebCrypto lacks (it takes 128- and 256-bit AES keys only): opened in code.
      expect(await page.evaluate(() => crypto.subtle.importKey("raw", new Uint8Array(24), "AES-CBC", false, ["decrypt"]).then(() => "taken", () => "refused"))).toBe("refused");
      for (const cipher of ["-aes192", "-aes-192-gcm"]) {
        pki.write("plain192.eml", "Content-Type: text/plain\n\nSent with AES-192.\n");
        pki.run(["cms", "-encrypt", cipher, "-in", "plain192.eml", "-from", "hana@example.org", "-to", "ivan@example.org", "-subject", "192", "-out", "enc192.eml", ivan.cert]);
        await page.locator('nav input[type="file"]').setInputFiles({ name: `aes192${cipher}.eml`, mimeType: "message/rfc822", buffer: pki.read("enc192.eml") });
        await reportFor(`aes192${cipher}.eml`);
        expect(await page.locator(".report").innerText(), cipher).toMatch(/decrypted by Signet with your key/);
        expect(await page.locator(".decrypted-body").innerText(), cipher).toContain("Sent with AES-192.");
      }

      await page.getByRole("button", { name: "Your keys and correspondents" }).click();
      await page.locator(".key-manager tr", { hasText: "hana@example.org" }).waitFor();
      expect(await page.locator(".key-manager tr", { hasText: "hana@example.org" }).innerText()).toMatch(/issued by Demo Keys CA \(not trusted\)/);

      // A new passphrase: refused with a wrong current one, then done; locked, only the new one unlocks.
      const keys = page.locator(".key-manager");
      await keys.locator("summary", { hasText: "Change passphrase" }).click();
      const change = async (current: string, next: string, said: string) => {
        await page.getByPlaceholder("Current passphrase").fill(current);
        await keys.locator("details.change-passphrase").getByPlaceholder("New passphrase").fill(next);
        await page.getByRole("button", { name: "Change", exact: true }).click();
        await keys.locator("[role=status]", { hasText: said }).waitFor();
      };
      await change("not the passphrase", "another demo passphrase", "That passphrase does not unlock your keys.");
      await change("a demo passphrase", "another demo passphrase", "Passphrase changed: every key is now sealed under the new one.");
      await page.getByRole("button", { name: "Lock now" }).click();
      await keys.locator("[role=status]", { hasText: "Locked." }).waitFor();
      await page.getByPlaceholder("Passphrase", { exact: true }).fill("a demo passphrase");
      await page.getByRole("button", { name: "Unlock" }).click();
      await keys.locator("[role=status]", { hasText: "That passphrase does not unlock your keys." }).waitFor();
      await page.getByPlaceholder("Passphrase", { exact: true }).fill("another demo passphrase");
      await page.getByRole("button", { name: "Unlock" }).click();
      await keys.locator("[role=status]", { hasText: "Unlocked." }).waitFor();
    } finally {
      pki.cleanup();
    }
  });
});

