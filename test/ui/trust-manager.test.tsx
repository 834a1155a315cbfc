// @vitest-environment happy-dom
/**
 * The trust manager over the core's real listing (bundled roots plus a user
 * anchor and a distrusted certificate in a memory Store): why each entry is
 * there, search, and that the buttons ask the host for the right certificate.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "preact";
import { act } from "preact/test-utils";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addAnchor, BUNDLED_ROOTS_INFO, distrust, listTrust, readCertificates, type TrustListing } from "../../src/core/index.js";
import { EN_CATALOGUE, TrustManager, UiContext, type TrustActions } from "../../src/ui/index.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { root } from "./reports.js";

let listing: TrustListing;
const cert = (f: string) => readCertificates(readFileSync(join(root, "samples/certs", f))).certificates[0]!;

beforeAll(async () => {
  const store = new MemoryStore();
  await addAnchor(store, cert("signet-sample-root-ca.pem"), { emailDomains: ["example.org"] });
  await distrust(store, cert("bob.pem"));
  listing = await listTrust(store, { bundled: true });
});

async function mount(actions: TrustActions, daysAfterExtraction = 10): Promise<HTMLElement> {
  const el = document.createElement("div");
  document.body.append(el);
  await act(() => {
    render(
      <UiContext.Provider value={{ catalogue: EN_CATALOGUE }}>
        <TrustManager listing={listing} now={new Date(Date.parse(BUNDLED_ROOTS_INFO.extracted) + daysAfterExtraction * 86_400_000)} actions={actions} />
      </UiContext.Provider>,
      el,
    );
  });
  return el;
}

const rows = (el: HTMLElement) => [...el.querySelectorAll("tr")].map((r) => (r.textContent ?? "").replace(/\s+/g, " "));
const noActions = (): TrustActions => ({ add: vi.fn(), distrust: vi.fn(), remove: vi.fn() });

describe("TrustManager", () => {
  it("lists the user's decisions with their reason, and says how old the bundled roots are", async () => {
    const el = await mount(noActions());
    expect(el.textContent).toContain(`${BUNDLED_ROOTS_INFO.count} roots bundled from ${BUNDLED_ROOTS_INFO.source}, extracted ${BUNDLED_ROOTS_INFO.extracted} (10 days ago).`);
    const r = rows(el);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatch(/Signet Sample Root CA.*trusted.*added by you.*only for example\.org/);
    expect(r[1]).toMatch(/Bob Example.*distrusted.*added by you/);
  });

  it("the roots' age reads true on the day they were extracted, a day after, and with a clock set before that day", async () => {
    const info = (days: number) => mount(noActions(), days).then((el) => /\(([^)]*)\)\.$/m.exec(el.querySelector("p.muted")?.textContent ?? "")?.[1]);
    expect([await info(0.5), await info(1), await info(-2829)]).toEqual(["today", "1 day ago", "a date after this computer's clock"]);
  });

  it("shows the bundled roots on request, and searches by name or fingerprint", async () => {
    const el = await mount(noActions());
    const box = el.querySelector('input[type="checkbox"]') as HTMLInputElement;
    await act(() => {
      box.checked = true;
      box.dispatchEvent(new Event("change"));
    });
    expect(rows(el)).toHaveLength(2 + BUNDLED_ROOTS_INFO.count);
    expect(rows(el).filter((r) => /trusted ?bundled ·/.test(r))).toHaveLength(BUNDLED_ROOTS_INFO.count);
    const search = el.querySelector('input[type="search"]') as HTMLInputElement;
    const fp = listing.entries.find((e) => e.subject.includes("Signet Sample Root CA"))!.fingerprint;
    await act(() => {
      search.value = fp.slice(0, 12).replace(/(..)/g, "$1:");
      search.dispatchEvent(new Event("input"));
    });
    expect(rows(el)).toHaveLength(1);
    expect(el.querySelector('[role="status"]')?.textContent).toBe(`1 of ${2 + BUNDLED_ROOTS_INFO.count}`);
  });

  it("Distrust and Remove ask the host for that certificate's fingerprint", async () => {
    const actions = noActions();
    const el = await mount(actions);
    const fp = (name: string) => listing.entries.find((e) => e.subject.includes(name))!.fingerprint;
    (el.querySelector('button[aria-label="Distrust: Signet Sample Root CA"]') as HTMLButtonElement).click();
    (el.querySelector('button[aria-label="Remove: Bob Example"]') as HTMLButtonElement).click();
    expect(actions.distrust).toHaveBeenCalledWith(fp("Signet Sample Root CA"));
    expect(actions.remove).toHaveBeenCalledWith(fp("Bob Example"));
    // The fingerprint is the SHA-256 of the DER, as `openssl x509 -fingerprint -sha256` prints it.
    const openssl = execFileSync("openssl", ["x509", "-in", join(root, "samples/certs/bob.pem"), "-noout", "-fingerprint", "-sha256"], { encoding: "utf8" });
    expect(fp("Bob Example")).toBe(openssl.trim().split("=")[1]!.replace(/:/g, "").toLowerCase());
  });
});
