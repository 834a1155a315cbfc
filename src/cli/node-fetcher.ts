/**
 * The CLI's Fetcher port: Node's own fetch through the one fetch-based Fetcher
 * the browser hosts use too. Used only for AIA and revocation; nothing else in
 * Signet reaches the network.
 */
import { lookup } from "node:dns/promises";
import type { Fetcher } from "../core/index.js";
import { fetchFetcher } from "../hosts/shared/fetch-fetcher.js";

/** Every address the system resolver gives for a name (getaddrinfo, as Node's fetch connects). */
export async function nodeResolve(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
}

/** The default: URLs naming or resolving to this machine or a private network are refused, as in the add-on. */
export const nodeFetcher = fetchFetcher({ resolve: nodeResolve });

/** For `--allow-private-network`: a company PKI whose CRL or OCSP URL is a private address, or a test's responder on 127.0.0.1. */
export const privateNetworkFetcher = fetchFetcher({ privateAddresses: "allow" });

export function cliFetcher(allowPrivateNetwork: boolean): Fetcher {
  return allowPrivateNetwork ? privateNetworkFetcher : nodeFetcher;
}
