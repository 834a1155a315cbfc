/**
 * Finds every security layer of a message, outermost first, verifies what can
 * be verified, and records what each layer covers. A layer is `whole` when
 * nothing unprotected stands beside it on the way up to the message (or to the
 * content of the layer that encloses it); anything else is `partial`.
 */
import * as asn1js from "asn1js";
import { parseContentInfo, type ContentInfoParts } from "../cms/content-info.js";
import { decompress } from "../cms/compressed-data.js";
import type { EnvelopedParts } from "../cms/enveloped-data.js";
import { algorithmName, OID, oidName } from "../oids.js";
import { readSignedData, type ParsedSignedData } from "../cms/signed-data.js";
import { toCrlf } from "../mime/canonical.js";
import { describeType, parseEntity, rawEntity, type MimeEntity, type ParseContext } from "../mime/entity.js";
import { cmsDamage, mimeDamage, readerAccount, type MimeDamage } from "../report/issue-params.js";
import { decodeBody } from "../mime/transfer-encoding.js";
import type { EnvelopedLayer, IssueLocation, Layer, SignedLayer } from "../report/types.js";
import { judgeLayerSigners, type SignerContext } from "../signer/judge-signers.js";
import { inlinePgpForm, isEncryptedForm, pgpMimeForm, type OpenPgpForm } from "./openpgp.js";
import { compareWithOuter, isMessageWrapper, protectedHeadersOf, uncoveredFields } from "./header-protection.js";
import type { HeaderField } from "../mime/headers.js";
import { textPreview } from "../mime/text-preview.js";
import { messageBody } from "../mime/message-body.js";
import type { Decryptor } from "../ports.js";

const SIGNATURE_TYPES = new Set(["application/pkcs7-signature", "application/x-pkcs7-signature"]);
const PKCS7_MIME_TYPES = new Set(["application/pkcs7-mime", "application/x-pkcs7-mime"]);

/** The walk's state; what signers are judged with is SignerContext's (judge-signers.ts). */
export interface WalkContext extends SignerContext {
  parse: ParseContext;
  layers: Layer[];
  /** The message's own header fields, which protected copies are compared with. */
  outerHeaders: readonly HeaderField[];
  /** Some content stayed behind a layer that could not be opened. */
  hiddenContent: boolean;
  /** For each enveloped layer Signet opened, the first content entity past its inner security layers. */
  readableContent?: Map<number, { entity: MimeEntity; pathPrefix: string }>;
  /** OpenPGP encryption was found: the message is encrypted, in a form Signet does not inspect. */
  foreignEncryption?: boolean;
  /** Who can open enveloped layers (ports.ts Decryptor), tried in order. */
  decryptors?: readonly Decryptor[];
  /** Partial encrypted layers the reader asked to open, by MIME path (InspectOptions.openParts). */
  openParts?: ReadonlySet<string>;
}

export interface Position {
  whole: boolean;
  signedAncestors: number;
  /** Names the source of entity paths: "" for the message, "L0:" inside layer 0's content. */
  pathPrefix: string;
  /** Inside the content of this enveloped layer, which Signet opened: its readable body is looked for. */
  openedEnvelope?: number;
}

function where(layer: number, extra: IssueLocation = {}): IssueLocation {
  return { layer, ...extra };
}

export async function walk(ctx: WalkContext, entity: MimeEntity, pos: Position): Promise<void> {
  const type = describeType(entity);
  const pgp = pgpMimeForm(entity) ?? inlinePgpForm(entity);
  if (pgp) {
    openPgp(ctx, entity, pgp, pos);
    // A PGP/MIME signed message's first part is its content, which may hold more.
    if (pgp === "pgp-mime-signed" && entity.parts[0]) await walk(ctx, entity.parts[0], { ...pos, whole: false });
    return;
  }
  if (type === "multipart/signed") {
    const sigPart = entity.parts[1];
    const protocol = entity.contentType.params.get("protocol")?.toLowerCase();
    // Stryker disable next-line StringLiteral: no other text is a signature type either
    const isSmime = (sigPart && SIGNATURE_TYPES.has(describeType(sigPart))) || SIGNATURE_TYPES.has(protocol ?? "");
    if (isSmime) return multipartSigned(ctx, entity, pos);
  }
  if (PKCS7_MIME_TYPES.has(type) || (type === "application/octet-stream" && /\.p7m$/i.test(fileName(entity)))) {
    return pkcs7Mime(ctx, entity, pos);
  }
  // The first entity past the security layers of an opened envelope is what its reader reads.
  if (pos.openedEnvelope !== undefined) {
    ctx.readableContent ??= new Map();
    if (!ctx.readableContent.has(pos.openedEnvelope)) ctx.readableContent.set(pos.openedEnvelope, { entity, pathPrefix: pos.pathPrefix });
  }
  // Stryker disable next-line ConditionalExpression: an entity that is no multipart has no parts to walk
  if (entity.contentType.type === "multipart") {
    // A part is covered by an enclosing layer only if it stands alone.
    const alone = entity.parts.length === 1;
    for (const part of entity.parts) await walk(ctx, part, { ...pos, whole: pos.whole && alone });
  }
  // message/rfc822 is a forwarded message: its protection is not this message's.
}

