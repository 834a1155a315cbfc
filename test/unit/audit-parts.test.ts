/**
 * The parts of `signet audit` below the command: the progress line (drawn only on a
 * terminal, at most ten times a second), the archive reader's limit, and a message
 * over the limit reported as inspectMessage reports one.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArchive, type ArchiveItem } from "../../src/cli/archive-reader.js";
import { formatDuration, Progress } from "../../src/cli/progress.js";
import { AuditTally, inspectMessage, inspectTooLarge } from "../../src/core/index.js";

const tmp = mkdtempSync(join(tmpdir(), "signet-audit-parts-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("Progress", () => {
  it("draws messages, rate, share and time left on a terminal, redrawing at most every 100 ms, and clears its line at the end", () => {
    const writes: string[] = [];
    let now = 0;
    const progress = new Progress({ isTTY: true, write: (s) => writes.push(s) }, 1000, () => now);
    now = 2000;
    progress.read(250);
    progress.done(100);
    expect(writes).toEqual(["\r\x1b[2K100 messages · 50/s · 25% · about 6 s left"]);
    now = 2050;
    progress.done();
    expect(writes).toHaveLength(1); // 50 ms later: not redrawn
    now = 2200;
    progress.done();
    expect(writes).toHaveLength(2);
    progress.finish();
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("is silent when the stream is no terminal, or there is none (--json)", () => {
    const writes: string[] = [];
    const piped = new Progress({ isTTY: false, write: (s) => writes.push(s) }, 10, () => 5000);
    piped.done(3);
    piped.finish();
    const none = new Progress(null, null);
    none.done();
    none.finish();
    expect(writes).toEqual([]);
    expect(piped.line(5000)).toBe("3 messages");
    expect(piped.line(8000)).toBe("3 messages · 1/s");
  });

  it("writes durations as a person reads them", () => {
    expect([formatDuration(42.4), formatDuration(185), formatDuration(3720), formatDuration(-1)]).toEqual(["42 s", "3 m 05 s", "1 h 02 m", "0 s"]);
  });
});

async function items(file: string, limit: number): Promise<ArchiveItem[]> {
  const out: ArchiveItem[] = [];
  for await (const item of readArchive(file, limit)) out.push(item);
  return out;
}

describe("readArchive", () => {
  it("splits an mbox as it streams, skipping a message over the limit by its size", async () => {
    const file = join(tmp, "a.mbox");
    writeFileSync(file, `From a\nSubject: one\n\nx\n\nFrom b\nSubject: big\n\n${"y".repeat(5000)}\n\nFrom c\nSubject: three\n\nz\n`);
    const got = await items(file, 1000);
    expect(got.map((i) => (i.kind === "message" ? [i.index, new TextDecoder().decode(i.bytes)] : [i.kind, "index" in i ? i.index : null]))).toEqual([
      [1, "Subject: one\n\nx\n"],
      ["oversized", 2],
      [3, "Subject: three\n\nz\n"],
    ]);
  });

  it("reads any other file as one message, or as oversized past the limit; an unreadable file is said to be so", async () => {
    const file = join(tmp, "one.eml");
    writeFileSync(file, "Subject: hi\n\nhello\n");
    expect(await items(file, 1000)).toEqual([{ kind: "message", file, bytes: new TextEncoder().encode("Subject: hi\n\nhello\n") }]);
    expect(await items(file, 10)).toEqual([{ kind: "oversized", file, size: 19 }]);
    expect(await items(join(tmp, "nothing-here"), 10)).toEqual([{ kind: "unreadable", file: join(tmp, "nothing-here"), reason: "ENOENT" }]);
  });
});

describe("a message known only by its size", () => {
  it("is reported as inspectMessage reports a message over the limit, and counted as oversized", async () => {
    const clock = { now: () => new Date("2026-12-01T00:00:00Z") };
    const skipped = await inspectTooLarge(200 * 1024 * 1024, { clock });
    const big = await inspectMessage(new TextEncoder().encode("Subject: x\n\nbody\n"), { clock }, { limits: { maxMessageBytes: 4 } });
    expect(skipped.verdict).toBe("danger");
    expect(skipped.issues.map((i) => [i.code, i.params.limit, i.params.size])).toEqual([["limit-exceeded", "maxMessageBytes", 200 * 1024 * 1024]]);
    expect(skipped.message.sizeBytes).toBe(200 * 1024 * 1024);
    const shape = (r: typeof big) => [r.signature, r.trust, r.revocation, r.encryption, r.verdict, r.issues.map((i) => [i.code, i.severity, i.params.limit])];
    expect(shape(skipped)).toEqual(shape(big));
    const tally = new AuditTally(clock.now());
    tally.add(skipped);
    expect(tally.summary()).toMatchObject({ messages: 1, oversized: 1, verdicts: { danger: 1 }, issues: [{ code: "limit-exceeded", severity: "error", messages: 1 }] });
  });
});
