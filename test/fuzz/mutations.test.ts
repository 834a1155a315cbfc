/**
 * Mutation fuzzing: valid OpenSSL-made messages are damaged at random (bytes,
 * ranges, line ends, MIME delimiters, and the DER inside the base64), and every
 * report must keep the invariants. Deterministic: the seed is fixed, and
 * SIGNET_FUZZ_SEED / SIGNET_FUZZ_CASES change it for longer local runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CertificatePool, readCertificates, TrustStore, type TrustInputs } from "../../src/core/index.js";
import { mulberry32, pick } from "../../src/fuzz/rng.js";
import { inspect } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";
import { OpensslPki } from "../helpers/pki.js";

const SEED = Number(process.env.SIGNET_FUZZ_SEED ?? 20261128);
const CASES = Number(process.env.SIGNET_FUZZ_CASES ?? 400);

const rng = mulberry32;

type Mutator = (msg: Buffer, r: () => number) => Buffer;

const byteFlip: Mutator = (m, r) => {
  const out = Buffer.from(m);
  for (let k = 0, n = 1 + pick(r, 8); k < n; k++) out[pick(r, out.length)] = pick(r, 256);
  return out;
};
const truncate: Mutator = (m, r) => m.subarray(0, pick(r, m.length));
const deleteRange: Mutator = (m, r) => {
  const a = pick(r, m.length);
  return Buffer.concat([m.subarray(0, a), m.subarray(a + pick(r, 200))]);
};
const duplicateRange: Mutator = (m, r) => {
  const a = pick(r, m.length);
  const b = Math.min(m.length, a + pick(r, 400));
  return Buffer.concat([m.subarray(0, b), m.subarray(a, b), m.subarray(b)]);
};
const lineEnds: Mutator = (m, r) => {
  const s = m.toString("latin1");
  return Buffer.from(r() < 0.5 ? s.replace(/\r\n/g, "\n") : s.replace(/\r?\n/g, "\r\n"), "latin1");
};
const mimeNoise: Mutator = (m, r) => {
  const s = m.toString("latin1");
  const at = pick(r, s.length);
  const bits = ["\r\n--", "\r\n\r\n", "Content-Type: multipart/mixed; boundary=\"", "\"; ", "=?utf-8?B?", "\n ", "Content-Transfer-Encoding: quoted-printable\n"];
  const boundary = /boundary="?([^";\r\n]+)/.exec(s)?.[1];
  if (boundary) bits.push(`\r\n--${boundary}\r\n`, `\r\n--${boundary}--\r\n`);
  return Buffer.from(s.slice(0, at) + bits[pick(r, bits.length)]! + s.slice(at), "latin1");
};
/** Decodes the (last) base64 body, damages the DER, and encodes it again: reaches the CMS parser. */
const derMutation: Mutator = (m, r) => {
  const s = m.toString("latin1");
  const start = s.lastIndexOf("\n\n", s.search(/\n[A-Za-z0-9+/]{60,}\r?\n/) + 1);
  if (start < 0) return byteFlip(m, r);
  const endMatch = /\r?\n\r?\n|\r?\n--/.exec(s.slice(start + 2));
  const end = endMatch ? start + 2 + endMatch.index : s.length;
  let der = Buffer.from(s.slice(start + 2, end).replace(/\s+/g, ""), "base64");
  const how = pick(r, 4);
  if (how === 0) for (let k = 0; k < 1 + pick(r, 4); k++) der[pick(r, der.length)] = pick(r, 256);
  else if (how === 1) der = der.subarray(0, pick(r, der.length));
  else if (how === 2) der[pick(r, der.length)] = 0x80 | pick(r, 5); // long-form length bytes
  else der = Buffer.concat([der.subarray(0, pick(r, der.length)), Buffer.from([0x30, 0x80, 0x30, 0x80]), der.subarray(pick(r, der.length))]);
  return Buffer.from(s.slice(0, start + 2) + der.toString("base64").replace(/.{64}/g, "$&\n") + s.slice(end), "latin1");
};

const MUTATORS: [string, Mutator][] = [
  ["byteFlip", byteFlip],
  ["truncate", truncate],
  ["deleteRange", deleteRange],
  ["duplicateRange", duplicateRange],
  ["lineEnds", lineEnds],
  ["mimeNoise", mimeNoise],
  ["derMutation", derMutation],
  ["derMutation", derMutation],
];

let pki: OpensslPki;
let seeds: Buffer[] = [];
let trust: TrustInputs;

beforeAll(async () => {
  pki = new OpensslPki();
  const ca = pki.makeCa("FuzzCA");
  const rsa = pki.makeLeaf("rsa", ca, { sanEmails: ["alice@example.org"] });
  const ec = pki.makeLeaf("ec", ca, { key: "ec:P-256", sanEmails: ["alice@example.org"] });
  const text = "Content-Type: text/plain\n\nfuzz me\n";
  const detached = Buffer.from(pki.sign({ signers: [{ who: rsa }], content: text }));
  const opaque = Buffer.from(pki.sign({ signers: [{ who: ec }], content: text, detached: false }));
  const two = Buffer.from(pki.sign({ signers: [{ who: rsa }, { who: ec }], content: text, md: "sha384" }));
  pki.write("fuzz-in.eml", detached);
  pki.run(["cms", "-encrypt", "-aes256", "-in", "fuzz-in.eml", "-out", "fuzz-enc.eml", rsa.cert]);
  seeds = [detached, opaque, two, pki.read("fuzz-enc.eml")];
  // Half the cases also build and validate paths, so mutated certificates reach the path builder.
  const anchor = readCertificates(pki.read(ca.cert)).certificates[0]!;
  trust = { store: await TrustStore.create([{ certificate: anchor, source: "option" }]), cache: new CertificatePool("cache") };
});
afterAll(() => pki.cleanup());

describe(`mutation fuzzing (seed ${SEED}, ${CASES} cases)`, () => {
  it("every mutated message gives a report that keeps the invariants", async () => {
    const r = rng(SEED);
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const [name, mutate] = MUTATORS[pick(r, MUTATORS.length)]!;
      let msg = seeds[pick(r, seeds.length)]!;
      for (let k = 0, n = 1 + pick(r, 2); k < n; k++) msg = mutate(msg, r);
      let report;
      try {
        report = await inspect(msg, i % 2 === 0 ? {} : { trust });
      } catch (e) {
        throw new Error(`case ${i} (${name}, seed ${SEED}) threw: ${String(e)}`);
      }
      assertReportInvariants(report);
      seen.set(report.signature, (seen.get(report.signature) ?? 0) + 1);
    }
    // The mutations must reach both sides: some messages still verify, others do not.
    expect(seen.get("valid") ?? 0).toBeGreaterThan(0);
    expect((seen.get("invalid") ?? 0) + (seen.get("unverifiable") ?? 0)).toBeGreaterThan(CASES / 10);
  });
});
