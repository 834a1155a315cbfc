/**
 * The Store port over storage.local (private to the add-on). Values are kept
 * as base64 strings: storage.local holds JSON-like values, and strings are
 * the compact form every Thunderbird version round-trips.
 */
import { decodeBase64Text, encodeBase64, type Store } from "../../core/index.js";
import type { Messenger } from "./messenger.js";

const PREFIX = "store:";

export class StorageLocalStore implements Store {
  constructor(private readonly api: Messenger) {}

  async get(key: string): Promise<Uint8Array | null> {
    const got = await this.api.storage.local.get(PREFIX + key);
    const v = got[PREFIX + key];
    return typeof v === "string" ? decodeBase64Text(v).bytes : null;
  }
  async put(key: string, value: Uint8Array): Promise<void> {
    await this.api.storage.local.set({ [PREFIX + key]: encodeBase64(value) });
  }
  async delete(key: string): Promise<void> {
    await this.api.storage.local.remove(PREFIX + key);
  }
  async list(prefix: string): Promise<string[]> {
    const all = await this.api.storage.local.get(null);
    return Object.keys(all)
      .filter((k) => k.startsWith(PREFIX + prefix))
      .map((k) => k.slice(PREFIX.length))
      .sort();
  }
}
