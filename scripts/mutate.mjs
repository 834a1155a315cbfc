// npm run mutate [-- FOLDER...]: StrykerJS over the security folders, one folder per run, each
// with its own incremental file in mutation/ (committed, so that a run builds on the last one:
// only mutants whose code or covering tests changed are tried again). FOLDER is one of the
// names below; none means all of them, in this order. Each run's report is kept as
// reports/mutation-FOLDER.json for scripts/mutation-survivors.mjs.
//
// --force tries every mutant again. Use it for the figures you report: an incremental run keeps a
// mutant that survived as survived while no test of a new name covers it, so a test made
// stronger under its old name is not tried on it (seen here: survivors that the suite, run by
// hand on the same mutant, kills).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = {
  "private-address": "src/hosts/shared/private-address.ts",
  policy: "src/core/policy/**/*.ts",
  crypto: "src/core/crypto/**/*.ts",
  path: "src/core/path/**/*.ts",
  cms: "src/core/cms/**/*.ts",
  layers: "src/core/layers/**/*.ts",
  signer: "src/core/signer/**/*.ts",
  revocation: "src/core/revocation/**/*.ts",
  // Issue 12: the decryption primitives (a subset of crypto, for a run of its own) and the key store.
  // Stryker splits --mutate on commas, so the files are listed, not braced.
  decryption: "src/core/crypto/rsa-decrypt.ts,src/core/crypto/legacy-cbc.ts,src/core/crypto/aes-software.ts,src/core/crypto/key-agreement.ts,src/core/crypto/content-cipher.ts,src/core/cms/open-enveloped.ts",
  keys: "src/core/keys/**/*.ts",
  // Issue 13: the relay's checks and the Outlook pane's choice of bytes.
  relay: "src/server/address-policy.ts,src/server/pinned-lookup.ts,src/server/upstream.ts,src/server/relay-route.ts,src/server/cache-lifetime.ts,src/server/relay-cache.ts,src/hosts/outlook/smime-route.ts",
};

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const asked = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const knownFlags = new Set(["--force"]);
if (flags.some((f) => !knownFlags.has(f))) {
  console.error(`mutate: unknown option ${flags.filter((f) => !knownFlags.has(f)).join(", ")}; only --force`);
  process.exit(2);
}
const unknown = asked.filter((name) => !(name in FOLDERS));
if (unknown.length) {
  console.error(`mutate: unknown folder ${unknown.join(", ")}; one of ${Object.keys(FOLDERS).join(", ")}`);
  process.exit(2);
}
mkdirSync(join(root, "mutation"), { recursive: true });
const env = {
  ...process.env,
  SIGNET_CORPORA: process.env.SIGNET_CORPORA ?? join(root, "../shared/corpora"),
  SIGNET_OPENSSL_REPLAY: join(root, "reports/openssl-replay"),
};
let failed = false;
for (const name of asked.length ? asked : Object.keys(FOLDERS)) {
  const args = ["stryker", "run", "--mutate", FOLDERS[name], "--incrementalFile", `mutation/${name}.json`, ...flags];
  console.log(`\nmutate: ${name} (npx ${args.join(" ")})`);
  const run = spawnSync("npx", args, { cwd: root, env, stdio: "inherit" });
  if (run.status !== 0) failed = true;
  else copyFileSync(join(root, "reports/mutation.json"), join(root, `reports/mutation-${name}.json`));
}
process.exit(failed ? 1 : 0);
