/**
 * Two relays sharing one real Redis (Debian's redis-server, started here on a
 * loopback port; .ci/run installs it): what the first fetched, the second
 * answers from the cache, with one upstream request between them. When Redis
 * goes away, both keep answering, uncached, within their usual time; when it
 * comes back, sharing resumes. Rate counts are shared through it too.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHost, type RunningHost } from "../../src/server/serve.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";
import { testServeSettings } from "../helpers/serve-settings.js";

const dir = mkdtempSync(join(tmpdir(), "signet-redis-"));
let redis: ChildProcess | null = null;
let redisPort = 0;
let ca: Server;
let caPort = 0;
let crl: Buffer;
let upstream = 0;
const relays: RunningHost[] = [];
const cacheEvents: string[] = [];

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => done(port));
    });
  });
}

async function startRedis(): Promise<void> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) throw new Error("redis-server is not installed: .ci/run installs Debian's redis-server package (apt-get install -y redis-server)");
  redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (spawnSync("redis-cli", ["-p", String(redisPort), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("redis-server did not start");
}

async function stopRedis(): Promise<void> {
  const proc = redis;
  redis = null;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((done) => {
    proc.once("exit", () => done());
    proc.kill("SIGKILL");
  });
}

async function relay(ratePerMinute = 1000): Promise<RunningHost> {
  const host = await startHost(
    testServeSettings(dir, {
      cache: `redis://127.0.0.1:${redisPort}`,
      allowAddresses: ["127.0.0.1"],
      allowPorts: [caPort],
      ratePerMinute,
      log: (line) => line.event === "cache" && cacheEvents.push(String(line.state)),
    }),
  );
  relays.push(host);
  return host;
}

async function ask(host: RunningHost, path: string) {
  const res = await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin, "x-signet-url": `http://127.0.0.1:${caPort}${path}`, "x-signet-method": "GET" } });
  return { status: res.status, cache: res.headers.get("x-signet-cache"), body: Buffer.from(await res.arrayBuffer()) };
}

/** Waits until every relay's Redis client is connected (its "ready"). */
async function untilUp(count: number): Promise<void> {
  for (let i = 0; i < 100 && cacheEvents.filter((e) => e === "up").length < count; i++) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  const pki = new ScenarioPki();
  pki.build([{ name: "Root" }]);
  crl = pki.gencrl("Root", { days: 7 });
  pki.cleanup();
  ca = createServer((req, res) => {
    upstream++;
    res.writeHead(200, { "content-type": "application/pkix-crl" }).end(crl);
  });
  await new Promise<void>((done) => ca.listen(0, "127.0.0.1", done));
  caPort = (ca.address() as AddressInfo).port;
  redisPort = await freePort();
  await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await stopRedis();
  ca.closeAllConnections();
  await new Promise<void>((done) => ca.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

describe("two relays on one Redis", () => {
  it("the second answers from the cache what the first fetched: one upstream request", async () => {
    const [a, b] = [await relay(), await relay()];
    await untilUp(2);
    upstream = 0;
    const first = await ask(a, "/root.crl?1");
    const second = await ask(b, "/root.crl?1");
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, "miss", 200, "hit"]);
    expect(second.body.equals(crl)).toBe(true);
    expect(upstream).toBe(1);
    // What Redis holds expires with the CRL's lifetime capped by the relay's ceiling (an hour here).
    const ttl = Number(spawnSync("redis-cli", ["-p", String(redisPort), "--scan", "--pattern", "signet:relay:v1:*"], { encoding: "utf8" }).stdout.trim().split("\n").map((k) => spawnSync("redis-cli", ["-p", String(redisPort), "pttl", k], { encoding: "utf8" }).stdout.trim())[0]);
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it("without Redis both keep answering, uncached and without delay; with it back, sharing resumes", async () => {
    const [a, b] = relays as [RunningHost, RunningHost];
    await stopRedis();
    upstream = 0;
    const started = Date.now();
    const answers = [await ask(a, "/root.crl?2"), await ask(b, "/root.crl?2"), await ask(a, "/root.crl?2")];
    expect(answers.map((r) => [r.status, r.cache])).toEqual([
      [200, "miss"],
      [200, "miss"],
      [200, "miss"],
    ]);
    expect(upstream).toBe(3);
    // No request waited for a reconnect (an offline queue would hold them until Redis came back): a bound on a hang, not a timing.
    expect(Date.now() - started).toBeLessThan(10_000);
    for (let i = 0; i < 40 && cacheEvents.filter((e) => e === "down").length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(cacheEvents.filter((e) => e === "down")).toHaveLength(2);
    await startRedis();
    await untilUp(4);
    upstream = 0;
    expect((await ask(a, "/root.crl?3")).cache).toBe("miss");
    expect((await ask(b, "/root.crl?3")).cache).toBe("hit");
    expect(upstream).toBe(1);
  }, 30_000);

  it("rate counts are shared: a client's requests to either relay count against one limit", async () => {
    const [c, d] = [await relay(3), await relay(3)];
    await untilUp(6);
    // The earlier tests' requests came from this same address and count in the same minute.
    spawnSync("redis-cli", ["-p", String(redisPort), "flushall"]);
    const statuses = [await ask(c, "/root.crl?4"), await ask(d, "/root.crl?4"), await ask(c, "/root.crl?4"), await ask(d, "/root.crl?4")].map((r) => r.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
