/**
 * Which bytes the pane inspects. Outlook hands over the item as EML
 * (getAsFileAsync), and for most S/MIME mail that EML is the message. But
 * Exchange stores S/MIME mail as an item whose single attachment holds the
 * original MIME entity (MS-OXOSMIME section 2.1: a clear-signed message as
 * IPM.Note.SMIME.MultipartSigned with the multipart/signed entity attached;
 * opaque-signed and encrypted ones as IPM.Note.SMIME with smime.p7m, the body
 * not promoted), and a client may hand over that item rather than the
 * original. Inspecting such an EML would show an ordinary message with an
 * attachment, so the attachment is read and put back under the message's own
 * header fields.
 *
 * Only when the item can be nothing else: an attacker can send an ordinary
 * message with text of their own and someone's old signed message attached,
 * and that must never be reported as signed. So the route is taken only when
 * the EML is no S/MIME message, the item has exactly one attachment, it is
 * S/MIME, and the EML shows nothing else: every other part is empty. When in
 * doubt, the EML is inspected as Outlook gave it.
 */
import { encodeBase64 } from "../../core/index.js";
import { concatBytes, fromLatin1, latin1 } from "../../core/util/bytes.js";
import { headerValue, parseHeaderBlock, type HeaderField } from "../../core/mime/headers.js";
import { mediaType, parseContentType } from "../../core/mime/content-type.js";
import { parseEntity, type MimeEntity } from "../../core/mime/entity.js";
import { DEFAULT_LIMITS } from "../../core/index.js";

/** An attachment as Office.js lists it (item.attachments, Mailbox 1.1). */
export interface AttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  isInline: boolean;
  /** "file", "item" or "cloud" (Office.MailboxEnums.AttachmentType). */
  attachmentType: string;
}

export type Route = { kind: "eml" } | { kind: "attachment"; attachment: AttachmentInfo };

/** The largest header block read here: the core's own cap applies when it parses the message. */
const HEADER_CAP = 256 * 1024;

const SMIME_TYPES = new Set(["application/pkcs7-mime", "application/x-pkcs7-mime"]);
const SIGNATURE_TYPES = new Set(["application/pkcs7-signature", "application/x-pkcs7-signature"]);

/** Whether an entity's own Content-Type makes it S/MIME: an enveloped or opaque-signed object, or multipart/signed over CMS (RFC 8551 section 3). */
function isSmimeType(contentType: string | null): boolean {
  const ct = parseContentType(contentType);
  if (!ct) return false;
  const type = mediaType(ct);
  if (SMIME_TYPES.has(type)) return true;
  // Stryker disable next-line StringLiteral: a missing protocol and any text that is no signature type are refused alike
  return type === "multipart/signed" && SIGNATURE_TYPES.has((ct.params.get("protocol") ?? "").toLowerCase());
}

function headersOf(bytes: Uint8Array): { fields: HeaderField[]; bodyStart: number } {
  const block = parseHeaderBlock(bytes, 0, bytes.length, HEADER_CAP);
  return { fields: block.fields, bodyStart: block.bodyStart };
}

/** Whether the EML Outlook handed over is itself an S/MIME message. */
export function isSmimeMessage(eml: Uint8Array): boolean {
  return isSmimeType(headerValue(headersOf(eml).fields, "content-type"));
}

/** An attachment that can be the original S/MIME entity Exchange keeps. */
function isSmimeAttachment(a: AttachmentInfo): boolean {
  if (a.isInline || a.attachmentType === "cloud") return false;
  const type = a.contentType.split(";")[0]!.trim().toLowerCase();
  return /^smime\.p7m$/i.test(a.name) || SMIME_TYPES.has(type) || type === "multipart/signed";
}

/** The parts a reader sees, an S/MIME entity counting as one. */
function leaves(entity: MimeEntity): MimeEntity[] {
  if (isSmimeType(headerValue(entity.headers, "content-type")) || entity.parts.length === 0) return [entity];
  return entity.parts.flatMap(leaves);
}

