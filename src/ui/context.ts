/**
 * What a host gives the views besides their data: the language, and the few
 * actions only the host can do. Views never call host APIs (the lint rule in
 * eslint.config.js); they read this context.
 */
import { createContext } from "preact";
import type { CertificateDetails } from "../core/index.js";
import type { Catalogue } from "./messages/catalogue.js";
import { EN_CATALOGUE } from "./messages/catalogue-en.js";

export interface UiServices {
  catalogue: Catalogue;
  /** Reads a certificate's details (the core runs where the host keeps it). Absent: the view shows the summary only. */
  describeCertificate?: (derBase64: string) => Promise<CertificateDetails>;
  /** Opens the full report from the banner. Absent: the banner has no button. */
  openDetails?: () => void;
  /**
   * Inspects the message again with an encrypted part beside other content opened, which only the
   * reader may ask for. Absent: the view offers no such button.
   */
  openPart?: (mimePath: string) => void;
}

export const UiContext = createContext<UiServices>({ catalogue: EN_CATALOGUE });
