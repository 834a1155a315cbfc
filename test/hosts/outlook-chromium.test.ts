/**
 * The Outlook task pane end to end in real Chromium (Debian's package, driven
 * by playwright-core), served by `signet serve`'s host over HTTPS with its
 * development certificate. Office.js from Microsoft's CDN is routed to a stub
 * that supplies `Office` at the host seam only (outlook/office-stub.js), fed
 * with fixture messages: the bundled samples, and messages signed by
 * `openssl cms` whose certificates name an OCSP responder on 127.0.0.1 that
 * OpenSSL answers, reached through the relay. Screenshots at the pane's 320 px
 * go to test-output/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/launch-chromium.mjs";
import { startHost, type RunningHost } from "../../src/server/serve.js";
import { requireBuilt } from "../helpers/built.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";
import { testServeSettings } from "../helpers/serve-settings.js";

const root = resolve(import.meta.dirname, "../..");
const shots = join(root, "test-output");
const stub = readFileSync(join(import.meta.dirname, "outlook/office-stub.js"), "utf8");
const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString("base64");
const sample = (name: string): string => b64(readFileSync(join(root, "samples", name)));

let pki: ScenarioPki;
let responder: Server;
let host: RunningHost;
let browser: Browser;
const ocspRequests: string[] = [];
const relayLog: Record<string, unknown>[] = [];
const dir = mkdtempSync(join(tmpdir(), "signet-outlook-"));
const messages: Record<string, { eml: string; attachments?: unknown[]; failFirst?: number; failAlways?: number; delayMs?: number }> = {};

beforeAll(async () => {
  requireBuilt("outlook/taskpane.js");
  pki = new ScenarioPki();
  responder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const der = req.method === "POST" ? Buffer.concat(chunks) : Buffer.from(decodeURIComponent(req.url!.slice("/ocsp/".length)), "base64");
      const id = ocspRequests.push(req.method!);
      pki.write(`q-${id}.der`, der);
      pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Root").cert, "-rsigner", pki.get("Root").cert, "-rkey", pki.get("Root").key, "-reqin", `q-${id}.der`, "-respout", `r-${id}.der`, "-ndays", "1"]);
      res.writeHead(200, { "content-type": "application/ocsp-response" }).end(pki.read(`r-${id}.der`));
    });
  });
  await new Promise<void>((done) => responder.listen(0, "127.0.0.1", done));
  const port = (responder.address() as AddressInfo).port;
  pki.build([
    { name: "Root" },
    { name: "Dana", issuer: "Root", email: "dana@example.org", ocsp: `http://127.0.0.1:${port}/ocsp` },
    { name: "Erin", issuer: "Root", email: "erin@example.org", ocsp: `http://127.0.0.1:${port}/ocsp` },
  ]);
  pki.revoke("Root", "Erin", "keyCompromise");
  const signed = (who: string, email: string) => b64(pki.sign({ signers: [{ who: pki.get(who) }], from: email, to: "bob@example.org", subject: `From ${who}`, content: `Content-Type: text/plain\n\nHello from ${who}.\n` }));
  // Exchange's S/MIME item for sample 02 (MS-OXOSMIME): no body, its one attachment smime.p7m holding the CMS object.
  const opaque = readFileSync(join(root, "samples/02-signed-opaque-ecdsa.eml"), "latin1");
  const p7m = opaque.slice(opaque.indexOf("\n\n") + 2).replace(/\s+/g, "");
  const exchangeItem = b64("From: bob@example.org\r\nTo: bob@example.org\r\nSubject: Opaque, ECDSA\r\nDate: Sat, 28 Nov 2026 14:18:21 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n");
  Object.assign(messages, {
    valid: { eml: sample("01-signed-valid.eml") },
    tampered: { eml: sample("03-tampered.eml") },
    untrusted: { eml: sample("10-untrusted-signer.eml") },
    partial: { eml: sample("05-partially-signed.eml") },
    encrypted: { eml: sample("07-encrypted-to-bob.eml") },
    good: { eml: signed("Dana", "dana@example.org") },
    revoked: { eml: signed("Erin", "erin@example.org") },
    exchange: { eml: exchangeItem, attachments: [{ id: "AAMk-1", name: "smime.p7m", contentType: "application/pkcs7-mime", isInline: false, attachmentType: "file", format: "base64", content: p7m }] },
    flaky: { eml: sample("01-signed-valid.eml"), failFirst: 5001 },
    broken: { eml: "", failAlways: 9002 },
    slow: { eml: sample("01-signed-valid.eml"), delayMs: 3600 },
  });
  host = await startHost(testServeSettings(dir, { plainHttp: false, allowAddresses: ["127.0.0.1"], allowPorts: [port], log: (line) => relayLog.push(line) }));
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  responder?.closeAllConnections();
  await new Promise<void>((done) => responder?.close(() => done()));
  pki?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function openPane(config: { current: string | null; mailboxVersion?: string; platform?: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 320, height: 900 } });
  // Only the CDN's Office.js is stubbed; the pane, its bundle and the relay are the real ones.
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: stub }));
  await context.addInitScript((cfg) => Object.assign(window, { __signetOfficeConfig: cfg }), { mailboxVersion: "1.14", platform: "OfficeOnline", messages, ...config });
  const page = await context.newPage();
  await page.goto(`${host.origin}/taskpane.html`);
  return { context, page };
}

/** The final report of item `id`: the pane marks which item it shows, as the previous report can still be on screen. */
async function finalReport(page: Page, id: string): Promise<{ verdict: string | null; text: string }> {
  const report = page.locator(`main[data-item="${id}"] .report[data-pending="false"]`);
  await report.waitFor({ timeout: 30_000 });
  return { verdict: await report.getAttribute("data-verdict"), text: await report.innerText() };
}

