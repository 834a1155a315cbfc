/**
 * `signet audit` as an administrator runs it: the compiled CLI on an mbox of
 * OpenSSL-signed messages whose truth is known by construction (who signed, with
 * which key and digest, which one was altered), with fingerprints and expiry dates
 * read from OpenSSL itself. The same archive is audited inline and on two worker
 * threads, and must add up the same.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditSummary, SecurityReport } from "../../src/core/index.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

const root = resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "signet-audit-"));
const ENTRY = join(root, "scripts/signet.js");
const ENV = { ...process.env, SIGNET_STORE: join(tmp, "store") };
const pki = new OpensslPki();
afterAll(() => {
  pki.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

function signet(...args: string[]) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: root, encoding: "utf8", env: ENV, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What OpenSSL says of a certificate: its SHA-256 fingerprint as Signet writes it, and its notAfter as ISO. */
function opensslFacts(who: Identity): { fingerprint: string; notAfter: string } {
  const fingerprint = pki.run(["x509", "-in", who.cert, "-noout", "-fingerprint", "-sha256"]).toString().trim().split("=")[1]!;
  const end = pki.run(["x509", "-in", who.cert, "-noout", "-enddate"]).toString().trim().split("=")[1]!;
  return { fingerprint, notAfter: new Date(end).toISOString() };
}

const mboxEntry = (message: Uint8Array | string): string => `From audit@example.org Thu Dec  3 10:00:00 2026\n${Buffer.from(message).toString("latin1").replace(/\r\n/g, "\n").replace(/^From /gm, ">From ")}\n`;

let ca: Identity;
let alice: Identity;
let carol: Identity;
let dave: Identity;
let archive: string;
/** How many copies of each kind of message the archive holds: the truth the summary must add up to. */
/** 600 in all: past inspectors.ts's WORKERS_AFTER (500), so that --jobs 2 does start a worker. */
const COPIES = { alice: 240, carol: 120, daveSha1: 80, tampered: 60, unsigned: 100 };
const TOTAL = Object.values(COPIES).reduce((a, b) => a + b, 0);

beforeAll(() => {
  ca = pki.makeCa("Audit Root");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
  carol = pki.makeLeaf("carol", ca, { sanEmails: ["carol@example.org"], key: "ec:P-256" });
  dave = pki.makeLeaf("dave", ca, { sanEmails: ["dave@example.org"] });
  const text = (who: string): string => `Content-Type: text/plain\n\nQuarterly figures from ${who}.\n${"Padding line to give the message a realistic size.\n".repeat(40)}`;
  const fromAlice = pki.sign({ signers: [{ who: alice }], content: text("alice"), from: "alice@example.org" });
  const fromCarol = pki.sign({ signers: [{ who: carol }], content: text("carol"), from: "carol@example.org" });
  const fromDave = pki.sign({ signers: [{ who: dave }], content: text("dave"), from: "dave@example.org", md: "sha1" });
  const tampered = Buffer.from(fromAlice).toString("latin1").replace("Quarterly figures from alice", "Quarterly figures from ALICE");
  const unsigned = "From: bob@example.org\nTo: alice@example.org\nSubject: lunch\nDate: Thu, 3 Dec 2026 10:00:00 +0000\n\nNoon?\n";
  const parts: string[] = [];
  // Interleaved, as an archive is: every kind throughout.
  for (let i = 0; i < Math.max(...Object.values(COPIES)); i++) {
    if (i < COPIES.alice) parts.push(mboxEntry(fromAlice));
    if (i < COPIES.carol) parts.push(mboxEntry(fromCarol));
    if (i < COPIES.daveSha1) parts.push(mboxEntry(fromDave));
    if (i < COPIES.tampered) parts.push(mboxEntry(tampered));
    if (i < COPIES.unsigned) parts.push(mboxEntry(unsigned));
  }
  archive = join(tmp, "archive.mbox");
  writeFileSync(archive, parts.join("\n"));
}, 120_000);

