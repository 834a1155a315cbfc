/**
 * Where the shared public corpora live (../shared/corpora beside the checkout,
 * or SIGNET_CORPORA). They are read in place, never copied into the project.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const CORPORA = process.env.SIGNET_CORPORA ?? resolve(root, "../shared/corpora");

export function corpus(name: string): string | null {
  const dir = join(CORPORA, name);
  if (existsSync(dir)) return dir;
  // Said plainly, once per suite: a clone outside this workplace has no corpora.
  console.log(`conformance: ${dir} not found; the ${name} suite is skipped`);
  return null;
}
