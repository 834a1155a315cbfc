/**
 * What a host provides to the core. The core reaches the network, storage and
 * clock only through these, so the same code runs in Thunderbird, Outlook,
 * Node and tests.
 */
import type { FetchErrorKind } from "./report/types.js";
import type { EnvelopedParts } from "./cms/enveloped-data.js";
import type { UnsupportedReason } from "./report/codes.js";

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

/**
 * Where a host keeps WebCrypto keys that cannot be exported: IndexedDB holds a CryptoKey by structured
 * clone, its private bytes out of every script's reach, in Thunderbird's pages and Outlook's pane alike.
 * Optional: without it (the command line) every private key is sealed under the passphrase.
 */
export interface KeyVault {
  put(id: string, key: CryptoKey): Promise<void>;
  get(id: string): Promise<CryptoKey | null>;
  delete(id: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** An enveloped layer to open. */
export interface DecryptRequest {
  /** The EnvelopedData or AuthEnvelopedData, read. */
  envelope: EnvelopedParts;
  /** The layer is the message itself: the only layer a mail client opens (it decrypts whole messages). */
  wholeMessage: boolean;
  /** The message being inspected, as given. */
  message: Uint8Array;
}

export type DecryptOutcome =
  /** The plaintext, and which recipient (numbered as the layer's recipients) it was opened for, when known. */
  | { ok: true; content: Uint8Array; recipient: number | null }
  /** This decryptor holds no key for any recipient. */
  | { ok: false; reason: "not-a-recipient" }
  | { ok: false; reason: "unsupported"; algorithm: string; why: UnsupportedReason }
  /** A key matched and decryption failed (one outcome for every cause: RFC 3218). */
  | { ok: false; reason: "failed"; recipient: number | null }
  | { ok: false; reason: "no-content" };

/**
 * One way to open an enveloped layer: Signet's own keys (keys/key-decryptor.ts) or the mail
 * client's (Thunderbird's messages.getRaw with decrypt: true, layers/host-decryptor.ts).
 */
export interface Decryptor {
  /** Who opens the layer, as the report names it. */
  readonly by: "host" | "signet";
  open(request: DecryptRequest): Promise<DecryptOutcome>;
}

export interface Ports {
  clock: Clock;
  fetcher?: Fetcher;
  store?: Store;
  /** Tried in order for each enveloped layer that covers the whole of what encloses it. */
  decryptors?: readonly Decryptor[];
}

export const systemClock: Clock = { now: () => new Date() };
