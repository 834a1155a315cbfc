/**
 * The Outlook pane's host: the built pane (dist/outlook), manifest.xml with
 * this server's URLs, and the revocation relay. One Fastify app, served over
 * HTTPS (or plain HTTP on loopback behind a TLS-terminating proxy; serve.ts
 * decides). Stateless apart from the relay's cache, so several can run
 * behind a load balancer on one Redis.
 */
import Fastify, { type FastifyInstance } from "fastify";
import rateLimit from "@fastify/rate-limit";
import type { Redis } from "ioredis";
import { rewriteManifest } from "./manifest.js";
import { registerRelay, type RelayLogLine } from "./relay-route.js";
import type { RelayCache } from "./relay-cache.js";
import type { StaticFile } from "./static-files.js";
import type { Upstream } from "./upstream.js";

export interface HostConfig {
  /** https://host[:port] as Outlook reaches this server: the manifest's URLs and the only Origin the relay serves. */
  publicOrigin: string;
  /** The built pane by URL path. */
  files: ReadonlyMap<string, StaticFile>;
  /** manifest.xml as in the repository. */
  manifestTemplate: string;
  supportUrl?: string;
  upstream: Upstream;
  cache: RelayCache;
  /** Relay requests per client address per minute. Default 300: opening a message costs the pane up to about six (AIA, OCSP and CRLs of a three-certificate chain), so this is fifty messages a minute. */
  ratePerMinute: number;
  /** Where rate counts are shared between relays; default each relay counts its own. */
  rateRedis?: Redis;
  /** Cache ceiling in ms (cache-lifetime.ts). */
  maxCacheMs: number;
  /** Trust X-Forwarded-For from this many proxies in front (the client address for rate limits). Default 0. */
  trustedProxies: number;
  https?: { cert: Buffer; key: Buffer };
  log: (line: Record<string, unknown>) => void;
}

/**
 * The pane's Content Security Policy: its own scripts and Office.js from Microsoft's CDN
 * (HOSTS.md), connections only to this origin (the relay), no plugins, no base or form targets.
 * Outlook frames the pane, so frame-ancestors is left open.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export async function buildHost(config: HostConfig): Promise<FastifyInstance> {
  // Fastify's types tie the instance to http or https; the routes below work on both.
  const app = Fastify({
    logger: false,
    // The client address is the one `trustedProxies` hops before this server (for rate limits only).
    trustProxy: config.trustedProxies > 0 ? (_address: string, hop: number) => hop < config.trustedProxies : false,
    ...(config.https ? { https: { cert: config.https.cert, key: config.https.key } } : {}),
  }) as unknown as FastifyInstance;
  app.addHook("onSend", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff").header("referrer-policy", "no-referrer");
  });
  await app.register(rateLimit, {
    global: false,
    ...(config.rateRedis ? { redis: config.rateRedis, skipOnError: true, nameSpace: "signet:rate:" } : {}),
  });
  const origin = config.publicOrigin.replace(/\/$/, "");
  const manifest = rewriteManifest(config.manifestTemplate, { origin, ...(config.supportUrl ? { supportUrl: config.supportUrl } : {}) });
  app.get("/manifest.xml", async (_req, reply) => reply.type("text/xml; charset=utf-8").header("cache-control", "no-cache").send(manifest));
  app.get("/healthz", async () => ({ ok: true }));

  await app.register(async (scope) => {
    // Only the relay is rate limited: the pane's files are small and fetched once per session.
    scope.addHook("onRequest", scope.rateLimit({ max: config.ratePerMinute, timeWindow: 60_000 }));
    registerRelay(scope, {
      upstream: config.upstream,
      cache: config.cache,
      origins: new Set([origin]),
      maxCacheMs: config.maxCacheMs,
      log: (line: RelayLogLine) => config.log({ event: "relay", ...line }),
    });
  });

  app.get("/*", async (req, reply) => {
    const path = req.url.split("?")[0]!;
    const file = config.files.get(path === "/" ? "/taskpane.html" : path);
    if (!file) return reply.code(404).type("text/plain").send("not found");
    if (file.type.startsWith("text/html")) reply.header("content-security-policy", CSP);
    return reply.type(file.type).header("cache-control", "no-cache").send(file.body);
  });
  return app;
}
