/**
 * NIST PKITS (corpus 1 of ../shared/corpora/README.md): every test's signed
 * S/MIME message goes through inspectMessage with the PKITS trust anchor, the
 * validation time 2011-04-15 and only the message's own certificates, and the
 * verdict is compared with the expected one (smime_index.json, derived from
 * BoringSSL's PKITS table). Sender binding is off: the PKITS end-entity
 * certificates carry no email. SHA-1 is accepted: three DSA tests use it.
 *
 * Revocation is hard-fail with no network (PKITS README: the distribution points
 * must not be fetched): every certificate's status comes from the CRLs the
 * message carries, and a status that cannot be learned fails the message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMessage, readCertificates, TrustStore } from "../../src/core/index.js";
import { corpus } from "../helpers/corpora.js";
import { signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";

interface Subpart {
  title: string;
  should_validate: boolean;
  initial_policy_set: string[];
  initial_explicit_policy: boolean;
  initial_policy_mapping_inhibit: boolean;
  initial_inhibit_any_policy: boolean;
}

interface IndexEntry {
  file: string;
  test_numbers: string[];
  subparts: Subpart[];
}

const PENDING: [RegExp, string][] = [];

const dir = corpus("nist-pkits");
const AT = new Date("2011-04-15T00:00:00Z");

/** PKITS policy names to OIDs (corpus README): NIST-test-policy-N = 2.16.840.1.101.3.2.1.48.N. */
const policyOid = (name: string): string => (name === "anyPolicy" ? "2.5.29.32.0" : `2.16.840.1.101.3.2.1.48.${name.replace("NIST-test-policy-", "")}`);

const index: IndexEntry[] = dir === null ? [] : (JSON.parse(readFileSync(join(dir, "expected/smime_index.json"), "utf8")) as IndexEntry[]);
/** PKITS section of a test number ("4.6.13" is in 4.6): one describe per section, one test per message, so a run names the message that broke. */
const section = (number: string): string => number.split(".").slice(0, 2).join(".");

describe.skipIf(dir === null)("NIST PKITS signed messages", () => {
  let store: TrustStore;
  let runs = 0;
  let passed = 0;
  const pending = new Map<string, number>();
  beforeAll(async () => {
    const anchor = readCertificates(readFileSync(join(dir!, "certs/TrustAnchorRootCertificate.crt"))).certificates[0]!;
    store = await TrustStore.create([{ certificate: anchor, source: "option" }]);
  });
  afterAll(() => {
    const pendingText = [...pending].map(([why, n]) => `${n} ${why}`).join("; ");
    console.log(`pkits: ${passed} of ${runs} runs (message x policy-input subpart) agree${pendingText ? `; pending messages: ${pendingText}` : ""}`);
  });
  // Without the corpus there is nothing to enumerate: one test stands for the suite and is skipped with it.
  if (index.length === 0) it("the PKITS corpus", () => {});
  for (const sec of [...new Set(index.map((e) => section(e.test_numbers[0]!)))]) {
    describe(`section ${sec}`, () => {
      for (const entry of index.filter((e) => section(e.test_numbers[0]!) === sec)) {
        const number = entry.test_numbers[0]!;
        const reason = PENDING.find(([re]) => re.test(number))?.[1];
        if (reason) {
          pending.set(reason, (pending.get(reason) ?? 0) + 1);
          continue;
        }
        it(`${number} ${entry.file}: the expected verdict under each subpart's policy inputs`, async () => {
          const raw = new Uint8Array(readFileSync(join(dir!, entry.file)));
          const failed: string[] = [];
          for (const [k, sub] of entry.subparts.entries()) {
            runs++;
            const r = await inspectMessage(raw, { clock: { now: () => AT } }, {
              acceptSha1: true,
              checkSenderBinding: false,
              trust: { store },
              revocation: "hard",
              policyInputs: {
                initialPolicySet: sub.initial_policy_set.map(policyOid),
                initialExplicitPolicy: sub.initial_explicit_policy,
                initialPolicyMappingInhibit: sub.initial_policy_mapping_inhibit,
                initialAnyPolicyInhibit: sub.initial_inhibit_any_policy,
              },
            });
            assertReportInvariants(r);
            const trusted =
              r.signature === "valid" && signers(r).every((s) => s.trust === "trusted" && (s.revocation === "good" || s.revocation === "not-checked"));
            if (trusted === sub.should_validate) passed++;
            else failed.push(`#${k + 1} (${sub.title}): expected ${sub.should_validate ? "valid" : "invalid"}; ${r.signature}/${r.trust} ${r.issues.map((i) => `${i.code}@${i.where.certificate ?? "-"}`).join(",")}`);
          }
          expect(failed).toEqual([]);
        });
      }
    });
  }
});
