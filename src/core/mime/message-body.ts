/**
 * The body a reader is to be shown of content Signet decrypted: the first
 * text/plain part as text, else the first text/html part as HTML (which the UI
 * sanitises and shows only in a sandboxed frame, never in its own document).
 * Decoded from its transfer encoding and charset (RFC 2045 section 6, RFC 2046
 * section 4.1.2) and bounded, so a huge part cannot swell the report.
 */
import type { MimeEntity } from "./entity.js";
import { decodeText, firstPart } from "./text-preview.js";
import { decodeBody } from "./transfer-encoding.js";

export interface MessageBody {
  kind: "text" | "html";
  body: string;
  /** The part was longer than MAX_BODY_BYTES: what follows is not shown. */
  truncated: boolean;
  /** The part the body comes from. */
  mimePath: string;
}

/** Bytes of a body part decoded at most (1 MiB): mail text is far smaller; the rest are attachments. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A "legacy display" part: header fields repeated as text for clients that do not read protected
 * headers (RFC 9788 section 4.3, hp-legacy-display="1"; the older drafts marked it protected-headers="v1").
 * A reader shown the body has the headers already; the part would read as the message's first line.
 */
function legacyDisplay(part: MimeEntity): boolean {
  const params = part.contentType.params;
  return part.path !== "" && (params.get("hp-legacy-display") === "1" || params.has("protected-headers"));
}

export function messageBody(entity: MimeEntity, pathPrefix: string): MessageBody | null {
  const plain = firstPart(entity, "text/plain", legacyDisplay);
  const part = plain ?? firstPart(entity, "text/html", legacyDisplay);
  if (!part) return null;
  const decoded = decodeBody(part).bytes;
  const charset = (part.contentType.params.get("charset") ?? "us-ascii").toLowerCase();
  const body = decodeText(decoded.subarray(0, MAX_BODY_BYTES), charset);
  return { kind: plain ? "text" : "html", body, truncated: decoded.length > MAX_BODY_BYTES, mimePath: pathPrefix + part.path };
}
