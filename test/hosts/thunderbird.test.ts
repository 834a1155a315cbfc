/**
 * The add-on in real Thunderbird (Debian's package, headless), through
 * scripts/run-thunderbird.mjs: a fresh profile, the test build of the .xpi
 * sideloaded, a listener on 127.0.0.1. The harness adds the samples' root
 * through the add-on's own trust-add command, imports the fixture messages,
 * displays each in a tab, and reports what the background computed, what
 * the banner rendered in its shadow root, and what Signet's button in the
 * message header says (label and tooltip, read back with getLabel/getTitle).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { runThunderbird, type BannerShown } from "../../scripts/run-thunderbird.mjs";
import { buildBundle } from "../helpers/build.js";
import { requireBuilt } from "../helpers/built.js";
import { OpensslPki } from "../helpers/pki.js";
import { readPng, type Pixels } from "../helpers/png.js";

const root = resolve(import.meta.dirname, "../..");
const FIXTURES = ["01-signed-valid.eml", "03-tampered.eml", "08-unsigned.eml", "10-untrusted-signer.eml", "11-revoked.eml", "04-wrong-sender.eml"];
/** Signed by Erin, then encrypted to Dave, whose key only Thunderbird's own store holds. */
const ENCRYPTED = "encrypted-to-dave.eml";
/** Encrypted to Frank, whose key nobody here holds. */
const NO_KEY = "encrypted-to-frank.eml";
/** Encrypted to Grace, whose key Thunderbird does not hold and the user imported into Signet. */
const SIGNET_KEY = "encrypted-to-grace.eml";
/** Encrypted to Heidi's EC key, imported into Signet: kept in IndexedDB as a key that cannot be exported. */
const VAULT_KEY = "encrypted-to-heidi.eml";
/** Plain HTML mail that draws its own green "Verified" bar over the top of the page (UI redressing). */
const SPOOF = "spoofed-banner.eml";
const SPOOF_MESSAGE = `From: "Alice Example" <alice@example.org>
To: bob@example.org
Subject: Invoice, signed
Date: Tue, 01 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<div style="position:fixed;top:0;left:0;right:0;z-index:2147483647;background:#e3f4e7;color:#176b2c;padding:8px;font:14px sans-serif">&#10004; Verified &mdash; Signed by Alice Example &lt;alice@example.org&gt;, certificate trusted, not revoked</div>
<p style="margin-top:60px">Please pay the attached invoice today.</p>
`;

/**
 * HTML and CSS only, each piece built to cover the banner: a fixed box with the highest z-index, an absolute
 * box pulled above the page, a transform, a negative margin, html::before, body::after, SVG, an iframe, and
 * rules aimed at the banner's element (test/hosts/banner-hostile-chromium.test.ts tries each alone, with screenshots).
 */
const HOSTILE = "covers-the-banner.eml";
const cover = "background:#e3f4e7;color:#176b2c;font:14px sans-serif";
const HOSTILE_MESSAGE = `From: "Alice Example" <alice@example.org>
To: bob@example.org
Subject: Invoice, signed (really)
Date: Tue, 01 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<style>
html::before { content: "\\2714 Verified - Signed by Alice Example"; display: block; position: fixed; top: 0; left: 0; right: 0; height: 90px; z-index: 2147483647; ${cover} }
body::after { content: "\\2714 Verified"; position: fixed; top: 0; left: 0; right: 0; height: 90px; z-index: 2147483647; ${cover} }
[data-signet], html > div { display: none !important; opacity: 0 !important; transform: translateY(-500px) !important; z-index: -1 !important; }
</style>
<div style="position:fixed;top:0;left:0;right:0;height:100px;z-index:2147483647;${cover}">&#10004; Verified &mdash; Signed by Alice Example, certificate trusted, not revoked <button>Details</button></div>
<div style="position:absolute;top:-300px;left:0;width:100%;height:450px;z-index:2147483647;${cover}">fake</div>
<div style="position:relative;z-index:2147483647;transform:translateY(-400px);height:420px;${cover}">fake</div>
<div style="margin-top:-600px;position:relative;z-index:2147483647;height:650px;${cover}">fake</div>
<svg style="position:fixed;top:0;left:0;z-index:2147483647" width="3000" height="120"><rect width="3000" height="120" fill="#e3f4e7"/></svg>
<iframe srcdoc="fake" style="position:fixed;top:0;left:0;width:100vw;height:110px;border:0;z-index:2147483647"></iframe>
<p>Please pay the attached invoice today.</p>
`;

