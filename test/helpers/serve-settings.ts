/** `signet serve`'s settings as the tests start it: loopback, any free port, the repository's pane and manifest, quiet. */
import { join, resolve } from "node:path";
import type { ServeSettings } from "../../src/server/serve.js";

const root = resolve(import.meta.dirname, "../..");

export function testServeSettings(dir: string, overrides: Partial<ServeSettings> = {}): ServeSettings {
  return {
    host: "127.0.0.1",
    port: 0,
    paneDir: join(root, "dist/outlook"),
    manifestPath: join(root, "manifest.xml"),
    devCertDir: join(dir, "cert"),
    plainHttp: true,
    cache: "memory",
    allowAddresses: [],
    allowPorts: [],
    ratePerMinute: 1000,
    maxCacheMs: 3_600_000,
    trustedProxies: 0,
    version: "test",
    log: () => {},
    ...overrides,
  };
}
