// @vitest-environment happy-dom
/**
 * Finding the signed part of a partly signed message in the page Thunderbird
 * renders (signed-part-marks.ts). The page is built as Thunderbird 140.12
 * rendered such a message in test/hosts/thunderbird.test.ts: headers, then each
 * text part in a div of class moz-text-plain (or -flowed, -html) directly in
 * the body, parts after the first behind a fieldset.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { findSignedPart, placeSignedPartMarks, signedPartText } from "../../src/hosts/thunderbird/signed-part-marks.js";

const SIGNED = "The board meets on Tuesday in room 4.\nBring the figures.";

/** An element of class `cls` holding text and children, built without HTML parsing. */
function el(tag: string, cls: string, ...content: (string | Node)[]): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  e.append(...content);
  return e;
}
function page(parts: HTMLElement[]): HTMLElement {
  const header = el("table", "moz-header-part1 moz-main-header", "Subject: Board meeting");
  document.body.replaceChildren(header, el("br", ""), ...parts.flatMap((p, i) => (i === 0 ? [p] : [el("fieldset", "moz-mime-attachment-header"), el("div", ""), p])));
  return document.body;
}
const plain = (text: string): HTMLElement => el("div", "moz-text-plain", el("pre", "moz-quote-pre", text));

afterEach(() => {
  document.body.replaceChildren();
});

describe("the signed part in Thunderbird's page", () => {
  it("is the one part element whose text begins with the signed text, with whitespace collapsed", () => {
    const body = page([plain("URGENT: wire the deposit to account 4471 today."), plain("The board meets on Tuesday\nin room 4.  Bring the figures.")]);
    const found = findSignedPart(body, SIGNED);
    expect(found.found).toBe("one");
    expect(found.found === "one" && found.element.textContent).toMatch(/^The board meets/);
  });

  it("a part element the message's own HTML draws, inside its part, is not a candidate", () => {
    // The unsigned HTML part carries a fake Thunderbird part with the signed words; only outermost part elements count.
    const fake = el("div", "moz-text-html", el("p", "", "Pay now."), el("div", "moz-text-plain", SIGNED));
    const body = page([fake, plain(SIGNED)]);
    const found = findSignedPart(body, SIGNED);
    expect(found.found).toBe("one");
    expect(found.found === "one" && found.element.parentElement).toBe(body);
  });

  it("two parts that begin with the signed text: several, and nothing is marked", () => {
    const body = page([plain(`${SIGNED}\nAnd wire the deposit today.`), plain(SIGNED)]);
    expect(findSignedPart(body, SIGNED)).toEqual({ found: "several" });
  });

  it("no part with the signed text (Thunderbird showed another alternative, say): none", () => {
    expect(findSignedPart(page([plain("Something else entirely.")]), SIGNED)).toEqual({ found: "none" });
    expect(findSignedPart(page([plain("")]), "   ")).toEqual({ found: "none" });
  });

  it("the marks go right before and right after the part, each in a host the page cannot style; placing again replaces them", () => {
    const body = page([plain("URGENT"), plain(SIGNED)]);
    const found = findSignedPart(body, SIGNED);
    if (found.found !== "one") throw new Error("not found");
    placeSignedPartMarks(document, found.element);
    placeSignedPartMarks(document, found.element);
    const marks = [...document.querySelectorAll("[data-signet=signed-part]")];
    expect(marks).toHaveLength(2);
    expect(marks[0]!.nextElementSibling).toBe(found.element);
    expect(found.element.nextElementSibling).toBe(marks[1]);
    expect((marks[0] as HTMLElement).style.getPropertyPriority("display")).toBe("important");
  });
});

describe("the signed text, from the report", () => {
  const report = (codes: string[], coverage: "whole" | "partial"): SecurityReport =>
    ({ issues: codes.map((code) => ({ code, severity: "warning", where: {}, params: {} })), layers: [{ kind: "signed", coverage, contentPreview: { text: SIGNED, truncated: false, mimePath: "2.1" } }] }) as unknown as SecurityReport;

  it("is the partial signed layer's preview when the message is partly signed, else nothing is marked", () => {
    expect(signedPartText(report(["partially-signed"], "partial"))).toBe(SIGNED);
    expect(signedPartText(report([], "whole"))).toBeNull();
    expect(signedPartText(null)).toBeNull();
  });
});
