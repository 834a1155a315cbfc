/**
 * `signet serve` as an operator runs it: the compiled command starts, prints
 * where the pane and the manifest are, answers over HTTPS with the development
 * certificate it made (key readable by the user only), hands out the manifest
 * on its --origin, and stops on SIGTERM; its usage errors are one line, exit 2.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { requireBuilt } from "../helpers/built.js";

const root = resolve(import.meta.dirname, "../..");
const ENTRY = join(root, "scripts/signet.js");
const tmp = mkdtempSync(join(tmpdir(), "signet-serve-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("signet serve", () => {
  it("starts, serves the pane and the manifest over HTTPS on its origin, and stops on SIGTERM", async () => {
    requireBuilt("outlook/taskpane.js");
    const child = spawn(process.execPath, [ENTRY, "serve", "--port", "0", "--store", tmp, "--origin", "https://signet.example.org", "--support-url", "https://help.example.org/signet"], { cwd: root });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 20_000);
      child.stdout.on("data", () => {
        const m = /Signet for Outlook: (https:\/\/127\.0\.0\.1:\d+)\/taskpane\.html/.exec(out);
        if (!m || !out.includes("Press Ctrl+C to stop.")) return;
        clearTimeout(timer);
        done(m[1]!);
      });
    });
    expect(out).toContain(`manifest to sideload: ${url}/manifest.xml (its URLs name https://signet.example.org)`);
    const cert = join(tmp, "serve/dev-server-cert.pem");
    expect(out).toContain(`development certificate: ${cert}`);
    expect(statSync(join(tmp, "serve/dev-server-key.pem")).mode & 0o777).toBe(0o600);
    const dispatcher = new Agent({ connect: { ca: readFileSync(cert), servername: "localhost" } });
    const pane = await undiciFetch(`${url}/taskpane.html`, { dispatcher });
    expect(pane.status).toBe(200);
    expect(pane.headers.get("content-security-policy")).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(await pane.text()).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    const manifest = await (await undiciFetch(`${url}/manifest.xml`, { dispatcher })).text();
    expect(manifest).toContain('<SourceLocation DefaultValue="https://signet.example.org/taskpane.html"/>');
    expect(manifest).toContain('<SupportUrl DefaultValue="https://help.example.org/signet"/>');
    await dispatcher.close();
    const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("usage errors are one line with where help is, exit 2", () => {
    const cases: [string[], string][] = [
      [["--origin", "http://signet.example.org"], "--origin is https://host[:port], nothing after it"],
      [["--origin", "https://signet.example.org/path"], "--origin is https://host[:port], nothing after it"],
      [["--allow-address", "intranet.example.org"], "--allow-address intranet.example.org is no address or CIDR range"],
      [["--port", "70000"], "--port takes a whole number from 0 to 65535"],
      [["--support-url", "http://help.example.org"], "--support-url must be an https URL (Outlook and AppSource refuse others)"],
      [["--proxy", "x"], "unknown option --proxy"],
      [["extra"], "serve takes no file names (extra)"],
      [["--cert", "server.pem", "--port", "0"], "--cert and --key go together"],
      [["--cache", "memcached://127.0.0.1", "--port", "0"], "--cache is memory or a redis:// URL"],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync(process.execPath, [ENTRY, "serve", ...args, "--store", tmp], { cwd: root, encoding: "utf8" });
      expect([args, r.status, r.stderr]).toEqual([args, 2, `signet: ${message}\nTry 'signet --help'.\n`]);
    }
  });

  it("--plain-http only on loopback, said in words, not a stack trace", () => {
    const r = spawnSync(process.execPath, [ENTRY, "serve", "--plain-http", "--host", "0.0.0.0", "--port", "0", "--store", tmp], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("signet: --plain-http listens only on a loopback address (behind a TLS-terminating proxy on the same machine)\nTry 'signet --help'.\n");
  });

  it("--help prints the serve synopsis with each default", () => {
    const r = spawnSync(process.execPath, [ENTRY, "serve", "--help"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: signet serve");
    expect(r.stdout).toContain("(default 127.0.0.1)");
    expect(r.stdout).toContain("(default 300)");
    expect(r.stdout).toContain("(default 3600)");
  });
});
