/** The shared views, for both hosts and the demo page. Hosts render these with data and a UiContext. */
export { Banner, type BannerProps } from "./components/Banner.js";
export { bannerWords, type BannerWords } from "./banner-words.js";
export { ReportView, type ReportViewProps } from "./components/ReportView.js";
export { CertificateView, pemText, type CertificateViewProps } from "./components/CertificateView.js";
export { PersonalMarkEditor, type PersonalMarkEditorProps } from "./components/PersonalMarkEditor.js";
export { randomMark, validMark, PERSONAL_MARK_COLOURS, type PersonalMark } from "./personal-mark.js";
export { TrustManager, type TrustActions, type TrustManagerProps } from "./components/TrustManager.js";
export { KeyManager, type KeyActions, type KeyManagerProps } from "./components/KeyManager.js";
export { UiContext, type UiServices } from "./context.js";
export { Root } from "./components/Root.js";
export { catalogueLanguage, loadCatalogue, type Catalogue } from "./messages/catalogue.js";
export { EN_CATALOGUE } from "./messages/catalogue-en.js";
export { DE_CATALOGUE } from "./messages/catalogue-de.js";
export { headline, type Headline, type Tone } from "./headline.js";
