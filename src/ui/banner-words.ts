/**
 * What a banner shows, in words. The banner script runs inside the displayed message, where it
 * cannot load a chunk, and carrying both catalogues would make it three times its budget (15 KB
 * gzip, issue 14); so the host that has the catalogue words the banner's state, and the banner
 * (components/Banner.tsx) draws these words and nothing else. Pure, like the views.
 */
import type { SecurityReport } from "../core/index.js";
import { stateHeadline, type Headline, type MessageState } from "./headline.js";
import type { Catalogue } from "./messages/catalogue.js";

export interface BannerWords extends Headline {
  lang: string;
  verdict: SecurityReport["verdict"] | null;
  pending: boolean;
  /** The banner's name for screen readers. */
  reportLabel: string;
  /** The button to the full report; null while there is no report to open. */
  details: string | null;
  /** What the reader's personal mark is called, beside it. */
  markLabel: string;
  /** The marks around the part a partial signature covers. */
  signedPart: { begins: string; ends: string };
}

export function bannerWords(state: MessageState, catalogue: Catalogue): BannerWords {
  const ui = catalogue.ui;
  return {
    ...stateHeadline(state, catalogue),
    lang: catalogue.lang,
    verdict: state.report?.verdict ?? null,
    pending: state.pending,
    reportLabel: ui.reportLabel,
    details: state.report ? ui.details : null,
    markLabel: ui.mark.label,
    signedPart: { begins: ui.signedPartMark.begins, ends: ui.signedPartMark.ends },
  };
}
