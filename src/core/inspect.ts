/**
 * inspectMessage(raw, ports, options) -> SecurityReport. The core's one entry
 * point: it never throws for any input; every failure is an issue in the report.
 */
import { walk, walkCmsFile, walkDetachedFile, reportParseProblems, type WalkContext } from "./layers/walk.js";
import { cmsFileObject } from "./cms/cms-file.js";
import { parseMailboxes } from "./mime/address.js";
import { decodeHeaderText } from "./mime/encoded-words.js";
import { parseEntity, type MimeEntity, type ParseContext } from "./mime/entity.js";
import { headerValue, type HeaderField } from "./mime/headers.js";
import { messageStart, notAMessage } from "./mime/message-shape.js";
import { senderFieldFindings, type SenderHeaders } from "./signer/identity.js";
import { smimeProfile, type SmimePolicy, type SmimeProfileOptions } from "./policy/profile.js";
import type { Ports } from "./ports.js";
import type { TrustInputs } from "./trust/inputs.js";
import { systemClock } from "./ports.js";
import { IssueCollector } from "./report/issues.js";
import { cmsDamage, mimeDamage } from "./report/issue-params.js";
import { parseMailDate } from "./mime/date.js";
import type { EncryptionStatus, Issue, Layer, MessageSummary, SecurityReport } from "./report/types.js";
import type { ChainJudging, JudgedSigner } from "./signer/judge-signers.js";
import { judgeWithNetwork, networkMayChange } from "./signer/network-stage.js";
import { allSigners, combineRevocation, combineTrust, computeVerdict, signatureStatus } from "./report/verdict.js";

export interface InspectOptions extends SmimeProfileOptions {
  /** Trust anchors and intermediate sources. Without them `trust` is `unknown`: nothing was checked. */
  trust?: TrustInputs;
  /**
   * MIME paths of encrypted parts beside other content that the reader asked to open (default none).
   * Such a part is never opened otherwise: it may be someone else's old ciphertext wrapped into this
   * mail to have it decrypted and quoted back. Opened, it is marked `openedOnRequest`.
   */
  openParts?: readonly string[];
}

/** The sender fields, every copy of each: which copy a client shows differs from client to client. */
function senderHeaders(h: readonly HeaderField[]): SenderHeaders {
  const fields = (name: string) => h.filter((f) => f.name === name).map((f) => parseMailboxes(f.value));
  const date = headerValue(h, "date");
  return { fromFields: fields("from"), senderFields: fields("sender"), date: parseMailDate(date), hasDateField: date !== null };
}

function summarize(root: MimeEntity | null, size: number, senders: SenderHeaders | null): MessageSummary {
  const h = root?.headers ?? [];
  const subject = headerValue(h, "subject");
  const { fromFields, senderFields, date } = senders ?? senderHeaders(h);
  return {
    from: fromFields.flat().map((m) => m.address),
    fromMailboxes: fromFields.flat(),
    sender: senderFields.flat()[0]?.address ?? null,
    subject: subject === null ? null : decodeHeaderText(subject),
    date: date?.toISOString() ?? null,
    messageId: headerValue(h, "message-id")?.trim() ?? null,
    sizeBytes: size,
  };
}

function encryptionStatus(layers: readonly Layer[], foreignEncryption: boolean): EncryptionStatus {
  const enveloped = layers.filter((l) => l.kind === "enveloped");
  if (enveloped.length === 0) return foreignEncryption ? "not-inspected" : "none";
  if (enveloped.every((l) => l.opened)) return "decrypted";
  // A key that was there and did not open the layer says more than a key that was missing.
  return enveloped.some((l) => l.notOpened === "failed") ? "failed" : "no-key";
}

/**
 * An inspection in two stages, for hosts that show a message while it is read. `local` is the
 * answer from what is at hand: the message parsed, every layer opened that a decryptor can open,
 * every signature checked, each chain built from local certificates (the message's, the cache,
 * the anchors). `final` adds what only the network can: AIA for missing issuers, revocation. It
 * judges each signer's chain again and nothing else; the message is not parsed, nor a signature
 * checked, nor a layer decrypted, twice (judge-signers.ts). Null when the network cannot change
 * `local`: no fetcher, or no signer with a chain to ask about.
 */
export interface StagedInspection {
  readonly local: SecurityReport;
  readonly final: (() => Promise<SecurityReport>) | null;
}

