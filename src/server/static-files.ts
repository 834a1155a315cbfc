/**
 * The built pane's files (dist/outlook), served read-only: a fixed set of
 * names read from one folder, so no request path can reach outside it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".eml": "message/rfc822",
  ".pem": "application/x-pem-file",
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** Every file under `dir` by its URL path ("/taskpane.html", "/icons/icon-16.png"), read once at start. */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  const walk = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      const path = join(dir, rel);
      if (statSync(path).isDirectory()) walk(rel);
      else files.set(`/${rel}`, { body: readFileSync(path), type: TYPES[extname(name)] ?? "application/octet-stream" });
    }
  };
  walk("");
  return files;
}
