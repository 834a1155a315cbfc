/**
 * The banner above a displayed message. It runs inside the message's page:
 * banner-host.ts puts it where the message cannot cover it (the top layer,
 * with the body confined) and in a closed shadow root the message can neither
 * restyle nor read. It shows the reader's personal mark, which a look-alike
 * drawn by the message cannot know. It holds no core code: the background
 * inspects and this script only asks and renders.
 */
import { render } from "preact";
// Straight from the modules, not ../../ui/index.js: the banner loads into every message, so it carries only its own view.
import { Banner } from "../../ui/components/Banner.js";
import { UiContext, type UiServices } from "../../ui/context.js";
import { catalogueFor } from "../../ui/messages/catalogue.js";
import type { PersonalMark } from "../../ui/personal-mark.js";
import type { InspectionState } from "../shared/inspection.js";
import { mountBannerHost } from "./banner-host.js";
import { TEST_BUILD } from "./build-flags.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";
import { bannerGeometry } from "./banner-geometry.js";
import { SignedPartMark } from "../../ui/components/SignedPartMark.js";
import { findSignedPart, placeSignedPartMarks, signedPartText, type SignedPartSearch } from "./signed-part-marks.js";

const { host, container, topLayer } = mountBannerHost(document);

const services: UiServices = {
  catalogue: catalogueFor(tb().i18n.getUILanguage()),
  openDetails: () => void ask({ command: "open-details" }),
};

let mark: PersonalMark | null = null;
let state: InspectionState = { report: null, pending: true };

/** Marks the signed part of a partly signed message in the page, with the personal mark (signed-part-marks.ts). */
function markSignedPart(): SignedPartSearch | null {
  const text = signedPartText(state.report);
  if (text === null || !document.body) return null;
  const search = findSignedPart(document.body, text);
  if (search.found !== "one") return search;
  const { begins, ends } = placeSignedPartMarks(document, search.element);
  for (const [edge, at] of [["begins", begins], ["ends", ends]] as const) {
    render(
      <UiContext.Provider value={services}>
        <SignedPartMark edge={edge} mark={mark} />
      </UiContext.Provider>,
      at,
    );
  }
  return search;
}

function show(next: InspectionState): void {
  state = next;
  render(
    <UiContext.Provider value={services}>
      <Banner {...state} mark={mark} />
    </UiContext.Provider>,
    container,
  );
  const signedPart = markSignedPart();
  if (TEST_BUILD) {
    void tb().runtime.sendMessage({
      test: "banner-shown",
      at: Date.now(),
      verdict: state.report?.verdict ?? null,
      pending: state.pending,
      text: container.querySelector(".banner")?.textContent ?? "",
      subject: state.report?.message.subject ?? null,
      mark: mark?.text ?? null,
      geometry: bannerGeometry(document, host, topLayer),
      signedPart: signedPart && { found: signedPart.found, text: signedPart.found === "one" ? (signedPart.element.textContent ?? "").trim().slice(0, 80) : null },
      bodyOutline: [...(document.body?.children ?? [])].map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").trim().slice(0, 50)}`),
    });
  }
}

async function main(): Promise<void> {
  show(state);
  const marked = ask({ command: "mark-get" }).then(
    (m) => {
      mark = m;
      show(state);
    },
    () => undefined,
  );
  try {
    const local = await ask({ command: "banner-state", wait: false });
    await marked;
    show(local);
    if (local.pending) show(await ask({ command: "banner-state", wait: true }));
  } catch (e) {
    show({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) });
  }
}
void main();