/**
 * Inspects one message. An encrypted layer is opened in place, when one of
 * `ports.decryptors` holds a key for it, and the walk goes on inside: every
 * layer, inner and outer, is judged once, in one report.
 */
export async function inspectMessage(raw: Uint8Array, ports: Ports = { clock: systemClock }, options: InspectOptions = {}): Promise<SecurityReport> {
  return finished(await inspectStaged(raw, ports, options));
}

/** inspectMessage in stages (StagedInspection): the local answer at once, the network's when asked for. */
export async function inspectInStages(raw: Uint8Array, ports: Ports = { clock: systemClock }, options: InspectOptions = {}): Promise<StagedInspection> {
  return inspectStaged(raw, ports, options);
}

/**
 * Inspects a detached signature given as a file (a .p7s, DER, PEM or base64) over `content`, the
 * file it signs, given apart: as `openssl cms -verify -binary -content` checks it. A signature file
 * that holds no CMS object is reported as malformed-cms.
 */
export async function inspectDetachedSignature(
  signature: Uint8Array,
  content: Uint8Array,
  ports: Ports = { clock: systemClock },
  options: InspectOptions = {},
): Promise<SecurityReport> {
  return finished(await inspectStaged(signature, ports, options, content));
}

/**
 * The report on a message known only by its size, over `maxMessageBytes`: an archive reader
 * skipped it as it streamed past, unread, and it is reported as inspectMessage reports any
 * message over the limit.
 */
export async function inspectTooLarge(size: number, ports: Ports = { clock: systemClock }, options: InspectOptions = {}): Promise<SecurityReport> {
  return finished(await inspectStaged(new Uint8Array(0), ports, options, null, size));
}

async function finished(staged: StagedInspection): Promise<SecurityReport> {
  return staged.final ? staged.final() : staged.local;
}

function walkContext(policy: SmimePolicy, parse: ParseContext, issues: IssueCollector, layers: Layer[], outerHeaders: readonly HeaderField[], ports: Ports, options: InspectOptions): WalkContext {
  const ctx: WalkContext = {
    policy,
    parse,
    issues,
    layers,
    headers: senderHeaders(outerHeaders),
    outerHeaders,
    hiddenContent: false,
  };
  if (options.trust) {
    if (ports.fetcher) {
      // The network's part is a stage of its own: AIA and revocation wait for it.
      const local = { ...options.trust };
      delete local.remote;
      ctx.trust = local;
      ctx.networkLater = true;
      ctx.judged = [];
    } else ctx.trust = options.trust;
  }
  if (ports.store) ctx.store = ports.store;
  if (ports.decryptors?.length) ctx.decryptors = ports.decryptors;
  if (options.openParts?.length) ctx.openParts = new Set(options.openParts);
  return ctx;
}

/** What the first stage found, from which each stage's report is made. */
interface LocalFindings {
  policy: SmimePolicy;
  issues: IssueCollector;
  layers: Layer[];
  root: MimeEntity | null;
  senders: SenderHeaders | null;
  size: number;
  hiddenContent: boolean;
  foreignEncryption: boolean;
  /** Signers whose chain the network stage judges again (empty without a fetcher). */
  judged: readonly JudgedSigner[];
}

function stopped(issues: IssueCollector, e: unknown): void {
  // A bug or an input nobody foresaw: still a report, never an exception.
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  issues.add("malformed-mime", "error", {}, mimeDamage({ reason: "inspection-stopped", detail: detail.slice(0, 300) }));
}

async function inspectStaged(raw: Uint8Array, ports: Ports, options: InspectOptions, detachedContent: Uint8Array | null = null, skippedSize?: number): Promise<StagedInspection> {
  const found = await localStage(raw, ports, options, detachedContent, skippedSize);
  const local = report(found, found.layers, found.issues.issues, found.hiddenContent);
  const judging: ChainJudging | null =
    ports.fetcher && options.trust ? { policy: found.policy, trust: options.trust, fetcher: ports.fetcher, ...(ports.store ? { store: ports.store } : {}) } : null;
  if (!judging || !found.judged.some((s) => networkMayChange(s, judging))) return { local, final: null };
  let final: Promise<SecurityReport> | null = null;
  const networkStage = async (): Promise<SecurityReport> => {
    try {
      const answers = await judgeWithNetwork(found.judged, judging);
      const layers = found.layers.map((l) => {
        const reports = l.kind === "signed" ? answers.reports.get(l) : undefined;
        return reports && l.kind === "signed" ? { ...l, signers: l.signers.map((r, i) => reports.get(i) ?? r) } : l;
      });
      return report(found, layers, found.issues.issuesWith(answers.slots), found.hiddenContent);
    } catch (e) {
      const issues = new IssueCollector();
      stopped(issues, e);
      return report(found, found.layers, [...found.issues.issues, ...issues.issues], true);
    }
  };
  // Asked once: every caller shares the one network stage.
  return { local, final: () => (final ??= networkStage()) };
}

