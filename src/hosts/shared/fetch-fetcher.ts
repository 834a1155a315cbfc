/**
 * The Fetcher port over the platform's fetch (Thunderbird's background page,
 * a browser page): a time-out through AbortController, a size cap enforced
 * while reading, no cookies or credentials sent.
 */
import type { FetchRequest, FetchResult, Fetcher } from "../../core/index.js";

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function fetchFetcher(fetchFn: typeof fetch = (input, init) => fetch(input, init)): Fetcher {
  return {
    async fetch(request: FetchRequest): Promise<FetchResult> {
      if (!/^https?:\/\//i.test(request.url)) return { ok: false, error: "refused", detail: "only http and https" };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), request.timeoutMs);
      try {
        const init: RequestInit = { method: request.method, signal: abort.signal, credentials: "omit", redirect: "follow", cache: "no-store" };
        if (request.body) {
          init.body = request.body.slice().buffer;
          init.headers = { "content-type": request.contentType ?? "application/octet-stream" };
        }
        const response = await fetchFn(request.url, init);
        if (!response.ok) return { ok: false, error: "http-status", status: response.status };
        const body = await readCapped(response, request.maxBytes);
        if (body === null) return { ok: false, error: "too-large" };
        return { ok: true, status: response.status, contentType: response.headers.get("content-type"), body };
      } catch (e) {
        if (abort.signal.aborted) return { ok: false, error: "timeout" };
        return { ok: false, error: "network", detail: e instanceof Error ? e.message : String(e) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
