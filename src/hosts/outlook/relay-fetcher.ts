/**
 * The pane's Fetcher port: every AIA, CRL and OCSP request goes to this
 * server's relay (src/server/relay-route.ts), because a page served over
 * HTTPS cannot fetch the http:// URLs certificates name, and CAs send no CORS
 * headers (HOSTS.md). The relay checks where the request may go; this side
 * keeps the core's time-out and size cap and turns the relay's refusals back
 * into the core's FetchResult.
 */
import type { FetchRequest, FetchResult, Fetcher } from "../../core/index.js";
import { oneRequestInFlight } from "../shared/in-flight.js";

const KINDS = new Set(["timeout", "too-large", "network", "refused", "http-status"]);

/** The relay's JSON refusal, read defensively: anything else is a network failure. */
async function refusal(response: Response): Promise<FetchResult> {
  // The relay's rate limit (src/server/app.ts) answers in Fastify's words, not the relay's.
  if (response.status === 429) return { ok: false, error: "refused", detail: "relay: too many requests from this computer; try again in a minute" };
  try {
    const body = (await response.json()) as { error?: unknown; status?: unknown; detail?: unknown };
    if (typeof body.error === "string" && KINDS.has(body.error)) {
      return {
        ok: false,
        error: body.error as Extract<FetchResult, { ok: false }>["error"],
        ...(typeof body.status === "number" ? { status: body.status } : {}),
        ...(typeof body.detail === "string" ? { detail: `relay: ${body.detail}` } : {}),
      };
    }
  } catch {
    // Not the relay's answer (a proxy's error page, say).
  }
  return { ok: false, error: "network", detail: `the relay answered HTTP ${response.status}` };
}

export function relayFetcher(relayUrl: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Fetcher {
  return oneRequestInFlight({
    async fetch(request: FetchRequest): Promise<FetchResult> {
      // A header carries only ISO-8859-1: the URL goes in the form the URL parser writes (IDNs in
      // Punycode, other non-ASCII percent-encoded), which is the same URL.
      let target: string;
      try {
        target = new URL(request.url).href;
      } catch {
        return { ok: false, error: "refused", detail: "not a URL" };
      }
      const abort = new AbortController();
      // The relay has its own time-out; this one also covers the way to the relay.
      const timer = setTimeout(() => abort.abort(), request.timeoutMs + 1000);
      try {
        const headers: Record<string, string> = {
          "x-signet-url": target,
          "x-signet-method": request.method,
          "x-signet-timeout-ms": String(request.timeoutMs),
          "x-signet-max-bytes": String(request.maxBytes),
          "content-type": request.method === "POST" ? "application/ocsp-request" : "application/octet-stream",
        };
        const response = await fetchFn(relayUrl, { method: "POST", headers, body: request.body ? request.body.slice().buffer : new ArrayBuffer(0), credentials: "omit", signal: abort.signal });
        if (!response.ok) return await refusal(response);
        const body = new Uint8Array(await response.arrayBuffer());
        if (body.length > request.maxBytes) return { ok: false, error: "too-large", detail: `over ${request.maxBytes} bytes` };
        return { ok: true, status: 200, contentType: response.headers.get("content-type"), body };
      } catch (e) {
        if (abort.signal.aborted) return { ok: false, error: "timeout", detail: `${request.timeoutMs} ms` };
        return { ok: false, error: "network", detail: `the relay cannot be reached: ${e instanceof Error ? e.message : String(e)}` };
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
