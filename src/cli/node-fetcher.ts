/**
 * The CLI's Fetcher port: Node's own fetch through the one fetch-based Fetcher
 * the browser hosts use too. Used only for AIA and revocation; nothing else in
 * Signet reaches the network.
 */
import type { Fetcher } from "../core/index.js";
import { fetchFetcher } from "../hosts/shared/fetch-fetcher.js";

/** The default: URLs naming this machine or a private network are refused, as in the add-on. */
export const nodeFetcher = fetchFetcher();

/** For `--allow-private-network`: a company PKI whose CRL or OCSP URL is a private address, or a test's responder on 127.0.0.1. */
export const privateNetworkFetcher = fetchFetcher({ privateAddresses: "allow" });

export function cliFetcher(allowPrivateNetwork: boolean): Fetcher {
  return allowPrivateNetwork ? privateNetworkFetcher : nodeFetcher;
}
