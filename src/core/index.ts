/** The core's public surface, for hosts, the CLI and the UI. */
export { inspectMessage, type InspectOptions } from "./inspect.js";
export type { Ports, Clock, Fetcher, Store, HostDecrypt, FetchRequest, FetchResult } from "./ports.js";
export { systemClock } from "./ports.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export { ISSUE_CODES, type IssueCode } from "./report/codes.js";
export type * from "./report/types.js";
export { isMbox, splitMbox } from "./mime/mbox.js";
export { TrustStore, type TrustAnchor, type AnchorSource } from "./trust/trust-store.js";
export type { TrustInputs } from "./trust/signer-trust.js";
export { CertificatePool, type IssuerSource } from "./path/issuer-source.js";
export { CertificateView } from "./x509/certificate.js";
export { DEFAULT_PATH_BUDGET, type PathBudget } from "./path/budget.js";
export { readCertificates } from "./x509/read-certificates.js";
export { AiaIssuerSource, DEFAULT_AIA_OPTIONS, type AiaOptions } from "./path/aia-source.js";
export { bundledAnchors, BUNDLED_ROOTS_INFO } from "./trust/bundled.js";
export { loadUserTrust, addAnchor, distrust, removeDecision, type UserTrust } from "./trust/user-trust.js";
