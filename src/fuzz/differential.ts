/**
 * `npm run fuzz:differential`: valid messages signed by `openssl cms -sign`
 * (RSA and ECDSA, detached and opaque) are mutated (mutators.ts), and for each
 * mutant Signet's signature verdict is compared with `openssl cms -verify
 * -noverify` (the signature alone, as Signet's `signature` field is). Every
 * disagreement is kept by kind, with examples, for a person to explain or fix:
 * - "signet-accepts": Signet says valid where OpenSSL refuses: the dangerous kind;
 * - "signet-refuses": OpenSSL verifies what Signet does not call valid;
 * Agreement is both valid, or both not.
 *
 *   node build/fuzz/differential.js [--cases N] [--seed N] [--out DIR]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspectMessage } from "../core/inspect.js";
import { mutate } from "./mutators.js";
import { mulberry32, pick } from "./rng.js";
import { REPO } from "./seeds.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const cases = Number(option("cases", "2000"));
const seed = Number(option("seed", "1"));
const out = option("out", join(REPO, "fuzz-out", "differential"));
const dir = mkdtempSync(join(tmpdir(), "signet-diff-"));
const run = (args: string[], input?: Uint8Array) => execFileSync("openssl", args, { cwd: dir, input, stdio: ["pipe", "pipe", "pipe"] });

/** A CA and two signers (RSA 2048, ECDSA P-256), and the messages they sign. */
function seeds(): Uint8Array[] {
  writeFileSync(join(dir, "ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n");
  run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/CN=Diff CA", "-days", "30", "-config", "ca.cnf", "-extensions", "v3", "-out", "ca.pem"]);
  const out: Uint8Array[] = [];
  for (const [name, key] of [["rsa", ["-newkey", "rsa:2048"]], ["ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]]] as const) {
    run(["req", "-new", ...key, "-nodes", "-keyout", `${name}.key`, "-subj", `/CN=${name}`, "-config", "ca.cnf", "-out", `${name}.csr`]);
    writeFileSync(join(dir, `${name}.ext`), "subjectAltName=email:alice@example.org\nextendedKeyUsage=emailProtection\n");
    run(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7", "-days", "30", "-extfile", `${name}.ext`, "-out", `${name}.pem`]);
    for (const [i, content] of ["Content-Type: text/plain\n\nHello.\n", "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nPart one.\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAECAwQF\n--b--\n"].entries()) {
      writeFileSync(join(dir, "in.txt"), content);
      for (const detach of [[], ["-nodetach"]]) {
        run(["cms", "-sign", "-in", "in.txt", "-signer", `${name}.pem`, "-inkey", `${name}.key`, "-from", "alice@example.org", "-subject", `diff ${i}`, ...detach, "-out", "seed.eml"]);
        out.push(new Uint8Array(readFileSync(join(dir, "seed.eml"))));
      }
    }
  }
  return out;
}

function opensslValid(message: Uint8Array): { valid: boolean; error: string } {
  writeFileSync(join(dir, "case.eml"), message);
  const r = spawnSync("openssl", ["cms", "-verify", "-noverify", "-in", "case.eml", "-out", "/dev/null"], { cwd: dir, encoding: "latin1" });
  const error = (r.stderr ?? "").split("\n").find((l) => /error|Error/.test(l))?.replace(/^[0-9A-F]+:error:/, "").replace(/:[^:]*\.c:\d+:?/, "") ?? "";
  return { valid: r.status === 0, error: error.slice(0, 160) };
}

async function main(): Promise<void> {
  const r = mulberry32(seed);
  const corpus = seeds();
  const kinds = new Map<string, { count: number; examples: Uint8Array[] }>();
  let agree = 0;
  const started = Date.now();
  for (let i = 0; i < cases; i++) {
    const mutant = mutate(corpus[pick(r, corpus.length)]!, "mime", r, corpus, 64 * 1024);
    const report = await inspectMessage(mutant, { clock: { now: () => new Date() } }, {});
    const ours = report.signature === "valid";
    const theirs = opensslValid(mutant);
    if (ours === theirs.valid) {
      agree++;
      continue;
    }
    const codes = [...new Set(report.issues.map((x) => x.code))].sort().join(",") || "no issue";
    const key = ours
      ? `signet-accepts (verdict ${report.verdict}) | signet: ${codes} | openssl: ${theirs.error || "(no message)"}`
      : `signet-refuses (${report.signature}) | signet: ${codes}`;
    const kind = kinds.get(key) ?? { count: 0, examples: [] };
    kind.count++;
    if (kind.examples.length < 3) kind.examples.push(mutant);
    kinds.set(key, kind);
  }
  mkdirSync(out, { recursive: true });
  let k = 0;
  const summary = [...kinds.entries()].sort((a, b) => b[1].count - a[1].count).map(([key, v]) => {
    const files = v.examples.map((e, j) => {
      const f = `disagreement-${k}-${j}.eml`;
      writeFileSync(join(out, f), e);
      return f;
    });
    k++;
    return { kind: key, count: v.count, examples: files };
  });
  writeFileSync(join(out, "summary.json"), JSON.stringify({ date: new Date().toISOString(), seed, cases, agree, seconds: (Date.now() - started) / 1000, disagreements: summary }, null, 1));
  console.log(`${cases} mutants of ${corpus.length} OpenSSL-signed messages in ${Math.round((Date.now() - started) / 1000)} s: ${agree} agree with openssl cms -verify, ${cases - agree} do not`);
  for (const s of summary) console.log(`  ${String(s.count).padStart(5)}  ${s.kind}  (${s.examples.join(", ")})`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
