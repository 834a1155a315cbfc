// Debian's Chromium through playwright-core (no browser download), for the host
// tests and bench/hosts.mjs. The flags keep it off the network: this machine's
// closed network refuses Chromium's background connections (env: node.md).
// Playwright gives each launch a new empty profile.
import { spawnSync } from "node:child_process";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** @returns {Promise<import("playwright-core").Browser>} */
export async function launchChromium() {
  if (spawnSync(CHROMIUM, ["--version"]).status !== 0) throw new Error("Chromium is not installed: .ci/run installs Debian's chromium package (apt-get install -y chromium)");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