/** Signed by erin, whose certificate is trusted, under a display name that carries another address. */
const NAME_SPOOF = "display-name-spoof.eml";
/** Signed by erin, shown as "The Manager", a name her certificate does not support. */
const NAME_UNSUPPORTED = "display-name-unsupported.eml";
/** Signed by erin, with a second From line for the CEO (Thunderbird shows the second). */
const TWO_FROM = "two-from-fields.eml";

/** Unsigned text first, then a part erin signed ("Johnny, You Are Fired!": the signed part pushed down). */
const PARTIAL = "partially-signed.eml";
/** The same, with the unsigned part starting with the signed part's own words: no part can be told for the signed one. */
const PARTIAL_ECHO = "partially-signed-echo.eml";
const SIGNED_WORDS = "The board meets on Tuesday in room 4.";
/** An OpenSSL-signed message as a MIME entity: its message header fields taken off, to nest it in another message. */
const entityOf = (signed: Uint8Array): string => Buffer.from(signed).toString("latin1").replace(/^(Date|To|From|Subject): .*\n/gm, "");
function partlySigned(signed: Uint8Array, unsigned: string): Buffer {
  const entity = entityOf(signed).replace(/^MIME-Version: .*\n/m, "");
  const b = "partly-signed-outer";
  return Buffer.from(
    `Date: ${new Date().toUTCString()}\nFrom: erin@example.org\nTo: dave@example.org\nSubject: Board meeting\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${b}"\n\n--${b}\nContent-Type: text/plain\n\n${unsigned}\n--${b}\n${entity}\n--${b}--\n`,
    "latin1",
  );
}

/** Messages whose tab the harness captures as Thunderbird paints it. */
const SCREENSHOTS = [HOSTILE, PARTIAL, "01-signed-valid.eml"];
const screenshots = new Map<string, Buffer>();
/** How many messages the harness displays, each in a tab of its own (set in beforeAll). */
let fixtureCount = 0;
let run: Awaited<ReturnType<typeof runThunderbird>>;

const bannersOf = (fixture: string): BannerShown[] => run.banners.filter((b) => b.verdict !== null && run.fixtureOf(b.messageId) === fixture);
const finalOf = (fixture: string): BannerShown | undefined => bannersOf(fixture).filter((b) => !b.pending).at(-1);
/** The harness's log entries that carry `key`, in the order it wrote them. */
function logged<T>(key: string): T[] {
  return run.logs.filter((l): l is T => typeof l === "object" && l !== null && key in l);
}
/** What the harness saw after asking for the banner's Details: the reply, and the tab a popup page then asked about. */
interface DetailsOpened {
  reply: { ok: boolean; value?: { opened: string } };
  popupAsked: { tabId: number; url: string } | null;
}
/** The background's final report, as the harness logged it after displaying every message. */
function reportOf(fixture: string): SecurityReport | null {
  const entry = logged<{ computed: string; report?: SecurityReport }>("computed").find((l) => l.computed === fixture);
  return entry?.report ?? null;
}
/** When the harness opened the first message again (Infinity if it never did). */
function reopened(): { reopened?: string; at: number } {
  return logged<{ reopened: string; at: number }>("reopened")[0] ?? { at: Infinity };
}
interface ToolbarShown {
  label: string | null;
  title: string;
}
/** The header button of the fixture's tab, once it left the Checking state. */
function toolbarOf(fixture: string): ToolbarShown | undefined {
  return logged<ToolbarShown & { toolbar: unknown }>("toolbar").find((l) => l.toolbar === fixture);
}

