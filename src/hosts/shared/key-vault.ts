/**
 * The KeyVault port (core/ports.ts) of the hosts' pages: IndexedDB, which keeps a
 * CryptoKey by structured clone with its private bytes out of every script's reach
 * (the add-on's background, Outlook's pane), and one in memory for the
 * demo page, whose keys last as long as the page.
 */
import type { KeyVault } from "../../core/index.js";
import { idbRequest as request, IdbObjects } from "./indexeddb.js";

export class IndexedDbVault implements KeyVault {
  private readonly db: IdbObjects;
  /** `name`: the database; the Outlook pane adds its partition key (HOSTS.md). */
  constructor(name = "signet-key-vault") {
    this.db = new IdbObjects(name, "keys");
  }

  private store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return this.db.open(mode);
  }

  async put(id: string, key: CryptoKey): Promise<void> {
    await request((await this.store("readwrite")).put(key, id));
  }

  async get(id: string): Promise<CryptoKey | null> {
    const key: unknown = await request((await this.store("readonly")).get(id));
    return key instanceof CryptoKey ? key : null;
  }

  async delete(id: string): Promise<void> {
    await request((await this.store("readwrite")).delete(id));
  }
}

export class MemoryVault implements KeyVault {
  private readonly keys = new Map<string, CryptoKey>();
  async put(id: string, key: CryptoKey): Promise<void> {
    this.keys.set(id, key);
  }
  async get(id: string): Promise<CryptoKey | null> {
    return this.keys.get(id) ?? null;
  }
  async delete(id: string): Promise<void> {
    this.keys.delete(id);
  }
}

/** The vault where the page has IndexedDB (none in Node, where tests run the background's code). */
export function pageVault(): KeyVault | undefined {
  return typeof indexedDB === "undefined" ? undefined : new IndexedDbVault();
}
