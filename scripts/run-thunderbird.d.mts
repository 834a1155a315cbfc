/** The Thunderbird binary: SIGNET_THUNDERBIRD, else the one on PATH. */
export declare const THUNDERBIRD: string;
export interface BannerShown {
  at: number;
  verdict: string | null;
  pending: boolean;
  text: string;
  subject: string | null;
  /** The tab whose message page showed the banner. */
  tabId: number | null;
  messageId: number | null;
  msSinceGetRaw: number | null;
  /** When getRaw's bytes arrived, and when the background had the local and the final answer, ms after asking. */
  msRaw: number | null;
  msInspectLocal: number | null;
  msInspectFinal: number | null;
  /** The background's final report for the message (added by the harness). */
  report: unknown;
  /** The personal mark the banner showed, null before the background sent it. */
  mark: string | null;
  /** Where the banner was drawn and whether anything of the message covered it (banner-geometry.ts). */
  geometry: import("../src/hosts/thunderbird/banner-geometry.js").BannerGeometry;
  /** For a partly signed message: whether the banner found the signed part in the page and marked it, and that part's first text. */
  signedPart: { found: "one" | "none" | "several"; text: string | null } | null;
  /** The body's child elements, "tag.class: first text", as Thunderbird rendered the message. */
  bodyOutline: string[];
}
export declare function runThunderbird(options: {
  fixtures: { name: string; bytes: Uint8Array }[];
  anchors: Uint8Array[];
  /** PKCS#12 files the harness imports into Signet's key store through the add-on's commands. */
  keys?: { p12: Uint8Array; password: string }[];
  /** Fixtures whose tab the harness captures as a PNG (logged as { screenshot: name, png: data URL }). */
  screenshots?: string[];
  /** Fixtures whose report the harness opens as the message list's menu does (logged as { menuReport: name, ... }), and captures. */
  menuReports?: string[];
  timeoutMs?: number;
  /** Runs on the new profile folder before Thunderbird starts (to import keys with pk12util, say). */
  beforeStart?: (profile: string) => void;
}): Promise<{
  banners: BannerShown[];
  logs: unknown[];
  fixtureOf: (id: number | null) => string | undefined;
  /** What Thunderbird printed, its console included (devtools.console.stdout.*). */
  console: string[];
}>;
