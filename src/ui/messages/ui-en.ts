/**
 * English text of the views themselves (headings, labels, states). Issue
 * texts live in en.ts; a language adds one file of each shape.
 */
import type { KeyUsageBit, KnownEku, KnownExtension, EncryptionStatus, RevocationEvidence, RevocationProblem, RevocationReason, RevocationStatus, SignerStatus, TrustStatus, Verdict } from "../../core/index.js";
import { count, daysAgo, REVOCATION_REASON, revocationProblem } from "./en-words.js";

export interface UiStrings {
  verdict: Record<Verdict | "checking", string>;
  reportLabel: string;
  /** The tooltip of the host's toolbar button: the verdict word, then the headline. */
  toolbarTitle: (label: string, title: string, detail: string) => string;
  /** A tooltip after the reader's personal mark, which tells a real Signet text from a message's imitation. */
  markedTitle: (mark: string, title: string) => string;
  /** The toolbar button's tooltip when no single message is shown. */
  toolbarIdle: string;
  /** The item of the message list's context menu that opens a message's report in a tab. */
  reportMenu: string;
  signedBy: (who: string) => string;
  /** The signer a finding is about, when its layer has several: "Signer 2 of 2: Mallory <m@example.org>". */
  signerOf: (who: string, index: number, count: number) => string;
  encryptedFor: (n: number) => string;
  notProtected: string;
  notProtectedAdvice: string;
  trustText: Record<TrustStatus, string>;
  revocationShort: Record<RevocationStatus, string>;
  encryptionText: Record<EncryptionStatus, string>;
  checking: string;
  checked: (time: string) => string;
  details: string;
  layers: string;
  layerKind: { signed: string; enveloped: string; compressed: string };
  coversWhole: string;
  coversPart: string;
  /** For an S/MIME file given on its own (the report's cms-object finding). */
  coversWholeFile: string;
  decryptedByHost: string;
  decryptedBySignet: string;
  decryptedText: string;
  decryptedHtml: string;
  decryptedTruncated: string;
  openPart: string;
  openPartWarning: string;
  foreignPart: string;
  /** What protects an opened encrypted layer from change (EnvelopedLayer.integrity). */
  integrity: { authenticated: string; "signed-inside": string; none: string };
  headersCovered: string;
  signedPartBegins: string;
  /** The marks inside a displayed message around the signed part of a partly signed message. */
  signedPartMark: { begins: string; ends: string };
  headersNotCovered: (names: string) => string;
  signer: (n: number) => string;
  signerStatus: Record<SignerStatus, string>;
  signatureLabel: string;
  identityLabel: string;
  /** The identity badge: "caveat" when a finding about the sender is a warning. */
  identity: { match: string; mismatch: string; unknown: string; caveat: string };
  /** The From line as the reader's mail client shows it (display name and address). */
  fromShown: (from: string) => string;
  noFrom: string;
  certificateAddresses: (emails: string) => string;
  signingTime: string;
  noSigningTime: string;
  algorithms: string;
  chain: string;
  chainHint: string;
  trustedRoot: (source: string) => string;
  anchorSource: { bundled: string; user: string; option: string };
  certOk: string;
  certProblem: string;
  revocation: string;
  evidenceStatus: Record<RevocationEvidence["status"], string>;
  evidenceSource: Record<NonNullable<RevocationEvidence["source"]>, string>;
  /** Why a certificate was revoked, in words (the issue texts use the same table). */
  revocationReason: Record<RevocationReason, string>;
  /** Why a revocation source gave no answer, in a line (the issue texts' particulars use the same words). */
  revocationProblem: (p: RevocationProblem) => string;
  cached: string;
  asOf: (thisUpdate: string, nextUpdate: string | null | undefined) => string;
  responder: string;
  issues: string;
  severity: { error: string; warning: string; info: string };
  noIssues: string;
  /** The disclosure that holds a finding's particulars (each revocation source tried and its answer). */
  particulars: string;
  /** Beside a finding made on a chain that reaches no trusted root (params.untrustedPath). */
  onUntrustedPath: string;
  alsoTried: string;
  certificate: {
    title: string;
    back: string;
    subject: string;
    issuer: string;
    serial: string;
    emails: string;
    validity: string;
    validFromTo: (from: string, to: string) => string;
    key: string;
    signatureAlgorithm: string;
    keyUsage: string;
    extendedKeyUsage: string;
    policies: string;
    basicConstraints: string;
    ca: (pathLength: number | null) => string;
    endEntity: string;
    fingerprints: string;
    extensions: string;
    /** The extensions, extended key usages and key usage bits Signet knows, by their identifiers in the RFCs. */
    extensionNames: Record<KnownExtension, string>;
    ekuNames: Record<KnownEku, string>;
    keyUsageNames: Record<KeyUsageBit, string>;
    critical: string;
    absent: string;
    exportPem: string;
    exportDer: string;
    loading: string;
  };
  trust: {
    title: string;
    search: string;
    bundledInfo: (count: number, source: string, extracted: string, days: number) => string;
    showBundled: string;
    add: string;
    addHint: string;
    onlyDomains: string;
    distrust: string;
    remove: string;
    source: { bundled: string; user: string };
    decision: { anchor: string; distrusted: string };
    onlyFor: (domains: string) => string;
    until: (date: string) => string;
    empty: string;
    count: (shown: number, total: number) => string;
    added: (file: string) => string;
    distrusted: string;
    removed: string;
  };
  keys: {
    title: string;
    explain: string;
    locked: string;
    noPassphrase: string;
    unlockedUntil: (time: string) => string;
    passphrase: string;
    newPassphrase: string;
    forMinutes: string;
    minutes: (n: number) => string;
    unlock: string;
    setPassphrase: string;
    lock: string;
    changeTitle: string;
    currentPassphrase: string;
    change: string;
    empty: string;
    pending: string;
    waiting: string;
    usableWhileLocked: string;
    showRequest: string;
    issuedBy: (issuer: string, until: string) => string;
    exportCertificate: string;
    backupPassword: string;
    exportBackup: string;
    delete: string;
    confirmDelete: string;
    cancel: string;
    importTitle: string;
    filePassword: string;
    importFile: string;
    generateTitle: string;
    email: string;
    name: string;
    keyType: string;
    generate: string;
    requestMade: string;
    importCertificate: string;
    correspondentsTitle: string;
    correspondentsExplain: string;
    searchAddress: string;
    noCorrespondents: string;
    noMatch: string;
    correspondentLine: (issuer: string, until: string, lastSeen: string, trusted: boolean) => string;
    canDecrypt: (algorithms: string) => string;
    done: { unlocked: string; locked: string; imported: (n: number) => string; generated: string; certificate: string; exported: string; deleted: string; changed: string };
    /** The background's error codes (commands.ts), worded. */
    problems: Record<string, string>;
  };
  mark: {
    /** Read aloud for the mark in the banner. */
    label: string;
    title: string;
    explain: string;
    preview: string;
    text: string;
    colour: string;
    colourNames: Record<string, string>;
    save: string;
    saved: string;
    invalid: string;
  };
  /** The Outlook task pane's own words (src/hosts/outlook). */
  pane: {
    tabs: { report: string; trust: string; keys: string };
    /** Outlook lacks Mailbox 1.14 (HOSTS.md): which Outlooks can, and which cannot. */
    unsupported: string;
    noItem: string;
    notMessage: string;
    waiting: (seconds: number) => string;
    readFailed: (detail: string) => string;
    routeEml: string;
    routeAttachment: (name: string) => string;
    rebuilt: string;
    encryptionNote: string;
  };
  loading: string;
  error: (message: string) => string;
}

