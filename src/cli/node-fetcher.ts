/**
 * The CLI's Fetcher port: Node's own fetch through the one fetch-based Fetcher
 * the browser hosts use too. Used only for AIA and revocation; nothing else in
 * Signet reaches the network.
 */
import { fetchFetcher } from "../hosts/shared/fetch-fetcher.js";

export const nodeFetcher = fetchFetcher();