describe("signet audit", () => {
  it("adds up verdicts, signatures and issues to the archive's known truth, and lists each signer with OpenSSL's fingerprint and expiry", () => {
    const run = signet("audit", "--json", "--jobs", "2", "--anchor", pki.path(ca.cert), archive);
    expect(run.stderr).toBe(""); // no progress line: standard error is no terminal
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as AuditSummary & { bytes: number };
    expect(summary.messages).toBe(TOTAL);
    expect(summary.verdicts).toEqual({ verified: COPIES.alice + COPIES.carol, warning: 0, danger: COPIES.daveSha1 + COPIES.tampered, none: COPIES.unsigned });
    expect(summary.signature).toEqual({ valid: COPIES.alice + COPIES.carol, invalid: COPIES.tampered, refused: COPIES.daveSha1, unverifiable: 0, unsigned: COPIES.unsigned });
    const issues = Object.fromEntries(summary.issues.map((i) => [i.code, i.messages]));
    expect(issues["digest-mismatch"]).toBe(COPIES.tampered);
    expect(issues["weak-digest"]).toBe(COPIES.daveSha1);
    const signers = Object.fromEntries(summary.signers.map((s) => [s.emails[0], s]));
    expect(Object.keys(signers).sort()).toEqual(["alice@example.org", "carol@example.org", "dave@example.org"]);
    for (const [who, id] of [["alice@example.org", alice], ["carol@example.org", carol], ["dave@example.org", dave]] as const) {
      const facts = opensslFacts(id);
      expect(signers[who]!.fingerprintSha256, who).toBe(facts.fingerprint);
      expect(signers[who]!.notAfter, who).toBe(facts.notAfter);
    }
    // The tampered copies are alice's signature over other bytes: hers, but not verified.
    expect(signers["alice@example.org"]).toMatchObject({ key: "RSA 2048", digestAlgorithms: ["SHA-256"], messages: COPIES.alice + COPIES.tampered, verifiedMessages: COPIES.alice });
    expect(signers["carol@example.org"]).toMatchObject({ key: "EC P-256", digestAlgorithms: ["SHA-256"], messages: COPIES.carol, verifiedMessages: COPIES.carol });
    expect(signers["dave@example.org"]).toMatchObject({ key: "RSA 2048", digestAlgorithms: ["SHA-1"], messages: COPIES.daveSha1, verifiedMessages: 0, issues: { "weak-digest": COPIES.daveSha1 } });
  });

  it("gives the same summary inline as on worker threads", () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const inline = JSON.parse(signet("audit", "--json", "--jobs", "1", "--at", at, "--anchor", pki.path(ca.cert), archive).stdout) as AuditSummary;
    const workers = JSON.parse(signet("audit", "--json", "--jobs", "2", "--at", at, "--anchor", pki.path(ca.cert), archive).stdout) as AuditSummary;
    expect(workers).toEqual(inline);
  });

  it("signet inspect gives the archive's reports in order, the same on two threads as on one (the archive is longer than the 500 messages that bring workers in)", () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const run = (jobs: string) => signet("inspect", "--json", "--exit-zero", "--no-remember", "--jobs", jobs, "--at", at, "--anchor", pki.path(ca.cert), archive);
    const one = JSON.parse(run("1").stdout) as (SecurityReport & { source: { index: number } })[];
    const two = JSON.parse(run("2").stdout) as typeof one;
    expect(two.map((r) => r.source.index)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(two).toEqual(one);
    // The certificates' DER is in inspect's reports, from the workers too (audit's leave it out).
    expect(two.every((r) => r.layers.every((l) => l.kind !== "signed" || l.signers.every((s) => s.certificate?.derBase64)))).toBe(true);
  });

  it("names the signers an administrator must act on: expiring soon, expired, SHA-1", () => {
    const { notAfter } = opensslFacts(alice);
    const soon = new Date(Date.parse(notAfter) - 10 * 86_400_000).toISOString();
    const text = signet("audit", "--at", soon, "--anchor", pki.path(ca.cert), archive).stdout;
    expect(text).toMatch(new RegExp(`^signet audit: ${TOTAL} messages in 1 input`));
    expect(text).toContain("revocation not checked");
    const section = /Certificates expiring within 30 days \(3\)\n((?: {2}.*\n){3})/.exec(text)?.[1] ?? "";
    expect(section).toMatch(new RegExp(`^ {2}alice@example\\.org +RSA 2048, SHA-256 +until \\d{4}-\\d\\d-\\d\\d +${COPIES.alice + COPIES.tampered} messages$`, "m"));
    expect(section).toMatch(new RegExp(`^ {2}carol@example\\.org +EC P-256, SHA-256 +until \\d{4}-\\d\\d-\\d\\d +${COPIES.carol} messages$`, "m"));
    expect(section).toMatch(new RegExp(`^ {2}dave@example\\.org +RSA 2048, SHA-1 +until \\d{4}-\\d\\d-\\d\\d +${COPIES.daveSha1} messages$`, "m"));
    expect(text).toMatch(/Signing with SHA-1 \(1\)\n {2}dave@example\.org +RSA 2048, SHA-1 +until/);
    expect(text).not.toContain("Expired certificates");
    const later = new Date(Date.parse(notAfter) + 86_400_000).toISOString();
    expect(signet("audit", "--at", later, "--anchor", pki.path(ca.cert), archive).stdout).toMatch(/Expired certificates \(3\)/);
  });

  it("reads a message file beside the archive, reports an input it cannot read, exits 4, and still prints the summary", () => {
    const single = join(tmp, "one.eml");
    writeFileSync(single, "From: bob@example.org\nSubject: hello\n\nHi\n");
    const run = signet("audit", "--json", single, join(tmp, "missing.mbox"));
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/cannot read .*missing\.mbox: ENOENT/);
    const summary = JSON.parse(run.stdout) as AuditSummary & { unreadable: { reason: string }[] };
    expect(summary.messages).toBe(1);
    expect(summary.verdicts.none).toBe(1);
    expect(summary.unreadable).toEqual([{ file: join(tmp, "missing.mbox"), reason: "ENOENT" }]);
  });

  it("refuses bad arguments with one line and exit 2", () => {
    expect(signet("audit").status).toBe(2);
    const bad = signet("audit", "--jobs", "0", archive);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--jobs takes a whole number from 1 to 256");
  });
});
