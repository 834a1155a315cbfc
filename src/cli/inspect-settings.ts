/**
 * The options `signet inspect` and `signet audit` share, read from the command line once into
 * plain data: so that `audit`'s worker threads, which receive it as workerData, set up exactly
 * what the main thread would.
 */
import { systemClock, type InspectOptions, type Ports } from "../core/index.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { defaultStoreDir, FolderStore } from "./folder-store.js";
import { cliFetcher } from "./node-fetcher.js";
import { trustInputs } from "./trust-setup.js";

export const SETTING_FLAGS = ["allow-sha1", "no-sender-check", "no-default-roots", "at-signing-time", "allow-private-network"] as const;
export const SETTING_VALUES = ["at", "anchor", "crl", "revocation", "revocation-depth", "store"] as const;

export interface InspectSettings {
  acceptSha1: boolean;
  checkSenderBinding: boolean;
  validateAtSigningTime: boolean;
  /** ISO time to judge certificates at, when not now. */
  at?: string;
  revocation?: "off" | "soft" | "hard";
  revocationDepth?: "chain" | "signer";
  anchorFiles: string[];
  crlFiles: string[];
  defaultRoots: boolean;
  storeDir: string;
  allowPrivateNetwork: boolean;
  /** MIME paths of encrypted parts to open although they stand beside other content (inspect's --open-part). */
  openParts: string[];
}

export function readInspectSettings(args: ParsedArgs, defaults: { revocation?: "off" | "soft" | "hard" } = {}): InspectSettings {
  const settings: InspectSettings = {
    acceptSha1: args.flags.has("allow-sha1"),
    checkSenderBinding: !args.flags.has("no-sender-check"),
    validateAtSigningTime: args.flags.has("at-signing-time"),
    anchorFiles: args.values.get("anchor") ?? [],
    crlFiles: args.values.get("crl") ?? [],
    defaultRoots: !args.flags.has("no-default-roots"),
    storeDir: args.values.get("store")?.at(-1) ?? defaultStoreDir(),
    allowPrivateNetwork: args.flags.has("allow-private-network"),
    openParts: args.values.get("open-part") ?? [],
  };
  const at = args.values.get("at")?.at(-1);
  if (at !== undefined) {
    const t = Date.parse(at);
    if (Number.isNaN(t)) throw new UsageError(`--at: not an ISO-8601 time: ${at}`);
    settings.at = new Date(t).toISOString();
  }
  const revocation = args.values.get("revocation")?.at(-1) ?? defaults.revocation;
  if (revocation !== undefined) {
    if (revocation !== "off" && revocation !== "soft" && revocation !== "hard") throw new UsageError(`--revocation: off, soft or hard, not ${revocation}`);
    settings.revocation = revocation;
  }
  const depth = args.values.get("revocation-depth")?.at(-1);
  if (depth !== undefined) {
    if (depth !== "chain" && depth !== "signer") throw new UsageError(`--revocation-depth: chain or signer, not ${depth}`);
    settings.revocationDepth = depth;
  }
  return settings;
}

export interface InspectSetup {
  options: InspectOptions;
  ports: Ports & { store: FolderStore };
}

/** The options and ports one run (or one worker of it) inspects with: trust read once and shared by every message. */
export async function inspectSetup(settings: InspectSettings): Promise<InspectSetup> {
  const options: InspectOptions = {
    acceptSha1: settings.acceptSha1,
    checkSenderBinding: settings.checkSenderBinding,
    validateAtSigningTime: settings.validateAtSigningTime,
  };
  if (settings.at !== undefined) options.validationTime = new Date(settings.at);
  if (settings.openParts.length) options.openParts = settings.openParts;
  if (settings.revocation !== undefined) options.revocation = settings.revocation;
  if (settings.revocationDepth !== undefined) options.revocationDepth = settings.revocationDepth;
  const store = new FolderStore(settings.storeDir);
  // The network is reached only for AIA and revocation, through the fetcher; answers are cached in the store.
  const fetcher = cliFetcher(settings.allowPrivateNetwork);
  options.trust = await trustInputs(store, { anchors: settings.anchorFiles, crls: settings.crlFiles }, settings.defaultRoots, fetcher);
  return { options, ports: { clock: systemClock, fetcher, store } };
}
