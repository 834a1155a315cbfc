/** The shared views, for both hosts and the demo page. Hosts render these with data and a UiContext. */
export { Banner, type BannerProps } from "./components/Banner.js";
export { ReportView, type ReportViewProps } from "./components/ReportView.js";
export { CertificateView, pemText, type CertificateViewProps } from "./components/CertificateView.js";
export { TrustManager, type TrustActions, type TrustManagerProps } from "./components/TrustManager.js";
export { UiContext, type UiServices } from "./context.js";
export { catalogueFor, EN_CATALOGUE, type Catalogue } from "./messages/catalogue.js";
export { headline, type Headline, type Tone } from "./headline.js";
