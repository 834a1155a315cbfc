/**
 * The relay's one way out: a GET of a CRL, a certificate or an OCSP response,
 * or an OCSP POST, to the URL a certificate names, and nothing else. Each hop
 * (the first request and every redirect) is checked before it is made: http
 * or https, an allowed port, and an address the policy allows, a literal one
 * here and a name through the pinned lookup when the socket connects. The
 * answer must be of a PKI content type and fit the size cap, within the time-out.
 */
import { isIP } from "node:net";
import { Agent, request, type Dispatcher } from "undici";
import { concatBytes, type FetchErrorKind } from "../core/index.js";
import { addressRefusal, AddressAllowList } from "./address-policy.js";
import { pinnedLookup, RefusedAddressError, systemResolver, type Resolver } from "./pinned-lookup.js";

export interface UpstreamPolicy {
  /** Ports the relay connects to. Default 80 and 443: where CAs publish (RFC 5280 section 4.2.2.1 URIs are plain http on 80 in practice). */
  ports: ReadonlySet<number>;
  /** Addresses allowed although the table refuses them. Default none. */
  allow: AddressAllowList;
  /** The longest the relay waits for one request, redirects included. Default 10 s, twice the core's own 5 s (revocation/fetch.ts) so the pane's time-out speaks first. */
  timeoutMs: number;
  /** The largest answer relayed. Default 32 MiB, the core's cap for a CRL (DEFAULT_REVOCATION_FETCH.maxCrlBytes). */
  maxBytes: number;
  /** Redirects followed, each checked like the first request. Default 3: CA sites move a CRL once or twice; a chain longer than that is not a publication. */
  maxRedirects: number;
  resolve: Resolver;
}

export const DEFAULT_UPSTREAM_POLICY: UpstreamPolicy = Object.freeze({
  ports: new Set([80, 443]),
  allow: new AddressAllowList(),
  timeoutMs: 10_000,
  maxBytes: 32 * 1024 * 1024,
  maxRedirects: 3,
  resolve: systemResolver,
});

export interface UpstreamRequest {
  url: string;
  method: "GET" | "POST";
  /** The OCSP request, for POST only. */
  body?: Uint8Array;
  timeoutMs: number;
  maxBytes: number;
}

export type UpstreamResult =
  | { ok: true; status: number; contentType: string | null; body: Uint8Array; cacheControl: string | null; expires: string | null; age: string | null }
  | { ok: false; error: FetchErrorKind; status?: number; detail: string };

/**
 * Content types a PKI answer comes with. OCSP: RFC 6960 appendix C. CRLs: RFC 5280 section 4.2.1.13 (DER),
 * and application/x-pkcs7-crl which Windows CAs send. Certificates: RFC 5280 section 4.2.2.1
 * (application/pkix-cert, or certs-only CMS as application/pkcs7-mime), and the x-x509 and x-pkcs7 names
 * that many CAs still use. application/octet-stream and binary/octet-stream (object stores' default) say
 * nothing, so their body must at least begin as DER does.
 */
const PKI_TYPES = new Set([
  "application/ocsp-response",
  "application/pkix-crl",
  "application/x-pkcs7-crl",
  "application/pkix-cert",
  "application/pkcs7-mime",
  "application/x-pkcs7-mime",
  "application/x-pkcs7-certificates",
  "application/x-x509-ca-cert",
  "application/x-x509-user-cert",
]);
const UNTYPED = new Set(["application/octet-stream", "binary/octet-stream", ""]);

/** The media type without parameters, lower case; "" when absent. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Why an answer is not relayed as PKI data, or null. An OCSP POST must be answered with an OCSP response. */
export function contentRefusal(method: "GET" | "POST", contentType: string | null, body: Uint8Array): string | null {
  const type = mediaType(contentType);
  if (method === "POST") return type === "application/ocsp-response" ? null : `an OCSP request answered with "${type || "no content type"}"`;
  if (PKI_TYPES.has(type)) return null;
  // DER begins with a SEQUENCE (0x30); what begins otherwise under a type that says nothing is not relayed.
  if (UNTYPED.has(type)) return body[0] === 0x30 ? null : `"${type || "no content type"}" that is not DER`;
  return `content type "${type}" is not a certificate, CRL or OCSP response`;
}