/**
 * OpenPGP: named, and its content counted as unseen, so the report says "could not be verified"
 * rather than "not signed", and the message is never called unencrypted.
 */
function openPgp(ctx: WalkContext, entity: MimeEntity, form: OpenPgpForm, pos: Position): void {
  ctx.issues.add("openpgp-not-inspected", "warning", {}, { form, mimePath: pos.pathPrefix + entity.path });
  ctx.hiddenContent = true;
  if (isEncryptedForm(form)) ctx.foreignEncryption = true;
}

function fileName(entity: MimeEntity): string {
  // Stryker disable next-line StringLiteral: any text without filename= gives no match, as "" does
  const disp = entity.headers.find((h) => h.name === "content-disposition")?.value ?? "";
  const m = /filename\s*=\s*"?([^";]+)/i.exec(disp);
  // Stryker disable next-line StringLiteral: any text that does not end in .p7m is the same to the one caller
  return m?.[1] ?? entity.contentType.params.get("name") ?? "";
}

function newLayerIndex(ctx: WalkContext): number | null {
  if (ctx.layers.length >= ctx.policy.limits.maxSecurityLayers) {
    ctx.issues.add("limit-exceeded", "error", {}, { limit: "maxSecurityLayers", value: ctx.policy.limits.maxSecurityLayers });
    return null;
  }
  return ctx.layers.length;
}

/** An encrypted layer that covers only part of the message (signed layers: signedCoverage). */
function encryptedCoverage(ctx: WalkContext, layer: Layer): void {
  if (layer.coverage === "whole") return;
  ctx.issues.add("partially-encrypted", "warning", where(layer.index), { mimePath: layer.mimePath });
}

/**
 * A signed layer that covers only part of the message: partially-signed, with the beginning of the
 * text it does cover, so the reader can tell the signed part from what was put beside it (the
 * unsigned part may be shown first, and the signed one pushed out of view).
 */
function signedCoverage(ctx: WalkContext, layer: SignedLayer, content: MimeEntity | null, prefix: string): void {
  if (layer.coverage === "whole") return;
  const preview = content ? textPreview(content) : null;
  if (preview) layer.contentPreview = { ...preview, mimePath: prefix + preview.mimePath };
  // Stryker disable next-line OptionalChaining: split gives at least one string; the ? only satisfies the index type
  const firstLine = preview?.text.split("\n")[0]?.slice(0, 80);
  ctx.issues.add("partially-signed", "warning", where(layer.index), { mimePath: layer.mimePath, ...(firstLine ? { beginsWith: firstLine } : {}) });
}

/** The fields every layer has: where it stands and what it covers. */
function layerBase(index: number, entity: MimeEntity, pos: Position): Pick<Layer, "index" | "mimePath" | "contentType" | "coverage"> {
  return { index, mimePath: pos.pathPrefix + entity.path, contentType: describeType(entity), coverage: pos.whole ? "whole" : "partial" };
}

function signedLayerShell(base: Pick<Layer, "index" | "mimePath" | "contentType" | "coverage">, form: SignedLayer["form"]): SignedLayer {
  return {
    ...base,
    kind: "signed",
    form,
    encapsulatedContentType: null,
    certificateCount: 0,
    signerInfoCount: 0,
    signers: [],
  };
}

