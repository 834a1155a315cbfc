/**
 * CompressedData (RFC 3274): zlib-compressed content. Decompressed through the
 * web-standard DecompressionStream, stopping as soon as the output passes the
 * limit, so a bomb costs no more than the limit.
 */
import * as asn1js from "asn1js";
import { concatBytes } from "../util/bytes.js";
import { octetStringContent, oidString } from "./asn1.js";
import { OID } from "./oids.js";

export type Decompressed =
  | { ok: true; algorithm: string; compressedBytes: number; bytes: Uint8Array; eContentType: string }
  | { ok: false; algorithm: string | null; compressedBytes: number; reason: "malformed" | "unsupported" | "limit"; detail: string };

export async function inflateLimited(input: Uint8Array, maxOutput: number): Promise<{ bytes: Uint8Array } | { exceeded: true } | { error: string }> {
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
        return { exceeded: true };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return { bytes: concatBytes(chunks) };
}

export async function decompress(content: asn1js.AsnType, maxOutputFor: (compressedSize: number) => number): Promise<Decompressed> {
  // CompressedData ::= SEQUENCE { version, compressionAlgorithm, encapContentInfo }
  const fields = content instanceof asn1js.Sequence ? content.valueBlock.value : [];
  const alg = fields[1] instanceof asn1js.Sequence ? oidString(fields[1].valueBlock.value[0]) : null;
  const eci = fields[2] instanceof asn1js.Sequence ? fields[2].valueBlock.value : [];
  const eContentType = oidString(eci[0]) ?? "";
  const wrapped = eci[1] as asn1js.Constructed | undefined;
  const compressed = wrapped?.valueBlock?.value?.[0] ? octetStringContent(wrapped.valueBlock.value[0]) : null;
  if (!alg || !compressed) return { ok: false, algorithm: alg, compressedBytes: 0, reason: "malformed", detail: "CompressedData structure" };
  if (alg !== OID.zlibCompress) return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "unsupported", detail: alg };
  const maxOutput = maxOutputFor(compressed.length);
  const result = await inflateLimited(compressed, maxOutput);
  if ("exceeded" in result) return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "limit", detail: String(maxOutput) };
  if ("error" in result) return { ok: false, algorithm: alg, compressedBytes: compressed.length, reason: "malformed", detail: result.error };
  return { ok: true, algorithm: alg, compressedBytes: compressed.length, bytes: result.bytes, eContentType };
}
