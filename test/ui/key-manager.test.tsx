// @vitest-environment happy-dom
/**
 * The key manager view (src/ui/components/KeyManager.tsx) over listings of a real key store with a
 * key from `openssl pkcs12 -export`: what it says locked and unlocked, that a delete takes a
 * confirmation, that the buttons ask for the right key, and the correspondents' search.
 */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { KeyStore, type Correspondent, type KeyListing } from "../../src/core/index.js";
import { EN_CATALOGUE, KeyManager, UiContext, type KeyActions } from "../../src/ui/index.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { OpensslPki } from "../helpers/pki.js";

let pki: OpensslPki;
let locked: KeyListing;
let unlocked: KeyListing;
let empty: KeyListing;
const clock = { now: () => new Date("2026-12-04T10:00:00Z") };

beforeAll(async () => {
  pki = new OpensslPki();
  const ca = pki.makeCa("KmCA");
  const bob = pki.makeLeaf("km-bob", ca, { sanEmails: ["bob@example.org"] });
  pki.run(["pkcs12", "-export", "-in", bob.cert, "-inkey", bob.key, "-out", "bob.p12", "-passout", "pass:pw"]);
  const store = new MemoryStore();
  const keys = new KeyStore(store, clock);
  empty = await keys.listing();
  await keys.setPassphrase("a passphrase", 30 * 60_000, 1000);
  await keys.importPkcs12(new Uint8Array(pki.read("bob.p12")), "pw");
  await keys.generate("p256", { email: "bob@example.org" });
  unlocked = await keys.listing();
  keys.lock();
  locked = await keys.listing();
});
afterAll(() => pki.cleanup());
afterEach(() => document.body.replaceChildren());

const correspondent: Correspondent = {
  fingerprintSha256: "AB".repeat(32),
  derBase64: "MIIB",
  subject: "CN=Alice Example",
  issuer: "O=Signet Test, CN=KmCA",
  emails: ["alice@example.org"],
  notAfter: "2030-01-01T00:00:00.000Z",
  trusted: true,
  capabilities: [{ oid: "2.16.840.1.101.3.4.1.42", name: "AES-256-CBC" }],
  firstSeen: "2026-12-01T00:00:00.000Z",
  lastSeen: "2026-12-03T00:00:00.000Z",
};

const actions = (): KeyActions => ({
  unlock: vi.fn(),
  lock: vi.fn(),
  changePassphrase: vi.fn(),
  importPkcs12: vi.fn(),
  generate: vi.fn(),
  importCertificate: vi.fn(),
  exportPkcs12: vi.fn(),
  exportCertificate: vi.fn(),
  deleteKey: vi.fn(),
  deleteCorrespondent: vi.fn(),
});

async function mount(listing: KeyListing, a: KeyActions, known: Correspondent[] = []): Promise<HTMLElement> {
  const el = document.createElement("div");
  document.body.append(el);
  await act(() => render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE }}><KeyManager listing={listing} correspondents={known} actions={a} /></UiContext.Provider>, el));
  return el;
}

const text = (e: Element | null | undefined) => (e?.textContent ?? "").replace(/\s+/g, " ").trim();
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll("button")].find((b) => text(b) === label || b.getAttribute("aria-label") === label)!;

describe("KeyManager", () => {
  it("a store without keys asks for a passphrase first, and offers nothing else", async () => {
    const el = await mount(empty, actions());
    expect(text(el.querySelector("[role=status]"))).toBe("No keys yet. Choose a passphrase (at least 8 characters) to begin: it protects every key you add.");
    expect(text(button(el, "Set passphrase"))).toBe("Set passphrase");
    expect(el.querySelector("input[type=file]")).toBeNull();
  });

  it("locked: the keys are listed, the passphrase is asked for, and no backup can be made", async () => {
    const a = actions();
    const el = await mount(locked, a);
    expect(text(el.querySelector("[role=status]"))).toBe("Locked: encrypted mail to these keys stays closed until you unlock.");
    const rows = [...el.querySelectorAll("tr")].map(text);
    expect(rows.some((r) => /^bob@example\.org ?issued by KmCA, valid until \d{4}-\d\d-\d\d ?RSA 2048 · [0-9a-f]{20}/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes("waiting for its certificate") && r.includes("EC P-256"))).toBe(true);
    // The pending key's request, to send again.
    expect(el.querySelector("details pre")?.textContent).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    expect(el.textContent).not.toContain("Export backup");
    const input = el.querySelector<HTMLInputElement>("input[type=password]")!;
    await act(() => {
      input.value = "a passphrase";
      input.dispatchEvent(new Event("input"));
    });
    await act(() => button(el, "Unlock").click());
    expect(a.unlock).toHaveBeenCalledWith("a passphrase", 30);
  });

  it("unlocked: lock, import, make a key; a delete asks once more before it acts", async () => {
    const a = actions();
    const el = await mount(unlocked, a);
    expect(text(el.querySelector("[role=status]"))).toBe("Unlocked until 10:30 UTC.");
    expect(el.querySelector("input[type=file][accept='.p12,.pfx']")).not.toBeNull();
    const identity = unlocked.keys.find((k) => k.state === "identity")!;
    await act(() => button(el, "Delete: km-bob").click());
    expect(a.deleteKey).not.toHaveBeenCalled();
    await act(() => button(el, "Delete for good").click());
    expect(a.deleteKey).toHaveBeenCalledWith(identity.id);
    await act(() => button(el, "Export certificate: km-bob").click());
    expect(a.exportCertificate).toHaveBeenCalledWith(identity.certificateBase64, "bob@example.org");
  });

  it("the passphrase can be changed, locked or not: the button waits for the current one and a new one of 8 or more characters", async () => {
    expect((await mount(empty, actions())).textContent).not.toContain("Change passphrase");
    for (const listing of [locked, unlocked]) {
      const a = actions();
      const el = await mount(listing, a);
      const box = el.querySelector("details.change-passphrase")!;
      expect(text(box.querySelector("summary"))).toBe("Change passphrase");
      const [current, next] = [...box.querySelectorAll<HTMLInputElement>("input[type=password]")];
      const type = (input: HTMLInputElement, value: string) =>
        act(() => {
          input.value = value;
          input.dispatchEvent(new Event("input"));
        });
      const change = button(el, "Change");
      await type(current!, "a passphrase");
      await type(next!, "seven77");
      expect(change.disabled).toBe(true);
      await type(next!, "eight888");
      expect(change.disabled).toBe(false);
      await act(() => change.click());
      expect(a.changePassphrase).toHaveBeenCalledWith("a passphrase", "eight888");
      // Both fields are emptied, so no passphrase stays in the page.
      expect([current!.value, next!.value]).toEqual(["", ""]);
      document.body.replaceChildren();
    }
  });

  it("correspondents: listed with what they can decrypt, found by address, exported and deleted by fingerprint", async () => {
    const a = actions();
    const el = await mount(locked, a, [correspondent]);
    expect(el.textContent).toContain("alice@example.orgissued by KmCA, valid until 2030-01-01, last seen 2026-12-03can decrypt: AES-256-CBC");
    const search = el.querySelector<HTMLInputElement>("input[type=search]")!;
    await act(() => {
      search.value = "carol";
      search.dispatchEvent(new Event("input"));
    });
    expect(el.textContent).toContain("No certificate for that address.");
    await act(() => {
      search.value = "ALICE";
      search.dispatchEvent(new Event("input"));
    });
    await act(() => button(el, "Delete: alice@example.org").click());
    expect(a.deleteCorrespondent).toHaveBeenCalledWith(correspondent.fingerprintSha256);
  });
});
