/**
 * The CLI's Store port: one file per key under a folder (default
 * ~/.config/signet, or --store DIR). Keys are paths of safe segments; anything
 * else is refused, so a key can never point outside the folder.
 */
import { mkdir, readdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Store } from "../core/index.js";

const SAFE_KEY = /^[a-z0-9._-]+(\/[a-z0-9._-]+)*\/?$/i;

export function defaultStoreDir(): string {
  return process.env.SIGNET_STORE ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "signet");
}

export class FolderStore implements Store {
  constructor(readonly dir: string) {}

  private path(key: string): string {
    if (!SAFE_KEY.test(key) || key.split("/").some((s) => s === "." || s === "..")) throw new Error(`unsafe store key: ${key}`);
    return join(this.dir, key);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch {
      return null;
    }
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename: a crash never leaves half a file behind.
    await writeFile(`${file}.tmp`, value, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = this.path(prefix.endsWith("/") ? prefix : dirname(prefix) + "/");
    try {
      return (await readdir(dir)).filter((f) => !f.endsWith(".tmp")).map((f) => (prefix.endsWith("/") ? prefix : dirname(prefix) + "/") + f).filter((k) => k.startsWith(prefix));
    } catch {
      return [];
    }
  }
}
