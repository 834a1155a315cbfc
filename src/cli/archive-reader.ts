/**
 * Reads the inputs of `signet audit` as streams: an mbox is split as it is read
 * (core MboxSplitter), so an archive of any size costs one message of memory at a
 * time; any other file is one message. Nothing over the message limit is held.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { MboxSplitter, isMbox } from "../core/index.js";

/** One message to inspect, a message skipped for its size, or an input that could not be read. */
export type ArchiveItem =
  | { readonly kind: "message"; readonly file: string; readonly index?: number; readonly bytes: Uint8Array }
  | { readonly kind: "oversized"; readonly file: string; readonly index?: number; readonly size: number }
  | { readonly kind: "unreadable"; readonly file: string; readonly reason: string };

/** Chunks of 1 MiB: large enough that the per-chunk work is noise, small beside the memory bound. */
const CHUNK_BYTES = 1024 * 1024;

/** The error code of a failed read (ENOENT, EACCES, EISDIR...), which says what went wrong in any language. */
export function readProblem(e: unknown): string {
  if (e instanceof Error && "code" in e && typeof e.code === "string") return e.code;
  return e instanceof Error ? e.message : String(e);
}

/** The inputs' size in all, or null when one is standard input ("-": its size is not known in advance). */
export async function totalSize(files: readonly string[]): Promise<number | null> {
  let total = 0;
  for (const file of files) {
    if (file === "-") return null;
    total += await stat(file).then((s) => s.size, () => 0);
  }
  return total;
}

/**
 * The items of one file, in order. `onBytes` is told of every chunk read (for progress).
 * A file that is no mbox is one message, or oversized past `maxMessageBytes`.
 */
export async function* readArchive(file: string, maxMessageBytes: number, onBytes: (n: number) => void = () => {}): AsyncGenerator<ArchiveItem> {
  const input = file === "-" ? process.stdin : createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let splitter: MboxSplitter | null = null;
  let head: Uint8Array[] | null = []; // the first bytes, until there are enough to tell an mbox
  let headBytes = 0;
  let single: Uint8Array[] | null = null; // a file that is one message
  let singleBytes = 0;
  let index = 0;
  const items = function* (found: ReturnType<MboxSplitter["push"]>): Generator<ArchiveItem> {
    for (const item of found) {
      index++;
      if ("message" in item) yield { kind: "message", file, index, bytes: item.message };
      else yield { kind: "oversized", file, index, size: item.oversized };
    }
  };
  try {
    for await (const chunk of input) {
      const bytes = new Uint8Array((chunk as Buffer).buffer, (chunk as Buffer).byteOffset, (chunk as Buffer).byteLength);
      onBytes(bytes.length);
      if (head) {
        head.push(bytes);
        headBytes += bytes.length;
        if (headBytes < 5) continue;
        const first = Buffer.concat(head);
        head = null;
        if (isMbox(first)) {
          splitter = new MboxSplitter(maxMessageBytes);
          yield* items(splitter.push(first));
        } else {
          single = [first];
          singleBytes = first.length;
        }
        continue;
      }
      if (splitter) yield* items(splitter.push(bytes));
      else if (single) {
        singleBytes += bytes.length;
        // Past the limit nothing more is kept: only the size is counted.
        if (singleBytes <= maxMessageBytes) single.push(new Uint8Array(bytes));
        else single.length = 0;
      }
    }
  } catch (e) {
    yield { kind: "unreadable", file, reason: readProblem(e) };
    return;
  }
  if (head) {
    // Fewer than 5 bytes in all: one (tiny) message.
    yield { kind: "message", file, bytes: new Uint8Array(Buffer.concat(head)) };
  } else if (splitter) yield* items(splitter.end());
  else if (single) {
    if (singleBytes > maxMessageBytes) yield { kind: "oversized", file, size: singleBytes };
    else yield { kind: "message", file, bytes: new Uint8Array(Buffer.concat(single)) };
  }
}
