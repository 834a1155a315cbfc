/**
 * The verdict on the message header's button (hosts/thunderbird/toolbar.ts),
 * over a stub of the `messenger` global (the host seam) with the add-on's
 * real service, core and samples: the order of its states, an answer that
 * arrives after the tab moved on, a selection of several messages, and a
 * trust change. The real-Thunderbird suite reads the same button back.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { fetchFetcher } from "../../src/hosts/shared/fetch-fetcher.js";
import { dispatch } from "../../src/hosts/thunderbird/commands.js";
import type { Messenger } from "../../src/hosts/thunderbird/messenger.js";
import { DISPLAYED_MESSAGE_DEADLINE_MS, SignetService } from "../../src/hosts/thunderbird/service.js";
import { ToolbarIndicator } from "../../src/hosts/thunderbird/toolbar.js";
import { EN_CATALOGUE } from "../../src/ui/messages/catalogue-en.js";
import { MemoryStore } from "../helpers/memory-store.js";

const root = resolve(import.meta.dirname, "../..");
const MESSAGES: Record<number, string> = { 1: "01-signed-valid.eml", 3: "03-tampered.eml", 8: "08-unsigned.eml" };

interface Look {
  label?: string;
  title?: string;
  icon?: string;
}

let displayed: Map<number, number[]>;
/** Tabs for which getDisplayedMessages never answers, as Thunderbird 153.8 did for tabs in the background on a busy machine. */
let silent: Set<number>;
let shown: Map<number, Look[]>;
let service: SignetService;
let toolbar: ToolbarIndicator;
/** storage.local's contents, as the stub holds them. */
let stored: Map<string, unknown>;
const OWL = { text: "🦉", colour: "#6a1b9a" };

/** storage.local over a Map, as a JSON round trip (what Thunderbird keeps is a copy). */
function storageLocal(map: Map<string, unknown>) {
  return {
    get: async (key: string) => (map.has(key) ? { [key]: JSON.parse(JSON.stringify(map.get(key))) as unknown } : {}),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => map.set(k, JSON.parse(JSON.stringify(v)))),
    remove: async (key: string) => void map.delete(key),
  };
}

/** As the background's onMessagesDisplayed listener: Thunderbird shows `ids` in the tab, and says so. */
function display(tabId: number, ids: number[]): Promise<void> {
  displayed.set(tabId, ids);
  return toolbar.follow(tabId, service.tabDisplays(tabId, ids.map((id) => ({ id }))));
}

/** What a tab's button went through, one look per completed update (icon, label and title together). */
function history(tabId: number): Look[] {
  return shown.get(tabId) ?? [];
}

