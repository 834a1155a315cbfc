/**
 * Where the signed part of a partly signed message is in the page Thunderbird
 * renders, so that the banner can mark its beginning and its end in the
 * message itself ("Johnny, You Are Fired!", USENIX Security 2019: unsigned
 * text shown first can push the signed part out of view).
 *
 * Thunderbird renders each text part of a message in an element of its own,
 * of class moz-text-plain, moz-text-flowed or moz-text-html (as Thunderbird
 * 140.12 rendered it: test/hosts/thunderbird.test.ts prints the outline). A
 * message's HTML can use those classes too, but only inside the element of its
 * own part; so only part elements that no other part element contains are
 * candidates. The signed part is the one whose text begins with the signed
 * text the core read (the layer's contentPreview), compared with whitespace
 * collapsed. When no candidate or more than one begins so (an attacker can
 * start the unsigned part with the same words), nothing is marked: a mark in
 * the wrong place would vouch for unsigned text, and the banner and the
 * report still name the signed part by its first words.
 *
 * No imports beyond types: this runs in every displayed message.
 */
import type { SecurityReport } from "../../core/index.js";

export type SignedPartSearch =
  /** One part element holds the signed text. */
  | { found: "one"; element: HTMLElement }
  /** No part element does, or more than one does. */
  | { found: "none" | "several" };

const PART_SELECTOR = ".moz-text-plain, .moz-text-flowed, .moz-text-html";
/** Enough of the text's beginning to tell parts apart; the preview itself stops at 1,000 characters. */
const COMPARED_CHARS = 200;

const collapsed = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The text a partial signature covers, from the report: the signed layer's preview, when the message is only partly signed. */
export function signedPartText(report: SecurityReport | null): string | null {
  if (!report?.issues.some((i) => i.code === "partially-signed")) return null;
  for (const layer of report.layers) if (layer.kind === "signed" && layer.coverage === "partial" && layer.contentPreview) return layer.contentPreview.text;
  return null;
}

export function findSignedPart(body: HTMLElement, signedText: string): SignedPartSearch {
  const wanted = collapsed(signedText).slice(0, COMPARED_CHARS);
  if (!wanted) return { found: "none" };
  const outermost = [...body.querySelectorAll<HTMLElement>(PART_SELECTOR)].filter((el) => !el.parentElement?.closest(PART_SELECTOR));
  const matching = outermost.filter((el) => collapsed(el.textContent ?? "").startsWith(wanted));
  if (matching.length === 1) return { found: "one", element: matching[0]! };
  return { found: matching.length === 0 ? "none" : "several" };
}

/**
 * Puts a mark before and after the signed part: each a host element with a
 * closed shadow root the message can neither restyle nor read, its look fixed
 * by important inline rules. Marks placed earlier are taken away first, so a
 * banner that renders twice (local answer, then final) places them once.
 * Returns the two shadow containers to render into.
 */
export function placeSignedPartMarks(doc: Document, element: HTMLElement): { begins: HTMLElement; ends: HTMLElement } {
  for (const old of doc.querySelectorAll("[data-signet=signed-part]")) old.remove();
  const make = (): { host: HTMLElement; container: HTMLElement } => {
    const host = doc.createElement("div");
    host.setAttribute("data-signet", "signed-part");
    for (const [property, value] of [["all", "initial"], ["display", "block"], ["position", "static"], ["visibility", "visible"], ["opacity", "1"]]) host.style.setProperty(property!, value!, "important");
    const container = doc.createElement("div");
    host.attachShadow({ mode: "closed" }).append(container);
    return { host, container };
  };
  const begins = make();
  const ends = make();
  element.before(begins.host);
  element.after(ends.host);
  return { begins: begins.container, ends: ends.container };
}
