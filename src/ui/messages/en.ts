/**
 * English text for every issue code: what happened, and what the reader can do.
 * The one place human text is made from codes; the CLI renders with it now and
 * the Preact UI will too. Other languages add a file of the same shape.
 */
import type { Issue, IssueCode, IssueParams, MalformedCmsReason, MalformedMimeReason, UnsupportedReason } from "../../core/index.js";
import { count, REVOCATION_REASON, revocationProblem, span } from "./en-words.js";
import { UI_EN } from "./ui-en.js";
import { byReason, fieldName, words, problems, readerDetail, revocationReason, s } from "./params.js";

export interface IssueText {
  /** One line: what is wrong. */
  title: string;
  /** What the reader can do about it. */
  advice: string;
  /** The particulars (each source tried and what it answered), for whoever opens them: never in the headline. */
  details?: string[];
}

type Render = (p: IssueParams) => IssueText;

/** unsupported-algorithm, by its params.why (UNSUPPORTED_REASONS): what there is to add to the algorithm's name. */
const UNSUPPORTED: Record<UnsupportedReason, (p: IssueParams) => string> = {
  "unknown-algorithm": () => "",
  "unknown-curve": (p) => (p.value === "explicit" ? ", on a curve given by explicit parameters" : `, on the curve ${s(p.value)}`),
  "malformed-key": () => ": the key cannot be read",
  "dsa-parameters-inherited": () => ": its parameters are to come from its issuer, which is not known",
  "no-digest": () => ": the digest it needs is not known",
  "pss-mask-generation": (p) => `, with mask generation ${s(p.value)}`,
  "pss-trailer-field": (p) => `, with trailer field ${s(p.value)}`,
  "pss-hash": () => ", with a hash Signet does not know",
  "pss-parameters-malformed": () => ": its RSA-PSS parameters cannot be read",
  "parameters-malformed": () => ": its parameters cannot be read",
  "recipient-kind": (p) => `, for a recipient that is not a certificate (${s(p.value)})`,
  "key-kind-mismatch": () => ", for a kind of key other than the one in your certificate",
};

/** malformed-cms, by its reason (MALFORMED_CMS_REASONS; trailing-data has a text of its own). */
const CMS_DAMAGE: Record<Exclude<MalformedCmsReason, "trailing-data" | "no-cms-object">, (p: IssueParams) => string> = {
  unreadable: (p) => `its ${s(p.structure)} cannot be read`,
  "not-signed-data": (p) => `the signature part holds ${s(p.contentType)}, not a signature`,
  "unsupported-content-type": (p) => `it holds a kind of CMS content Signet does not read (${s(p.contentType)})`,
  "opaque-without-content": () => "the signed message inside holds no content",
  "encrypted-without-content": () => "the encrypted part holds no encrypted content",
  "digest-algorithm-not-listed": () => "the signer's digest algorithm is missing from the list of digest algorithms, which OpenSSL refuses as well",
  "no-content": () => "there is no content to check the signature against",
  "unusable-key-or-signature": () => "the key or the signature value cannot be used by the algorithm named",
  "signed-attribute-count": (p) => `the signed attributes must hold exactly one ${s(p.attribute)} attribute`,
  "signed-attribute-value": (p) => `the value of the signed ${s(p.attribute)} attribute is not of the kind RFC 5652 requires`,
  "malformed-certificate-extension": (p) => `a certificate has an extension that is repeated or cannot be read (${s(p.extensions)})`,
  "unsupported-compression": (p) => `it is compressed with an algorithm Signet does not know (${s(p.algorithm)})`,
};

