/**
 * English text for every issue code: what happened, and what the reader can do.
 * The one place human text is made from codes; the CLI renders with it now and
 * the Preact UI will too. Other languages add a file of the same shape.
 */
import type { Issue, IssueCode, IssueParams } from "../../core/index.js";

export interface IssueText {
  /** One line: what is wrong. */
  title: string;
  /** What the reader can do about it. */
  advice: string;
}

type Render = (p: IssueParams) => IssueText;

const s = (v: unknown): string => (Array.isArray(v) ? v.join(", ") : v === undefined ? "" : String(v));

export const EN: Record<IssueCode, Render> = {
  "malformed-mime": (p) => ({
    title: `The message structure is damaged${p.reason ? `: ${s(p.reason)}` : ""}.`,
    advice: "Parts of the message may be missing or shown differently by other mail programs. Ask the sender to resend it.",
  }),
  "malformed-cms": (p) => ({
    title: `The signature or encryption data is damaged${p.reason ? ` (${s(p.reason)})` : ""}.`,
    advice: "Nothing in this part can be trusted. Ask the sender to send the message again.",
  }),
  "partially-signed": () => ({
    title: "Only part of this message is signed.",
    advice: "Text or attachments outside the signed part could have been added by anyone. Trust only the signed part.",
  }),
  "partially-encrypted": () => ({
    title: "Only part of this message was encrypted.",
    advice: "The unencrypted parts travelled in the clear and may have been added by someone else. Be careful replying with quoted text.",
  }),
  "nested-signature": (p) => ({
    title: `This message carries a signature inside another signature (${s(p.depth)} levels).`,
    advice: "Usually harmless (a forwarded or re-signed message). Check who signed each level.",
  }),
  "no-signers": () => ({
    title: "The message claims to be signed, but contains no signature.",
    advice: "Treat it as unsigned. A message dressed up as signed without a signature is suspicious.",
  }),
  "multiple-signers": (p) => ({
    title: `The message has ${s(p.count)} signatures.`,
    advice: "Each signer is shown separately; the message counts as valid only if every signature is.",
  }),
  "limit-exceeded": (p) => ({
    title: `The message exceeds a safety limit (${s(p.limit)} = ${s(p.value)}).`,
    advice: "Signet stopped reading there to protect your computer. Messages built like this are rare and often hostile.",
  }),
  "signature-invalid": () => ({
    title: "The signature does not match: the message was changed after it was signed, or the signature is forged.",
    advice: "Do not trust the content. Contact the sender through another channel if it matters.",
  }),
  "digest-mismatch": () => ({
    title: "The signed content was changed after signing.",
    advice: "Do not trust the content. It may have been altered in transit or by an attacker.",
  }),
  "content-type-mismatch": (p) => ({
    title: `The signature was made for a different kind of content (${s(p.found)} instead of ${s(p.expected)}).`,
    advice: "This is a sign of tampering or a broken mail program. Do not trust the content.",
  }),
  "signer-certificate-missing": () => ({
    title: "The signer's certificate is not included in the message.",
    advice: "Signet cannot tell who signed it. Ask the sender to include their certificate (most mail programs do by default).",
  }),
  "unsupported-algorithm": (p) => ({
    title: `The message uses an algorithm Signet cannot check (${s(p.algorithm)}${p.role ? `, ${s(p.role)}` : ""}).`,
    advice: "The signature could be fine, but it cannot be verified here. Ask the sender to use a current algorithm (RSA or ECDSA with SHA-256).",
  }),
  "weak-digest": (p) => ({
    title: p.accepted
      ? `The signature uses ${s(p.algorithm)}, which is outdated; it was accepted because your settings allow it.`
      : `The signature uses ${s(p.algorithm)}, which is too weak to trust: forgeries are practical.`,
    advice: "Ask the sender to update their mail program; any current one signs with SHA-256.",
  }),
  "weak-key": (p) => ({
    title: `The signer's key is only ${s(p.bits)} bits (at least ${s(p.minimum)} expected).`,
    advice: "Keys this short can be broken. Ask the sender to get a new certificate.",
  }),
  "sender-mismatch": (p) =>
    p.caseOnly
      ? {
          title: `The sender address ${s(p.addresses)} differs from the certificate's (${s(p.certificateEmails)}) only in upper and lower case.`,
          advice: "Usually harmless: mail programs spell addresses differently. The mailbox is the same at almost every provider.",
        }
      : {
          title: p.reason
            ? `The message has no sender address to compare with the certificate (${s(p.certificateEmails)}).`
            : `The sender address ${s(p.addresses)} is not in the signer's certificate (${s(p.certificateEmails)}).`,
          advice: "Someone may be impersonating the sender with their own valid certificate. Check the address carefully.",
        },
  "no-email-in-certificate": () => ({
    title: "The signer's certificate contains no email address.",
    advice: "Signet cannot confirm that the signer is the sender. Check the certificate's name yourself.",
  }),
  "header-mismatch": (p) => ({
    title: `A protected header differs from the visible one (${s(p.header)}).`,
    advice: "The visible header may have been changed in transit. Trust the signed version.",
  }),
  "date-mismatch": (p) => ({
    title: p.reason
      ? "The message has no Date header to compare with the signing time."
      : `The signing time (${s(p.signingTime)}) and the Date header (${s(p.date)}) are ${s(p.minutesApart)} minutes apart.`,
    advice: "An old signed message may have been re-sent with a new date. Check that the content is current.",
  }),
  expired: () => ({ title: "A certificate has expired.", advice: "Ask the sender to renew their certificate." }),
  "not-yet-valid": () => ({ title: "A certificate is not valid yet.", advice: "Check your computer's clock, or wait until the certificate starts." }),
  "unknown-issuer": () => ({
    title: "The certificate's issuer is unknown.",
    advice: "The sender may have left out an intermediate certificate. Ask them to include the full chain.",
  }),
  "untrusted-root": () => ({ title: "The certificate chain ends at a root you do not trust.", advice: "Add the root only if you know it is genuine." }),
  distrusted: () => ({ title: "A certificate in the chain is explicitly distrusted.", advice: "Do not trust this message's signature." }),
  "bad-certificate-signature": () => ({ title: "A certificate in the chain has a bad signature.", advice: "The chain is forged or damaged." }),
  "not-a-ca": () => ({ title: "A certificate acts as a CA without being one.", advice: "The chain is invalid." }),
  "path-length-exceeded": () => ({ title: "The chain is longer than a CA allows.", advice: "The chain is invalid." }),
  "key-usage": () => ({ title: "A certificate is used for something its key usage forbids.", advice: "The certificate is not meant for email." }),
  "missing-email-protection": () => ({ title: "The certificate is not issued for email.", advice: "Ask the sender for an S/MIME certificate." }),
  "name-constraints-violated": () => ({ title: "A certificate breaks its CA's name constraints.", advice: "The chain is invalid." }),
  "policy-violation": () => ({ title: "The chain does not meet the required certificate policy.", advice: "The chain is invalid under your policy." }),
  "unhandled-critical-extension": () => ({ title: "A certificate has a critical extension Signet does not understand.", advice: "The chain cannot be accepted." }),
  "path-search-limit": () => ({ title: "Signet gave up searching for a certificate chain.", advice: "The certificates offered are unusually many or tangled." }),
  revoked: () => ({ title: "A certificate has been revoked.", advice: "Do not trust this signature." }),
  "revocation-unknown": () => ({ title: "The revocation status is unknown.", advice: "The certificate may have been revoked." }),
  "revocation-unavailable": () => ({ title: "The revocation service could not be reached.", advice: "Try again later." }),
  "revocation-stale": () => ({ title: "The revocation information is out of date.", advice: "Try again later." }),
  "revocation-response-invalid": () => ({ title: "The revocation answer was invalid.", advice: "Try again later." }),
  "no-decryption-key": (p) => ({
    title: `The message is encrypted${p.recipients !== undefined ? ` to ${s(p.recipients)} recipient(s)` : ""}, and Signet holds no key to open it.`,
    advice: "Open it in your mail program with your own key, or import your key into Signet.",
  }),
  "decryption-failed": () => ({ title: "The message could not be decrypted.", advice: "It may be damaged, or encrypted to a different key of yours." }),
  "unauthenticated-encryption": (p) => ({
    title: `The encryption (${s(p.algorithm)}) does not protect against tampering.`,
    advice: "Encrypted content like this can be altered without detection (EFAIL). A signature inside protects it.",
  }),
  "weak-encryption": (p) => ({
    title: `The message is encrypted with ${s(p.algorithm)}, an outdated algorithm.`,
    advice: "Ask the sender to update their mail program so it uses AES.",
  }),
};

export function describeIssue(issue: Issue): IssueText {
  return EN[issue.code](issue.params);
}
