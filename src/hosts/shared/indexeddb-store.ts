/**
 * The Store port over IndexedDB, for pages that keep their own data: the
 * Outlook pane (trust decisions, the revocation cache, keys). One database per
 * name, so that Outlook's partition key (HOSTS.md) keeps one mailbox's data
 * apart from another's. Roaming settings are no place for this: 32 KB.
 */
import type { Store } from "../../core/index.js";

import { idbRequest as request, IdbObjects } from "./indexeddb.js";

export class IndexedDbStore implements Store {
  private readonly db: IdbObjects;
  constructor(name: string) {
    this.db = new IdbObjects(name, "entries");
  }

  private objects(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return this.db.open(mode);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const value: unknown = await request((await this.objects("readonly")).get(key));
    return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await request((await this.objects("readwrite")).put(value.slice(), key));
  }

  async delete(key: string): Promise<void> {
    await request((await this.objects("readwrite")).delete(key));
  }

  async list(prefix: string): Promise<string[]> {
    // Keys sort as strings; the range runs from the prefix to the prefix followed by the highest code unit.
    const range = IDBKeyRange.bound(prefix, prefix + "\uffff", false, false);
    const keys = await request((await this.objects("readonly")).getAllKeys(range));
    return keys.map(String).filter((k) => k.startsWith(prefix)).sort();
  }
}
