/**
 * POST /relay: the pane's one way to a CRL, certificate or OCSP responder.
 * The request names its target in headers (x-signet-url, x-signet-method),
 * which a page of another origin cannot send without a CORS preflight that
 * this server never grants; it must also carry the pane's Origin. The answer
 * is the upstream body with its content type, or a JSON refusal the pane's
 * Fetcher turns back into the core's FetchResult (outlook/relay-fetcher.ts).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FetchErrorKind } from "../core/index.js";
import { cacheLifetimeMs } from "./cache-lifetime.js";
import { cacheKey, type RelayCache } from "./relay-cache.js";
import type { Upstream } from "./upstream.js";

/** The relay's answer when it has no upstream body to give: the same kinds as the core's FetchResult. */
export interface RelayRefusal {
  error: FetchErrorKind;
  status?: number;
  detail: string;
}

export interface RelayLogLine {
  outcome: "hit" | "miss" | FetchErrorKind;
  method: string;
  /** Only the host: paths can carry serial numbers, and who asked is not logged at all. */
  host: string | null;
  status?: number;
  ms: number;
}

export interface RelayRouteOptions {
  upstream: Upstream;
  cache: RelayCache;
  /** Origins whose pages may use the relay: the server's public origin. */
  origins: ReadonlySet<string>;
  /** Cache ceiling (cache-lifetime.ts). */
  maxCacheMs: number;
  log: (line: RelayLogLine) => void;
  now?: () => number;
}

const HTTP_FOR: Record<FetchErrorKind, number> = { refused: 403, timeout: 504, "too-large": 502, network: 502, "http-status": 502 };

/** An OCSP request is a few hundred bytes (RFC 6960 section 4.1); 16 KiB leaves room for a signed one with its certificates. */
const MAX_REQUEST_BYTES = 16 * 1024;

function refuse(reply: FastifyReply, refusal: RelayRefusal): FastifyReply {
  return reply.code(HTTP_FOR[refusal.error]).header("x-signet-error", refusal.error).header("cache-control", "no-store").send(refusal);
}

/** The host a request names, for the log; null for no URL. */
function hostOf(url: unknown): string | null {
  try {
    return new URL(String(url)).host;
  } catch {
    return null;
  }
}

/** A positive whole number from a header, capped; `fallback` when absent or unreadable. */
function bounded(value: string | string[] | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function registerRelay(app: FastifyInstance, options: RelayRouteOptions): void {
  const now = options.now ?? Date.now;
  app.addContentTypeParser(["application/ocsp-request", "application/octet-stream"], { parseAs: "buffer", bodyLimit: MAX_REQUEST_BYTES }, (_req, body, done) => done(null, body));
  app.post("/relay", async (req, reply) => {
    const started = now();
    const url = req.headers["x-signet-url"];
    const method = req.headers["x-signet-method"];
    const host = hostOf(url);
    const done = (line: Omit<RelayLogLine, "ms" | "host" | "method">) => options.log({ ...line, method: typeof method === "string" ? method : "?", host, ms: now() - started });
    const origin = req.headers.origin ?? "";
    if (!options.origins.has(origin)) {
      done({ outcome: "refused" });
      return refuse(reply, { error: "refused", detail: origin ? `origin ${origin} may not use this relay` : "a request without the pane's Origin" });
    }
    if (typeof url !== "string" || (method !== "GET" && method !== "POST")) {
      done({ outcome: "refused" });
      return refuse(reply, { error: "refused", detail: "x-signet-url and x-signet-method (GET or POST) are required" });
    }
    // A GET carries no body upstream, whatever the pane sent.
    const body = method === "POST" && req.body instanceof Buffer && req.body.length > 0 ? new Uint8Array(req.body) : undefined;
    if (method === "POST" && (req.headers["content-type"] !== "application/ocsp-request" || !body)) {
      done({ outcome: "refused" });
      return refuse(reply, { error: "refused", detail: "a POST relays only an OCSP request (application/ocsp-request)" });
    }
    const key = cacheKey(method, url, body);
    const hit = await options.cache.get(key);
    if (hit) {
      done({ outcome: "hit", status: hit.status });
      // Stryker disable next-line MethodExpression: informational; the pane judges an answer by its own thisUpdate and nextUpdate
      const age = Math.max(0, Math.floor((now() - hit.fetchedAt) / 1000));
      return reply
        .code(200)
        .header("content-type", hit.contentType ?? "application/octet-stream")
        .header("x-signet-cache", "hit")
        .header("age", String(age))
        .header("cache-control", "no-store")
        .send(Buffer.from(hit.body));
    }
    const result = await options.upstream.fetch({
      url,
      method,
      ...(body ? { body } : {}),
      timeoutMs: bounded(req.headers["x-signet-timeout-ms"], options.upstream.policy.timeoutMs),
      maxBytes: bounded(req.headers["x-signet-max-bytes"], options.upstream.policy.maxBytes),
    });
    if (!result.ok) {
      done({ outcome: result.error, ...(result.status ? { status: result.status } : {}) });
      return refuse(reply, { error: result.error, ...(result.status ? { status: result.status } : {}), detail: result.detail });
    }
    const ttl = cacheLifetimeMs(result, new Date(now()), options.maxCacheMs);
    await options.cache.set(key, { status: result.status, contentType: result.contentType, body: result.body, fetchedAt: now() }, ttl);
    done({ outcome: "miss", status: result.status });
    return reply
      .code(200)
      .header("content-type", result.contentType ?? "application/octet-stream")
      .header("x-signet-cache", "miss")
      .header("cache-control", "no-store")
      .send(Buffer.from(result.body));
  });
}