beforeAll(async () => {
  requireBuilt("thunderbird/background.js");
  await buildBundle("thunderbird-test", { test: true });
  // OpenSSL makes the keys and the encrypted messages; NSS's pk12util puts Dave's key where Thunderbird keeps its own.
  const pki = new OpensslPki();
  const ca = pki.makeCa("Decrypt Test CA");
  const erin = pki.makeLeaf("erin", ca, { sanEmails: ["erin@example.org"] });
  const dave = pki.makeLeaf("dave", ca, { sanEmails: ["dave@example.org"] });
  const frank = pki.makeLeaf("frank", ca, { sanEmails: ["frank@example.org"] });
  const grace = pki.makeLeaf("grace", ca, { sanEmails: ["grace@example.org"] });
  const heidi = pki.makeLeaf("heidi", ca, { sanEmails: ["heidi@example.org"], key: "ec:P-256" });
  const signed = pki.sign({ signers: [{ who: erin }], content: "Content-Type: text/plain\n\nThe board meets on Tuesday.\n", from: "erin@example.org", to: "dave@example.org" });
  const encrypt = (to: typeof dave, name: string): Buffer => {
    const inner = pki.write(`${name}.in`, entityOf(signed));
    pki.run(["cms", "-encrypt", "-aes256", "-in", inner, "-from", "erin@example.org", "-to", `${to.name}@example.org`, "-subject", `Encrypted to ${to.name}`, "-out", name, to.cert]);
    return Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), pki.read(name)]);
  };
  pki.run(["pkcs12", "-export", "-in", dave.cert, "-inkey", dave.key, "-passout", "pass:dave", "-out", "dave.p12"]);
  // Grace's key as a CA or Windows would give it: a legacy PKCS#12 (3DES key, RC2-40 certificates, SHA-1 MAC).
  pki.run(["pkcs12", "-export", "-legacy", "-in", grace.cert, "-inkey", grace.key, "-passout", "pass:grace-pw", "-out", "grace.p12"]);
  pki.run(["pkcs12", "-export", "-in", heidi.cert, "-inkey", heidi.key, "-passout", "pass:heidi-pw", "-out", "heidi.p12"]);
  const boardSigned = pki.sign({ signers: [{ who: erin }], content: `Content-Type: text/plain\n\n${SIGNED_WORDS}\nBring the figures.\n`, from: "erin@example.org" });
  const fixtures = [
    ...FIXTURES.map((name) => ({ name, bytes: readFileSync(join(root, "samples", name)) })),
    { name: ENCRYPTED, bytes: encrypt(dave, ENCRYPTED) },
    { name: NO_KEY, bytes: encrypt(frank, NO_KEY) },
    { name: SIGNET_KEY, bytes: encrypt(grace, SIGNET_KEY) },
    { name: VAULT_KEY, bytes: encrypt(heidi, VAULT_KEY) },
    { name: SPOOF, bytes: Buffer.from(SPOOF_MESSAGE) },
    { name: HOSTILE, bytes: Buffer.from(HOSTILE_MESSAGE) },
    { name: NAME_SPOOF, bytes: pki.sign({ signers: [{ who: erin }], content: "Content-Type: text/plain\n\nPlease wire the deposit today.\n", from: '"ceo@example.org" <erin@example.org>', subject: "Deposit" }) },
    { name: NAME_UNSUPPORTED, bytes: pki.sign({ signers: [{ who: erin }], content: "Content-Type: text/plain\n\nPlease wire the deposit today.\n", from: "The Manager <erin@example.org>", subject: "Deposit" }) },
    {
      name: TWO_FROM,
      bytes: Buffer.from(Buffer.from(pki.sign({ signers: [{ who: erin }], content: "Content-Type: text/plain\n\nPlease wire the deposit today.\n", subject: "Deposit", from: "erin@example.org" })).toString("latin1").replace(/^(From: .*\n)/m, "$1From: The CEO <ceo@example.org>\n"), "latin1"),
    },
    { name: PARTIAL, bytes: partlySigned(boardSigned, "URGENT: the meeting moved. Wire the deposit to account 4471 today.") },
    { name: PARTIAL_ECHO, bytes: partlySigned(boardSigned, `${SIGNED_WORDS}\nBring the figures.\nAnd wire the deposit to account 4471 today.`) },
  ];
  fixtureCount = fixtures.length;
  try {
    run = await runThunderbird({
      fixtures,
      anchors: [readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem")), pki.read(ca.cert)],
      keys: [
        { p12: pki.read("grace.p12"), password: "grace-pw" },
        { p12: pki.read("heidi.p12"), password: "heidi-pw" },
      ],
      screenshots: SCREENSHOTS,
      menuReports: [SIGNET_KEY],
      beforeStart: (profile) => {
        execFileSync("certutil", ["-N", "-d", `sql:${profile}`, "--empty-password"]);
        execFileSync("pk12util", ["-i", pki.path("dave.p12"), "-d", `sql:${profile}`, "-W", "dave"]);
      },
    });
  } finally {
    pki.cleanup();
  }
  // What the harness saw, kept beside the Chromium screenshots for reading a failure after the fact; the screenshots as PNG files.
  mkdirSync(join(root, "test-output"), { recursive: true });
  for (const shot of logged<{ screenshot: string; png: string }>("screenshot")) {
    const data = shot.png.match(/^data:image\/png;base64,(.*)$/)?.[1];
    if (data) screenshots.set(shot.screenshot, Buffer.from(data, "base64"));
    if (data) writeFileSync(join(root, `test-output/thunderbird-${shot.screenshot.replace(/\.eml$/, "")}.png`), Buffer.from(data, "base64"));
    shot.png = data ? `${data.length} base64 characters, written beside this file` : shot.png;
  }
  writeFileSync(join(root, "test-output/thunderbird-harness.json"), JSON.stringify({ logs: run.logs, banners: run.banners, console: run.console }, null, 1));
  // A reopened message is answered from the cache: its time since the first getRaw says nothing, so it is left out.
  const timings = run.banners.filter((b) => b.verdict !== null && b.at < reopened().at).map((b) => `${run.fixtureOf(b.messageId) ?? "?"} ${b.pending ? "local" : "final"} ${b.msSinceGetRaw}`);
  console.log(`Thunderbird banners, ms from getRaw: ${timings.join("; ")}`);
}, 240_000);

