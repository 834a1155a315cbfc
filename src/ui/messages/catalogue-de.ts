/** German: the largest group of S/MIME users (German-speaking public bodies and companies). */
import type { Catalogue } from "./catalogue.js";
import { describeIssueDe } from "./de.js";
import { UI_DE } from "./ui-de.js";

export const DE_CATALOGUE: Catalogue = { lang: "de", ui: UI_DE, issue: describeIssueDe };
