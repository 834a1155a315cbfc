/**
 * Header protection: the header fields a signer put inside the signed content,
 * where the signature covers them, against the outer ones that anyone on the
 * way can change. Three forms are read:
 * - RFC 9788 section 2: the cryptographic payload's root part has `hp="clear"`
 *   or `hp="cipher"` on its Content-Type and carries the header fields;
 * - its draft predecessor (autocrypt's and the LAMPS samples'): `protected-headers="v1"`;
 * - RFC 8551 section 3.1: the signed content is a whole message/rfc822 message.
 * The protected copy is authoritative (RFC 9788 section 4.2.2); an outer field
 * that differs, is missing or was added is `header-mismatch`.
 */
import type { LocalIssueOf } from "../report/local-issue.js";
import { parseMailboxes } from "../mime/address.js";
import { parseMailDate } from "../mime/date.js";
import { decodeHeaderText } from "../mime/encoded-words.js";
import { mediaType } from "../mime/content-type.js";
import type { MimeEntity } from "../mime/entity.js";
import type { HeaderField } from "../mime/headers.js";
import type { ProtectedHeaders } from "../report/types.js";

/** The fields whose outer copy is compared (those a reader sees and replies with). */
export const COMPARED_FIELDS = ["from", "to", "cc", "reply-to", "subject", "date"] as const;

const UNCOVERED_REPORTED = ["subject", "to", "cc", "reply-to"] as const;

// RFC 9788 section 4.3.3: an encrypted message's obscured outer Subject.
const OBSCURED_SUBJECT = "[...]";

const isStructural = (name: string): boolean => name.startsWith("content-") || name === "mime-version";

/** The protected header fields of a signed layer's content root, or null when it carries none. */
export function protectedHeadersOf(content: MimeEntity, wrapped: MimeEntity | null): ProtectedHeaders | null {
  if (wrapped) return { form: "message/rfc822", fields: visible(wrapped.headers) };
  const hp = content.contentType.params.get("hp")?.toLowerCase();
  const draft = content.contentType.params.get("protected-headers")?.toLowerCase();
  if (hp !== "clear" && hp !== "cipher" && draft !== "v1") return null;
  return { form: hp === "clear" ? "hp=clear" : hp === "cipher" ? "hp=cipher" : "protected-headers=v1", fields: visible(content.headers) };
}

function visible(headers: readonly HeaderField[]): { name: string; value: string }[] {
  return headers.filter((h) => !isStructural(h.name)).map((h) => ({ name: h.name, value: decodeHeaderText(h.value).replace(/\s+/g, " ").trim() }));
}

/** Whether the signed content is an RFC 8551 section 3.1 wrapper: a whole message, alone. */
export function isMessageWrapper(content: MimeEntity): boolean {
  return mediaType(content.contentType) === "message/rfc822";
}

function sameValue(name: string, inner: string, outer: string): boolean {
  if (name === "date") {
    // The same instant however written; two copies that cannot be read as dates must be the same text.
    const [a, b] = [parseMailDate(inner), parseMailDate(outer)];
    return a && b ? a.getTime() === b.getTime() : inner === outer;
  }
  if (name === "subject") return inner === outer;
  // Address fields: the same mailboxes, names included (a changed display name is a changed header).
  // Stryker disable next-line StringLiteral,MethodExpression: both sides are keyed alike (any fallback, either case), and <> already keeps mailboxes apart
  const key = (v: string) => parseMailboxes(v).map((m) => `${m.displayName ?? ""}<${m.address.toLowerCase()}>`).join(",");
  return key(inner) === key(outer);
}

/** Every compared field whose outer copy is not the protected one. */
export function compareWithOuter(protectedHeaders: ProtectedHeaders, outer: readonly HeaderField[]): LocalIssueOf<"header-mismatch">[] {
  const issues: LocalIssueOf<"header-mismatch">[] = [];
  for (const name of COMPARED_FIELDS) {
    const inner = protectedHeaders.fields.find((f) => f.name === name)?.value ?? null;
    const raw = outer.find((f) => f.name === name)?.value;
    const shown = raw === undefined ? null : decodeHeaderText(raw).replace(/\s+/g, " ").trim();
    if (inner === null && shown === null) continue;
    if (inner !== null && shown !== null && sameValue(name, inner, shown)) continue;
    if (name === "subject" && shown === OBSCURED_SUBJECT && protectedHeaders.form === "hp=cipher") continue;
    issues.push({
      code: "header-mismatch",
      severity: "warning",
      params: { header: name, protected: inner ?? "", outer: shown ?? "", ...(inner === null ? { notProtected: true } : {}), ...(shown === null ? { missingOutside: true } : {}) },
    });
  }
  return issues;
}

/**
 * The fields a reader acts on that the outer header has and no signature covers: what anyone on the
 * way could have changed. From is not among them (the certificate vouches for it: identity.ts), nor
 * Date (the signing time is compared with it).
 */
export function uncoveredFields(outer: readonly HeaderField[], protectedHeaders: ProtectedHeaders | null): string[] {
  return UNCOVERED_REPORTED.filter((name) => outer.some((f) => f.name === name) && !protectedHeaders?.fields.some((f) => f.name === name));
}
