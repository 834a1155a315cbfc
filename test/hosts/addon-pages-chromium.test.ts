/**
 * The add-on's popup and options pages, as built into the .xpi, in real
 * Chromium. Only the host seam is stubbed: the page's `messenger` global
 * forwards runtime.sendMessage to Node, where the add-on's real dispatcher
 * (commands.ts) and service answer, with the core, a memory Store and the
 * samples standing in for Thunderbird's messages.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDemo } from "../../scripts/serve-demo.mjs";
import { dispatch } from "../../src/hosts/thunderbird/commands.js";
import type { Messenger } from "../../src/hosts/thunderbird/messenger.js";
import { isRequest } from "../../src/hosts/thunderbird/protocol.js";
import { SignetService } from "../../src/hosts/thunderbird/service.js";
import { fetchFetcher } from "../../src/hosts/shared/fetch-fetcher.js";
import { requireBuilt } from "../helpers/built.js";
import { launchChromium } from "../../scripts/launch-chromium.mjs";
import { MemoryStore } from "../helpers/memory-store.js";
import { OpensslPki } from "../helpers/pki.js";

const root = resolve(import.meta.dirname, "../..");
/** Tab N displays message N, as Thunderbird's messageDisplay would say. */
const TABS: Record<number, string> = { 1: "11-revoked.eml", 2: "01-signed-valid.eml" };
/** Thunderbird's messages: those the tabs display, and one no tab does (as one Thunderbird cannot decrypt shows in none). */
const MESSAGES: Record<number, string> = { ...TABS, 7: "03-tampered.eml" };

/** storage.local, as the stub holds it: where the personal mark is kept. */
const stored = new Map<string, unknown>();
// The seam: only what commands.ts and service.ts ask of Thunderbird.
const api = {
  storage: {
    local: {
      get: async (key: string) => (stored.has(key) ? { [key]: structuredClone(stored.get(key)) } : {}),
      set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => stored.set(k, structuredClone(v))),
    },
  },
  messageDisplay: { getDisplayedMessages: async (tabId: number) => ({ messages: TABS[tabId] ? [{ id: tabId, subject: "", headerMessageId: "" }] : [] }) },
  messages: { getRaw: async (id: number) => new File([readFileSync(join(root, "samples", MESSAGES[id]!))], "m.eml") },
} as unknown as Messenger;

let browser: Browser;
let service: SignetService;
let pages: { url: string; close: () => Promise<void> };

/** Serves dist/thunderbird as the add-on's own origin would, and stubs `messenger` before the page's script runs. */
async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.exposeFunction("signetBackground", async (message: unknown) => (isRequest(message) ? dispatch(service, message, {}) : undefined));
  await page.addInitScript(() => {
    const w = window as unknown as { messenger: unknown; signetBackground: (m: unknown) => Promise<unknown> };
    w.messenger = {
      runtime: { sendMessage: (m: unknown) => w.signetBackground(m) },
      i18n: { getUILanguage: () => "en-US" },
      tabs: { query: async () => [{ id: 1 }] },
    };
  });
  await page.route("**/addon/**", (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\/addon\//, "");
    const dir = file.endsWith(".html") ? join(root, "src/hosts/thunderbird") : join(root, "dist/thunderbird");
    return route.fulfill({ body: readFileSync(join(dir, file)), contentType: file.endsWith(".html") ? "text/html" : "text/javascript" });
  });
  await page.goto(`${pages.url}addon/${path}`);
  return page;
}