/** malformed-mime, by its reason (MALFORMED_MIME_REASONS; inspection-stopped has a text of its own). */
const MIME_DAMAGE: Record<Exclude<MalformedMimeReason, "inspection-stopped">, (p: IssueParams) => string> = {
  "unreadable-content-type": (p) => `a Content-Type field cannot be read (${quoted(p.value)})`,
  "no-boundary": () => "a multipart part has no usable boundary",
  "boundary-not-found": () => "the boundary of a multipart part never occurs in it",
  "missing-closing-boundary": () => "a multipart part is not closed, so its last part may be cut short",
  "no-body-parts": () => "a multipart part holds no parts",
  "multipart-signed-parts": () => "a signed part must hold the content and the signature, and does not hold both",
  "signature-part-type": (p) => `the signature part is labelled ${s(p.found)}, not as the signed part says`,
  "base64-invalid-characters": (p) => `${count(Number(p.count), "character")} outside the base64 alphabet`,
  "base64-bad-end": () => "base64 data is cut short or has data after its end",
  "quoted-printable-bad-escapes": (p) => `${count(Number(p.count), "malformed quoted-printable escape")}`,
  "unknown-transfer-encoding": (p) => `a part uses an unknown transfer encoding (${quoted(p.value)}) and is kept as it is`,
};

/** Key usage bits and extended key usages by their RFC identifiers, in the words the certificate view uses. */
const KEY_USAGE: Readonly<Record<string, string>> = UI_EN.certificate.keyUsageNames;
const EKU: Readonly<Record<string, string>> = UI_EN.certificate.ekuNames;

/** policy-violation, by its reason (policy-tree.ts). */
const POLICY_FAILURE: Record<string, string> = {
  "malformed-policy-extension": ": a certificate's policy extension cannot be read",
  "no-acceptable-policy": ": no acceptable policy is left, and an explicit one is required",
  "any-policy-mapped": ": a CA maps a policy to or from anyPolicy, which is not allowed",
};

/** name-constraints-violated, by its reason (name-constraints.ts): a name outside a CA's limits, or limits that are wrong. */
const BROKEN_LIMITS = "The CA's certificate is wrong, so nothing it vouches for can be trusted.";
const NAME_LIMITS: Record<string, Render> = {
  "not-permitted": (p) => ({ title: `A CA is not allowed to issue for ${s(p.name)}.`, advice: "The CA has broken the limits set on it. Do not trust this signature." }),
  excluded: (p) => ({ title: `A CA is barred from issuing for ${s(p.name)}, and did.`, advice: "The CA has broken the limits set on it. Do not trust this signature." }),
  "unsupported-form": (p) => ({
    title: `A CA's limits cover a kind of name Signet cannot check (${s(p.name)}).`,
    advice: "A limit that cannot be checked is treated as broken (RFC 5280 requires it), so this signature cannot be trusted.",
  }),
  "malformed-name": (p) => ({ title: `A certificate holds a malformed name (${s(p.name)}) where a CA's limits apply.`, advice: "It cannot be checked against the limits, so this signature cannot be trusted." }),
  undecodable: () => ({ title: "A CA's limits on the names it may issue for cannot be read.", advice: BROKEN_LIMITS }),
  "not-critical": () => ({ title: "A CA's limits on the names it may issue for are not marked critical, as they must be.", advice: BROKEN_LIMITS }),
  "in-end-entity": () => ({ title: "The signer's certificate carries limits on names, which only a CA's may carry.", advice: BROKEN_LIMITS }),
  "malformed-constraint": (p) => ({ title: `A CA's limits on names hold a malformed entry (${s(p.constraint)}).`, advice: BROKEN_LIMITS }),
};

const day = (v: unknown): string => (typeof v === "string" ? v.slice(0, 10) : "an unknown date");
const reasonText = (why: string | null): string => (why ? ` (reason: ${why})` : "");

const quoted = (v: unknown): string => `"${String(v ?? "")}"`;

/** What the bytes are instead of a message (message-shape.ts). */
const NOT_A_MESSAGE: Record<string, string> = {
  empty: ": it is empty",
  der: ": it is a DER object, such as a certificate or a CRL",
  pem: ": it is a PEM file",
  http: ": it is an HTTP exchange",
  "no-header-field": ": it does not begin with a header line",
};

