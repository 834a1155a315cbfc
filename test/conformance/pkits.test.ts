/**
 * NIST PKITS (corpus 1 of ../shared/corpora/README.md): every test's signed
 * S/MIME message goes through inspectMessage with the PKITS trust anchor, the
 * validation time 2011-04-15 and only the message's own certificates, and the
 * verdict is compared with the expected one (smime_index.json, derived from
 * BoringSSL's PKITS table). Sender binding is off: the PKITS end-entity
 * certificates carry no email. SHA-1 is accepted: three DSA tests use it.
 *
 * Pending, each with its reason, and counted apart:
 * - CRL processing (the revocation issue): sections 4.4, 4.14, 4.15 and the
 *   tests whose verdict rests on a CRL (4.5.2, 4.5.5-4.5.8, 4.7.4, 4.7.5);
 * - certificate policy processing: sections 4.8-4.12, and every subpart whose
 *   initial policy inputs are not the defaults;
 * - DSA parameter inheritance (4.1.5).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectMessage, readCertificates, TrustStore } from "../../src/core/index.js";
import { corpus } from "../helpers/corpora.js";
import { signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";

interface Subpart {
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

const PENDING: [RegExp, string][] = [
  [/^4\.(4|14|15)\./, "CRL processing (revocation issue)"],
  [/^4\.5\.[25678]$|^4\.7\.[45]$/, "verdict rests on a CRL (revocation issue)"],
  [/^4\.(8|9|10|11|12)\./, "certificate policy processing"],
  [/^4\.1\.5$/, "DSA parameter inheritance"],
];

const dir = corpus("nist-pkits");
const AT = new Date("2011-04-15T00:00:00Z");

const isDefault = (s: Subpart): boolean =>
  s.initial_policy_set.length === 1 &&
  s.initial_policy_set[0] === "anyPolicy" &&
  !s.initial_explicit_policy &&
  !s.initial_policy_mapping_inhibit &&
  !s.initial_inhibit_any_policy;

describe.skipIf(dir === null)("NIST PKITS signed messages", () => {
  it("every message with default policy inputs gets the expected verdict (pending sections listed)", async () => {
    const index = JSON.parse(readFileSync(join(dir!, "expected/smime_index.json"), "utf8")) as IndexEntry[];
    const anchor = readCertificates(readFileSync(join(dir!, "certs/TrustAnchorRootCertificate.crt"))).certificates[0]!;
    const store = await TrustStore.create([{ certificate: anchor, source: "option" }]);
    let passed = 0;
    const failed: string[] = [];
    const pending = new Map<string, number>();
    for (const entry of index) {
      const number = entry.test_numbers[0]!;
      const reason = PENDING.find(([re]) => re.test(number))?.[1];
      const subparts = entry.subparts.filter(isDefault);
      if (reason || subparts.length === 0) {
        const why = reason ?? "certificate policy processing";
        pending.set(why, (pending.get(why) ?? 0) + 1);
        continue;
      }
      const raw = new Uint8Array(readFileSync(join(dir!, entry.file)));
      const r = await inspectMessage(raw, { clock: { now: () => AT } }, { acceptSha1: true, checkSenderBinding: false, trust: { store } });
      assertReportInvariants(r);
      const trusted = r.signature === "valid" && signers(r).every((s) => s.trust === "trusted");
      const expected = subparts[0]!.should_validate;
      if (trusted === expected) passed++;
      else failed.push(`${number} ${entry.file}: expected ${expected ? "valid" : "invalid"}; ${r.signature}/${r.trust} ${r.issues.map((i) => `${i.code}@${i.where.certificate ?? "-"}`).join(",")}`);
    }
    const pendingText = [...pending].map(([why, n]) => `${n} ${why}`).join("; ");
    console.log(`pkits: ${passed} of ${passed + failed.length} runnable messages agree; pending: ${pendingText}`);
    expect(failed).toEqual([]);
  });
});