async function localStage(raw: Uint8Array, ports: Ports, options: InspectOptions, detachedContent: Uint8Array | null, skippedSize?: number): Promise<LocalFindings> {
  const policy = smimeProfile(options, ports.clock.now());
  const issues = new IssueCollector();
  const layers: Layer[] = [];
  let root: MimeEntity | null = null;
  let senders: SenderHeaders | null = null;
  let hiddenContent = false;
  let foreignEncryption = false;
  let judged: readonly JudgedSigner[] = [];
  const size = skippedSize ?? raw.length;
  try {
    const tooLarge = skippedSize !== undefined || size > policy.limits.maxMessageBytes;
    const notMail = tooLarge ? null : notAMessage(raw);
    // A CMS object is looked for in what is no message, and in a signature file given with its content.
    const cms = tooLarge || (!notMail && !detachedContent) ? null : cmsFileObject(raw);
    if (tooLarge) {
      issues.add("limit-exceeded", "error", {}, { limit: "maxMessageBytes", value: policy.limits.maxMessageBytes, size });
      hiddenContent = true;
    } else if (cms) {
      // A CMS object on its own: its layers are inspected, with no header fields to judge.
      const ctx = walkContext(policy, { limits: policy.limits, problems: [], partCount: 0 }, issues, layers, [], ports, options);
      ctx.standalone = true;
      issues.add("cms-object", "info", {}, { detached: detachedContent !== null });
      judged = ctx.judged ?? [];
      if (detachedContent) await walkDetachedFile(ctx, cms, detachedContent);
      else await walkCmsFile(ctx, cms);
      hiddenContent = ctx.hiddenContent;
    } else if (detachedContent) {
      issues.add("malformed-cms", "error", {}, cmsDamage({ reason: "no-cms-object" }));
      hiddenContent = true;
    } else if (notMail) {
      // Not mail at all: nothing was inspected, so nothing may be said about signing or encryption.
      issues.add("not-a-message", "error", {}, { found: notMail });
      hiddenContent = true;
    } else {
      const parse = { limits: policy.limits, problems: [], partCount: 0 };
      root = parseEntity(raw, messageStart(raw), raw.length, "", 0, parse);
      const ctx = walkContext(policy, parse, issues, layers, root.headers, ports, options);
      senders = ctx.headers;
      judged = ctx.judged ?? [];
      reportParseProblems(ctx, "");
      await walk(ctx, root, { whole: true, signedAncestors: 0, pathPrefix: "" });
      hiddenContent = ctx.hiddenContent;
      foreignEncryption = ctx.foreignEncryption === true;
      // Who the reader is shown as the sender matters once a signature speaks for someone.
      if (policy.checkSenderBinding && layers.some((l) => l.kind === "signed")) {
        for (const i of senderFieldFindings(ctx.headers)) issues.add(i.code, i.severity, {}, i.params);
      }
    }
  } catch (e) {
    stopped(issues, e);
    hiddenContent = true;
  }
  return { policy, issues, layers, root, senders, size, hiddenContent, foreignEncryption, judged };
}

function report(found: LocalFindings, layers: Layer[], issues: Issue[], hiddenContent: boolean): SecurityReport {
  const signers = allSigners(layers);
  const signature = signatureStatus(layers, hiddenContent);
  // Signed but no signer report (unreadable CMS, hidden content): nothing was checked.
  const trust = signature === "unsigned" ? "not-applicable" : signers.length === 0 ? "unknown" : combineTrust(signers);
  const revocation = signature === "unsigned" ? "not-applicable" : signers.length === 0 ? "not-checked" : combineRevocation(signers);
  const encryption = encryptionStatus(layers, found.foreignEncryption);
  return {
    reportVersion: 1,
    signature,
    trust,
    revocation,
    encryption,
    verdict: computeVerdict({ signature, trust, revocation, encryption, issues }),
    message: summarize(found.root, found.size, found.senders),
    layers,
    issues,
    validationTime: found.policy.validationTime.toISOString(),
  };
}
