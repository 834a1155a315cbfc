/**
 * The Fetcher port over the platform's WHATWG fetch: Thunderbird's background
 * page, a browser page, and Node (the CLI). http and https only, a time-out
 * through AbortController, the size cap enforced while reading, no cookies or
 * credentials sent, and by default no URL that names this machine or a
 * private network (private-address.ts); identical requests in flight at once
 * share one (in-flight.ts). Used only for AIA and revocation.
 */
import { concatBytes, type FetchRequest, type FetchResult, type Fetcher } from "../../core/index.js";
import { oneRequestInFlight } from "./in-flight.js";
import { isPrivateAddressUrl } from "./private-address.js";

export interface FetchFetcherOptions {
  /**
   * May URLs that name this machine or a private network (by address, or as localhost) be fetched?
   * Default "refuse": the add-on fetches what a stranger's certificate names as soon as a message is
   * opened. The command passes "allow": its user runs it on purpose, often against a test or company PKI.
   */
  privateAddresses?: "refuse" | "allow";
  /** Default the platform's fetch. */
  fetchFn?: typeof fetch;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (!reader) break;
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

export function fetchFetcher({ privateAddresses = "refuse", fetchFn = (input, init) => fetch(input, init) }: FetchFetcherOptions = {}): Fetcher {
  const refusePrivate = privateAddresses === "refuse";
  return oneRequestInFlight({
    async fetch(request: FetchRequest): Promise<FetchResult> {
      if (!/^https?:\/\//i.test(request.url)) return { ok: false, error: "refused", detail: "only http and https" };
      if (refusePrivate && isPrivateAddressUrl(request.url)) return { ok: false, error: "refused", detail: "a local or private-network address" };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), request.timeoutMs);
      try {
        const init: RequestInit = { method: request.method, signal: abort.signal, credentials: "omit", redirect: "follow" };
        if (request.body) {
          init.body = request.body.slice().buffer;
          init.headers = { "content-type": request.contentType ?? "application/octet-stream" };
        }
        const response = await fetchFn(request.url, init);
        // A browser hides where a redirect goes until it has been followed; an answer from a private address is not used.
        if (refusePrivate && response.redirected && isPrivateAddressUrl(response.url)) {
          await response.body?.cancel();
          return { ok: false, error: "refused", detail: "redirected to a local or private-network address" };
        }
        if (!response.ok) return { ok: false, error: "http-status", status: response.status };
        const body = await readCapped(response, request.maxBytes);
        if (body === null) return { ok: false, error: "too-large", detail: `over ${request.maxBytes} bytes` };
        return { ok: true, status: response.status, contentType: response.headers.get("content-type"), body };
      } catch (e) {
        if (abort.signal.aborted) return { ok: false, error: "timeout", detail: `${request.timeoutMs} ms` };
        return { ok: false, error: "network", detail: e instanceof Error ? e.message : String(e) };
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