async function multipartSigned(ctx: WalkContext, entity: MimeEntity, pos: Position): Promise<void> {
  const index = newLayerIndex(ctx);
  if (index === null) return;
  const layer = signedLayerShell(layerBase(index, entity, pos), "multipart-signed");
  ctx.layers.push(layer);
  const [content, sigPart] = entity.parts;
  signedCoverage(ctx, layer, content ?? null, pos.pathPrefix);
  if (!content || !sigPart) {
    ctx.issues.add("malformed-mime", "error", where(index), mimeDamage({ reason: "multipart-signed-parts" }));
    return;
  }
  // RFC 1847 section 2.1: the protocol parameter names the signature part's type. A part labelled
  // otherwise is read by the parameter (as Thunderbird does), but the message is not well formed.
  if (!SIGNATURE_TYPES.has(describeType(sigPart))) {
    ctx.issues.add("malformed-mime", "warning", where(index), mimeDamage({ reason: "signature-part-type", found: describeType(sigPart).slice(0, 60) }, pos.pathPrefix + sigPart.path));
  }
  const decoded = decodeBody(sigPart);
  if (decoded.problem) ctx.issues.add("malformed-mime", "warning", where(index), mimeDamage(decoded.problem, pos.pathPrefix + sigPart.path));
  const signed = await readSigned(ctx, index, decoded.bytes);
  if (signed) {
    // RFC 1847 section 2.1: the signed data is the first body part, headers included;
    // RFC 8551 section 3.1.1: in canonical form, CRLF line ends, however it was stored.
    // Only that form is tried, as OpenSSL and Thunderbird do: a signature over another
    // form is not a valid S/MIME signature. The encapsulated eContent, if any, is ignored:
    // it is not what the reader sees.
    await judgeLayerSigners(ctx, layer, signed, toCrlf(rawEntity(content)), pos.signedAncestors);
  }
  const wrapped = protectHeaders(ctx, layer, content);
  await walk(ctx, wrapped ?? content, { ...pos, signedAncestors: pos.signedAncestors + 1, ...(wrapped ? { pathPrefix: `L${index}m:` } : {}) });
}

/**
 * Header protection of a signed layer (header-protection.ts): which header fields it covers, which
 * outer copies differ, and, for an RFC 8551 message/rfc822 wrapper, the wrapped message to walk on
 * (it is the signer's message, not a forwarded one). Judged only for a layer that covers the whole message.
 */
function protectHeaders(ctx: WalkContext, layer: SignedLayer, content: MimeEntity): MimeEntity | null {
  let wrapped: MimeEntity | null = null;
  if (isMessageWrapper(content)) {
    const bytes = decodeBody(content).bytes;
    wrapped = parseEntity(bytes, 0, bytes.length, "", 0, ctx.parse);
    reportParseProblems(ctx, `L${layer.index}m:`, layer.index);
  }
  if (layer.coverage !== "whole") return wrapped;
  const found = protectedHeadersOf(content, wrapped);
  layer.uncoveredHeaders = uncoveredFields(ctx.outerHeaders, found);
  if (found) {
    layer.protectedHeaders = found;
    ctx.issues.addLocal(compareWithOuter(found, ctx.outerHeaders), where(layer.index));
  }
  return wrapped;
}

/** Data after the CMS object is ignored, as DER readers do, but said: it may hide something. */
function noteTrailingBytes(ctx: WalkContext, loc: IssueLocation, trailingBytes: number, mimePath?: string): void {
  if (trailingBytes === 0) return;
  ctx.issues.add("malformed-cms", "warning", loc, cmsDamage({ reason: "trailing-data", bytes: trailingBytes }, mimePath));
}

async function readSigned(ctx: WalkContext, index: number, der: Uint8Array): Promise<ParsedSignedData | null> {
  const ci = parseContentInfo(der);
  if (!ci.ok) {
    ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unreadable", structure: "ContentInfo", detail: ci.reason }));
    return null;
  }
  noteTrailingBytes(ctx, where(index), ci.trailingBytes);
  if (ci.value.contentType !== OID.signedData) {
    ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "not-signed-data", contentType: oidName(ci.value.contentType) }));
    return null;
  }
  const signed = tryReadSignedData(ctx, ci.value);
  if (typeof signed === "string") {
    ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unreadable", structure: "SignedData", detail: signed }));
    return null;
  }
  return signed;
}

/** The parsed SignedData, or why it could not be read. */
function tryReadSignedData(ctx: WalkContext, parts: ContentInfoParts): ParsedSignedData | string {
  try {
    return readSignedData(parts, ctx.policy.limits.maxCertificates);
  } catch (e) {
    return readerAccount(e);
  }
}

