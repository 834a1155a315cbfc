/**
 * The relay's cache in Redis, shared by every relay pointed at it: what one
 * fetched, the others answer from. Redis is a help, never a dependency: when
 * it is away, commands fail at once (no offline queue) or within a short
 * time-out, the relay fetches upstream as if nothing were cached, and the
 * client reconnects in the background.
 */
import { Redis } from "ioredis";
import { decodeAnswer, encodeAnswer, type CachedAnswer, type RelayCache } from "./relay-cache.js";

export interface RedisCacheOptions {
  /** How long one command may take before the relay goes on without the cache. Default 250 ms: Redis on a LAN answers in under 1 ms, and a relay request's own budget is seconds. */
  commandTimeoutMs?: number;
  /** Told when the cache becomes unavailable and available again (for the log). */
  onStateChange?: (state: "up" | "down", detail?: string) => void;
}

export class RedisRelayCache implements RelayCache {
  /** Also the rate limiter's shared counter store (app.ts). */
  readonly client: Redis;
  private up: boolean | null = null;
  constructor(url: string, options: RedisCacheOptions = {}) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2000,
      // Keep trying, at most every 2 s, so that a Redis that comes back is used again.
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    const tell = (up: boolean, detail?: string) => {
      if (this.up === up) return;
      this.up = up;
      options.onStateChange?.(up ? "up" : "down", detail);
    };
    this.client.on("ready", () => tell(true));
    this.client.on("error", (e: Error) => tell(false, e.message));
    this.client.on("close", () => tell(false, "connection closed"));
  }

  async get(key: string): Promise<CachedAnswer | null> {
    try {
      const bytes = await this.client.getBuffer(key);
      return bytes ? decodeAnswer(bytes) : null;
    } catch {
      return null;
    }
  }

  async set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    try {
      await this.client.set(key, encodeAnswer(answer), "PX", Math.ceil(ttlMs));
    } catch {
      // Not cached this time; the next request fetches again.
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
