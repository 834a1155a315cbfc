/**
 * The banner above a displayed message. It runs inside the message's page:
 * banner-host.ts puts it where the message cannot cover it (the top layer,
 * with the body confined) and in a closed shadow root the message can neither
 * restyle nor read. It shows the reader's personal mark, which a look-alike
 * drawn by the message cannot know. It holds no core code: the background
 * inspects and this script only asks and renders.
 */
import { render } from "preact";
// Straight from the modules, not ../../ui/index.js: the banner loads into every message, so it carries
// only its own view, and no catalogue: the background words what it shows (ui/banner-words.ts).
import { Banner } from "../../ui/components/Banner.js";
import type { BannerWords } from "../../ui/banner-words.js";
import type { PersonalMark } from "../../ui/personal-mark.js";
import { mountBannerHost } from "./banner-host.js";
import { TEST_BUILD } from "./build-flags.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";
import type { BannerState } from "./protocol.js";
import { bannerGeometry } from "./banner-geometry.js";
import { SignedPartMark } from "../../ui/components/SignedPartMark.js";
import { findSignedPart, placeSignedPartMarks, type SignedPartSearch } from "./signed-part-marks.js";

const { host, container, topLayer } = mountBannerHost(document);
const openDetails = () => void ask({ command: "open-details" });

let mark: PersonalMark | null = null;
/** Nothing is drawn before the background's first answer, which comes at once (banner-state without waiting). */
let shown: BannerState | null = null;

/** The background could not be asked: worded from the add-on's own messages (_locales), as the background words all else. */
function unreachable(detail: string): BannerState {
  const i18n = tb().i18n;
  const words: BannerWords = {
    tone: "warning",
    label: i18n.getMessage("bannerWarning"),
    title: i18n.getMessage("bannerError", [detail]),
    detail: "",
    lang: i18n.getUILanguage(),
    verdict: null,
    pending: false,
    reportLabel: i18n.getMessage("actionTitle"),
    details: null,
    markLabel: i18n.getMessage("bannerMarkLabel"),
    signedPart: { begins: "", ends: "" },
  };
  return { words, signedPart: null, subject: null };
}

/** Marks the signed part of a partly signed message in the page, with the personal mark (signed-part-marks.ts). */
function markSignedPart(current: BannerState): SignedPartSearch | null {
  const text = current.signedPart;
  if (text === null || !document.body) return null;
  const search = findSignedPart(document.body, text);
  if (search.found !== "one") return search;
  const { begins, ends } = placeSignedPartMarks(document, search.element);
  for (const [edge, at] of [["begins", begins], ["ends", ends]] as const) render(<SignedPartMark edge={edge} mark={mark} words={current.words} />, at);
  return search;
}

function show(next: BannerState | null): void {
  shown = next;
  if (!shown) return;
  const { words } = shown;
  render(<Banner words={words} mark={mark} openDetails={openDetails} />, container);
  const signedPart = markSignedPart(shown);
  if (TEST_BUILD) {
    void tb().runtime.sendMessage({
      test: "banner-shown",
      at: Date.now(),
      verdict: words.verdict,
      pending: words.pending,
      text: container.querySelector(".banner")?.textContent ?? "",
      subject: shown.subject,
      mark: mark?.text ?? null,
      geometry: bannerGeometry(document, host, topLayer),
      signedPart: signedPart && { found: signedPart.found, text: signedPart.found === "one" ? (signedPart.element.textContent ?? "").trim().slice(0, 80) : null },
      bodyOutline: [...(document.body?.children ?? [])].map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").trim().slice(0, 50)}`),
    });
  }
}

async function main(): Promise<void> {
  const marked = ask({ command: "mark-get" }).then(
    (m) => {
      mark = m;
      show(shown);
    },
    () => undefined,
  );
  try {
    // Both questions at once: the final answer comes as soon as the background has it, not one
    // round trip after the local one is drawn; the local one is drawn only if it comes first.
    const final = ask({ command: "banner-state", wait: true });
    let settled = false;
    void final.then(() => (settled = true), () => undefined);
    const local = await ask({ command: "banner-state", wait: false });
    await marked;
    if (!local.words.pending) show(local);
    else {
      if (!settled) show(local);
      show(await final);
    }
  } catch (e) {
    show(unreachable(e instanceof Error ? e.message : String(e)));
  }
}
void main();
