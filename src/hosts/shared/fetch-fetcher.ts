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
import { isPrivateAddress, isPrivateAddressUrl } from "./private-address.js";

export interface FetchFetcherOptions {
  /**
   * May URLs that name this machine or a private network (by address, or as localhost) be fetched?
   * Default "refuse": the add-on fetches what a stranger's certificate names as soon as a message is
   * opened. The command passes "allow": its user runs it on purpose, often against a test or company PKI.
   */
  privateAddresses?: "refuse" | "allow";
  /** Default the platform's fetch. */
  fetchFn?: typeof fetch;
  /**
   * Where the host can resolve names (Thunderbird's dns API, Node's dns): the addresses of a name.
   * With it, a URL whose name resolves to a local or private address is refused as a literal one is.
   * The platform's fetch resolves again when it connects, so a name that changes its answer in
   * between (DNS rebinding) is not caught; the relay for Outlook pins the address it checked.
   * Default none: only literal addresses and localhost names are recognised.
   */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** The host name of a URL when it is a name, not a literal address. */
function nameOf(url: string): string | null {
  const host = new URL(url).hostname;
  if (host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return null;
  return host;
}

/**
 * Whether the name in `url` resolves to a private address ("timeout" when the resolver does not
 * answer within `timeoutMs`, the request's own time-out); a name that does not resolve is left to fetch to fail on.
 */
async function resolvesPrivate(url: string, resolve: (hostname: string) => Promise<string[]>, timeoutMs: number): Promise<boolean | "timeout"> {
  const name = nameOf(url);
  if (name === null) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), timeoutMs)));
  try {
    const addresses = await Promise.race([resolve(name).catch(() => [] as string[]), late]);
    return addresses === "timeout" ? "timeout" : addresses.some(isPrivateAddress);
  } finally {
    clearTimeout(timer);
  }
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

export function fetchFetcher({ privateAddresses = "refuse", fetchFn = (input, init) => fetch(input, init), resolve }: FetchFetcherOptions = {}): Fetcher {
  const refusePrivate = privateAddresses === "refuse";
  return oneRequestInFlight({
    async fetch(request: FetchRequest): Promise<FetchResult> {
      if (!/^https?:\/\//i.test(request.url)) return { ok: false, error: "refused", detail: "only http and https" };
      if (refusePrivate && isPrivateAddressUrl(request.url)) return { ok: false, error: "refused", detail: "a local or private-network address" };
      const resolved = refusePrivate && resolve ? await resolvesPrivate(request.url, resolve, request.timeoutMs) : false;
      if (resolved === "timeout") return { ok: false, error: "timeout", detail: `${request.timeoutMs} ms resolving the name` };
      if (resolved) return { ok: false, error: "refused", detail: "a name that resolves to a local or private-network address" };
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
