/**
 * One catalogue per language: the views' own text and the issue texts. The
 * host picks the language (Thunderbird's UI locale, Office's display
 * language); English is the fallback for any language without a file.
 */
import type { Issue } from "../../core/index.js";
import { describeIssueDe } from "./de.js";
import { describeIssue, type IssueText } from "./en.js";
import { UI_DE } from "./ui-de.js";
import { UI_EN, type UiStrings } from "./ui-en.js";

export interface Catalogue {
  lang: string;
  ui: UiStrings;
  issue: (issue: Issue) => IssueText;
}

export const EN_CATALOGUE: Catalogue = { lang: "en", ui: UI_EN, issue: describeIssue };

/** German: the largest group of S/MIME users (German-speaking public bodies and companies). */
export const DE_CATALOGUE: Catalogue = { lang: "de", ui: UI_DE, issue: describeIssueDe };

const CATALOGUES: Record<string, Catalogue> = { en: EN_CATALOGUE, de: DE_CATALOGUE };

/** "en-GB" -> the "en" catalogue; unknown languages -> English. */
export function catalogueFor(lang: string | undefined): Catalogue {
  const base = (lang ?? "en").toLowerCase().split(/[-_]/)[0] ?? "en";
  return CATALOGUES[base] ?? EN_CATALOGUE;
}