/** Dates and times as the views show them in every language: ISO day, and minute in UTC. */
export const day = (iso: string): string => iso.slice(0, 10);
export const minute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export const UI_EN: UiStrings = {
  verdict: { verified: "Verified", warning: "Warning", danger: "Danger", none: "Not protected", checking: "Checking" },
  reportLabel: "Message security",
  markedTitle: (mark, title) => `${mark} ${title}`,
  toolbarTitle: (label, title, detail) => [`Signet: ${label}`, title, detail].filter(Boolean).join(" · "),
  toolbarIdle: "Signet: open one message to see its security",
  reportMenu: "Signet: security report",
  signedBy: (who) => `Signed by ${who}`,
  signerOf: (who, index, count) => `Signer ${index + 1} of ${count}: ${who}`,
  encryptedFor: (n) => `Encrypted for ${count(n, "recipient")}`,
  notProtected: "This message is neither signed nor encrypted.",
  notProtectedAdvice: "Anyone could have written or changed it on the way. That is normal for most mail; be careful with requests for money or passwords.",
  trustText: {
    trusted: "certificate trusted",
    untrusted: "certificate not trusted",
    invalid: "certificate chain invalid",
    unknown: "trust not checked",
    "not-applicable": "",
  },
  revocationShort: {
    good: "not revoked",
    revoked: "certificate revoked",
    unknown: "revocation status unknown",
    "not-checked": "revocation not checked",
    "not-applicable": "revocation not checked",
  },
  encryptionText: {
    none: "not encrypted",
    decrypted: "encrypted, decrypted",
    "no-key": "encrypted, no key to decrypt",
    failed: "encrypted, decryption failed",
    "not-inspected": "encrypted with OpenPGP, which Signet does not inspect",
  },
  checking: "Checking revocation and missing certificates…",
  checked: (time) => `Checked ${minute(time)}`,
  details: "Details",
  layers: "What is protected",
  layerKind: { signed: "Signed", enveloped: "Encrypted", compressed: "Compressed" },
  coversWhole: "covers the whole message",
  coversPart: "covers only part of the message",
  coversWholeFile: "covers the whole file",
  decryptedByHost: "decrypted by Thunderbird with your key",
  decryptedBySignet: "decrypted by Signet with your key",
  decryptedText: "The message, as Signet decrypted it:",
  decryptedHtml: "The message, as Signet decrypted it (scripts, forms, styles and remote content removed):",
  decryptedTruncated: "Only the first megabyte is shown.",
  openPart: "Decrypt this part anyway",
  openPartWarning: "This encrypted part sits beside other content, so Signet did not open it. A sender can put an old message that was encrypted to you into their own mail, hoping you decrypt it and quote it back in your reply. Decrypt it only if you expect it.",
  foreignPart: "A separate piece, decrypted because you asked: it is not this message's own text and may come from someone else. Do not quote it back without checking.",
  integrity: { authenticated: "the cipher protects it from change", "signed-inside": "the signature inside protects it from change", none: "nothing protects it from change" },
  signedPartBegins: "What this signature covers (the beginning of the signed part; anything else in the message is not signed):",
  signedPartMark: {
    begins: "Signet: the signed part begins here. Only the text between this mark and the end mark is covered by the signature.",
    ends: "Signet: the signed part ends here. Anything else in this message is not signed and could have been added by anyone.",
  },
  headersCovered: "Header lines the signature covers (as the signer wrote them):",
  headersNotCovered: (names) => `Not covered by the signature, so anyone on the way could have changed them: ${names}.`,
  signer: (n) => `Signer ${n + 1}`,
  signatureLabel: "Signature",
  identityLabel: "Sender",
  signerStatus: { valid: "Signature valid", invalid: "Signature does not match", refused: "Intact, but refused: weak algorithm or key", unverifiable: "Signature could not be checked" },
  identity: { match: "matches the From address", mismatch: "does not match the sender shown", unknown: "no address to compare", caveat: "see the findings about the sender" },
  fromShown: (from) => `From: ${from}`,
  noFrom: "(none)",
  certificateAddresses: (emails) => `Certificate: ${emails}`,
  signingTime: "Signed at (the sender's own clock)",
  noSigningTime: "no signing time given",
  algorithms: "Algorithms",
  chain: "Certificate chain",
  chainHint: "From the signer up to the root. Select a certificate for its details.",
  trustedRoot: (source) => `trusted root (${source})`,
  anchorSource: { bundled: "Mozilla's list", user: "added by you", option: "given for this check" },
  certOk: "no problem found",
  certProblem: "problem",
  revocation: "Revocation",
  evidenceStatus: { good: "not revoked", revoked: "REVOKED", unknown: "unknown", "not-checked": "not checked" },
  evidenceSource: { ocsp: "OCSP", crl: "CRL", "embedded-ocsp": "OCSP response in the message", "embedded-crl": "CRL in the message", "supplied-crl": "CRL you supplied" },
  revocationReason: REVOCATION_REASON,
  revocationProblem,
  cached: "saved earlier",
  asOf: (thisUpdate, nextUpdate) => `as of ${minute(thisUpdate)}${nextUpdate ? `, next update ${minute(nextUpdate)}` : ""}`,
  responder: "responder",
  issues: "Findings",
  severity: { error: "Problem", warning: "Warning", info: "Note" },
  noIssues: "Nothing to report.",
  particulars: "What was tried",
  onUntrustedPath: "Found on a chain that reaches no root you trust, so it is told as well.",
  alsoTried: "Other paths tried",
  certificate: {
    title: "Certificate",
    back: "Back to the report",
    subject: "Subject",
    issuer: "Issuer",
    serial: "Serial number",
    emails: "Email addresses",
    validity: "Validity",
    validFromTo: (from, to) => `${day(from)} to ${day(to)}`,
    key: "Public key",
    signatureAlgorithm: "Signed with",
    keyUsage: "Key usage",
    extendedKeyUsage: "Extended key usage",
    policies: "Policies",
    basicConstraints: "Kind",
    ca: (pathLength) => `certificate authority${pathLength === null ? "" : `, at most ${pathLength} below it`}`,
    endEntity: "end entity (a person or mailbox)",
    fingerprints: "Fingerprints",
    extensions: "Extensions",
    extensionNames: {
      subjectKeyIdentifier: "Subject key identifier",
      keyUsage: "Key usage",
      subjectAltName: "Subject alternative name",
      issuerAltName: "Issuer alternative name",
      basicConstraints: "Basic constraints",
      nameConstraints: "Name constraints",
      cRLDistributionPoints: "CRL distribution points",
      certificatePolicies: "Certificate policies",
      policyMappings: "Policy mappings",
      authorityKeyIdentifier: "Authority key identifier",
      policyConstraints: "Policy constraints",
      extKeyUsage: "Extended key usage",
      freshestCRL: "Freshest CRL",
      inhibitAnyPolicy: "Inhibit anyPolicy",
      authorityInfoAccess: "Authority information access",
      subjectInfoAccess: "Subject information access",
      smimeCapabilities: "S/MIME capabilities",
      signedCertificateTimestampList: "Certificate transparency SCTs",
    },
    ekuNames: {
      anyExtendedKeyUsage: "Any purpose",
      serverAuth: "TLS server",
      clientAuth: "TLS client",
      codeSigning: "Code signing",
      emailProtection: "Email protection",
      timeStamping: "Time stamping",
      OCSPSigning: "OCSP signing",
      msDocumentSigning: "Document signing (Microsoft)",
    },
    keyUsageNames: {
      digitalSignature: "digital signature",
      nonRepudiation: "non-repudiation",
      keyEncipherment: "key encipherment",
      dataEncipherment: "data encipherment",
      keyAgreement: "key agreement",
      keyCertSign: "signing certificates",
      cRLSign: "signing CRLs",
      encipherOnly: "encipher only",
      decipherOnly: "decipher only",
    },
    critical: "critical",
    absent: "none",
    exportPem: "Export PEM",
    exportDer: "Export DER",
    loading: "Reading the certificate…",
  },
  trust: {
    title: "Trusted roots",
    search: "Search by name or fingerprint",
    bundledInfo: (n, source, extracted, days) => `${count(n, "root")} bundled from ${source}, extracted ${extracted} (${daysAgo(days)}).`,
    showBundled: "Show bundled roots",
    add: "Add a root certificate…",
    addHint: "PEM or DER file. Only add roots you got from a source you trust.",
    onlyDomains: "Only for mail domains (optional, comma separated)",
    distrust: "Distrust",
    remove: "Remove",
    source: { bundled: "bundled", user: "added by you" },
    decision: { anchor: "trusted", distrusted: "distrusted" },
    onlyFor: (domains) => `only for ${domains}`,
    until: (date) => `until ${day(date)}`,
    empty: "No certificate matches.",
    count: (shown, total) => `${shown} of ${total}`,
    added: (file) => `Added the certificates in ${file}.`,
    distrusted: "Distrusted. Messages signed under it are now shown as dangerous.",
    removed: "Removed your decision.",
  },
  keys: {
    title: "Your keys",
    explain: "Keys Signet holds to decrypt mail sent to you. Each is kept encrypted under your passphrase; unlock them to use them, and they lock again by themselves.",
    locked: "Locked: encrypted mail to these keys stays closed until you unlock.",
    noPassphrase: "No keys yet. Choose a passphrase (at least 8 characters) to begin: it protects every key you add.",
    unlockedUntil: (time) => `Unlocked until ${time} UTC.`,
    passphrase: "Passphrase",
    newPassphrase: "New passphrase",
    forMinutes: "for",
    minutes: (n) => (n < 60 ? `${n} minutes` : `${n / 60} hours`),
    unlock: "Unlock",
    setPassphrase: "Set passphrase",
    lock: "Lock now",
    changeTitle: "Change passphrase",
    currentPassphrase: "Current passphrase",
    change: "Change",
    empty: "No keys.",
    pending: "new key",
    showRequest: "Show its certificate request (PEM, for your certificate authority)",
    usableWhileLocked: "decrypts without unlocking: kept by this program as a key that cannot be copied out (a backup needs the passphrase)",
    waiting: "waiting for its certificate: send the request to your certificate authority",
    issuedBy: (issuer, until) => `issued by ${issuer}, valid until ${until}`,
    exportCertificate: "Export certificate",
    backupPassword: "Backup password (8+ characters)",
    exportBackup: "Export backup (.p12)",
    delete: "Delete",
    confirmDelete: "Delete for good",
    cancel: "Cancel",
    importTitle: "Add a key from a .p12 or .pfx file",
    filePassword: "The file's password",
    importFile: "Choose file…",
    generateTitle: "Make a new key and a certificate request",
    email: "Your email address",
    name: "Your name (optional)",
    keyType: "Key type",
    generate: "Make key and request",
    requestMade: "Send this request to your certificate authority; then add the certificate it gives you below.",
    importCertificate: "Add the certificate your authority issued…",
    correspondentsTitle: "Correspondents",
    correspondentsExplain: "Certificates of people whose signed mail you read (valid signatures from certificates that name the sender): the certificates to encrypt to them.",
    searchAddress: "Search by address",
    noCorrespondents: "None yet: they are added when you read validly signed mail.",
    noMatch: "No certificate for that address.",
    correspondentLine: (issuer, until, lastSeen, trusted) => `issued by ${issuer}${trusted ? "" : " (not trusted)"}, valid until ${until}, last seen ${lastSeen}`,
    canDecrypt: (algorithms) => (algorithms ? `can decrypt: ${algorithms}` : "said nothing about what it can decrypt"),
    done: { unlocked: "Unlocked.", locked: "Locked.", imported: (n) => `${count(n, "key")} added.`, generated: "Key made.", certificate: "Certificate added: the key is ready to use.", exported: "Exported.", deleted: "Deleted.", changed: "Passphrase changed: every key is now sealed under the new one." },
    problems: {
      "wrong-passphrase": "That passphrase does not unlock your keys.",
      "passphrase-too-short": "A passphrase needs at least 8 characters.",
      "password-too-short": "A backup password needs at least 8 characters.",
      locked: "Unlock your keys first.",
      "wrong-password": "That password does not open the file (or the file was changed since it was made).",
      malformed: "The file is not a .p12/.pfx file, or it is damaged.",
      unsupported: "The file is protected with an algorithm Signet cannot read.",
      "no-key": "The file holds certificates but no private key.",
      "no-certificate": "The file holds a private key but no certificate; export it again with its certificate.",
      "key-does-not-match": "The file's private key belongs to none of its certificates.",
      "unsupported-key": "The file's key cannot decrypt mail with Signet (RSA, and EC on P-256, P-384 or P-521, can).",
      "no-matching-key": "None of your keys belongs to this certificate: it is for a key made elsewhere.",
    },
  },
  mark: {
    label: "Your personal mark",
    title: "Your personal mark",
    explain:
      "Every real Signet banner starts with this mark, and so does the tooltip of Signet's button in the message header. A message can draw a fake banner inside its own text, with any words and colours, but it cannot know your mark. A banner without your mark is not Signet's: trust the header button instead. Signet chose one at random; pick your own if you like, and keep it to yourself.",
    preview: "This is how it looks:",
    text: "Word or emoji (up to 16 characters)",
    colour: "Colour",
    colourNames: {
      "#6a1b9a": "purple", "#1565c0": "blue", "#00695c": "teal", "#ad1457": "raspberry",
      "#4e342e": "brown", "#37474f": "slate", "#283593": "indigo", "#bf360c": "rust",
    },
    save: "Save mark",
    saved: "Saved. New banners show the new mark.",
    invalid: "(a mark is 1 to 16 characters, without control characters)",
  },
  pane: {
    tabs: { report: "Report", trust: "Trust", keys: "Keys" },
    unsupported:
      "This Outlook cannot hand a message to add-ins, so Signet cannot check it here. That needs Outlook on the web, the new Outlook for Windows, classic Outlook for Windows version 2404 or newer, or the new Outlook for Mac. Outlook 2021, the classic Outlook for Mac, Outlook on phones and mailboxes on an organisation's own Exchange server cannot.",
    noItem: "Select one message to see its security.",
    notMessage: "Signet checks mail messages; this item is not one.",
    waiting: (seconds) => (seconds < 2 ? "Outlook is handing over the message…" : `Outlook is handing over the message… ${seconds} s (large messages take a while)`),
    readFailed: (detail) => `Outlook did not hand over this message, so Signet could not check it: ${detail}`,
    routeEml: "Checked: the message as Outlook handed it over.",
    routeAttachment: (name) => `Checked: the original S/MIME message, which Exchange keeps as the attachment ${name}; the sender and date are Outlook's.`,
    rebuilt: "Classic Outlook for Windows rebuilds a message before handing it over, so its header fields can differ from what was sent. The signature covers the signed parts, and those are what Signet checked.",
    encryptionNote: "Outlook does not tell add-ins whether it decrypted a message. Signet reports what it was given.",
  },
  loading: "Reading the message…",
  error: (message) => `Signet could not check this message: ${message}`,
};