async function pkcs7Mime(ctx: WalkContext, entity: MimeEntity, pos: Position): Promise<void> {
  const decoded = decodeBody(entity);
  const ci = parseContentInfo(decoded.bytes);
  const index = newLayerIndex(ctx);
  if (index === null) return;
  if (!ci.ok) {
    // Headers claim CMS but the body is not: report it as an unreadable signed layer would be a guess,
    // so the issue stands at message level with the part named.
    ctx.issues.add("malformed-cms", "error", {}, cmsDamage({ reason: "unreadable", structure: "ContentInfo", detail: ci.reason }, pos.pathPrefix + entity.path));
    if (decoded.problem) ctx.issues.add("malformed-mime", "warning", {}, mimeDamage(decoded.problem, pos.pathPrefix + entity.path));
    ctx.hiddenContent = true;
    return;
  }
  noteTrailingBytes(ctx, {}, ci.trailingBytes, pos.pathPrefix + entity.path);
  const { contentType } = ci.value;
  // Decide from the CMS content type, not the smime-type parameter: headers lie.
  if (contentType === OID.signedData) return opaqueSigned(ctx, entity, pos, index, ci.value, decoded.problem);
  if (contentType === OID.envelopedData || contentType === OID.authEnvelopedData) {
    return enveloped(ctx, entity, pos, index, ci.value.content, contentType === OID.authEnvelopedData);
  }
  if (contentType === OID.compressedData) return compressed(ctx, entity, pos, index, ci.value.content);
  ctx.issues.add("malformed-cms", "error", {}, cmsDamage({ reason: "unsupported-content-type", contentType: oidName(contentType) }, pos.pathPrefix + entity.path));
  ctx.hiddenContent = true;
}

async function opaqueSigned(
  ctx: WalkContext,
  entity: MimeEntity,
  pos: Position,
  index: number,
  parts: ContentInfoParts,
  decodeProblem: MimeDamage | null,
): Promise<void> {
  const signed = tryReadSignedData(ctx, parts);
  // certs-only (RFC 8551 section 3.8): a certificate transport, not a protection layer.
  // Stryker disable next-line ConditionalExpression,StringLiteral: a string has no certsOnly, so the type test only narrows
  if (typeof signed !== "string" && signed.certsOnly) return;
  const layer = signedLayerShell(layerBase(index, entity, pos), "pkcs7-mime");
  ctx.layers.push(layer);
  if (typeof signed === "string") {
    ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unreadable", structure: "SignedData", detail: signed }));
    return;
  }
  if (decodeProblem) ctx.issues.add("malformed-mime", "warning", where(index), mimeDamage(decodeProblem));
  // A detached signature given as a file on its own: not damaged, its content is kept apart.
  if (ctx.standalone && signed.eContent === null) {
    ctx.issues.add("detached-signature", "warning", where(index), {});
    return;
  }
  const inner = signed.eContent ? parseInner(ctx, index, signed.eContent) : null;
  signedCoverage(ctx, layer, inner, `L${index}:`);
  if (signed.eContent === null) ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "opaque-without-content" }));
  await judgeLayerSigners(ctx, layer, signed, signed.eContent, pos.signedAncestors);
  if (!inner) return;
  const wrapped = protectHeaders(ctx, layer, inner);
  await walk(ctx, wrapped ?? inner, { ...pos, signedAncestors: pos.signedAncestors + 1, pathPrefix: wrapped ? `L${index}m:` : `L${index}:` });
}

