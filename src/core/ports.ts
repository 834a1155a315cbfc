/**
 * What a host provides to the core. The core reaches the network, storage and
 * clock only through these, so the same code runs in Thunderbird, Outlook,
 * Node and tests.
 */
import type { FetchErrorKind } from "./report/types.js";

export interface FetchRequest {
  url: string;
  method: "GET" | "POST";
  body?: Uint8Array;
  contentType?: string;
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Refuse responses larger than this many bytes. */
  maxBytes: number;
}

export type FetchResult =
  | { ok: true; status: number; contentType: string | null; body: Uint8Array }
  | { ok: false; error: FetchErrorKind; status?: number; detail?: string };

/** GET or POST bytes to an http(s) URL (revocation and AIA only). */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
}

/** A small key-value store for the trust store, caches and keys. */
export interface Store {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
}

export interface Clock {
  now(): Date;
}

/** Thunderbird can decrypt with its own key store (messages.getRaw with decrypt: true). */
export interface HostDecrypt {
  decrypt(): Promise<Uint8Array | null>;
}

export interface Ports {
  clock: Clock;
  fetcher?: Fetcher;
  store?: Store;
  hostDecrypt?: HostDecrypt;
}

export const systemClock: Clock = { now: () => new Date() };
