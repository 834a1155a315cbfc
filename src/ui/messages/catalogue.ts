/**
 * One catalogue per language: the views' own text and the issue texts. The
 * host picks the language (Thunderbird's UI locale, Office's display
 * language); English is the fallback for any language without a file. Each
 * language is a module of its own, imported when asked for: in the add-ons a
 * chunk (webpack.config.js), so a script loads the one language it shows.
 */
import type { Issue } from "../../core/index.js";
import type { IssueText } from "./en.js";
import type { UiStrings } from "./ui-en.js";

export interface Catalogue {
  lang: string;
  ui: UiStrings;
  issue: (issue: Issue) => IssueText;
}

const LANGUAGES = ["en", "de"] as const;
export type CatalogueLanguage = (typeof LANGUAGES)[number];

/** "en-GB" -> "en"; unknown languages -> "en". */
export function catalogueLanguage(lang: string | undefined): CatalogueLanguage {
  const base = (lang ?? "en").toLowerCase().split(/[-_]/)[0] ?? "en";
  return LANGUAGES.find((l) => l === base) ?? "en";
}

/** The catalogue for a host's language tag ("de-AT" -> German; unknown languages -> English). */
export async function loadCatalogue(lang: string | undefined): Promise<Catalogue> {
  return catalogueLanguage(lang) === "de"
    ? (await import(/* webpackChunkName: "catalogue-de" */ "./catalogue-de.js")).DE_CATALOGUE
    : (await import(/* webpackChunkName: "catalogue-en" */ "./catalogue-en.js")).EN_CATALOGUE;
}