describe("the add-on in Thunderbird 128+", () => {
  it("starts, imports the fixtures and shows a banner with a final answer for each", () => {
    expect(logged("error")).toEqual([]);
    expect(logged<{ finished: boolean }>("finished").some((l) => l.finished)).toBe(true);
    // Thunderbird shows no message page, so runs no banner, for a message it cannot decrypt (seen with 153.8).
    expect([...FIXTURES, ENCRYPTED, SPOOF, HOSTILE].filter((f) => !finalOf(f))).toEqual([]);
    expect([...FIXTURES, ENCRYPTED, NO_KEY, SIGNET_KEY, VAULT_KEY, SPOOF, HOSTILE].filter((f) => !reportOf(f))).toEqual([]);
  });

  it("registers the banner without an error in Thunderbird's console", () => {
    // Asking getRegisteredScripts for an id not yet registered made Thunderbird 153 log this on every start:
    // 'The messageDisplayScript with id "signet-banner" does not exist'. Only that error is looked for:
    // Thunderbird sometimes logs that its crash reporter "does not exist" (Debian ships none), which is not ours.
    expect(run.console.filter((l) => /signet-banner|messageDisplayScript/.test(l))).toEqual([]);
  });

  it("every real banner and the header button's tooltip show the reader's personal mark, chosen at random for a new profile", () => {
    const mark = logged<{ personalMark: { text: string; colour: string } }>("personalMark")[0]?.personalMark;
    expect(mark?.text).toMatch(/^\S{1,16}$/u);
    const finals = [...FIXTURES, ENCRYPTED, SPOOF, HOSTILE].map((f) => finalOf(f)!);
    expect(finals.map((b) => b.mark)).toEqual(finals.map(() => mark!.text));
    for (const b of finals) expect(b.text.startsWith(mark!.text)).toBe(true);
    for (const f of [...FIXTURES, ENCRYPTED, SPOOF]) expect(toolbarOf(f)?.title.startsWith(`${mark!.text} Signet: `)).toBe(true);
  });

  it("nothing a message draws covers the banner: in the top layer, at the top, full width, on top at every probe", () => {
    for (const f of [HOSTILE, SPOOF, ...FIXTURES]) {
      const g = finalOf(f)!.geometry;
      expect([f, g.topLayer, g.coveredAt, g.probes]).toEqual([f, true, [], 21]);
      expect([f, g.rect.top, g.rect.left, g.rect.width]).toEqual([f, 0, 0, g.viewport.width]);
      expect(g.rect.height).toBeGreaterThan(20);
    }
  });

  /** Pixels of the colour #rrggbb (within a small tolerance for antialiasing) in rows [top, bottom) and columns [0, right) of a screenshot. */
  function countColour(px: Pixels, hex: string, top: number, bottom: number, right = px.width): number {
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let y = Math.max(0, Math.ceil(top)); y < Math.min(px.height, Math.floor(bottom)); y++)
      for (let x = 0; x < Math.min(px.width, right); x++) {
        const got = px.at(x, y);
        if (want.every((c, i) => Math.abs(c - got[i]!) <= 3)) n++;
      }
    return n;
  }
  const personalMark = (): { text: string; colour: string } => logged<{ personalMark: { text: string; colour: string } }>("personalMark")[0]!.personalMark;

  it("by screenshot, as Thunderbird painted it: the hostile message's look-alike covers none of the real banner, which shows the mark", () => {
    const png = screenshots.get(HOSTILE);
    expect(png, "no screenshot of the hostile message").toBeDefined();
    const px = readPng(png!);
    const { rect, viewport } = finalOf(HOSTILE)!.geometry;
    expect(px.width).toBeGreaterThanOrEqual(viewport.width);
    // The banner's box without the view's transparent 8 px bottom margin (styles.ts), through which the page shows.
    const [top, bottom, right] = [rect.top, rect.top + rect.height - 8, rect.left + rect.width];
    const area = Math.floor(rect.width) * (bottom - top);
    // The message's fake bars are #e3f4e7; the real banner of an unprotected message is grey (--none-bg, #ececf0).
    expect(countColour(px, "#e3f4e7", top, bottom, right)).toBeLessThan(area * 0.01);
    expect(countColour(px, "#ececf0", top, bottom, right)).toBeGreaterThan(area * 0.5);
    expect(countColour(px, personalMark().colour, top, bottom, right)).toBeGreaterThan(50);
    // Below the banner the fake is painted, inside the confined body: the screenshot shows the page, not a blank.
    expect(countColour(px, "#e3f4e7", rect.top + rect.height, px.height)).toBeGreaterThan(area);
  });

  it("by screenshot: the partly signed message shows the mark three times, in the banner and at each end of the signed part", () => {
    const px = readPng(screenshots.get(PARTIAL)!);
    const colour = personalMark().colour;
    // Rows that carry the mark's colour, grouped into bands: one per mark drawn.
    const rows = Array.from({ length: px.height }, (_, y) => countColour(px, colour, y, y + 1) > 3);
    const bands = rows.filter((on, y) => on && !rows[y - 1]).length;
    expect(bands).toBe(3);
  });

  const expectations: [string, string, RegExp][] = [
    ["01-signed-valid.eml", "verified", /Verified.*Signed by Alice Example <alice@example\.org>.*certificate trusted/],
    ["03-tampered.eml", "danger", /Danger.*changed after signing.*Signed by Alice Example/],
    ["08-unsigned.eml", "none", /Not protected.*neither signed nor encrypted/],
    ["10-untrusted-signer.eml", "warning", /Warning.*Signed by Mallory Example <mallory@example\.net>/],
    ["11-revoked.eml", "danger", /Danger.*revoked/i],
    ["04-wrong-sender.eml", "danger", /Danger.*Signed by Alice Example/],
  ];
  for (const [fixture, verdict, text] of expectations) {
    it(`${fixture}: the background says ${verdict} and the banner shows it in words`, () => {
      expect(reportOf(fixture)?.verdict).toBe(verdict);
      expect(finalOf(fixture)?.verdict).toBe(verdict);
      expect(finalOf(fixture)?.text).toMatch(text);
    });
  }

  // The button's word for each verdict (ui-en.ts), shown beside an icon of its own shape.
  const buttons: [string, string][] = [
    ["01-signed-valid.eml", "Verified"],
    ["03-tampered.eml", "Danger"],
    ["08-unsigned.eml", "Not protected"],
    ["10-untrusted-signer.eml", "Warning"],
    ["11-revoked.eml", "Danger"],
    ["04-wrong-sender.eml", "Danger"],
    [ENCRYPTED, "Verified"],
  ];
  for (const [fixture, label] of buttons) {
    it(`${fixture}: the header's Signet button says ${label}, and its tooltip says what the banner says`, () => {
      const shown = toolbarOf(fixture);
      expect(shown?.label).toBe(label);
      const banner = finalOf(fixture)!.text;
      // The banner's text is the verdict word, the headline and the detail; the tooltip has the same parts.
      for (const part of shown!.title.replace(/^\S+ Signet: /u, "").split(" · ")) expect(banner).toContain(part);
    });
  }

  // The identity attacks of "Johnny, You Are Fired!" on messages OpenSSL signed with a trusted certificate: what the reader sees.
  const identity: [string, string, string, RegExp][] = [
    [NAME_SPOOF, "danger", "Danger", /Danger.*The sender's name "ceo@example\.org" shows the address ceo@example\.org, but the message was signed by erin@example\.org/],
    [NAME_UNSUPPORTED, "warning", "Warning", /Warning.*Signed by erin@example\.org, shown as "The Manager"/],
    [TWO_FROM, "danger", "Danger", /Danger.*ceo@example\.org is not in the signer's certificate/],
  ];
  for (const [fixture, verdict, label, text] of identity) {
    it(`${fixture}: ${verdict}, in the banner's words and on the header button`, () => {
      expect(reportOf(fixture)?.signature).toBe("valid");
      expect(reportOf(fixture)?.verdict).toBe(verdict);
      expect(finalOf(fixture)?.text).toMatch(text);
      expect(toolbarOf(fixture)?.label).toBe(label);
    });
  }

  it("a partly signed message: the banner says so, and marks the signed part's beginning and end in the message, with the personal mark", () => {
    expect(reportOf(PARTIAL)).toMatchObject({ verdict: "warning", signature: "valid" });
    const banner = finalOf(PARTIAL)!;
    console.log(`partly signed, as Thunderbird rendered it: ${JSON.stringify(banner.bodyOutline)}`);
    expect(banner.text).toMatch(/Only part of this message is signed/);
    expect(banner.signedPart).toEqual({ found: "one", text: expect.stringMatching(/^The board meets on Tuesday in room 4\.\s+Bring the figures\.$/) });
  });

  it("a partly signed message whose unsigned part begins with the signed words: nothing is marked, as neither part can be told for the signed one", () => {
    expect(reportOf(PARTIAL_ECHO)).toMatchObject({ verdict: "warning", signature: "valid" });
    expect(finalOf(PARTIAL_ECHO)!.signedPart).toEqual({ found: "several", text: null });
  });

  it("a message that draws its own green bar gets a Not protected button, which the message cannot reach", () => {
    expect(reportOf(SPOOF)).toMatchObject({ verdict: "none", signature: "unsigned" });
    expect(toolbarOf(SPOOF)).toMatchObject({ label: "Not protected", title: expect.stringMatching(/^\S+ Signet: Not protected · .*neither signed nor encrypted/u) });
    expect(finalOf(SPOOF)?.text).toMatch(/Not protected/);
  });

  it("in the 3-pane tab's preview the banner and the button follow the selected message; two selected leave no verdict", () => {
    const previews = logged<{ preview: string[]; tabId: number; toolbar: ToolbarShown }>("preview");
    expect(previews.map((p) => [p.preview.length, p.toolbar.label])).toEqual([
      [1, "Verified"],
      [1, "Danger"],
      [2, "Signet"],
    ]);
    const mailTab = previews[0]!.tabId;
    const shown = run.banners.filter((b) => b.tabId === mailTab && b.verdict !== null && !b.pending).map((b) => [run.fixtureOf(b.messageId), b.verdict]);
    expect(shown).toEqual([
      [FIXTURES[0], "verified"],
      [FIXTURES[1], "danger"],
    ]);
  });

  it("taking back trust in the roots changes an open message's button without reopening it", () => {
    const change = logged<{ before: ToolbarShown; after: ToolbarShown }>("afterTrustRemoved")[0];
    expect(change?.before.label).toBe("Verified");
    expect(change?.after.label).toBe("Warning");
    expect(change?.after.title).toMatch(/Signet Sample Root CA.*(do not trust|could not find)/);
  });

  it("the banner shows the local answer, then the network's; never green while revocation is pending", () => {
    // Each message in the tab it was first opened in (the 3-pane preview and the reopened tab are answered from the cache).
    const firstTab = (fixture: string) => {
      const all = bannersOf(fixture);
      return all.filter((b) => b.tabId === all[0]?.tabId && b.at < reopened().at);
    };
    const signed = ["01-signed-valid.eml", "03-tampered.eml", "10-untrusted-signer.eml", "11-revoked.eml", "04-wrong-sender.eml", ENCRYPTED];
    for (const fixture of signed) {
      const states = firstTab(fixture);
      // Zero or more local answers, then one final answer. Whether the banner's first question comes before the
      // network's answer depends on the machine's speed, so a local answer is not required of every message.
      expect(states.map((b) => b.pending), fixture).toEqual([...states.slice(0, -1).map(() => true), false]);
      for (const local of states.slice(0, -1)) expect(local.text, fixture).not.toMatch(/Verified/);
    }
    // The two phases were seen: some message showed a local answer before its final one.
    expect(signed.filter((f) => firstTab(f).length > 1).length).toBeGreaterThan(0);
    expect(firstTab("01-signed-valid.eml").at(-1)?.text).toMatch(/^\W*Verified/);
  });

  it("a message opened again shows its cached final answer at once, with no Checking state", () => {
    expect(reopened().reopened).toBe(FIXTURES[0]);
    const again = bannersOf(FIXTURES[0]!).filter((b) => b.at >= reopened().at);
    expect(again.map((b) => [b.pending, b.verdict])).toEqual([[false, "verified"]]);
  });

  it("the revoked certificate is found from the CRL the message carries", () => {
    const signer = reportOf("11-revoked.eml")?.layers[0];
    expect(signer?.kind === "signed" && signer.signers[0]?.revocationEvidence?.[0]).toMatchObject({ status: "revoked", source: "embedded-crl", reason: "keyCompromise" });
  });

  it("an encrypted message Thunderbird can decrypt: the report says Thunderbird opened it, and the inner signature is checked", () => {
    const report = reportOf(ENCRYPTED);
    expect(report?.layers.map((l) => l.kind)).toEqual(["enveloped", "signed"]);
    expect(report?.layers[0]).toMatchObject({ opened: true, decryptedBy: "host", contentEncryptionAlgorithm: { name: "AES-256-CBC" } });
    expect(report).toMatchObject({ encryption: "decrypted", signature: "valid", trust: "trusted", verdict: "verified" });
    expect(finalOf(ENCRYPTED)?.text).toMatch(/Verified.*Signed by erin <erin@example\.org>.*encrypted, decrypted/);
  });

  it("a message Thunderbird cannot decrypt opens with the key the user imported into Signet, and the signature inside is verified", () => {
    expect(logged<{ keys: string[][] }>("keys")[0]?.keys.sort()).toEqual([["grace@example.org"], ["heidi@example.org"]]);
    const report = reportOf(SIGNET_KEY);
    expect(report?.layers.map((l) => l.kind)).toEqual(["enveloped", "signed"]);
    expect(report?.layers[0]).toMatchObject({ opened: true, decryptedBy: "signet", integrity: "signed-inside" });
    expect(report?.layers[0]?.kind === "enveloped" && report.layers[0].decryptedBody?.body).toContain("The board meets on Tuesday.");
    expect(report).toMatchObject({ encryption: "decrypted", signature: "valid", trust: "trusted" });
  });

  it("the message list's menu opens that message's report in a tab of its own, which Thunderbird's missing message page cannot give", () => {
    const shown = logged<{ menuReport: string; id: number; page: { messageId: number; url: string } | null; encryption: string | null; verdict: string | null }>("menuReport")[0];
    expect(shown?.menuReport).toBe(SIGNET_KEY);
    // popup.html?message=ID opened, and that page asked the background for that message's report.
    expect(shown?.page).toMatchObject({ messageId: shown?.id, url: expect.stringMatching(new RegExp(`/popup\\.html\\?message=${shown?.id}$`)) });
    // Asked after the harness took back trust in the roots: decrypted, and the chain now untrusted.
    expect([shown?.encryption, shown?.verdict]).toEqual(["decrypted", "warning"]);
    // What the reader sees in that tab, as Thunderbird painted it: the decrypted text, under the report's headline.
    // (kept as test-output/thunderbird-menu-encrypted-to-grace.png, for a person to look at)
    const png = screenshots.get(`menu-${SIGNET_KEY}`);
    expect(png && readPng(png).width).toBeGreaterThan(300);
  });

  it("Heidi's EC key lives in IndexedDB as a key that cannot be exported: locked, her mail still opens, Grace's RSA mail does not", () => {
    expect(reportOf(VAULT_KEY)).toMatchObject({ encryption: "decrypted", layers: [{ opened: true, decryptedBy: "signet" }, { kind: "signed" }] });
    const after = logged<{ afterLock: Record<string, string>; vaulted: [string, boolean][] }>("afterLock")[0];
    expect(after?.vaulted.sort()).toEqual([["grace@example.org", false], ["heidi@example.org", true]]);
    expect(after?.afterLock).toMatchObject({ [VAULT_KEY]: "decrypted", [SIGNET_KEY]: "no-key", [ENCRYPTED]: "decrypted", [NO_KEY]: "no-key" });
  });

  it("an encrypted message nobody here can decrypt says so", () => {
    const report = reportOf(NO_KEY);
    expect(report).toMatchObject({ encryption: "no-key", verdict: "warning" });
    expect(report?.issues.map((i) => i.code)).toContain("no-decryption-key");
  });

  it("the popup's question gets an answer for every tab, even for the message Thunderbird cannot open", () => {
    const answers = logged<{ popupForTab: number; ms: number; hasReport: boolean; problem: string | null }>("popupForTab");
    // The 3-pane tab (no single message), one tab per displayed fixture, and the tab of the message nobody can decrypt.
    expect(answers.length).toBe(1 + fixtureCount);
    // Within the 3 s deadline plus scheduling, never the forever Thunderbird's own call takes for that tab.
    for (const a of answers) expect(a.ms).toBeLessThan(6000);
    // Every tab but the 3-pane tab and the three messages Thunderbird itself cannot decrypt (Frank's, and Grace's and
    // Heidi's, which only Signet's key store opens): for those Thunderbird 153 never answers getDisplayedMessages.
    expect(answers.filter((a) => a.hasReport).length).toBe(fixtureCount - 3);
    expect(answers.filter((a) => a.problem === "no single message is displayed").length).toBe(1);
    expect(answers.filter((a) => /did not say which message this tab shows/.test(a.problem ?? "")).length).toBe(3);
  });

  it("the banner's Details button opens the report of the message it was clicked on", () => {
    const details = logged<DetailsOpened & { openDetails: number }>("openDetails")[0];
    expect(details?.reply).toMatchObject({ ok: true, value: { opened: expect.stringMatching(/^(popup|tab)$/) } });
    // popup.html, as the header button's popup or in a tab of its own, asked the background for that tab's report.
    expect(details?.popupAsked?.tabId).toBe(details?.openDetails);
  });

  it("with the header button disabled, Details opens the report in a tab instead", () => {
    const details = logged<DetailsOpened & { openDetailsDisabled: number }>("openDetailsDisabled")[0];
    expect(details?.reply).toEqual({ ok: true, value: { opened: "tab" } });
    expect(details?.popupAsked).toEqual({ tabId: details?.openDetailsDisabled, url: expect.stringMatching(new RegExp(`/popup\\.html\\?tab=${details?.openDetailsDisabled}$`)) });
  });

  it("X-Mozilla-* lines were stripped: the size is the sample's own", () => {
    expect(reportOf("01-signed-valid.eml")?.message.sizeBytes).toBe(readFileSync(join(root, "samples/01-signed-valid.eml")).length);
  });
});
