/**
 * The `signet` command as a user runs it: the compiled CLI (scripts/signet.js) on
 * the bundled samples, on an mbox, and on bad arguments. The samples are
 * OpenSSL-made; where a verdict is about the signature itself, OpenSSL's own
 * verdict is checked too.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SecurityReport } from "../../src/core/index.js";
import { signers } from "../helpers/inspect.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const root = resolve(import.meta.dirname, "../..");
const samples = readdirSync(join(root, "samples")).filter((f) => f.endsWith(".eml")).sort().map((f) => join("samples", f));
const tmp = mkdtempSync(join(tmpdir(), "signet-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const store = join(tmp, "store");
const ANCHOR = ["--anchor", "samples/certs/signet-sample-root-ca.pem"];

const ENTRY = join(root, "scripts/signet.js");
/** A store folder of the tests' own, never the user's ~/.config/signet. */
const ENV = { ...process.env, SIGNET_STORE: store };

function signet(...args: string[]) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: root, encoding: "utf8", env: ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function opensslVerifies(file: string): boolean {
  return spawnSync("openssl", ["cms", "-verify", "-noverify", "-in", join(root, file), "-out", "/dev/null"], { stdio: "ignore" }).status === 0;
}

describe("signet inspect on the bundled samples", () => {
  const run = signet("inspect", "--json", ...ANCHOR, ...samples);
  const reports = JSON.parse(run.stdout) as SecurityReport[];
  const byName = Object.fromEntries(samples.map((f, i) => [f.replace(/^samples\/\d+-|\.eml$/g, ""), reports[i]!]));

  it("prints one report per file, as an array in the order given, each naming its file; exits 3, the worst verdict being danger", () => {
    expect(run.status).toBe(3);
    expect(reports.map((r) => (r as SecurityReport & { source: unknown }).source)).toEqual(samples.map((file) => ({ file })));
  });

  it("gives each sample the verdict its name promises", () => {
    const summary = Object.fromEntries(Object.entries(byName).map(([k, r]) => [k, [r.signature, r.encryption, r.verdict]]));
    expect(summary).toEqual({
      "signed-valid": ["valid", "none", "verified"],
      "signed-opaque-ecdsa": ["valid", "none", "verified"],
      tampered: ["invalid", "none", "danger"],
      "wrong-sender": ["valid", "none", "danger"],
      "partially-signed": ["valid", "none", "warning"],
      // OpenSSL verifies it: intact, refused for SHA-1 (not "INVALID", which would say it was changed).
      "sha1-signed": ["refused", "none", "danger"],
      "encrypted-to-bob": ["unverifiable", "no-key", "warning"],
      unsigned: ["unsigned", "none", "none"],
      "two-signers": ["valid", "none", "verified"],
      "untrusted-signer": ["valid", "none", "warning"],
      revoked: ["valid", "none", "danger"],
    });
    expect(byName["untrusted-signer"]!.trust).toBe("untrusted");
    expect(byName["untrusted-signer"]!.issues.map((i) => i.code)).toEqual(["unknown-issuer"]);
    // OpenSSL agrees: `openssl cms -verify -crl_check` with the sample CA's CRL says "certificate revoked".
    expect(byName.revoked!.revocation).toBe("revoked");
    expect(byName.revoked!.issues.map((i) => i.code)).toEqual(["revoked"]);
    expect(byName["signed-valid"]!.trust).toBe("trusted");
    expect(byName["wrong-sender"]!.issues.map((i) => i.code)).toEqual(["sender-mismatch"]);
    expect(byName["partially-signed"]!.issues.map((i) => i.code)).toEqual(["partially-signed"]);
    expect(byName["sha1-signed"]!.issues.map((i) => i.code)).toEqual(["weak-digest"]);
  });

  it("agrees with OpenSSL on which samples' signatures verify", () => {
    for (const name of ["signed-valid", "signed-opaque-ecdsa", "tampered", "wrong-sender", "two-signers", "untrusted-signer", "revoked"]) {
      const file = samples.find((f) => f.includes(name))!;
      expect(opensslVerifies(file), name).toBe(byName[name]!.signature === "valid");
    }
  });

  it("agrees with OpenSSL's chain and CRL check on the trusted, untrusted and revoked samples", () => {
    const dir = mkdtempSync(join(tmpdir(), "signet-samples-"));
    const caAndCrl = join(dir, "ca-and-crl.pem");
    writeFileSync(caAndCrl, Buffer.concat(["signet-sample-root-ca.pem", "signet-sample-root-ca.crl.pem"].map((f) => readFileSync(join(root, "samples/certs", f)))));
    const peer = (name: string): string =>
      spawnSync("openssl", ["cms", "-verify", "-crl_check", "-CAfile", caAndCrl, "-in", join(root, samples.find((f) => f.includes(name))!), "-out", "/dev/null"], { encoding: "utf8" }).stderr;
    expect(peer("signed-valid")).toMatch(/Verification successful/);
    expect(peer("untrusted-signer")).toMatch(/unable to get local issuer certificate/);
    expect(peer("revoked")).toMatch(/certificate revoked/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a single file gives a single report, not an array", () => {
    const one = signet("inspect", "--json", samples[0]!);
    expect(Array.isArray(JSON.parse(one.stdout))).toBe(false);
  });

  it("text output leads with the verdict, then layers, signers and issues", () => {
    const text = signet("inspect", "samples/03-tampered.eml");
    expect(text.status).toBe(3);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toBe("samples/03-tampered.eml");
    expect(lines[1]).toMatch(/^ {2}DANGER: signature INVALID/);
    expect(text.stdout).toMatch(/signer 0: INVALID .*alice@example\.org/);
    expect(text.stdout).toMatch(/error {3}digest-mismatch \[layer 0, signer 0\]: The signed content was changed after signing\./);
  });

  it("--at sets the validation time", () => {
    const r = JSON.parse(signet("inspect", "--json", "--at", "2030-01-02T03:04:05Z", samples[0]!).stdout) as SecurityReport;
    expect(r.validationTime).toBe("2030-01-02T03:04:05.000Z");
  });

  it("--allow-sha1 accepts the SHA-1 sample with a warning", () => {
    const r = JSON.parse(signet("inspect", "--json", ...ANCHOR, "--allow-sha1", "samples/06-sha1-signed.eml").stdout) as SecurityReport;
    expect([r.signature, r.issues.map((i) => `${i.code}:${i.severity}`)]).toEqual(["valid", ["weak-digest:warning"]]);
  });
});

describe("trust", () => {
  it("without the sample root, the samples are untrusted, and unknown-issuer names the missing CA", () => {
    const r = JSON.parse(signet("inspect", "--json", "samples/01-signed-valid.eml").stdout) as SecurityReport;
    expect([r.signature, r.trust, r.verdict]).toEqual(["valid", "untrusted", "warning"]);
    expect(r.issues.map((i) => [i.code, i.params.issuer])).toEqual([["unknown-issuer", "O=Signet Samples, CN=Signet Sample Root CA"]]);
  });

  it("trust add, distrust and remove change the verdict, and persist in the store folder", () => {
    const verdict = () => (JSON.parse(signet("inspect", "--json", "samples/01-signed-valid.eml").stdout) as SecurityReport).verdict;
    expect(signet("trust", "add", "samples/certs/signet-sample-root-ca.pem").status).toBe(0);
    expect(verdict()).toBe("verified");
    expect(signet("trust", "list").stdout).toMatch(/^user +[0-9a-f]{64} +O=Signet Samples, CN=Signet Sample Root CA/m);
    expect(signet("trust", "distrust", "samples/certs/signet-sample-root-ca.pem").status).toBe(0);
    const distrusted = JSON.parse(signet("inspect", "--json", "samples/01-signed-valid.eml").stdout) as SecurityReport;
    expect([distrusted.trust, distrusted.verdict]).toEqual(["untrusted", "danger"]);
    expect(distrusted.issues.map((i) => i.code)).toEqual(["distrusted"]);
    // Distrust wins over --anchor too: a distrusted certificate is never used.
    expect((JSON.parse(signet("inspect", "--json", ...ANCHOR, "samples/01-signed-valid.eml").stdout) as SecurityReport).trust).toBe("untrusted");
    expect(signet("trust", "remove", "samples/certs/signet-sample-root-ca.pem").stdout).toMatch(/^removed: /);
    expect(verdict()).toBe("warning");
  });

  it("an anchor limited to other mail domains does not vouch for alice@example.org", () => {
    const report = () => JSON.parse(signet("inspect", "--json", "samples/01-signed-valid.eml").stdout) as SecurityReport;
    expect(signet("trust", "add", "samples/certs/signet-sample-root-ca.pem", "--only-domain", "example.com").stdout).toContain("(only for example.com)");
    const limited = report();
    expect([limited.trust, limited.issues.map((i) => [i.code, i.params.name])]).toEqual(["invalid", [["name-constraints-violated", "alice@example.org"]]]);
    signet("trust", "add", "samples/certs/signet-sample-root-ca.pem", "--only-domain", "example.org");
    expect(report().verdict).toBe("verified");
    expect(signet("trust", "list").stdout).toMatch(/Signet Sample Root CA .* only for example\.org$/m);
    signet("trust", "remove", "samples/certs/signet-sample-root-ca.pem");
  });

  it("trust list shows the bundled store and its age", () => {
    // The age as en-words.ts's daysAgo says it: "today" on the day of extraction, then "1 day ago", "12 days ago".
    expect(signet("trust", "list").stdout).toMatch(/^\d+ bundled email roots from NSS builtins .*extracted \d{4}-\d\d-\d\d \((today|1 day ago|\d+ days ago)\)$/m);
  });
});

/** As signet(), but without blocking this process, whose own server must answer the command's requests. */
function signetAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [ENTRY, ...args], { cwd: root, env: ENV });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.on("close", (status) => done({ status, stdout, stderr })));
}

