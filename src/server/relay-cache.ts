/**
 * The relay's cache port: answers shared by every user of one relay, or of
 * several relays on one Redis (redis-cache.ts). The relay holds no other
 * state, so running more of them is a matter of pointing them at one cache.
 */
import { createHash } from "node:crypto";

export interface CachedAnswer {
  status: number;
  contentType: string | null;
  body: Uint8Array;
  /** When it was fetched, ms since the epoch (the Age the relay reports). */
  fetchedAt: number;
}

export interface RelayCache {
  /** The answer, or null when absent, expired, or the cache cannot answer (never an exception). */
  get(key: string): Promise<CachedAnswer | null>;
  /** Keeps `answer` for `ttlMs`; a cache that cannot store drops it quietly. */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The key of a request: its method, URL and, for OCSP POSTs, its body, hashed so that keys have one size. */
export function cacheKey(method: "GET" | "POST", url: string, body: Uint8Array | undefined): string {
  const hash = createHash("sha256").update(`${method}\n${url}\n`);
  if (body) hash.update(body);
  return `signet:relay:v1:${hash.digest("hex")}`;
}

/** Serialised form for caches that hold bytes: a JSON head, a newline, then the body. */
export function encodeAnswer(answer: CachedAnswer): Buffer {
  const head = JSON.stringify({ status: answer.status, contentType: answer.contentType, fetchedAt: answer.fetchedAt });
  return Buffer.concat([Buffer.from(head + "\n"), answer.body]);
}

export function decodeAnswer(bytes: Buffer): CachedAnswer | null {
  const nl = bytes.indexOf(0x0a);
  // Stryker disable next-line EqualityOperator: an empty head (0) fails JSON.parse below just the same
  if (nl < 0) return null;
  try {
    const head = JSON.parse(bytes.subarray(0, nl).toString("utf8")) as Omit<CachedAnswer, "body">;
    if (typeof head.status !== "number" || typeof head.fetchedAt !== "number") return null;
    return { status: head.status, contentType: typeof head.contentType === "string" ? head.contentType : null, fetchedAt: head.fetchedAt, body: new Uint8Array(bytes.subarray(nl + 1)) };
  } catch {
    return null;
  }
}

/**
 * In memory, for one relay: least recently used first out once `maxBytes` is held. Default 64 MiB,
 * two of the largest CRLs the relay passes (upstream.ts) and thousands of OCSP answers.
 */
export class MemoryRelayCache implements RelayCache {
  private readonly entries = new Map<string, { answer: CachedAnswer; expires: number }>();
  private bytes = 0;
  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<CachedAnswer | null> {
    const hit = this.entries.get(key);
    if (!hit) return null;
    this.drop(key);
    if (hit.expires <= this.now()) return null;
    this.entries.set(key, hit);
    this.bytes += hit.answer.body.length;
    return hit.answer;
  }

  async set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    this.drop(key);
    if (ttlMs <= 0 || answer.body.length > this.maxBytes) return;
    this.entries.set(key, { answer, expires: this.now() + ttlMs });
    this.bytes += answer.body.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const hit = this.entries.get(key);
    if (!hit) return;
    this.entries.delete(key);
    this.bytes -= hit.answer.body.length;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }
}
