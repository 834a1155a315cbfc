/**
 * IndexedDB in promises, for the pages that keep their own data (the Store of
 * indexeddb-store.ts, the KeyVault of key-vault.ts): one object store per
 * database, opened once.
 */

export function idbRequest<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

/** The object store `store` of database `name` (made on first use), for one transaction in `mode`. */
export class IdbObjects {
  private db: Promise<IDBDatabase> | null = null;
  constructor(
    private readonly name: string,
    private readonly store: string,
  ) {}

  async open(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    this.db ??= new Promise((resolve, reject) => {
      const r = indexedDB.open(this.name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(this.store);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error("IndexedDB cannot be opened"));
    });
    return (await this.db).transaction(this.store, mode).objectStore(this.store);
  }
}
