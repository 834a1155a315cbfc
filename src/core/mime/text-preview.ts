/**
 * The beginning of the text an entity carries, as a reader would see it: the
 * first text/plain part (else the first text/html part, its markup taken out),
 * decoded from its transfer encoding and charset (RFC 2045 section 6, RFC 2046
 * section 4.1.2). For telling a reader which part of a partly signed message
 * the signature vouches for. Bounded: at most MAX_LINES lines and MAX_CHARS characters.
 */
import { mediaType } from "./content-type.js";
import type { MimeEntity } from "./entity.js";
import { decodeBody } from "./transfer-encoding.js";

export interface TextPreview {
  /** The first lines of the text. */
  text: string;
  /** More text follows. */
  truncated: boolean;
  /** The part the text comes from. */
  mimePath: string;
}

const MAX_LINES = 12;
const MAX_CHARS = 1000;
/** Bytes decoded at most: a preview never reads a large attachment whole. */
const MAX_BYTES = 64 * 1024;

export function firstPart(entity: MimeEntity, type: string, skip: (part: MimeEntity) => boolean = () => false): MimeEntity | null {
  if (entity.parts.length === 0) return mediaType(entity.contentType) === type && !skip(entity) ? entity : null;
  // A signed or encrypted layer inside is not opened here: its text is that layer's to show.
  if (mediaType(entity.contentType) === "multipart/signed" || mediaType(entity.contentType) === "multipart/encrypted") return null;
  for (const part of entity.parts) {
    const found = firstPart(part, type, skip);
    if (found) return found;
  }
  return null;
}

export function decodeText(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset === "us-ascii" ? "utf-8" : charset).decode(bytes);
  } catch {
    // An unknown charset: windows-1252 shows every byte, and is what most such mail is.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Markup taken out, with the few entities plain text needs; for a preview, not for rendering. */
function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d{1,6});/g, (_m, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&amp;/gi, "&");
}

export function textPreview(entity: MimeEntity): TextPreview | null {
  const plain = firstPart(entity, "text/plain");
  const part = plain ?? firstPart(entity, "text/html");
  if (!part) return null;
  const decoded = decodeBody(part).bytes;
  const charset = (part.contentType.params.get("charset") ?? "us-ascii").toLowerCase();
  let text = decodeText(decoded.subarray(0, MAX_BYTES), charset);
  if (!plain) text = htmlToText(text);
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trimEnd());
  while (lines.length && lines[0] === "") lines.shift();
  let kept = lines.slice(0, MAX_LINES).join("\n").trimEnd();
  let truncated = decoded.length > MAX_BYTES || lines.slice(MAX_LINES).some((l) => l !== "");
  if (kept.length > MAX_CHARS) {
    kept = kept.slice(0, MAX_CHARS);
    truncated = true;
  }
  return { text: kept, truncated, mimePath: part.path };
}