/** A part the reader would see something in: any body that is not white space, read raw (encoded blank text counts as content, which only keeps the EML route). */
function showsSomething(part: MimeEntity): boolean {
  for (let i = part.bodyStart; i < part.end; i++) if (![0x20, 0x09, 0x0d, 0x0a].includes(part.source[i]!)) return true;
  return false;
}

/** A part that is an attachment, by its disposition (RFC 2183) or an S/MIME type: the item's one attachment, listed by Outlook. */
function isAttachmentPart(part: MimeEntity): boolean {
  if (isSmimeType(headerValue(part.headers, "content-type"))) return true;
  // Header values come without leading white space (core/mime/headers.ts).
  // Stryker disable next-line StringLiteral: no disposition and a text that is not "attachment" are the same here
  return /^attachment\b/i.test(headerValue(part.headers, "content-disposition") ?? "");
}

/**
 * Whether the EML shows nothing but its attachment: every other part is empty. An attachment part does not count,
 * as the item has exactly one attachment and it is the S/MIME one (chooseRoute checks that first).
 */
function onlyTheAttachment(eml: Uint8Array): boolean {
  // Stryker disable next-line StringLiteral,ArrayDeclaration: the part path and the problems found are not read here
  const root = parseEntity(eml, 0, eml.length, "", 0, { limits: DEFAULT_LIMITS, problems: [], partCount: 0 });
  const parts = leaves(root);
  return parts.filter(isAttachmentPart).length <= 1 && parts.every((part) => isAttachmentPart(part) || !showsSomething(part));
}

/**
 * The EML itself, unless it is an Exchange S/MIME item as MS-OXOSMIME describes it: no S/MIME message itself,
 * a single attachment that is, and no other content. Then that attachment.
 */
export function chooseRoute(eml: Uint8Array, attachments: readonly AttachmentInfo[]): Route {
  if (isSmimeMessage(eml)) return { kind: "eml" };
  const [only, ...more] = attachments;
  if (!only || more.length > 0 || !isSmimeAttachment(only)) return { kind: "eml" };
  return onlyTheAttachment(eml) ? { kind: "attachment", attachment: only } : { kind: "eml" };
}

/** Header fields of the message that say who sent it to whom and when: what the sender checks read. */
const MESSAGE_FIELDS = new Set(["from", "sender", "reply-to", "to", "cc", "date", "subject", "message-id"]);

/** Whether `bytes` start as a MIME entity (a header field), not as DER or base64. */
function startsWithHeader(bytes: Uint8Array): boolean {
  // Stryker disable next-line MethodExpression: only the first line is read; the bound spares decoding a large attachment
  const first = latin1(bytes, 0, Math.min(bytes.length, 200));
  return /^[!-9;-~]+:/.test(first);
}

/**
 * The message to inspect from the item's EML and its S/MIME attachment's bytes: the attachment when it is a
 * whole message (it has its own From), else the EML's sender, recipient and date fields above the attachment's
 * entity (a MIME entity as stored, or a bare CMS object in DER, given the smime.p7m headers RFC 8551 section 3.2 names).
 */
export function composeFromAttachment(eml: Uint8Array, attachment: Uint8Array): Uint8Array {
  const inner = startsWithHeader(attachment) ? headersOf(attachment) : null;
  if (inner && headerValue(inner.fields, "from") !== null) return attachment;
  const outer = headersOf(eml).fields.filter((f) => MESSAGE_FIELDS.has(f.name));
  const head = outer.map((f) => `${f.name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}: ${f.value}\r\n`).join("");
  if (inner) return concatBytes([fromLatin1(`${head}MIME-Version: 1.0\r\n`), attachment]);
  const body = encodeBase64(attachment).replace(/(.{76})/g, "$1\r\n");
  return fromLatin1(`${head}MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7m\r\n\r\n${body}\r\n`);
}
