// `npm start`: serves the demo page on 127.0.0.1 (dist/demo, with the samples
// under /samples/), and prints its URL and the path of the built .xpi.
// Only 127.0.0.1 is bound: the page is for the person at this machine.
//   node scripts/serve-demo.mjs [--port N]
import { createServer } from "node:http";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".eml": "message/rfc822", ".pem": "application/x-pem-file", ".svg": "image/svg+xml" };

/** Maps a URL path to a file under dist/demo or samples, refusing anything outside them. */
function resolvePath(urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split("?")[0] ?? "/"));
  if (path.includes("\0") || path.split("/").includes("..")) return null;
  if (path === "/" || path === "/index.html") return join(root, "src/hosts/demo/index.html");
  if (path.startsWith("/samples/")) return join(root, "samples", path.slice("/samples/".length));
  return join(root, "dist/demo", path.slice(1));
}

export function sampleList() {
  const samples = readdirSync(join(root, "samples")).filter((f) => f.endsWith(".eml")).sort();
  return { samples, anchor: "samples/certs/signet-sample-root-ca.pem" };
}

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} */
export function serveDemo(port = 0) {
  const server = createServer((req, res) => {
    if (req.method !== "GET") {
      res.writeHead(405).end();
      return;
    }
    if (req.url === "/samples.json") {
      res.writeHead(200, { "content-type": TYPES[".json"] }).end(JSON.stringify(sampleList()));
      return;
    }
    const file = resolvePath(req.url ?? "/");
    if (!file || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "x-content-type-options": "nosniff" }).end(readFileSync(file));
  });
  return new Promise((done, fail) => {
    server.once("error", (e) => {
      // The usual port is taken (another `npm start`?): any free one will do.
      if (e.code === "EADDRINUSE" && port !== 0) serveDemo(0).then(done, fail);
      else fail(e);
    });
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      done({ url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((c) => server.close(() => c())) });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf("--port");
  const port = at > 0 ? Number(process.argv[at + 1]) : 8377;
  if (!existsSync(join(root, "dist/demo/demo.js"))) {
    console.error("dist/demo/demo.js is missing: run `npm run build` first (npm start does).");
    process.exit(1);
  }
  const { url } = await serveDemo(port);
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const xpi = join(root, "dist", `signet-thunderbird-${version}.xpi`);
  console.log(`Signet demo page: ${url}`);
  console.log(existsSync(xpi) ? `Thunderbird add-on: ${xpi}` : "Thunderbird add-on: not built (npm run build)");
  console.log("Press Ctrl+C to stop.");
}
