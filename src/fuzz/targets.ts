/**
 * What a campaign runs its inputs through: each parser of hostile input on its
 * own, and the whole inspection. A target returns normally for every input;
 * what it throws, or what breaks the report's invariants, is a finding. Where
 * a reader is allowed to refuse by throwing (pkijs structures, whose callers
 * catch), only a throw that is not an Error (or a stack overflow) counts.
 */
import { parseContentInfo } from "../core/cms/content-info.js";
import { readEnveloped } from "../core/cms/enveloped-data.js";
import { OID } from "../core/oids.js";
import { readSignedData } from "../core/cms/signed-data.js";
import { inspectMessage } from "../core/inspect.js";
import { DEFAULT_LIMITS } from "../core/limits.js";
import { parseEntity, type MimeEntity } from "../core/mime/entity.js";
import { decodeBody } from "../core/mime/transfer-encoding.js";
import { textPreview } from "../core/mime/text-preview.js";
import { findEntry, parseCrl } from "../core/revocation/crl.js";
import { parseOcspResponse } from "../core/revocation/ocsp.js";
import { berStructureProblem } from "../core/util/ber-structure.js";
import { children, readOid, readTime, readTlv, type Tlv } from "../core/util/der.js";
import { CertificateView } from "../core/x509/certificate.js";
import { describeCertificate } from "../core/x509/details.js";
import type { InputKind } from "./mutators.js";
import { reportViolations } from "./report-invariants.js";

export interface FuzzTarget {
  name: string;
  /** How inputs are mutated, and which seeds suit it. */
  kind: InputKind;
  seeds: "messages" | "cms" | "certificates" | "crls" | "ocsp" | "der";
  /** Inputs are cut to this size: large enough for real structures, small enough to run fast. */
  maxInputBytes: number;
  /** An input that takes longer than this is a finding (a quadratic path, a loop). */
  budgetMs: number;
  run(input: Uint8Array): Promise<void>;
}

/** A refusal by a reader that is allowed to throw: an Error, but not a stack overflow. */
export class AllowedRefusal extends Error {}

function refuseOrRethrow(e: unknown): never {
  if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
  if (e instanceof Error) throw new AllowedRefusal(e.message);
  throw e;
}

function visit(entity: MimeEntity, f: (e: MimeEntity) => void): void {
  f(entity);
  for (const p of entity.parts) visit(p, f);
}

function walkDer(bytes: Uint8Array, t: Tlv, depth: number): void {
  if (t.tag === 0x06) readOid(bytes, t);
  if (t.tag === 0x17 || t.tag === 0x18) readTime(bytes, t);
  if ((t.tag & 0x20) === 0 || depth > 64) return;
  for (const c of children(bytes, t) ?? []) walkDer(bytes, c, depth + 1);
}

const FIXED_CLOCK = { now: () => new Date("2026-12-01T12:00:00Z") };

export const TARGETS: Record<string, FuzzTarget> = {
  mime: {
    name: "mime",
    kind: "mime",
    seeds: "messages",
    maxInputBytes: 64 * 1024,
    budgetMs: 250,
    run: async (input) => {
      const ctx = { limits: DEFAULT_LIMITS, problems: [], partCount: 0 };
      const root = parseEntity(input, 0, input.length, "", 0, ctx);
      visit(root, (e) => {
        if (e.parts.length === 0) decodeBody(e);
      });
      textPreview(root);
    },
  },
  der: {
    name: "der",
    kind: "der",
    seeds: "der",
    maxInputBytes: 64 * 1024,
    budgetMs: 250,
    run: async (input) => {
      berStructureProblem(input);
      for (let p = 0; p < input.length; ) {
        const t = readTlv(input, p);
        if (!t) break;
        walkDer(input, t, 0);
        p = t.end;
      }
    },
  },
  cms: {
    name: "cms",
    kind: "der",
    seeds: "cms",
    maxInputBytes: 64 * 1024,
    budgetMs: 500,
    run: async (input) => {
      const ci = parseContentInfo(input);
      if (!ci.ok) return;
      try {
        if (ci.value.contentType === OID.signedData) readSignedData(ci.value, DEFAULT_LIMITS.maxCertificates);
        else if (ci.value.contentType === OID.envelopedData || ci.value.contentType === OID.authEnvelopedData) readEnveloped(ci.value.content, ci.value.contentType === OID.authEnvelopedData);
      } catch (e) {
        refuseOrRethrow(e);
      }
    },
  },
  certificate: {
    name: "certificate",
    kind: "der",
    seeds: "certificates",
    maxInputBytes: 16 * 1024,
    budgetMs: 500,
    run: async (input) => {
      let view: CertificateView;
      try {
        view = CertificateView.fromDer(input);
      } catch (e) {
        refuseOrRethrow(e);
      }
      // Once a certificate has been read, what the core asks of it must not throw: a throw here stops a whole inspection.
      void view.emails;
      void view.personalNames;
      void view.subjectKey;
      void view.serialHex;
      void view.selfIssued;
      await view.summary();
      await describeCertificate(input);
    },
  },
  crl: {
    name: "crl",
    kind: "der",
    seeds: "crls",
    maxInputBytes: 64 * 1024,
    budgetMs: 500,
    run: async (input) => {
      const crl = parseCrl(input);
      if (!("error" in crl)) findEntry(crl, crl.issuerKey, input.subarray(0, 8));
    },
  },
  ocsp: {
    name: "ocsp",
    kind: "der",
    seeds: "ocsp",
    maxInputBytes: 16 * 1024,
    budgetMs: 500,
    run: async (input) => {
      parseOcspResponse(input);
    },
  },
  inspect: {
    name: "inspect",
    kind: "mime",
    seeds: "messages",
    maxInputBytes: 128 * 1024,
    budgetMs: 3000,
    run: async (input) => {
      // inspectMessage never throws (its contract); a report that breaks an invariant is a finding too.
      const report = await inspectMessage(input, { clock: FIXED_CLOCK }, {});
      const broken = reportViolations(report);
      if (broken.length) throw new Error(`report invariants: ${broken.join("; ")}`);
    },
  },
};
