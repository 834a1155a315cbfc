/**
 * Starting the pane's host from settings: the relay's policy, its cache
 * (memory, or Redis by URL), the certificate (given, or the development one),
 * and the listener. `signet serve` and the tests both come through here.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";
import { AddressAllowList } from "./address-policy.js";
import { buildHost } from "./app.js";
import { DEFAULT_MAX_CACHE_MS } from "./cache-lifetime.js";
import { devCertificate } from "./dev-certificate.js";
import { MemoryRelayCache, type RelayCache } from "./relay-cache.js";
import { RedisRelayCache } from "./redis-cache.js";
import { loadStaticFiles } from "./static-files.js";
import { DEFAULT_UPSTREAM_POLICY, Upstream, type UpstreamPolicy } from "./upstream.js";
import type { Resolver } from "./pinned-lookup.js";

export interface ServeSettings {
  /** Address to listen on. Default 127.0.0.1: a person trying the add-in; a deployment names its own. */
  host: string;
  /** Default 8443, the port manifest.xml names. */
  port: number;
  /** Default https://localhost:PORT. */
  publicOrigin?: string;
  /** The built pane. */
  paneDir: string;
  /** manifest.xml's path. */
  manifestPath: string;
  /** PEM files; default the development certificate under `devCertDir`. */
  certPath?: string;
  keyPath?: string;
  devCertDir: string;
  /** Plain HTTP, for a TLS-terminating proxy in front; allowed only on a loopback address. */
  plainHttp: boolean;
  /** "memory" (default) or a redis:// URL. */
  cache: string;
  allowAddresses: string[];
  /** Default 80 and 443. */
  allowPorts: number[];
  ratePerMinute: number;
  maxCacheMs: number;
  trustedProxies: number;
  supportUrl?: string;
  version: string;
  /** Tests resolve names their own way (never to the network). */
  resolve?: Resolver;
  log: (line: Record<string, unknown>) => void;
}

export const DEFAULT_SERVE = { host: "127.0.0.1", port: 8443, cache: "memory", ratePerMinute: 300, maxCacheMs: DEFAULT_MAX_CACHE_MS, trustedProxies: 0 } as const;

export interface RunningHost {
  app: FastifyInstance;
  /** The URL it listens on (the actual port when 0 was asked). */
  url: string;
  origin: string;
  cache: RelayCache;
  devCertificate?: string;
  close(): Promise<void>;
}

/** A port free on `host` now (for port 0: the manifest and the relay's Origin need it before listening). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Settings that cannot work together; the command words it as a usage error. */
export class ServeSettingsError extends Error {}

export async function startHost(settings: ServeSettings): Promise<RunningHost> {
  if (settings.plainHttp && !LOOPBACK.test(settings.host)) throw new ServeSettingsError("--plain-http listens only on a loopback address (behind a TLS-terminating proxy on the same machine)");
  if ((settings.certPath === undefined) !== (settings.keyPath === undefined)) throw new ServeSettingsError("--cert and --key go together");
  if (settings.cache !== "memory" && !/^rediss?:\/\//.test(settings.cache)) throw new ServeSettingsError("--cache is memory or a redis:// URL");
  const port = settings.port === 0 ? await freePort(settings.host) : settings.port;
  const origin = (settings.publicOrigin ?? `https://localhost:${port}`).replace(/\/$/, "");
  const upstreamPolicy: UpstreamPolicy = {
    ...DEFAULT_UPSTREAM_POLICY,
    allow: new AddressAllowList(settings.allowAddresses),
    ...(settings.allowPorts.length ? { ports: new Set(settings.allowPorts) } : {}),
    ...(settings.resolve ? { resolve: settings.resolve } : {}),
  };
  const upstream = new Upstream(upstreamPolicy, `Signet-relay/${settings.version}`);
  const redis = settings.cache === "memory" ? null : new RedisRelayCache(settings.cache, { onStateChange: (state, detail) => settings.log({ event: "cache", state, ...(detail ? { detail } : {}) }) });
  const cache: RelayCache = redis ?? new MemoryRelayCache();
  let https: { cert: Buffer; key: Buffer } | undefined;
  let devCertPath: string | undefined;
  if (!settings.plainHttp) {
    if (settings.certPath && settings.keyPath) https = { cert: readFileSync(settings.certPath), key: readFileSync(settings.keyPath) };
    else {
      const dev = await devCertificate(settings.devCertDir);
      https = { cert: dev.cert, key: dev.key };
      devCertPath = dev.certPath;
    }
  }
  const scheme = settings.plainHttp ? "http" : "https";
  const app = await buildHost({
    publicOrigin: origin,
    files: loadStaticFiles(settings.paneDir),
    manifestTemplate: readFileSync(settings.manifestPath, "utf8"),
    ...(settings.supportUrl ? { supportUrl: settings.supportUrl } : {}),
    upstream,
    cache,
    ratePerMinute: settings.ratePerMinute,
    ...(redis ? { rateRedis: redis.client } : {}),
    maxCacheMs: settings.maxCacheMs,
    trustedProxies: settings.trustedProxies,
    ...(https ? { https } : {}),
    log: settings.log,
  });
  await app.listen({ host: settings.host, port });
  const hostPart = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    app,
    url: `${scheme}://${hostPart}:${port}`,
    origin,
    cache,
    ...(devCertPath ? { devCertificate: devCertPath } : {}),
    close: async () => {
      await app.close();
      await upstream.close();
      await cache.close();
    },
  };
}
