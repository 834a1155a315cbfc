/** A Store that lives as long as the page: the demo page's, and a fallback. */
import type { Store } from "../../core/index.js";

export class MemoryStore implements Store {
  readonly map = new Map<string, Uint8Array>();
  async get(key: string): Promise<Uint8Array | null> {
    return this.map.get(key) ?? null;
  }
  async put(key: string, value: Uint8Array): Promise<void> {
    this.map.set(key, value.slice());
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.map.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