beforeAll(async () => {
  requireBuilt("thunderbird/popup.js");
  service = new SignetService(api, new MemoryStore(), fetchFetcher());
  // The samples' root, added through the same command the options page uses.
  const added = await dispatch(service, { command: "trust-add", base64: readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem")).toString("base64"), emailDomains: [] }, {});
  expect(added).toMatchObject({ ok: true });
  pages = await serveDemo(0);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

describe("the popup (message_display_action)", () => {
  it("shows the active tab's report and opens a certificate's details from the background", async () => {
    const page = await openPage("popup.html");
    await page.locator('.report[data-pending="false"]').waitFor();
    expect(await page.locator(".report").getAttribute("data-verdict")).toBe("danger");
    expect(await page.locator(".headline").innerText()).toMatch(/revoked on \d{4}-\d\d-\d\d \(reason: its private key was compromised\)/);
    await page.locator(".chain button").first().click();
    await page.locator(".certificate dt", { hasText: "Extended key usage" }).waitFor();
    expect(await page.locator(".certificate").innerText()).toMatch(/carol@example\.org/);
    await page.close();
  });

  it("opened in a tab as popup.html?tab=N, shows that tab's message", async () => {
    const page = await openPage("popup.html?tab=2");
    await page.locator('.report[data-pending="false"]').waitFor();
    expect(await page.locator(".report").getAttribute("data-verdict")).toBe("verified");
    await page.close();
  });

  it("opened from the message list's menu as popup.html?message=ID, shows that message though no tab displays it; a malformed id is an error, not the active tab's report", async () => {
    const page = await openPage("popup.html?message=7");
    await page.locator('.report[data-pending="false"]').waitFor();
    expect(await page.locator(".report").getAttribute("data-verdict")).toBe("danger");
    expect(await page.locator(".headline").innerText()).toContain("The signed content was changed after signing.");
    await page.close();
    for (const bad of ["popup.html?message=7x", "popup.html?message=", "popup.html?tab=-1"]) {
      const wrong = await openPage(bad);
      await wrong.locator("[role=status]", { hasText: "this page was opened for no valid message" }).waitFor();
      expect(await wrong.locator(".report[data-verdict]").count(), bad).toBe(0);
      await wrong.close();
    }
  });
});

describe("the options page (personal mark)", () => {
  it("says why the mark is there, shows the one chosen at random, and keeps the reader's own", async () => {
    const page = await openPage("options.html");
    const editor = page.locator(".mark-editor");
    await editor.locator(".mark").waitFor();
    expect(await editor.locator("h2").innerText()).toBe("Your personal mark");
    expect(await editor.innerText()).toMatch(/A message can draw a fake banner inside its own text[\s\S]*cannot know your mark/);
    const chosen = stored.get("personal-mark") as { text: string; colour: string };
    expect(await editor.locator(".mark").innerText()).toBe(chosen.text);
    await editor.getByLabel("Word or emoji (up to 16 characters)").fill("Kestrel");
    await editor.getByLabel("teal").check();
    expect(await editor.locator(".mark").innerText()).toBe("Kestrel");
    await editor.getByRole("button", { name: "Save mark" }).click();
    await editor.locator('[role="status"]', { hasText: "Saved." }).waitFor();
    expect(stored.get("personal-mark")).toEqual({ text: "Kestrel", colour: "#00695c" });
    await page.screenshot({ path: join(root, "test-output/options-personal-mark.png"), fullPage: true });
    // Too long for a banner: the button stays off, and the preview says why.
    await editor.getByLabel("Word or emoji (up to 16 characters)").fill("x".repeat(17));
    expect(await editor.getByRole("button", { name: "Save mark" }).isDisabled()).toBe(true);
    expect(await editor.innerText()).toContain("(a mark is 1 to 16 characters, without control characters)");
    await page.close();
  });
});

describe("the options page (trust manager)", () => {
  it("lists the user's root, adds a file, distrusts a bundled root, and removes decisions", async () => {
    const page = await openPage("options.html");
    const rows = page.locator(".trust-manager tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/Signet Sample Root CA[\s\S]*added by you/);

    await page.locator('.trust-manager input[type="file"]').setInputFiles(join(root, "samples/certs/bob.pem"));
    await page.locator('[role="status"]', { hasText: "Added the certificates in bob.pem." }).waitFor();
    await rows.filter({ hasText: "Bob Example" }).waitFor();
    expect(await rows.count()).toBe(2);

    await page.getByLabel("Show bundled roots").check();
    const bundledRoot = rows.filter({ hasText: "bundled" }).first();
    const name = (await bundledRoot.locator("strong").innerText()).trim();
    await bundledRoot.getByRole("button", { name: `Distrust: ${name}` }).click();
    await page.locator('[role="status"]', { hasText: "Distrusted." }).waitFor();
    const row = rows.filter({ hasText: name });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/distrusted[\s\S]*added by you/);

    await row.getByRole("button", { name: `Remove: ${name}` }).click();
    await page.locator('[role="status"]', { hasText: "Removed your decision." }).waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/trusted[\s\S]*bundled/);
    await page.close();
  });
});

describe("the options page (key manager)", () => {
  it("sets a passphrase, imports a .p12 OpenSSL made, shows it, and locks; errors are worded, not codes; with a screenshot", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("Options Keys CA");
      const judy = pki.makeLeaf("judy", ca, { sanEmails: ["judy@example.org"] });
      pki.run(["pkcs12", "-export", "-in", judy.cert, "-inkey", judy.key, "-out", "judy.p12", "-passout", "pass:judy-pw"]);
      const page = await openPage("options.html");
      const keys = page.locator(".key-manager");
      await keys.locator("[role=status]", { hasText: "No keys yet." }).waitFor();
      await page.getByPlaceholder("New passphrase").fill("short");
      await page.getByRole("button", { name: "Set passphrase" }).click();
      await keys.locator("[role=status]", { hasText: "A passphrase needs at least 8 characters." }).waitFor();
      await page.getByPlaceholder("New passphrase").fill("an options passphrase");
      await page.getByRole("button", { name: "Set passphrase" }).click();
      await keys.locator("[role=status]", { hasText: "Unlocked." }).waitFor();
      await page.getByPlaceholder("The file's password").fill("wrong");
      await keys.locator('input[type="file"][accept=".p12,.pfx"]').setInputFiles({ name: "judy.p12", mimeType: "application/x-pkcs12", buffer: pki.read("judy.p12") });
      await keys.locator("[role=status]", { hasText: "That password does not open the file (or the file was changed since it was made)." }).waitFor();
      await page.getByPlaceholder("The file's password").fill("judy-pw");
      await keys.locator('input[type="file"][accept=".p12,.pfx"]').setInputFiles({ name: "judy.p12", mimeType: "application/x-pkcs12", buffer: pki.read("judy.p12") });
      await keys.locator("[role=status]", { hasText: "1 key added." }).waitFor();
      expect(await keys.locator("tr", { hasText: "judy@example.org" }).innerText()).toMatch(/issued by Options Keys CA, valid until \d{4}-\d\d-\d\d[\s\S]*RSA 2048/);
      await page.screenshot({ path: join(root, "test-output/options-keys.png"), fullPage: true });
      await page.getByRole("button", { name: "Lock now" }).click();
      await keys.locator("[role=status]", { hasText: "Locked." }).waitFor();
      expect((await service.keys()).isUnlocked()).toBe(false);
      // A new passphrase, through the background's keys-change-passphrase: the wrong current one is worded.
      await keys.locator("summary", { hasText: "Change passphrase" }).click();
      await page.getByPlaceholder("Current passphrase").fill("not the passphrase");
      await page.getByPlaceholder("New passphrase").fill("a new options passphrase");
      await page.getByRole("button", { name: "Change", exact: true }).click();
      await keys.locator("[role=status]", { hasText: "That passphrase does not unlock your keys." }).waitFor();
      await page.getByPlaceholder("Current passphrase").fill("an options passphrase");
      await page.getByPlaceholder("New passphrase").fill("a new options passphrase");
      await page.getByRole("button", { name: "Change", exact: true }).click();
      await keys.locator("[role=status]", { hasText: "Passphrase changed: every key is now sealed under the new one." }).waitFor();
      const store = await service.keys();
      store.lock();
      expect(await store.unlock("an options passphrase", 60_000)).toBe("wrong-passphrase");
      expect(await store.unlock("a new options passphrase", 60_000)).toBe("unlocked");
      store.lock();
      // Signet's own correspondents, from the samples the popup tests inspected, are listed below.
      expect(await keys.innerText()).toContain("Correspondents");
      await page.close();
    } finally {
      pki.cleanup();
    }
  });
});