async function select(page: Page, id: string | null): Promise<void> {
  await page.evaluate((next) => (window as unknown as { __signetSelect: (id: string | null) => void }).__signetSelect(next), id);
}

describe("the Outlook pane in Chromium, served by signet serve", () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => ({ context, page } = await openPane({ current: "valid" })), 60_000);
  afterAll(async () => context?.close());

  it("before its root is trusted, a valid signature is a warning; trusting the root through the Trust tab makes it verified", async () => {
    expect((await finalReport(page, "valid")).verdict).toBe("warning");
    await page.getByRole("tab", { name: "Trust" }).click();
    const file = page.locator('input[type="file"]');
    await file.setInputFiles(join(root, "samples/certs/signet-sample-root-ca.pem"));
    await page.getByText(/signet-sample-root-ca\.pem/).first().waitFor();
    await file.setInputFiles({ name: "scenario-root.pem", mimeType: "application/x-pem-file", buffer: readFileSync(join(pki.dir, pki.get("Root").cert)) });
    await page.getByText(/scenario-root\.pem/).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(shots, "outlook-pane-trust.png"), fullPage: true });
    await page.getByRole("tab", { name: "Report" }).click();
    const r = await finalReport(page, "valid");
    expect(r.verdict).toBe("verified");
    expect(r.text).toMatch(/Signed by Alice Example <alice@example\.org>/);
    expect(await page.locator(".pane-route").first().innerText()).toBe("Checked: the message as Outlook handed it over.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(shots, "outlook-pane-verified.png"), fullPage: true });
  });

  const cases: [string, string, RegExp][] = [
    ["tampered", "danger", /The signed content was changed after signing/],
    ["untrusted", "warning", /not trusted|unknown|issuer/i],
    ["partial", "warning", /only part|partially|not signed/i],
  ];
  for (const [id, verdict, words] of cases) {
    it(`an item change re-inspects: ${id} is ${verdict}, in words`, async () => {
      await select(page, id);
      const r = await finalReport(page, id);
      expect(r.verdict).toBe(verdict);
      expect(r.text).toMatch(words);
      expect(await page.locator(".headline .badge").innerText()).toMatch(/Verified|Warning|Danger/);
      await page.screenshot({ path: join(shots, `outlook-pane-${id}.png`), fullPage: true });
    });
  }

  it("revocation goes through the relay to OpenSSL's responder: good is verified, revoked is danger", async () => {
    const before = ocspRequests.length;
    await select(page, "good");
    const good = await finalReport(page, "good");
    expect(good.verdict).toBe("verified");
    await select(page, "revoked");
    const revoked = await finalReport(page, "revoked");
    expect(revoked.verdict).toBe("danger");
    expect(revoked.text).toMatch(/revoked/i);
    expect(revoked.text).toMatch(/its private key was compromised/);
    expect(ocspRequests.length).toBeGreaterThan(before);
    expect(relayLog.filter((l) => l.event === "relay" && l.host === `127.0.0.1:${(responder.address() as AddressInfo).port}`).length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(shots, "outlook-pane-revoked.png"), fullPage: true });
  });

  it("an Exchange S/MIME item is read through its smime.p7m attachment, and says so", async () => {
    await select(page, "exchange");
    const r = await finalReport(page, "exchange");
    expect(r.verdict).toBe("verified");
    expect(await page.locator(".pane-route").first().innerText()).toBe("Checked: the original S/MIME message, which Exchange keeps as the attachment smime.p7m; the sender and date are Outlook's.");
    expect(await page.evaluate(() => (window as unknown as { __signetOfficeCalls: { getAttachmentContentAsync: number } }).__signetOfficeCalls.getAttachmentContentAsync)).toBe(1);
  });

  it("returning to an item shows its report again without asking Outlook for the message", async () => {
    const calls = () => page.evaluate(() => (window as unknown as { __signetOfficeCalls: { getAsFileAsync: number } }).__signetOfficeCalls.getAsFileAsync);
    const before = await calls();
    await select(page, "tampered");
    expect((await finalReport(page, "tampered")).verdict).toBe("danger");
    expect(await page.locator(".pane-route").first().innerText()).toBe("Checked: the message as Outlook handed it over.");
    expect(await calls()).toBe(before);
  });

  it("Outlook's error 5001 is retried once; another error is said in words", async () => {
    const calls = () => page.evaluate(() => (window as unknown as { __signetOfficeCalls: { getAsFileAsync: number } }).__signetOfficeCalls.getAsFileAsync);
    const before = await calls();
    await select(page, "flaky");
    expect((await finalReport(page, "flaky")).verdict).toBe("verified");
    expect((await calls()) - before).toBe(2);
    await select(page, "broken");
    const alert = page.locator('main[data-item="broken"][data-reading="failed"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe("Outlook did not hand over this message, so Signet could not check it: The operation failed.");
  });

  it("a slow hand-over shows how long it is taking, then the report", async () => {
    await select(page, "slow");
    await page.getByText(/Outlook is handing over the message… 2 s \(large messages take a while\)/).waitFor({ timeout: 10_000 });
    expect((await finalReport(page, "slow")).verdict).toBe("verified");
  });

  it("an encrypted message says that Outlook gives no decryption status", async () => {
    await select(page, "encrypted");
    await finalReport(page, "encrypted");
    expect(await page.locator(".pane-route").allInnerTexts()).toContain("Outlook does not tell add-ins whether it decrypted a message. Signet reports what it was given.");
  });

  it("the key manager fits the pane; back on the report, the message is checked again", async () => {
    await select(page, "valid");
    await finalReport(page, "valid");
    await page.getByRole("tab", { name: "Keys" }).click();
    await page.getByRole("tab", { name: "Keys", selected: true }).waitFor();
    await page.locator(".signet").first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(shots, "outlook-pane-keys.png"), fullPage: true });
    await page.getByRole("tab", { name: "Report" }).click();
    expect((await finalReport(page, "valid")).verdict).toBe("verified");
  });

  it("a pinned pane with no item selected asks for one", async () => {
    await select(page, null);
    await page.locator('main[data-item=""] [role="status"]', { hasText: "Select one message to see its security." }).waitFor();
  });
});

