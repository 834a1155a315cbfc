/**
 * The CLI's Fetcher port: Node's fetch, http and https only, with the
 * request's time-out and size cap enforced while reading. Used only for AIA
 * and revocation; nothing else in Signet reaches the network.
 */
import type { Fetcher, FetchRequest, FetchResult } from "../core/index.js";

export const nodeFetcher: Fetcher = {
  async fetch(req: FetchRequest): Promise<FetchResult> {
    if (!/^https?:\/\//i.test(req.url)) return { ok: false, error: "refused", detail: "only http and https" };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), req.timeoutMs);
    try {
      const init: RequestInit = { method: req.method, signal: abort.signal, redirect: "follow" };
      if (req.body) init.body = req.body as Uint8Array<ArrayBuffer>;
      if (req.contentType) init.headers = { "content-type": req.contentType };
      const res = await fetch(req.url, init);
      if (!res.ok) return { ok: false, error: "http-status", status: res.status };
      const declared = Number(res.headers.get("content-length") ?? "0");
      if (declared > req.maxBytes) return { ok: false, error: "too-large", detail: `${declared} bytes` };
      const reader = res.body?.getReader();
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > req.maxBytes) {
          await reader.cancel();
          return { ok: false, error: "too-large", detail: `over ${req.maxBytes} bytes` };
        }
        chunks.push(value);
      }
      const body = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) {
        body.set(c, at);
        at += c.length;
      }
      return { ok: true, status: res.status, contentType: res.headers.get("content-type"), body };
    } catch (e) {
      if (abort.signal.aborted) return { ok: false, error: "timeout", detail: `${req.timeoutMs} ms` };
      return { ok: false, error: "network", detail: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  },
};
