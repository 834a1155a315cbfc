/** English: the views' text and the issue texts, and the fallback for any language without a file. */
import type { Catalogue } from "./catalogue.js";
import { describeIssue } from "./en.js";
import { UI_EN } from "./ui-en.js";

export const EN_CATALOGUE: Catalogue = { lang: "en", ui: UI_EN, issue: describeIssue };
