/** `signet serve`: the Outlook pane's HTTPS host and revocation relay (src/server). */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isAddressOrCidr } from "../server/address-policy.js";
import { DEFAULT_SERVE, ServeSettingsError, startHost } from "../server/serve.js";
import { parseArgs, UsageError, wholeOption } from "./args.js";
import { defaultStoreDir } from "./folder-store.js";
import { packageVersion } from "./version.js";

export const SERVE_USAGE = `usage: signet serve [--host ADDR] [--port N] [--origin URL] [--cert PEM --key PEM | --plain-http]
                    [--cache memory|redis://HOST:PORT] [--allow-address CIDR]... [--allow-port N]...
                    [--rate N] [--cache-max-age SECONDS] [--trust-proxy HOPS] [--support-url URL]
  Serves the Outlook task pane (dist/outlook, built by npm run build), manifest.xml with
  this server's URLs, and the relay the pane fetches CRLs, OCSP and AIA certificates through.
  --host ADDR        listen here (default ${DEFAULT_SERVE.host})
  --port N           default ${DEFAULT_SERVE.port}, the port manifest.xml names
  --origin URL       https://host[:port] as Outlook reaches this server (default https://localhost:PORT);
                     the manifest's URLs, and the only Origin the relay answers
  --cert, --key      the server's certificate and key (PEM); without them a development certificate for
                     localhost is made under the store folder, which you must trust (README)
  --plain-http       no TLS, for a TLS-terminating proxy in front; only on a loopback --host
  --cache            where relayed answers are shared: memory (default) or redis://HOST:PORT, which
                     several relays behind a load balancer can share
  --allow-address    let the relay reach this address or range although it is private or local
                     (a company PKI's responder); by default such addresses are refused
  --allow-port       ports the relay may connect to (default 80 and 443)
  --rate N           relay requests per client address per minute (default ${DEFAULT_SERVE.ratePerMinute})
  --cache-max-age S  the longest any answer is shared (default ${DEFAULT_SERVE.maxCacheMs / 1000}); never past its nextUpdate
  --trust-proxy N    take the client address from X-Forwarded-For through N proxies (default 0)
  --support-url URL  the manifest's SupportUrl (default ORIGIN/support.html)
  --store DIR        where the development certificate is kept (default ~/.config/signet)`;

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function serveCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["plain-http", "help"], ["host", "port", "origin", "cert", "key", "cache", "allow-address", "allow-port", "rate", "cache-max-age", "trust-proxy", "support-url", "store"]);
  if (args.flags.has("help")) {
    out(SERVE_USAGE);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`serve takes no file names (${args.positional[0]})`);
  const one = (name: string) => args.values.get(name)?.at(-1);
  const allowAddresses = args.values.get("allow-address") ?? [];
  for (const a of allowAddresses) if (!isAddressOrCidr(a)) throw new UsageError(`--allow-address ${a} is no address or CIDR range`);
  const origin = one("origin");
  if (origin !== undefined && !/^https:\/\/[^/?#]+\/?$/.test(origin)) throw new UsageError("--origin is https://host[:port], nothing after it");
  const cert = one("cert");
  const key = one("key");
  const supportUrl = one("support-url");
  if (supportUrl !== undefined && !supportUrl.startsWith("https://")) throw new UsageError("--support-url must be an https URL (Outlook and AppSource refuse others)");
  // startHost checks the settings that go together (ServeSettingsError); here they become usage errors.
  const host = await startHost({
    host: one("host") ?? DEFAULT_SERVE.host,
    port: wholeOption(one("port"), "port", 0, 65535) ?? DEFAULT_SERVE.port,
    ...(origin ? { publicOrigin: origin } : {}),
    paneDir: join(root, "dist/outlook"),
    manifestPath: join(root, "manifest.xml"),
    ...(cert ? { certPath: cert } : {}),
    ...(key ? { keyPath: key } : {}),
    devCertDir: join(one("store") ?? defaultStoreDir(), "serve"),
    plainHttp: args.flags.has("plain-http"),
    cache: one("cache") ?? DEFAULT_SERVE.cache,
    allowAddresses,
    allowPorts: (args.values.get("allow-port") ?? []).map((p) => wholeOption(p, "allow-port", 1, 65535)!),
    ratePerMinute: wholeOption(one("rate"), "rate", 1, 1_000_000) ?? DEFAULT_SERVE.ratePerMinute,
    maxCacheMs: (wholeOption(one("cache-max-age"), "cache-max-age", 0, 7 * 86_400) ?? DEFAULT_SERVE.maxCacheMs / 1000) * 1000,
    trustedProxies: wholeOption(one("trust-proxy"), "trust-proxy", 0, 10) ?? DEFAULT_SERVE.trustedProxies,
    ...(supportUrl ? { supportUrl } : {}),
    version: packageVersion(),
    log: (line) => out(JSON.stringify({ time: new Date().toISOString(), ...line })),
  }).catch((e: unknown) => {
    throw e instanceof ServeSettingsError ? new UsageError(e.message) : e;
  });
  out(`Signet for Outlook: ${host.url}/taskpane.html`);
  out(`manifest to sideload: ${host.url}/manifest.xml (its URLs name ${host.origin})`);
  if (host.devCertificate) out(`development certificate: ${host.devCertificate} (trust it once; see README, "Outlook")`);
  out("Press Ctrl+C to stop.");
  await new Promise<void>((resolve) => {
    const stop = () => void host.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
