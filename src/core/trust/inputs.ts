/**
 * The trust inputs every host builds the same way: the bundled roots (unless
 * turned off), the user's decisions from the Store, any anchors the caller
 * adds, and AIA through the host's Fetcher when it has one.
 */
import { AiaIssuerSource } from "../path/aia-source.js";
import { CertificatePool, type IssuerSource } from "../path/issuer-source.js";
import type { Fetcher, Store } from "../ports.js";
import type { ParsedCrl } from "../revocation/crl.js";
import type { CertificateView } from "../x509/certificate.js";
import { indexedBundledAnchors } from "./bundled.js";
import { TrustStore, type IndexedAnchor, type TrustAnchor } from "./trust-store.js";
import { loadUserTrust } from "./user-trust.js";

/** What a signer is judged against: the anchors and distrust, and where issuers are looked for. */
export interface TrustInputs {
  store: TrustStore;
  /** Intermediates seen before (shared across messages); found ones are added. */
  cache?: CertificatePool;
  /** Remote sources (AIA), asked last. */
  remote?: readonly IssuerSource[];
  /** CRLs the caller supplies (the CLI's --crl), consulted after those the message carries and before the network. */
  crls?: readonly ParsedCrl[];
}

export interface TrustSetup {
  /** The user's decisions; absent means none (bundled and extra anchors only). */
  store?: Store;
  /** AIA fetches for missing intermediates; absent means local certificates only. */
  fetcher?: Fetcher;
  /** Anchors from the caller (the CLI's --anchor, the demo page's sample root). Default none. */
  extraAnchors?: readonly CertificateView[];
  /** Include Mozilla's email roots. Default true. */
  bundledRoots?: boolean;
  /** CRLs the caller supplies (the CLI's --crl). Default none. */
  crls?: readonly ParsedCrl[];
}

export async function buildTrustInputs(setup: TrustSetup): Promise<TrustInputs> {
  const user = setup.store ? await loadUserTrust(setup.store) : { anchors: [], distrusted: [], distrustedCertificates: [] };
  const anchors: (TrustAnchor | IndexedAnchor)[] = [
    ...(setup.bundledRoots === false ? [] : indexedBundledAnchors()),
    ...user.anchors,
    ...(setup.extraAnchors ?? []).map((certificate) => ({ certificate, source: "option" as const })),
  ];
  const cache = new CertificatePool("cache");
  const store = await TrustStore.create(anchors, user.distrusted, user.distrustedCertificates);
  const crls = setup.crls?.length ? { crls: setup.crls } : {};
  return setup.fetcher ? { store, cache, remote: [new AiaIssuerSource(setup.fetcher, cache)], ...crls } : { store, cache, ...crls };
}
