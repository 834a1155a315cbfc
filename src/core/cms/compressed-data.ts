/**
 * CompressedData (RFC 3274): zlib-compressed content. Decompressed through the
 * web-standard DecompressionStream, stopping as soon as the output passes the
 * limit, so a bomb costs no more than the limit.
 */
import * as asn1js from "asn1js";
import { concatBytes } from "../util/bytes.js";
import { octetStringContent, oidString } from "./asn1.js";
import { OID } from "../oids.js";

export type Decompressed =
  | { ok: true; algorithm: string; compressedBytes: number; bytes: Uint8Array; eContentType: string }
  | { ok: false; algorithm: string | null; compressedBytes: number; reason: "malformed" | "unsupported" | "limit"; detail: string };

type Inflated = { kind: "bytes"; bytes: Uint8Array } | { kind: "exceeded" } | { kind: "error"; error: string };

export async function inflateLimited(input: Uint8Array, maxOutput: number): Promise<Inflated> {
  const stream = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxOutput) {
        await reader.cancel();
        return { kind: "exceeded" };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { kind: "error", error: e instanceof Error ? e.message : String(e) };
  }
  // Stryker disable next-line StringLiteral: the caller tests for the other two kinds only
  return { kind: "bytes", bytes: concatBytes(chunks) };
}

export async function decompress(content: asn1js.AsnType, maxOutputFor: (compressedSize: number) => number): Promise<Decompressed> {
  const malformed = (algorithm: string | null): Decompressed => ({ ok: false, algorithm, compressedBytes: 0, reason: "malformed", detail: "CompressedData structure" });
  // CompressedData ::= SEQUENCE { version, compressionAlgorithm, encapContentInfo } (RFC 3274 section 1.1)
  if (!(content instanceof asn1js.Sequence)) return malformed(null);
  const fields = content.valueBlock.value;
  const alg = fields[1] instanceof asn1js.Sequence ? oidString(fields[1].valueBlock.value[0]) : null;
  const eci = fields[2];
  if (!alg || !(eci instanceof asn1js.Sequence)) return malformed(alg);
  // EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL } (RFC 5652 section 5.2)
  const [type, wrapped] = eci.valueBlock.value;
  const eContentType = oidString(type) ?? "";
  const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
  const compressed = inner ? octetStringContent(inner) : null;
  if (!compressed) return malformed(alg);
  if (alg !== OID.zlibCompress) return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "unsupported", detail: alg };
  const maxOutput = maxOutputFor(compressed.length);
  const result = await inflateLimited(compressed, maxOutput);
  if (result.kind === "exceeded") return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "limit", detail: String(maxOutput) };
  if (result.kind === "error") return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "malformed", detail: result.error };
  return { ok: true, algorithm: alg, compressedBytes: compressed.length, bytes: result.bytes, eContentType };
}
