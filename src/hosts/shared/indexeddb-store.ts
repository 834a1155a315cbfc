/**
 * The Store port over IndexedDB, for pages that keep their own data: the
 * Outlook pane (trust decisions, the revocation cache, keys). One database per
 * name, so that Outlook's partition key (HOSTS.md) keeps one mailbox's data
 * apart from another's. Roaming settings are no place for this: 32 KB.
 */
import type { Store } from "../../core/index.js";

const STORE = "entries";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

export class IndexedDbStore implements Store {
  private db: Promise<IDBDatabase> | null = null;
  constructor(private readonly name: string) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const r = indexedDB.open(this.name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error("IndexedDB cannot be opened"));
    });
    return this.db;
  }

  private async objects(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
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
