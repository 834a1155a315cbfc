/**
 * RFC 5322 / RFC 2045-2046 entity tree over the raw bytes. Nothing is decoded
 * or copied here: every entity keeps byte offsets into its source, so the exact
 * signed bytes of a multipart/signed part (RFC 1847 section 2.1) can be taken
 * later without any re-serialisation.
 */
import type { Limits } from "../limits.js";
import { fromLatin1 } from "../util/bytes.js";
import { mimeDamage } from "../report/issue-params.js";
import type { ParamsOf } from "../report/params-by-code.js";
import { DEFAULT_CONTENT_TYPE, mediaType, parseContentType, parseTransferEncoding, type ContentType } from "./content-type.js";
import { headerValue, parseHeaderBlock, type HeaderField } from "./headers.js";

export interface MimeEntity {
  /** Dotted part number ("" for the top entity, "1.2" for the second child of the first child). */
  path: string;
  depth: number;
  /** The bytes the offsets index into: the message, or the content of a security layer. */
  source: Uint8Array;
  /** First byte of the entity (its headers). */
  start: number;
  bodyStart: number;
  /** One past the last byte; for a body part, before the line break that precedes the next delimiter. */
  end: number;
  headers: HeaderField[];
  contentType: ContentType;
  /** Whether a Content-Type header was present and readable. */
  explicitContentType: boolean;
  transferEncoding: string;
  parts: MimeEntity[];
}

export type MimeProblem = { path: string } & ({ code: "malformed-mime"; params: ParamsOf<"malformed-mime"> } | { code: "limit-exceeded"; params: ParamsOf<"limit-exceeded"> });

export interface ParseContext {
  limits: Limits;
  problems: MimeProblem[];
  /** Entities parsed so far, across every source of one message. */
  partCount: number;
}

function childPath(parent: string, n: number): string {
  return parent === "" ? String(n) : `${parent}.${n}`;
}

interface Delimiter {
  /** Offset of the line break before the delimiter (where the previous part ends). */
  partEnd: number;
  /** Offset just after the delimiter line. */
  next: number;
  close: boolean;
}