describe("classic Outlook for Windows, which rebuilds the message it hands over", () => {
  it("says so under the report of signed mail, and not under that of mail with no signature", async () => {
    const { context, page } = await openPane({ current: "tampered", platform: "PC" });
    const rebuilt = "Classic Outlook for Windows rebuilds a message before handing it over, so its header fields can differ from what was sent. The signature covers the signed parts, and those are what Signet checked.";
    await finalReport(page, "tampered");
    expect(await page.locator(".pane-route").allInnerTexts()).toContain(rebuilt);
    await select(page, "encrypted");
    await finalReport(page, "encrypted");
    expect(await page.locator(".pane-route").allInnerTexts()).not.toContain(rebuilt);
    await context.close();
  });
});

describe("an Outlook without Mailbox 1.14", () => {
  it("says in words which Outlooks can, instead of failing", async () => {
    const { context, page } = await openPane({ current: "valid", mailboxVersion: "1.13" });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^This Outlook cannot hand a message to add-ins, so Signet cannot check it here\. .*Outlook on the web.*Outlook 2021/);
    expect(await page.evaluate(() => (window as unknown as { __signetOfficeCalls: { getAsFileAsync: number } }).__signetOfficeCalls.getAsFileAsync)).toBe(0);
    await page.screenshot({ path: join(shots, "outlook-pane-unsupported.png"), fullPage: true });
    await context.close();
  });
});
