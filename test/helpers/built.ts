/** Host tests read the bundles `npm test` builds first (npm run build); run that before a single host test. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const DIST = resolve(import.meta.dirname, "../../dist");

export function requireBuilt(file: string): string {
  const path = join(DIST, file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does)`);
  return path;
}