/** First index of `needle` in `bytes[from, end)`, or -1. Uses indexOf (memchr) for the first byte. */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number, end: number): number {
  const first = needle[0]!;
  const last = end - needle.length;
  for (let i = bytes.indexOf(first, from); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09;

/**
 * Finds the next boundary delimiter line at or after `from` (RFC 2046 section 5.1.1),
 * searching the bytes directly: a 20 MB attachment is never turned into a string.
 */
function findDelimiter(bytes: Uint8Array, delimiter: Uint8Array, from: number, end: number): Delimiter | null {
  for (let idx = indexOfBytes(bytes, delimiter, from, end); idx !== -1; idx = indexOfBytes(bytes, delimiter, idx + 1, end)) {
    if (idx !== from && bytes[idx - 1] !== 0x0a) continue;
    let p = idx + delimiter.length;
    const close = bytes[p] === 0x2d && bytes[p + 1] === 0x2d && p + 1 < end;
    if (close) p += 2;
    // Transport padding (RFC 2046 section 5.1.1: LWSP after the boundary) then the line break.
    while (p < end && isBlank(bytes[p])) p++;
    const c = bytes[p];
    const lineOk = p >= end || c === 0x0a || (c === 0x0d && (p + 1 >= end || bytes[p + 1] === 0x0a));
    if (!lineOk && !close) continue;
    let lineEnd = p;
    if (!lineOk) {
      // "--boundary--" followed by junk on the same line: still the close delimiter.
      const nl = bytes.indexOf(0x0a, p);
      lineEnd = nl === -1 || nl >= end ? end : nl;
    }
    const next = lineEnd >= end ? end : bytes[lineEnd] === 0x0d ? Math.min(lineEnd + 2, end) : lineEnd + 1;
    let partEnd = idx;
    if (idx > from && bytes[idx - 1] === 0x0a) {
      partEnd = idx - 1;
      if (partEnd > from && bytes[partEnd - 1] === 0x0d) partEnd--;
    }
    return { partEnd, next, close };
  }
  return null;
}

export function parseEntity(
  source: Uint8Array,
  start: number,
  end: number,
  path: string,
  depth: number,
  ctx: ParseContext,
  defaultType: ContentType = DEFAULT_CONTENT_TYPE,
): MimeEntity {
  ctx.partCount++;
  const block = parseHeaderBlock(source, start, end, ctx.limits.maxHeaderBytes);
  if (block.tooLarge) {
    ctx.problems.push({ code: "limit-exceeded", path, params: { limit: "maxHeaderBytes", value: ctx.limits.maxHeaderBytes } });
  }
  const rawType = headerValue(block.fields, "content-type");
  const parsedType = parseContentType(rawType);
  if (rawType !== null && parsedType === null) {
    ctx.problems.push({ code: "malformed-mime", path, params: mimeDamage({ reason: "unreadable-content-type", value: rawType.slice(0, 100) }) });
  }
  const entity: MimeEntity = {
    path,
    depth,
    source,
    start,
    bodyStart: block.bodyStart,
    end,
    headers: block.fields,
    contentType: parsedType ?? defaultType,
    explicitContentType: parsedType !== null,
    transferEncoding: parseTransferEncoding(headerValue(block.fields, "content-transfer-encoding")),
    parts: [],
  };
  if (entity.contentType.type === "multipart" && !block.tooLarge) parseMultipart(entity, ctx);
  return entity;
}

function parseMultipart(entity: MimeEntity, ctx: ParseContext): void {
  const boundary = entity.contentType.params.get("boundary");
  const bytes = entity.source;
  if (!boundary || boundary.length > 200) {
    // RFC 2046 section 5.1.1: the boundary parameter is required and at most 70 characters.
    ctx.problems.push({ code: "malformed-mime", path: entity.path, params: mimeDamage({ reason: "no-boundary" }) });
    return;
  }
  if (entity.depth + 1 > ctx.limits.maxMimeDepth) {
    ctx.problems.push({ code: "limit-exceeded", path: entity.path, params: { limit: "maxMimeDepth", value: ctx.limits.maxMimeDepth } });
    return;
  }
  const delimiter = fromLatin1(`--${boundary}`);
  const childDefault: ContentType =
    entity.contentType.subtype === "digest" ? { type: "message", subtype: "rfc822", params: new Map() } : DEFAULT_CONTENT_TYPE;
  let d = findDelimiter(bytes, delimiter, entity.bodyStart, entity.end);
  if (!d) {
    ctx.problems.push({ code: "malformed-mime", path: entity.path, params: mimeDamage({ reason: "boundary-not-found" }) });
    return;
  }
  let n = 0;
  while (d && !d.close) {
    const partStart = d.next;
    const following = findDelimiter(bytes, delimiter, partStart, entity.end);
    const partEnd = following ? Math.max(partStart, following.partEnd) : entity.end;
    if (ctx.partCount >= ctx.limits.maxParts) {
      ctx.problems.push({ code: "limit-exceeded", path: entity.path, params: { limit: "maxParts", value: ctx.limits.maxParts } });
      return;
    }
    n++;
    entity.parts.push(parseEntity(entity.source, partStart, partEnd, childPath(entity.path, n), entity.depth + 1, ctx, childDefault));
    if (!following) {
      ctx.problems.push({ code: "malformed-mime", path: entity.path, params: mimeDamage({ reason: "missing-closing-boundary" }) });
      return;
    }
    d = following;
  }
  if (n === 0) ctx.problems.push({ code: "malformed-mime", path: entity.path, params: mimeDamage({ reason: "no-body-parts" }) });
}

/** The raw body bytes of an entity, still transfer-encoded. */
export function rawBody(entity: MimeEntity): Uint8Array {
  return entity.source.subarray(entity.bodyStart, Math.max(entity.bodyStart, entity.end));
}

/** The whole entity (headers and body) exactly as it stands in its source. */
export function rawEntity(entity: MimeEntity): Uint8Array {
  return entity.source.subarray(entity.start, entity.end);
}

export function describeType(entity: MimeEntity): string {
  return mediaType(entity.contentType);
}