describe("--allow-private-network", () => {
  it("a CRL on 127.0.0.1 is fetched only with the flag; OpenSSL, given that CRL, also says revoked", async () => {
    let requests = 0;
    let crl: Uint8Array = new Uint8Array();
    const server = createServer((_req, res) => {
      requests++;
      res.end(crl);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const pki = new ScenarioPki();
    try {
      pki.build([
        { name: "Company Root" },
        { name: "Carol", issuer: "Company Root", email: "carol@example.org", crl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/root.crl` },
      ]);
      pki.revoke("Company Root", "Carol", "keyCompromise");
      crl = pki.gencrl("Company Root");
      const message = pki.write("carol.eml", pki.sign({ signers: [{ who: pki.get("Carol") }], from: "carol@example.org", content: "Content-Type: text/plain\n\nfrom the company\n" }));
      const rootCert = pki.path(pki.get("Company Root").cert);
      const inspect = (...flags: string[]) => signetAsync("inspect", "--json", "--no-default-roots", "--anchor", rootCert, ...flags, message);

      const refused = await inspect();
      const r1 = JSON.parse(refused.stdout) as SecurityReport;
      expect([refused.status, requests, r1.revocation, r1.verdict]).toEqual([1, 0, "unknown", "warning"]);
      expect(r1.issues.map((i) => i.code)).toEqual(["revocation-unavailable"]);

      const allowed = await inspect("--allow-private-network");
      const r2 = JSON.parse(allowed.stdout) as SecurityReport;
      expect([allowed.status, requests, r2.signature, r2.revocation, r2.verdict]).toEqual([3, 1, "valid", "revoked", "danger"]);
      expect(r2.issues.map((i) => i.code)).toEqual(["revoked"]);

      pki.write("root.crl.der", crl);
      pki.run(["crl", "-inform", "DER", "-in", "root.crl.der", "-out", "root.crl.pem"]);
      const caAndCrl = pki.write("ca-and-crl.pem", Buffer.concat([pki.read(pki.get("Company Root").cert), pki.read("root.crl.pem")]));
      const peer = spawnSync("openssl", ["cms", "-verify", "-crl_check", "-CAfile", caAndCrl, "-in", message, "-out", "/dev/null"], { encoding: "utf8" });
      expect(peer.stderr).toMatch(/certificate revoked/);
    } finally {
      server.closeAllConnections();
      server.close();
      pki.cleanup();
    }
  });
});

describe("--crl", () => {
  it("a CRL given on the command line (PEM or DER) is checked offline: Carol revoked, as OpenSSL says with the same CRL; without it, not checked", () => {
    const pki = new ScenarioPki();
    try {
      pki.build([{ name: "Offline Root" }, { name: "Carol", issuer: "Offline Root", email: "carol@example.org" }]);
      pki.revoke("Offline Root", "Carol", "keyCompromise");
      const der = pki.write("root.crl.der", pki.gencrl("Offline Root"));
      pki.run(["crl", "-inform", "DER", "-in", "root.crl.der", "-out", "root.crl.pem"]);
      const pem = pki.path("root.crl.pem");
      const message = pki.write("carol.eml", pki.sign({ signers: [{ who: pki.get("Carol") }], from: "carol@example.org", content: "Content-Type: text/plain\n\noffline\n" }));
      const base = ["inspect", "--json", "--no-default-roots", "--anchor", pki.path(pki.get("Offline Root").cert)];
      const judge = (...flags: string[]) => {
        const run = signet(...base, ...flags, message);
        const r = JSON.parse(run.stdout) as SecurityReport;
        const evidence = signers(r)[0]!.revocationEvidence?.[0];
        return [run.status, r.revocation, r.verdict, evidence?.status, evidence?.source, evidence?.reason];
      };
      expect(judge()).toEqual([0, "not-checked", "verified", "not-checked", undefined, undefined]);
      expect(judge("--crl", pem)).toEqual([3, "revoked", "danger", "revoked", "supplied-crl", "keyCompromise"]);
      expect(judge("--crl", der)).toEqual([3, "revoked", "danger", "revoked", "supplied-crl", "keyCompromise"]);
      const caAndCrl = pki.write("ca-and-crl.pem", Buffer.concat([pki.read(pki.get("Offline Root").cert), pki.read("root.crl.pem")]));
      expect(spawnSync("openssl", ["cms", "-verify", "-crl_check", "-CAfile", caAndCrl, "-in", message, "-out", "/dev/null"], { encoding: "utf8" }).stderr).toMatch(/certificate revoked/);
      // A --crl file that holds no CRL is a usage error, not a CRL quietly missing.
      expect(signet(...base, "--crl", pki.path(pki.get("Offline Root").cert), message)).toMatchObject({ status: 2, stderr: expect.stringContaining("--crl: ") });
    } finally {
      pki.cleanup();
    }
  });
});

describe("signet inspect on an mbox", () => {
  it("reports every message, unquoting >From lines (RFC 4155)", () => {
    const parts = ["01-signed-valid.eml", "03-tampered.eml", "08-unsigned.eml"].map((f) => readFileSync(join(root, "samples", f), "latin1"));
    const mbox = parts.map((m) => `From alice@example.org Sat Nov 28 10:00:00 2026\n${m.replace(/^(>*From )/gm, ">$1")}\n`).join("");
    const file = join(tmp, "box.mbox");
    writeFileSync(file, mbox, "latin1");
    const run = signet("inspect", "--json", file);
    expect(run.status).toBe(3);
    const reports = JSON.parse(run.stdout) as (SecurityReport & { source: unknown })[];
    expect(reports.map((r) => [r.source, r.signature])).toEqual([
      [{ file, index: 1 }, "valid"],
      [{ file, index: 2 }, "invalid"],
      [{ file, index: 3 }, "unsigned"],
    ]);
  });
});

describe("the command's own words and exit status", () => {
  it("a usage error is its one line and where help is, exit 2: unknown options (long or short) and commands, a bad --at, no command", () => {
    const cases: [string[], string][] = [
      [["inspect", "--bogus", "x"], "unknown option --bogus"],
      [["inspect", "-x", "x"], "unknown option -x"],
      [["frobnicate"], "unknown command: frobnicate"],
      [["inspect", "--at", "yesterday", samples[0]!], "--at: not an ISO-8601 time: yesterday"],
      [[], "a command is needed (inspect, audit, trust, keys, correspondents or serve)"],
      [["inspect", "-", "-"], "standard input (-) can be given only once"],
    ];
    for (const [args, message] of cases) {
      const r = signet(...args);
      expect([args, r.status, r.stdout, r.stderr]).toEqual([args, 2, "", `signet: ${message}\nTry 'signet --help'.\n`]);
    }
  });

  it("-h, --help and help print the synopsis and exit 0; after a command, that command's; --version prints package.json's version", () => {
    for (const flag of ["-h", "--help", "help"]) {
      const r = signet(flag);
      expect([flag, r.status, r.stdout.split("\n")[0]]).toEqual([flag, 0, "usage: signet <command> ..."]);
      expect(r.stdout).toContain("--at-signing-time");
      expect(r.stdout).toContain("--revocation-depth chain|signer");
      expect(r.stdout).toContain("3  danger");
    }
    for (const flag of ["-h", "--help"]) expect(signet("inspect", flag).stdout.split("\n")[0]).toMatch(/^usage: signet inspect FILE\.\.\.\|- /);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(signet("--version")).toEqual({ status: 0, stdout: `signet ${pkg.version}\n`, stderr: "" });
  });

  it("the exit status is the worst verdict: 0 verified or not protected, 1 warning, 3 danger; --exit-zero always 0", () => {
    const status = (...args: string[]) => signet("inspect", ...args).status;
    expect(status(...ANCHOR, "samples/01-signed-valid.eml")).toBe(0);
    expect(status("samples/08-unsigned.eml")).toBe(0);
    expect(status("samples/01-signed-valid.eml")).toBe(1);
    expect(status(...ANCHOR, "samples/01-signed-valid.eml", "samples/03-tampered.eml", "samples/10-untrusted-signer.eml")).toBe(3);
    expect(status("--exit-zero", "samples/03-tampered.eml")).toBe(0);
  });

  it("an unreadable input keeps its place with an input-unreadable error, the others are still inspected, exit 4", () => {
    const run = signet("inspect", "--json", ...ANCHOR, samples[0]!, "no/such/file.eml", "samples/03-tampered.eml");
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("signet: cannot read no/such/file.eml: ENOENT");
    const entries = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(entries.map((e) => [e.source, e.verdict])).toEqual([
      [{ file: samples[0] }, "verified"],
      [{ file: "no/such/file.eml" }, undefined],
      [{ file: "samples/03-tampered.eml" }, "danger"],
    ]);
    expect(entries[1]).toEqual({ source: { file: "no/such/file.eml" }, issues: [{ code: "input-unreadable", severity: "error", where: {}, params: { reason: "ENOENT" } }] });
    // --exit-zero is about verdicts; an unreadable input still gives its entry, and 0.
    expect(signet("inspect", "--exit-zero", "no/such/file.eml").status).toBe(0);
  });

  it("- reads the message from standard input, in its place among the files", () => {
    const r = spawnSync(process.execPath, [ENTRY, "inspect", "--json", ...ANCHOR, "samples/08-unsigned.eml", "-"], {
      cwd: root,
      encoding: "utf8",
      env: ENV,
      input: readFileSync(join(root, "samples/03-tampered.eml")),
    });
    const entries = JSON.parse(r.stdout) as (SecurityReport & { source: unknown })[];
    expect([r.status, entries.map((e) => [e.source, e.signature])]).toEqual([3, [[{ file: "samples/08-unsigned.eml" }, "unsigned"], [{ file: "-" }, "invalid"]]]);
  });

  it("bytes that are not mail are a report saying so (not-a-message), and exit non-zero: never 'not protected', 0", () => {
    const garbage = join(tmp, "garbage.eml");
    writeFileSync(garbage, Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]));
    const empty = join(tmp, "empty.eml");
    writeFileSync(empty, "");
    for (const [file, found] of [[garbage, "no-header-field"], [empty, "empty"]] as const) {
      const run = signet("inspect", "--json", file);
      const r = JSON.parse(run.stdout) as SecurityReport;
      expect([run.status, run.stderr, r.issues.map((i) => [i.code, i.params.found]), r.verdict]).toEqual([3, "", [["not-a-message", found]], "danger"]);
    }
    const text = signet("inspect", empty).stdout;
    expect(text.split("\n")[1]).toBe("  DANGER: not a mail message, nothing checked");
    expect(text).toMatch(/This is not a mail message: it is empty, so Signet checked nothing in it\./);
  });
});

describe("S/MIME files on their own (.p7m, .p7s)", () => {
  const pki = new ScenarioPki();
  afterAll(() => pki.cleanup());
  pki.build([{ name: "FileRoot" }, { name: "FileSigner", issuer: "FileRoot", email: "files@example.org" }]);
  const root = pki.path(pki.get("FileRoot").cert);
  const doc = pki.write("doc.txt", "Quarterly figures\nline two, with a bare LF\n");
  const signWith = (out: string, args: string[]) =>
    pki.run(["cms", "-sign", "-binary", "-in", doc, "-signer", pki.get("FileSigner").cert, "-inkey", pki.get("FileSigner").key, "-out", out, ...args]);
  signWith("doc.p7s", ["-outform", "DER"]);
  signWith("doc.p7m", ["-nodetach", "-outform", "DER"]);
  signWith("doc.p7m.pem", ["-nodetach", "-outform", "PEM"]);
  writeFileSync(pki.path("doc.p7m.b64"), readFileSync(pki.path("doc.p7m")).toString("base64").replace(/.{64}/g, "$&\n"));
  const changed = pki.write("changed.txt", "Quarterly figures\nline two, with a bare LF, and more\n");
  const report = (...args: string[]) => {
    const run = signet("inspect", "--json", "--anchor", root, ...args);
    const r = JSON.parse(run.stdout) as SecurityReport;
    return [run.status, r.signature, r.trust, r.issues.map((i) => [i.code, i.severity])];
  };
  const opensslSays = (content: string) => pki.status(["cms", "-verify", "-binary", "-inform", "DER", "-in", "doc.p7s", "-content", content, "-CAfile", root, "-out", "/dev/null"]) === 0;

  it("an attached signature as DER, PEM or base64 is inspected as CMS: verified, said to be a file with no sender to compare", () => {
    for (const f of ["doc.p7m", "doc.p7m.pem", "doc.p7m.b64"]) {
      expect([f, ...report(pki.path(f))]).toEqual([f, 0, "valid", "trusted", [["cms-object", "info"]]]);
    }
    const text = signet("inspect", "--anchor", root, pki.path("doc.p7m")).stdout;
    expect(text).toMatch(/\[0\] signed \(application\/pkcs7-mime, file\), covers the whole file/);
    expect(text).not.toMatch(/from: /);
  });

  it("a detached signature alone says its content is missing (a warning, exit 1); with --content it is checked byte for byte, as OpenSSL checks it", () => {
    expect(report(pki.path("doc.p7s"))).toEqual([1, "unverifiable", "unknown", [["cms-object", "info"], ["detached-signature", "warning"]]]);
    expect([opensslSays(doc), ...report(pki.path("doc.p7s"), "--content", doc)]).toEqual([true, 0, "valid", "trusted", [["cms-object", "info"]]]);
    expect([opensslSays(changed), ...report(pki.path("doc.p7s"), "--content", changed)]).toEqual([false, 3, "invalid", "trusted", [["cms-object", "info"], ["digest-mismatch", "error"]]]);
  });

  it("--content goes with one FILE; a certificate file is no S/MIME file", () => {
    const two = signet("inspect", pki.path("doc.p7s"), pki.path("doc.p7m"), "--content", doc);
    expect([two.status, two.stderr]).toEqual([2, "signet: --content goes with exactly one FILE, the detached signature it belongs to\nTry 'signet --help'.\n"]);
    const cert = signet("inspect", "--json", root);
    expect((JSON.parse(cert.stdout) as SecurityReport).issues.map((i) => [i.code, i.params.found])).toEqual([["not-a-message", "pem"]]);
  });
});