beforeEach(async () => {
  stored = new Map();
  displayed = new Map();
  silent = new Set();
  shown = new Map();
  const pending = new Map<number, Look>();
  const set = (tabId: number, part: Look) => {
    const look = { ...pending.get(tabId), ...part };
    pending.set(tabId, look);
    // A look is complete when all three parts of one update have arrived.
    if (look.label !== undefined && look.title !== undefined && look.icon !== undefined) {
      shown.set(tabId, [...history(tabId), look]);
      pending.delete(tabId);
    }
    return Promise.resolve();
  };
  const api = {
    messageDisplay: {
      getDisplayedMessages: (tabId: number) =>
        silent.has(tabId) ? new Promise(() => undefined) : Promise.resolve({ messages: (displayed.get(tabId) ?? []).map((id) => ({ id, subject: "", headerMessageId: "" })) }),
    },
    messages: { getRaw: async (id: number) => new File([readFileSync(join(root, "samples", MESSAGES[id]!))], "m.eml") },
    messageDisplayAction: {
      setIcon: ({ tabId, path }: { tabId: number; path: string }) => set(tabId, { icon: path }),
      setLabel: ({ tabId, label }: { tabId: number; label: string }) => set(tabId, { label }),
      setTitle: ({ tabId, title }: { tabId: number; title: string }) => set(tabId, { title }),
    },
    tabs: { query: async () => [...displayed.keys()].map((id) => ({ id })) },
    storage: { local: storageLocal(stored) },
  } as unknown as Messenger;
  service = new SignetService(api, new MemoryStore(), fetchFetcher());
  const added = await dispatch(service, { command: "trust-add", base64: readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem")).toString("base64"), emailDomains: [] }, {});
  expect(added).toMatchObject({ ok: true });
  toolbar = new ToolbarIndicator(api, service, EN_CATALOGUE);
  service.whenLookChanges(() => void toolbar.refreshAll());
  expect(await dispatch(service, { command: "mark-set", mark: OWL }, {})).toEqual({ ok: true, value: OWL });
});

describe("the header button's verdict", () => {
  it("shows Checking, then the answer, with an icon of the verdict's own shape; a cached answer at once", async () => {
    await display(10, [1]);
    expect(history(10).map((l) => [l.label, l.icon])).toEqual([
      ["Checking", "/icons/checking.svg"],
      // The local answer is still Checking (revocation is on its way); then the final one.
      ["Checking", "/icons/checking.svg"],
      ["Verified", "/icons/verified.svg"],
    ]);
    expect(history(10).at(-1)?.title).toBe("🦉 Signet: Verified · Signed by Alice Example <alice@example.org> · certificate trusted, revocation not checked");
    await display(11, [1]);
    expect(history(11).map((l) => l.label)).toEqual(["Verified"]);
  });

  it("a red answer shows at once, and every verdict has its own icon", async () => {
    await display(10, [3]);
    // Red from the local answer on, while revocation is still being checked: the network cannot make it better.
    expect(history(10).map((l) => l.label)).toEqual(["Checking", "Danger", "Danger"]);
    expect(history(10)[1]?.title).toMatch(/Checking revocation/);
    expect(history(10)[2]?.title).not.toMatch(/Checking revocation/);
    expect(history(10).at(-1)).toMatchObject({ icon: "/icons/danger.svg", title: expect.stringMatching(/^🦉 Signet: Danger · The signed content was changed after signing/) });
    await display(10, [8]);
    expect(history(10).at(-1)).toMatchObject({ label: "Not protected", icon: "/icons/none.svg" });
  });

  it("an answer that arrives after the tab moved on to another message is not shown on it", async () => {
    const slow = display(10, [1]);
    await display(10, [8]);
    await slow;
    expect(history(10).at(-1)?.label).toBe("Not protected");
    expect(history(10).some((l) => l.label === "Verified")).toBe(false);
  });

  it("several messages selected: the button says so instead of keeping an old verdict", async () => {
    await display(10, [1]);
    await display(10, [1, 3]);
    expect(history(10).at(-1)).toEqual({ label: "Signet", title: "🦉 Signet: open one message to see its security", icon: "/icons/signet.svg" });
  });

  it("a trust change updates every open message's button", async () => {
    await display(10, [1]);
    expect(history(10).at(-1)?.label).toBe("Verified");
    const { value } = (await dispatch(service, { command: "trust-list" }, {})) as { value: { entries: { fingerprint: string; source: string }[] } };
    const root = value.entries.find((e) => e.source === "user")!;
    await dispatch(service, { command: "trust-distrust", fingerprint: root.fingerprint }, {});
    await expect.poll(() => history(10).at(-1)?.label).toBe("Danger");
    expect(history(10).at(-1)?.title).toMatch(/Signet Sample Root CA.*distrusted/);
  });

  it("a tab Thunderbird no longer answers for still gets the trust change, from the last event's word", async () => {
    await display(10, [1]);
    await display(11, [3]);
    silent.add(10);
    const { value } = (await dispatch(service, { command: "trust-list" }, {})) as { value: { entries: { fingerprint: string; source: string }[] } };
    await dispatch(service, { command: "trust-remove", fingerprint: value.entries.find((e) => e.source === "user")!.fingerprint }, {});
    await expect.poll(() => history(10).at(-1)?.label).toBe("Warning");
    expect(history(10).at(-1)?.title).toMatch(/Signet Sample Root CA.*could not find/);
  });
});

describe("which message a tab shows", () => {
  it("Thunderbird's answer wins over an event still on its way (the banner asks from the page being loaded)", async () => {
    await display(10, [1]);
    // The tab moved on to message 3; its event has not arrived yet.
    displayed.set(10, [3]);
    expect(await service.displayedMessage(10)).toBe(3);
  });

  it("when Thunderbird does not answer, the last event's word after the deadline; without one, an error that says so", async () => {
    await display(10, [1]);
    silent.add(10).add(12);
    const started = Date.now();
    const [known, unknown] = await Promise.allSettled([service.displayedMessage(10), service.displayedMessage(12)]);
    expect(known).toEqual({ status: "fulfilled", value: 1 });
    expect(unknown).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/did not say which message this tab shows/) } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(DISPLAYED_MESSAGE_DEADLINE_MS - 50);
    service.tabClosed(10);
    expect(service.lastShownIn(10)).toBeUndefined();
  });

  it("a report asked for by message (the message list's menu) needs no tab, and a malformed target is refused before anything is read", async () => {
    // No tab is asked about: the message is named.
    const byMessage = (await dispatch(service, { command: "report", messageId: 1, wait: true }, {})) as { ok: boolean; value: { report: { verdict: string } | null } };
    expect(byMessage.ok && byMessage.value.report?.verdict).toBe("verified");
    for (const target of [{ messageId: -1 }, { messageId: 1.5 }, { tabId: Number.NaN }]) {
      expect(await dispatch(service, { command: "report", wait: false, ...target }, {})).toEqual({ ok: false, error: "no such message or tab" });
    }
  });

  it("the personal mark leads every tooltip; changing it updates open buttons, and a mark a banner cannot show is refused", async () => {
    await display(10, [1]);
    const fox = { text: "Fox", colour: "#00695c" };
    expect(await dispatch(service, { command: "mark-set", mark: fox }, {})).toEqual({ ok: true, value: fox });
    await expect.poll(() => history(10).at(-1)?.title).toMatch(/^Fox Signet: Verified · /);
    expect(stored.get("personal-mark")).toEqual(fox);
    for (const bad of [{ text: "", colour: "#00695c" }, { text: "x".repeat(17), colour: "#00695c" }, { text: "ok", colour: "red" }, { text: "a\u202eb", colour: "#00695c" }]) {
      expect(await dispatch(service, { command: "mark-set", mark: bad }, {})).toMatchObject({ ok: false });
    }
    expect(await dispatch(service, { command: "mark-get" }, {})).toEqual({ ok: true, value: fox });
  });
});

describe("the personal mark on a new profile", () => {
  it("is chosen at random once, kept, and the same for every page that asks", async () => {
    const map = new Map<string, unknown>();
    const fresh = new SignetService({ storage: { local: storageLocal(map) } } as unknown as Messenger, new MemoryStore(), fetchFetcher());
    const [a, b] = await Promise.all([dispatch(fresh, { command: "mark-get" }, {}), dispatch(fresh, { command: "mark-get" }, {})]);
    expect(a).toEqual(b);
    const mark = (a as { value: { text: string; colour: string } }).value;
    expect(map.get("personal-mark")).toEqual(mark);
    // Another background page (Thunderbird restarted it) reads the same mark back.
    const again = new SignetService({ storage: { local: storageLocal(map) } } as unknown as Messenger, new MemoryStore(), fetchFetcher());
    expect(await dispatch(again, { command: "mark-get" }, {})).toEqual({ ok: true, value: mark });
  });
});
