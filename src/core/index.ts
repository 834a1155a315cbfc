/** The core's public surface, for hosts, the CLI and the UI. */
export { inspectDetachedSignature, inspectInStages, inspectMessage, inspectTooLarge, type InspectOptions, type StagedInspection } from "./inspect.js";
export { AuditTally, auditAttention, type AuditAttention, type AuditIssueCount, type AuditSigner, type AuditSummary } from "./audit/tally.js";
export type { Ports, Clock, Fetcher, Store, Decryptor, DecryptRequest, DecryptOutcome, FetchRequest, FetchResult, KeyVault } from "./ports.js";
export { hostDecryptor } from "./layers/host-decryptor.js";
export { keyDecryptor } from "./keys/key-decryptor.js";
export { identitiesFromPkcs12, type Pkcs12Identities, type Pkcs12IdentityProblem } from "./keys/pkcs12-identities.js";
export type { RecipientKey } from "./keys/recipient-key.js";
export { KeyStore, type StoredKey, type ImportResult, type UnlockResult, type KeyListing, type KeySummary } from "./keys/key-store.js";
export { MIN_SECRET_LENGTH } from "./keys/passphrase.js";
export type { NewKeyType } from "./keys/certificate-request.js";
export { CorrespondentDirectory, type Correspondent } from "./keys/correspondents.js";
export { systemClock } from "./ports.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export {
  ISSUE_CODES,
  MALFORMED_CMS_REASONS,
  MALFORMED_MIME_REASONS,
  REVOCATION_PROBLEM_CODES,
  UNSUPPORTED_REASONS,
  type IssueCode,
  type MalformedCmsReason,
  type MalformedMimeReason,
  type RevocationProblemCode,
  type UnsupportedReason,
} from "./report/codes.js";
export type * from "./report/types.js";
export { isMbox, MboxSplitter, splitMbox, type MboxItem } from "./mime/mbox.js";
export { TrustStore, type TrustAnchor, type AnchorSource } from "./trust/trust-store.js";
export type { TrustInputs } from "./trust/inputs.js";
export { CertificatePool, type IssuerSource } from "./path/issuer-source.js";
export { CertificateView } from "./x509/certificate.js";
export { DEFAULT_PATH_BUDGET, type PathBudget } from "./path/budget.js";
export { readCertificates } from "./x509/read-certificates.js";
export { readCrls, type ReadCrls } from "./revocation/read-crls.js";
export { publishedNextUpdate } from "./revocation/next-update.js";
export type { ParsedCrl, RevocationReason } from "./revocation/crl.js";
export { AiaIssuerSource, DEFAULT_AIA_OPTIONS, type AiaOptions } from "./path/aia-source.js";
export { bundledAnchors, BUNDLED_ROOTS_INFO } from "./trust/bundled.js";
export { loadUserTrust, addAnchor, distrust, removeDecision, type UserTrust } from "./trust/user-trust.js";
export { buildTrustInputs, type TrustSetup } from "./trust/inputs.js";
export { listTrust, type TrustEntry, type TrustListing } from "./trust/listing.js";
export { describeCertificate, type CertificateDetails, type EkuDetail, type ExtensionDetail, type KnownEku, type KnownExtension } from "./x509/details.js";
export type { KeyUsageBit } from "./x509/extensions.js";
export { decodeBase64Text, encodeBase64 } from "./util/base64.js";
export { concatBytes } from "./util/bytes.js";
export { toPem } from "./util/pem.js";