/** Why the relay will not make a request to `url`, or null. A literal address is judged here; a name when it is resolved. */
export function targetRefusal(url: URL, policy: UpstreamPolicy): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `scheme ${url.protocol} (only http and https)`;
  if (url.username || url.password) return "credentials in the URL";
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  if (!policy.ports.has(port)) return `port ${port} is not allowed`;
  // The WHATWG parser writes every IPv4 form (0x7f.1, 2130706433) as a dotted quad, and IPv6 only in brackets.
  // net.connect makes no lookup for an address, so this is the only check a literal one gets.
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) === 0) return null;
  const why = addressRefusal(host, policy.allow);
  return why === null ? null : `${host}: ${why}`;
}

const header = (headers: Dispatcher.ResponseData["headers"], name: string): string | null => {
  const v = headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
};

async function readCapped(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = chunk as Uint8Array;
    total += bytes.length;
    if (total > maxBytes) {
      body.destroy();
      return null;
    }
    chunks.push(bytes);
  }
  return concatBytes(chunks);
}

/** The pinned lookup's refusal, as undici passes it on: the error itself, or as the cause of its own. */
function refusedBy(e: unknown): RefusedAddressError | null {
  const found = [e, e instanceof Error ? e.cause : undefined].find((x) => x instanceof RefusedAddressError);
  return (found as RefusedAddressError | undefined) ?? null;
}

/** Fetches for the relay under `policy`; one connection pool, every connection through the pinned lookup. */
export class Upstream {
  private readonly agent: Agent;
  constructor(
    readonly policy: UpstreamPolicy,
    private readonly userAgent: string,
  ) {
    this.agent = new Agent({ connect: { lookup: pinnedLookup((a) => addressRefusal(a, policy.allow), policy.resolve) }, keepAliveTimeout: 4000 });
  }

  async fetch(req: UpstreamRequest): Promise<UpstreamResult> {
    const timeoutMs = Math.min(req.timeoutMs, this.policy.timeoutMs);
    const maxBytes = Math.min(req.maxBytes, this.policy.maxBytes);
    const signal = AbortSignal.timeout(timeoutMs);
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { ok: false, error: "refused", detail: "not a URL" };
    }
    try {
      for (let hop = 0; ; hop++) {
        const why = targetRefusal(url, this.policy);
        if (why) return { ok: false, error: "refused", detail: hop === 0 ? why : `redirected to ${why}` };
        const headers: Record<string, string> = { "user-agent": this.userAgent, accept: req.method === "POST" ? "application/ocsp-response" : "*/*" };
        if (req.method === "POST") headers["content-type"] = "application/ocsp-request";
        const res = await request(url, { method: req.method, headers, signal, dispatcher: this.agent, ...(req.body ? { body: req.body } : {}) });
        const location = header(res.headers, "location");
        if (res.statusCode >= 300 && res.statusCode < 400 && location !== null) {
          await res.body.dump();
          if (hop >= this.policy.maxRedirects) return { ok: false, error: "refused", detail: `more than ${this.policy.maxRedirects} redirects` };
          url = new URL(location, url);
          continue;
        }
        // undici gives no 1xx as a final answer, so below 300 is success.
        if (res.statusCode >= 300) {
          await res.body.dump();
          return { ok: false, error: "http-status", status: res.statusCode, detail: `HTTP ${res.statusCode}` };
        }
        // Absent, the length is NaN, which is over nothing: the streamed count decides.
        const declared = Number(header(res.headers, "content-length"));
        if (declared > maxBytes) {
          res.body.destroy();
          return { ok: false, error: "too-large", detail: `over ${maxBytes} bytes` };
        }
        const body = await readCapped(res.body, maxBytes);
        if (body === null) return { ok: false, error: "too-large", detail: `over ${maxBytes} bytes` };
        const contentType = header(res.headers, "content-type");
        const wrongType = contentRefusal(req.method, contentType, body);
        if (wrongType) return { ok: false, error: "refused", detail: wrongType };
        return { ok: true, status: res.statusCode, contentType, body, cacheControl: header(res.headers, "cache-control"), expires: header(res.headers, "expires"), age: header(res.headers, "age") };
      }
    } catch (e) {
      const refused = refusedBy(e);
      if (refused) return { ok: false, error: "refused", detail: `${refused.hostname}: ${refused.why}` };
      if (signal.aborted) return { ok: false, error: "timeout", detail: `${timeoutMs} ms` };
      return { ok: false, error: "network", detail: e instanceof Error ? e.message : String(e) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
