/**
 * One request per URL in flight: when a reader scrolls fast through mail from
 * one sender, every message asks for the same OCSP answer, CRL or AIA
 * certificate at once, before any answer reaches the cache. Identical requests
 * (method, URL, body, size cap) made while one is under way share its answer;
 * each caller gets its own copy of the bytes. Nothing is kept after the answer
 * comes: caching by freshness is the revocation cache's job (the Store port).
 */
import type { FetchRequest, FetchResult, Fetcher } from "../../core/index.js";
import { encodeBase64 } from "../../core/util/base64.js";

const keyOf = (r: FetchRequest): string => `${r.method} ${r.url} ${r.maxBytes} ${r.body ? encodeBase64(r.body) : ""}`;

function copy(result: FetchResult): FetchResult {
  return result.ok ? { ...result, body: result.body.slice() } : result;
}

export function oneRequestInFlight(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetchResult>>();
  return {
    fetch(request: FetchRequest): Promise<FetchResult> {
      const key = keyOf(request);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetcher.fetch(request).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending.then(copy);
    },
  };
}