async function enveloped(
  ctx: WalkContext,
  entity: MimeEntity,
  pos: Position,
  index: number,
  content: asn1js.AsnType,
  authenticated: boolean,
): Promise<void> {
  // Loaded on the first encrypted message (most mail is not): in the add-ons a chunk of its own
  // (webpack.config.js), kept out of what the background script loads at start.
  const { readEnveloped } = await import(/* webpackChunkName: "decryption" */ "../cms/enveloped-data.js");
  const { contentCipher } = await import(/* webpackChunkName: "decryption" */ "../crypto/content-cipher.js");
  let parts: EnvelopedParts | null = null;
  try {
    parts = readEnveloped(content, authenticated);
  } catch (e) {
    ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unreadable", structure: authenticated ? "AuthEnvelopedData" : "EnvelopedData", detail: readerAccount(e) }));
  }
  const cipher = parts ? contentCipher(parts.contentEncryptionOid, parts.contentEncryptionParams) : null;
  const layer: EnvelopedLayer = {
    ...layerBase(index, entity, pos),
    kind: "enveloped",
    authenticated,
    contentEncryptionAlgorithm: parts?.summary.contentEncryptionAlgorithm ?? null,
    ...(cipher?.ok ? { contentKeyBits: cipher.cipher.bits } : {}),
    recipients: parts?.summary.recipients ?? [],
    opened: false,
  };
  ctx.layers.push(layer);
  encryptedCoverage(ctx, layer);
  const cea = layer.contentEncryptionAlgorithm?.name ?? "";
  // RFC 8551 section 2.7: AES (and ChaCha20-Poly1305) are current; DES, 3DES and RC2 are legacy.
  // Stryker disable next-line Regex: no algorithm name in oids.ts holds these but at its start
  if (/^(DES|3DES|RC2)/.test(cea)) ctx.issues.add("weak-encryption", "warning", where(index), { algorithm: cea });
  if (!parts) {
    // Nothing about an unreadable envelope can be said but that it is unreadable (malformed-cms above).
    layer.notOpened = "failed";
    ctx.hiddenContent = true;
    return;
  }
  const opened = await openLayer(ctx, layer, parts, entity);
  if (!opened) {
    if (!authenticated) ctx.issues.add("unauthenticated-encryption", "info", where(index), { algorithm: cea || "unknown", opened: false });
    ctx.hiddenContent = true;
    return;
  }
  const before = ctx.layers.length;
  // A part opened on request says nothing about the message around it: its layers stay partial.
  await walkInner(ctx, index, opened, layer.decryptedBy === "signet" ? { ...pos, openedEnvelope: index } : pos);
  const readable = ctx.readableContent?.get(index);
  const body = readable ? messageBody(readable.entity, readable.pathPrefix) : null;
  if (body) layer.decryptedBody = body;
  // EFAIL (Poegering et al., 2018): CBC without a signature over the whole plaintext lets whoever
  // holds the ciphertext change it unseen. GCM's tag, or such a signature, closes that door.
  const signedInside = ctx.layers.slice(before).some((l) => l.kind === "signed" && l.coverage === "whole" && l.signers.length > 0);
  layer.integrity = authenticated ? "authenticated" : signedInside ? "signed-inside" : "none";
  if (layer.integrity === "none") ctx.issues.add("unauthenticated-encryption", "warning", where(index), { algorithm: cea || "unknown", opened: true });
}

/**
 * Opens the layer with the first decryptor that holds a key for it, and says why not otherwise. Only a
 * layer that is the whole of what encloses it is opened: an encrypted part beside other content may be
 * someone else's old ciphertext wrapped into this mail to have it decrypted and quoted back.
 */
async function openLayer(ctx: WalkContext, layer: EnvelopedLayer, parts: EnvelopedParts, entity: MimeEntity): Promise<Uint8Array | null> {
  const loc = where(layer.index);
  if (layer.coverage === "partial") {
    if (!ctx.openParts?.has(layer.mimePath)) {
      layer.notOpened = "partial";
      return null;
    }
    // The reader asked for it: opened, and marked as a piece apart from the message's own text.
    layer.openedOnRequest = true;
  }
  const request = { envelope: parts, wholeMessage: layer.mimePath === "", message: entity.source };
  for (const decryptor of ctx.decryptors ?? []) {
    const outcome = await decryptor.open(request);
    if (outcome.ok) {
      layer.opened = true;
      layer.decryptedBy = decryptor.by;
      if (outcome.recipient !== null && layer.recipients[outcome.recipient]) layer.recipients[outcome.recipient]!.openedWith = true;
      return outcome.content;
    }
    if (outcome.reason === "not-a-recipient") continue;
    if (outcome.reason === "failed") {
      layer.notOpened = "failed";
      ctx.issues.add("decryption-failed", "error", loc, { by: decryptor.by });
    } else if (outcome.reason === "unsupported") {
      layer.notOpened = "unsupported";
      ctx.issues.add("unsupported-algorithm", "warning", loc, { algorithm: outcome.algorithm, role: "encryption", why: outcome.why });
    } else {
      layer.notOpened = "failed";
      ctx.issues.add("malformed-cms", "error", loc, cmsDamage({ reason: "encrypted-without-content" }));
    }
    return null;
  }
  // KEK and password recipients (RFC 5652 sections 6.2.3, 6.2.4) name no certificate; no key of the user's opens them.
  const byCertificate = layer.recipients.filter((r) => r.kind === "key-transport" || r.kind === "key-agreement");
  if (layer.recipients.length > 0 && byCertificate.length === 0) {
    layer.notOpened = "unsupported";
    const first = layer.recipients[0]!;
    ctx.issues.add("unsupported-algorithm", "warning", loc, { role: "encryption", algorithm: first.algorithm.name, why: "recipient-kind", value: first.kind });
    return null;
  }
  layer.notOpened = "no-key";
  ctx.issues.add("no-decryption-key", "warning", loc, { recipients: layer.recipients.length });
  return null;
}