/** The OpenPGP forms (layers/openpgp.ts). */
const OPENPGP: Record<string, string> = {
  "pgp-mime-encrypted": "This message is encrypted with OpenPGP (PGP/MIME), which Signet does not inspect.",
  "inline-encrypted": "This message holds OpenPGP-encrypted text, which Signet does not inspect.",
  "pgp-mime-signed": "This message is signed with OpenPGP (PGP/MIME); Signet checks S/MIME signatures only.",
  "inline-signed": "This message holds OpenPGP-signed text; Signet checks S/MIME signatures only.",
};

export const EN: Record<IssueCode, Render> = {
  "not-a-message": (p) => ({
    title: `This is not a mail message${NOT_A_MESSAGE[String(p.found)] ?? ""}, so Signet checked nothing in it.`,
    advice: p.found === "der" || p.found === "pem"
      ? "Signet inspects mail messages (.eml) and S/MIME files (.p7m, .p7s). A certificate or CRL file on its own holds nothing to check."
      : "Signet inspects mail messages (.eml, or an mbox file). Save the message from your mail program and open that file.",
  }),
  "cms-object": (p) => ({
    title: p.detached
      ? "This is a signature file checked against the content given with it, not a mail message."
      : "This is an S/MIME file on its own (CMS), not a mail message.",
    advice: "Without a message there is no sender to compare with the signer: who signed is shown, not checked against anyone.",
  }),
  "detached-signature": () => ({
    title: "This is a detached signature: the file it signs was not given with it, so the signature could not be checked.",
    advice: "Check it together with the file it signs (on the command line: signet inspect FILE.p7s --content FILE).",
  }),
  "openpgp-not-inspected": (p) => ({
    title: OPENPGP[String(p.form)] ?? "This message uses OpenPGP, which Signet does not inspect.",
    advice: "Signet checks S/MIME only. Use an OpenPGP program (Thunderbird has one built in) to decrypt it or check its signature.",
  }),
  "malformed-mime": (p) =>
    p.reason === "inspection-stopped"
      ? {
          title: "Signet could not finish inspecting this message: it stopped on an error of its own.",
          advice: "Nothing in it was verified. This may be a fault in Signet rather than in the message; please report it with the message if you can.",
          ...readerDetail(p),
        }
      : {
          title: `The message structure is damaged: ${(byReason(MIME_DAMAGE, p.reason) ?? (() => "a part cannot be read"))(p)}.`,
          advice: "Parts of the message may be missing or shown differently by other mail programs. Ask the sender to resend it.",
        },
  "malformed-cms": (p) =>
    p.reason === "no-cms-object"
      ? {
          title: "The file given as the signature holds no S/MIME signature (CMS), so nothing could be checked.",
          advice: "Give the signature file (.p7s) first and the file it signs second (on the command line: signet inspect FILE.p7s --content FILE).",
        }
      : p.reason === "trailing-data"
      ? {
          // A warning: what comes before the extra bytes is read and checked as usual.
          title: `${count(Number(p.bytes), "byte")} of extra data follow the end of the signature or encryption data, and were ignored.`,
          advice: "Only what comes before them was read and checked. Mail programs ignore such data; it is unusual, but on its own no sign of tampering.",
        }
      : {
          title: `The signature or encryption data is damaged: ${(byReason(CMS_DAMAGE, p.reason) ?? (() => "it cannot be read"))(p)}.`,
          advice: "Nothing in this part can be trusted. Ask the sender to send the message again.",
          ...readerDetail(p),
        },
  "partially-signed": (p) => ({
    title: p.beginsWith ? `Only part of this message is signed: the part that begins "${s(p.beginsWith)}".` : "Only part of this message is signed.",
    advice: "Text or attachments outside the signed part could have been added by anyone, and may be shown first. Trust only the signed part; its beginning is shown with the signature.",
  }),
  "partially-encrypted": () => ({
    title: "Only part of this message was encrypted.",
    advice: "The unencrypted parts travelled in the clear and may have been added by someone else. Be careful replying with quoted text.",
  }),
  "nested-signature": (p) => ({
    title: `Inside the signed message is another signed message${Array.isArray(p.signedBy) && p.signedBy.length ? `, signed by ${s(p.signedBy)}` : ""} (${s(p.depth)} levels).`,
    advice: "Usually a forwarded or re-signed message. The outer signature speaks for the sender you see; the inner one only for the text it covers, which may be older.",
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
  "input-unreadable": (p) => ({
    title: `Signet could not read this input${p.reason ? ` (${s(p.reason)})` : ""}, so nothing about it was checked.`,
    advice: "Check the file's name and permissions, and try again.",
  }),
  "signature-invalid": () => ({
    title: "The signature does not match: the message was changed after it was signed, or the signature is forged.",
    advice: "Do not trust the content. Contact the sender through another channel if it matters.",
  }),
  "digest-mismatch": () => ({
    title: "The signed content was changed after signing.",
    advice: "Do not trust the content. It may have been altered in transit or by an attacker.",
  }),
  "content-type-mismatch": (p) =>
    p.signedAttributes === false
      ? {
          title: `The signed content is of type ${s(p.found)}, which may be signed only with signed attributes, and this signature has none (RFC 5652 section 5.3).`,
          advice: "Without them the signature does not cover the content type, so the content could be passed off as another kind. Do not trust it; OpenSSL accepts such signatures, Signet does not.",
        }
      : {
          title: `The signature was made for a different kind of content (${s(p.found)} instead of ${s(p.expected)}).`,
          advice: "This is a sign of tampering or a broken mail program. Do not trust the content.",
        },
  "signer-certificate-missing": () => ({
    title: "The signer's certificate is not included in the message.",
    advice: "Signet cannot tell who signed it. Ask the sender to include their certificate (most mail programs do by default).",
  }),
  "unsupported-algorithm": (p) => {
    const what = `${s(p.algorithm)}${(byReason(UNSUPPORTED, p.why) ?? (() => ""))(p)}`;
    if (p.role === "certificate signature") {
      return {
        title: `A certificate in the chain is signed by its CA with an algorithm Signet cannot check (${what}).`,
        advice: "The certificate may be fine, but it cannot be verified here, so the chain cannot be trusted. The certificate authority chose this algorithm; the sender's mail program cannot change it.",
      };
    }
    if (p.role === "encryption" && p.why === "recipient-kind") {
      return {
        title: `The message is encrypted for ${p.value === "password" ? "a password" : p.value === "kek" ? "a secret key shared in advance" : "a kind of recipient Signet does not know"} (${s(p.algorithm)}), not for a certificate, and Signet cannot open such messages.`,
        advice: "Open it with the program it was meant for, or ask the sender to encrypt it to your certificate.",
      };
    }
    if (p.role === "encryption") {
      return {
        title: `The message is encrypted with an algorithm Signet cannot use (${what}).`,
        advice: "Open it in your mail program. Ask the sender to encrypt with AES, which every current mail program offers.",
      };
    }
    return {
      title:
        p.role === "key"
          ? `The signer's key is of a kind Signet cannot use (${what}).`
          : p.role === "digest"
            ? `The message was signed with a digest algorithm Signet does not know (${what}).`
            : `The message was signed with a signature algorithm Signet cannot check (${what}).`,
      advice: "The signature could be fine, but it cannot be verified here. Ask the sender to use a current algorithm (RSA or ECDSA with SHA-256).",
    };
  },
  "weak-digest": (p) =>
    p.role === "certificate signature"
      ? {
          // The CA made this signature, not the sender's program (issue 11: name who made it).
          title: p.accepted
            ? `A certificate in the chain was signed by its CA with ${s(p.algorithm)}, which is outdated; it was accepted because your settings allow it.`
            : `A certificate in the chain was signed by its CA with ${s(p.algorithm)}, which is too weak to trust: such certificates can be forged.`,
          advice: "The sender's certificate authority must issue a certificate signed with SHA-256; the sender's mail program cannot change this.",
        }
      : {
          title: p.accepted
            ? `The signature uses ${s(p.algorithm)}, which is outdated; it was accepted because your settings allow it.`
            : p.intact
              ? `The message is intact, but it was signed with ${s(p.algorithm)}, which Signet refuses because such signatures can be forged.`
              : `The signature uses ${s(p.algorithm)}, which is too weak to trust: forgeries are practical.`,
          advice: "Ask the sender to update their mail program; any current one signs with SHA-256.",
        },
  "weak-key": (p) =>
    p.role === "certificate signature"
      ? {
          // A CA's key, which signed the certificate below it: not the sender's.
          title: `A certificate authority in the chain signs with a key of only ${s(p.bits)} bits (at least ${s(p.minimum)} expected).`,
          advice: "Keys this short can be broken, and with them every certificate the CA signed. Only the certificate authority can change this.",
        }
      : {
          title: p.intact
            ? `The message is intact, but the signer's key is only ${s(p.bits)} bits (at least ${s(p.minimum)} expected), which Signet refuses: keys this short can be broken.`
            : `The signer's key is only ${s(p.bits)} bits (at least ${s(p.minimum)} expected).`,
          advice: "Keys this short can be broken. Ask the sender to get a new certificate.",
        },
  "sender-mismatch": (p) =>
    p.field === "sender"
      ? {
          title: `The Sender line (${s(p.addresses)}) is not in the signer's certificate (${s(p.certificateEmails)}).`,
          advice: "The From address is the signer's; the Sender was added by someone else, often a mailing list. The signature does not vouch for it.",
        }
      : p.caseOnly
        ? {
            title: `The sender address ${s(p.addresses)} differs from the certificate's (${s(p.certificateEmails)}) only in upper and lower case.`,
            advice: "Usually harmless: mail programs spell addresses differently. The mailbox is the same at almost every provider.",
          }
        : {
            title: `The sender address ${s(p.addresses)} is not in the signer's certificate (${s(p.certificateEmails)}).`,
            advice: "Someone may be impersonating the sender with their own valid certificate. Check the address carefully.",
          },
  "signed-on-behalf": (p) => ({
    title: `Signed by ${s(p.sender)} (the Sender), not by ${s(p.from)}, whom the From line names.`,
    advice: "The signature vouches only for the Sender. Treat the message as coming from them, not from the person named in From.",
  }),
  "display-name-spoof": (p) => ({
    title: `The sender's name "${s(p.displayName)}" shows the address ${s(p.shownAddress)}, but the message was signed by ${s(p.address)}.`,
    advice: "A name that carries someone else's address is a known impersonation trick. The real sender is the signer's address.",
  }),
  "display-name-unverified": (p) => ({
    title: `Signed by ${s(p.address)}, shown as "${s(p.displayName)}".`,
    advice: `The certificate vouches for the address ${s(p.address)}${Array.isArray(p.certificateNames) && p.certificateNames.length ? ` and the name ${s(p.certificateNames)}` : ""}, not for the name shown. Check the address before acting on the message.`,
  }),
  "multiple-from-fields": (p) => ({
    title: `The message has ${s(p.count)} From lines (${s(p.addresses)}); a message may have only one.`,
    advice: "Mail programs differ in which one they show, so you may be looking at the one that was not signed for. Treat the sender as unconfirmed.",
  }),
  "multiple-sender-fields": (p) => ({
    title: `The message has ${s(p.count)} Sender lines (${s(p.addresses)}); a message may have at most one.`,
    advice: "Mail programs differ in which one they show. Treat the sender as unconfirmed.",
  }),
  "missing-from": () => ({
    title: "The message has no From address, so nothing ties the signature to a sender.",
    advice: "The signature proves who signed, not who the message claims to be from. Look at the signer's certificate yourself.",
  }),
  "lookalike-address": (p) => ({
    title: `The address ${s(p.address)} ${
      p.reason === "mixed-scripts"
        ? `mixes letters of several alphabets (${s(p.scripts)})`
        : p.reason === "looks-latin"
          ? `is written in ${s(p.scripts)} letters that look like Latin ones`
          : "contains invisible characters"
    }; spelled in plain ASCII it is ${s(p.ascii)}.`,
    advice: "Addresses like this are made to pass for another one. Compare the ASCII spelling with the address you expect.",
  }),
  "no-email-in-certificate": () => ({
    title: "The signer's certificate contains no email address.",
    advice: "Signet cannot confirm that the signer is the sender. Check the certificate's name yourself.",
  }),
  "header-mismatch": (p) => ({
    title: p.notProtected
      ? `The ${fieldName(p.header)} line (${quoted(p.outer)}) was added outside the signature: the signer did not write it.`
      : p.missingOutside
        ? `The signer wrote a ${fieldName(p.header)} line (${quoted(p.protected)}) that the message no longer shows.`
        : `The ${fieldName(p.header)} line shown (${quoted(p.outer)}) is not the one the signer wrote (${quoted(p.protected)}).`,
    advice: p.header === "reply-to" || p.notProtected
      ? "Someone on the way changed the message's header. Replies may go to someone else: check the address before you answer."
      : "Someone on the way changed the message's header. Trust the signed version, which Signet shows with the signature.",
  }),
  "no-date": (p) => ({
    title: p.dateField === "unreadable"
      ? "The message's Date line cannot be read, so the signing time cannot be compared with it."
      : "The message has no Date line, so the signing time cannot be compared with it.",
    advice: "Nothing to do: the signature is judged as usual. Mail programs normally add a Date line, so its absence is unusual.",
  }),
  "date-mismatch": (p) => ({
    title: `The signing time (${s(p.signingTime)}) and the Date header (${s(p.date)}) are ${span(Number(p.minutesApart))} apart.`,
    advice: "An old signed message may have been re-sent with a new date. Check that the content is current.",
  }),
  expired: (p) => ({
    title: `A certificate in the chain expired on ${day(p.notAfter)}.`,
    advice: "The sender (or their CA) must renew it. An expired certificate can no longer vouch for anyone.",
  }),
  "not-yet-valid": (p) => ({
    title: `A certificate in the chain is not valid until ${day(p.notBefore)}.`,
    advice: "Check your computer's clock. If it is right, the certificate was issued with a future start date.",
  }),
  "unknown-issuer": (p) => ({
    title: `The certificate was issued by "${s(p.issuer)}", which Signet could not find${Array.isArray(p.caIssuers) && p.caIssuers.length ? ` (also not at ${s(p.caIssuers)})` : ""}.`,
    advice: "Either the sender's mail program left out an intermediate certificate (ask them to send the full chain), or that CA is one you do not have: add it only after checking it with its owner.",
  }),
  "issuer-loop": (p) => ({
    title: `The chain runs in a loop: "${s(p.issuer)}" is certified only by certificates already in the chain, so it reaches no root.`,
    advice: "The CAs certify each other and the root that ends the loop is missing. Ask the sender for the full chain, or add that root only after checking it with its owner.",
  }),
  "untrusted-root": (p) => ({
    title: `The chain ends at "${s(p.subject)}", a root you do not trust.`,
    advice: "Trust this root only if you have checked it with its owner (for example your company's own CA).",
  }),
  distrusted: (p) => ({
    title: `"${s(p.subject)}" is on your list of distrusted certificates.`,
    advice: "Signet never relies on a certificate you distrusted. Do not trust this signature.",
  }),
  "bad-certificate-signature": (p) => ({
    title: `A certificate's signature does not match its issuer ("${s(p.issuer)}").`,
    advice: "The chain is forged or damaged. Do not trust this signature.",
  }),
  "not-a-ca": (p) => ({
    title: `"${s(p.subject)}" issued a certificate but is not a certificate authority.`,
    advice: "The chain is invalid: only CAs may issue certificates.",
  }),
  "path-length-exceeded": () => ({
    title: "The chain has more CAs than a CA above them allows.",
    advice: "The chain is invalid. The sender's CA must issue from an allowed position.",
  }),
  "key-usage": (p) => ({
    title: `A certificate's key usage does not allow ${words(p.required, KEY_USAGE, " or ")}: it allows only ${words(p.present, KEY_USAGE, ", ")}.`,
    advice: "The certificate was not issued for what it is used for here.",
  }),
  "missing-email-protection": (p) => ({
    title: `A certificate in the chain is not issued for email: its extended key usage allows only ${words(p.present, EKU, ", ")}.`,
    advice: "The sender needs an S/MIME certificate; this one is meant for something else, such as web servers.",
  }),
  "name-constraints-violated": (p) => NAME_LIMITS[String(p.reason)]?.(p) ?? NAME_LIMITS["not-permitted"]!(p),
  "policy-violation": (p) => ({
    title: `The chain does not meet the required certificate policy${POLICY_FAILURE[String(p.reason)] ?? ""}.`,
    advice: "The chain is invalid under the policy your settings require.",
  }),
  "unhandled-critical-extension": (p) => ({
    title: `A certificate has a critical extension Signet does not understand (${s(p.extensions)}).`,
    advice: "A critical extension must be understood before a certificate is used, so it cannot be accepted.",
  }),
  "path-search-limit": () => ({
    title: "Signet stopped searching for a certificate chain: the message offers too many or too tangled certificates.",
    advice: "Real senders never need this many. The message may be built to slow mail programs down.",
  }),
  "validated-at-signing-time": (p) => ({
    title: `Certificates were judged at the signing time the signer claims (${s(p.signingTime)}), not now.`,
    advice: "Anyone holding the key can claim any signing time. Rely on this only for mail you know arrived back then.",
  }),
  revoked: (p) => ({
    title: `A certificate in the chain was revoked${p.date ? ` on ${day(p.date)}` : ""}${reasonText(revocationReason(p.reason, REVOCATION_REASON))}.`,
    advice: "Its owner or CA withdrew it, for example because the key was stolen. Do not trust this signature.",
  }),
  "revocation-unknown": (p) => ({
    title: "Signet could not learn whether a certificate was revoked.",
    advice: "The signature may still be fine. If it matters, ask the sender to confirm by another channel.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-unavailable": (p) => ({
    title: "The revocation service could not be reached.",
    advice: "Check your connection and open the message again later; the answer is cached once it arrives.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-stale": (p) => ({
    title: "The revocation information available is out of date.",
    advice: "Open the message again when you are online, so Signet can fetch a current answer.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-response-invalid": (p) => ({
    title: "A revocation answer could not be trusted.",
    advice: "An answer came, but it could not be read, it was signed with an algorithm or key Signet refuses, or it was not signed by the certificate's CA or a responder the CA authorised (see what was tried). Treat the revocation status as unknown.",
    details: problems(p).map(revocationProblem),
  }),
  "no-decryption-key": (p) => ({
    title: `The message is encrypted${p.recipients !== undefined ? ` to ${count(Number(p.recipients), "recipient")}` : ""}, and none of the keys Signet was given can open it.`,
    advice: "Open it in your mail program, which may hold your key. If it was sent to you, the key that opens it is not among those Signet has.",
  }),
  "decryption-failed": (p) => ({
    title: p.by === "host" ? "Your mail program holds a key for this message, but it could not be decrypted." : "One of your keys is a recipient of this message, but the message could not be decrypted with it.",
    advice: "The encrypted content is damaged or was changed on the way. Ask the sender to send it again.",
  }),
  "unauthenticated-encryption": (p) => ({
    title: p.opened
      ? `The encryption (${s(p.algorithm)}) does not protect the content against change, and there is no signature inside that would.`
      : `The encryption (${s(p.algorithm)}) does not protect against tampering.`,
    advice: p.opened
      ? "Someone who holds this ciphertext can alter what it decrypts to without anyone noticing (the EFAIL attacks). Do not trust links or instructions in it without checking with the sender."
      : "Encrypted content like this can be altered without detection (EFAIL). A signature inside protects it.",
  }),
  "weak-encryption": (p) => ({
    title: `The message is encrypted with ${s(p.algorithm)}, an outdated algorithm.`,
    advice: "Ask the sender to update their mail program so it uses AES.",
  }),
};

export function describeIssue(issue: Issue): IssueText {
  return EN[issue.code](issue.params);
}