async function compressed(ctx: WalkContext, entity: MimeEntity, pos: Position, index: number, content: asn1js.AsnType): Promise<void> {
  const { maxDecompressedBytes, maxDecompressionRatio } = ctx.policy.limits;
  // Small inputs may expand past the ratio legitimately; 1 MiB is always allowed.
  const cap = (compressedSize: number): number =>
    Math.min(maxDecompressedBytes, Math.max(1024 * 1024, compressedSize * maxDecompressionRatio));
  const result = await decompress(content, cap);
  ctx.layers.push({
    ...layerBase(index, entity, pos),
    kind: "compressed",
    algorithm: result.algorithm ? algorithmName(result.algorithm) : null,
    compressedBytes: result.compressedBytes,
    decompressedBytes: result.ok ? result.bytes.length : null,
  });
  if (!result.ok) {
    if (result.reason === "limit") ctx.issues.add("limit-exceeded", "error", where(index), { limit: "maxDecompressedBytes", value: result.detail });
    else if (result.reason === "unsupported") ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unsupported-compression", algorithm: result.detail }));
    else ctx.issues.add("malformed-cms", "error", where(index), cmsDamage({ reason: "unreadable", structure: "CompressedData", detail: result.detail }));
    ctx.hiddenContent = true;
    return;
  }
  await walkInner(ctx, index, result.bytes, pos);
}

/** A CMS object given on its own (cms-file.ts): walked as the body of an application/pkcs7-mime message would be. */
export async function walkCmsFile(ctx: WalkContext, der: Uint8Array): Promise<void> {
  const entity: MimeEntity = {
    path: "",
    depth: 0,
    source: der,
    start: 0,
    bodyStart: 0,
    end: der.length,
    // Stryker disable next-line ArrayDeclaration: the pkcs7-mime walk reads no header fields
    headers: [],
    contentType: { type: "application", subtype: "pkcs7-mime", params: new Map() },
    // Stryker disable next-line BooleanLiteral: nor whether the type was given
    explicitContentType: false,
    transferEncoding: "binary",
    // Stryker disable next-line ArrayDeclaration: nor any parts
    parts: [],
  };
  await walk(ctx, entity, { whole: true, signedAncestors: 0, pathPrefix: "" });
}

/**
 * A detached signature given as a file beside the file it signs (a .p7s and its content): one signed
 * layer over the content's exact bytes, as `openssl cms -verify -binary -content` checks it. No
 * line ends are changed: outside MIME there is no canonical form to restore (RFC 8551 section 3.1.1
 * is about MIME entities).
 */
export async function walkDetachedFile(ctx: WalkContext, der: Uint8Array, content: Uint8Array): Promise<void> {
  const index = newLayerIndex(ctx);
  if (index === null) return;
  const layer = signedLayerShell({ index, mimePath: "", contentType: "application/pkcs7-signature", coverage: "whole" }, "detached");
  ctx.layers.push(layer);
  const signed = await readSigned(ctx, index, der);
  if (signed) await judgeLayerSigners(ctx, layer, signed, content, 0);
}

/** Parses the content a layer protects as a MIME entity ("L<layer>:" names its parts). */
function parseInner(ctx: WalkContext, layerIndex: number, bytes: Uint8Array): MimeEntity {
  const inner = parseEntity(bytes, 0, bytes.length, "", 0, ctx.parse);
  reportParseProblems(ctx, `L${layerIndex}:`, layerIndex);
  return inner;
}

/** Parses the content a layer protects as a MIME entity and continues inside it. */
async function walkInner(ctx: WalkContext, layerIndex: number, bytes: Uint8Array, pos: Position): Promise<void> {
  await walk(ctx, parseInner(ctx, layerIndex, bytes), { ...pos, pathPrefix: `L${layerIndex}:` });
}

/** Turns the parser's problems (collected since the last call) into issues. */
export function reportParseProblems(ctx: WalkContext, prefix: string, layer?: number): void {
  for (const p of ctx.parse.problems.splice(0)) {
    // Stryker disable next-line ConditionalExpression: { layer: undefined } reads and serialises as no layer
    const where = layer === undefined ? {} : { layer };
    if (p.code === "limit-exceeded") ctx.issues.add(p.code, "error", where, { ...p.params, mimePath: prefix + p.path });
    else ctx.issues.add(p.code, "warning", where, { ...p.params, mimePath: prefix + p.path });
  }
}
