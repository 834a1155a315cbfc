/**
 * Certificate policy processing (RFC 5280 sections 6.1.3 (d)-(f), 6.1.4 (a),
 * (b), (h)-(j), 6.1.5 (g); src/core/policy/policy-tree.ts) on paths issued by
 * `openssl ca` with policies, policy mappings, policy constraints and
 * inhibitAnyPolicy, each judged under the initial policy inputs named in the
 * row. Every expected verdict is OpenSSL's (`openssl verify -policy_check`
 * with the same inputs) and is asserted beside ours, except the one input
 * OpenSSL cannot express (an empty user-initial-policy-set), whose verdict
 * follows from section 6.1.5 (g)(iii).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CertificateView } from "../../src/core/index.js";
import { validatePath } from "../../src/core/policy/path-validation.js";
import { type PolicyInputs } from "../../src/core/policy/policy-tree.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { ScenarioPki, type CertSpec } from "../helpers/scenario-pki.js";
import { OID } from "../../src/core/oids.js";

const P1 = "1.3.6.1.4.1.99999.1.1";
const P2 = "1.3.6.1.4.1.99999.1.2";
const S1 = "1.3.6.1.4.1.99999.2.1";
const S2 = "1.3.6.1.4.1.99999.2.2";

const ca = (name: string, issuer: string, extra: Partial<CertSpec>): CertSpec => ({ name, issuer, ca: true, ...extra });
const leaf = (name: string, issuer: string, policies?: string): CertSpec => ({ name, issuer, ca: false, email: "alice@example.org", ...(policies ? { policies } : {}) });
const mappings = (pairs: [string, string][]) => `policyMappings=${pairs.map(([a, b]) => `${a}:${b}`).join(",")}`;

const SPECS: CertSpec[] = [
  { name: "Root" },
  // anyPolicy, with and without inhibitAnyPolicy 0 (section 6.1.4 (j)), explicit policy required.
  ca("AnyInhibited", "Root", { policies: OID.anyPolicy, policyConstraints: "critical,requireExplicitPolicy:0", extraExtensions: ["inhibitAnyPolicy=critical,0"] }),
  leaf("LeafAnyUnderInhibited", "AnyInhibited", OID.anyPolicy),
  ca("AnyAllowed", "Root", { policies: OID.anyPolicy, policyConstraints: "critical,requireExplicitPolicy:0" }),
  leaf("LeafAnyUnderAllowed", "AnyAllowed", OID.anyPolicy),
  // A mapping to or from anyPolicy, beside an ordinary one (section 6.1.4 (a)).
  ca("MapsAnyPolicy", "Root", { policies: `${P1},${P2}`, extraExtensions: [mappings([[P1, S1], [P2, OID.anyPolicy]])] }),
  leaf("LeafS1UnderMapsAny", "MapsAnyPolicy", S1),
  // Two issuer-domain policies, each mapped to its own subject-domain policy (section 6.1.4 (b)(1)).
  ca("MapsTwo", "Root", { policies: `${P1},${P2}`, extraExtensions: [mappings([[P1, S1], [P2, S2]])] }),
  leaf("LeafS2UnderMapsTwo", "MapsTwo", S2),
  // A mapping for a policy the CA asserts only through anyPolicy (section 6.1.4 (b)(1), second bullet).
  ca("MapsViaAny", "Root", { policies: OID.anyPolicy, extraExtensions: [mappings([[P1, S1]])] }),
  leaf("LeafS1UnderMapsViaAny", "MapsViaAny", S1),
  // The same mapping one CA lower, where each CA names another policy (S2) before anyPolicy: the
  // mapped P1 must hang from the anyPolicy node above, not from the first node at its depth (S2's).
  ca("NamesS2AndAny", "Root", { policies: `${S2},${OID.anyPolicy}` }),
  ca("MapsViaAnyBelowS2", "NamesS2AndAny", { policies: `${S2},${OID.anyPolicy}`, extraExtensions: [mappings([[P1, S1]])] }),
  leaf("LeafS1UnderMapsViaAnyBelowS2", "MapsViaAnyBelowS2", S1),
  // Mapping inhibited from the next certificate on (inhibitPolicyMapping 0): the mapped nodes are deleted (section 6.1.4 (b)(2)).
  ca("InhibitsMapping", "Root", { policies: `${P1},${P2}`, policyConstraints: "critical,inhibitPolicyMapping:0" }),
  ca("MapsTwoBelowInhibit", "InhibitsMapping", { policies: `${P1},${P2}`, extraExtensions: [mappings([[P1, S1], [P2, S2]])] }),
  leaf("LeafP2UnderInhibited", "MapsTwoBelowInhibit", P2),
  // Explicit policy required one certificate further down: checked at the end (section 6.1.5 (a), (g)).
  ca("RequiresFromNext", "Root", { policyConstraints: "critical,requireExplicitPolicy:1" }),
  leaf("LeafUnderRequiresFromNext", "RequiresFromNext"),
  ca("Plain", "Root", {}),
  { name: "LeafRequiresItself", issuer: "Plain", ca: false, email: "alice@example.org", policyConstraints: "critical,requireExplicitPolicy:0" },
];

let pki: ScenarioPki;
let views = new Map<string, CertificateView>();

beforeAll(() => {
  pki = new ScenarioPki();
  views = pki.buildViews(SPECS);
});
afterAll(() => pki.cleanup());

/** The path from the leaf up to the root, by the issuer names of the rows. */
function pathOf(leafName: string): string[] {
  const out = [leafName];
  for (let spec = SPECS.find((s) => s.name === leafName); spec?.issuer; spec = SPECS.find((s) => s.name === spec!.issuer)) out.push(spec.issuer);
  return out;
}

function ours(leafName: string, inputs: Partial<PolicyInputs>) {
  const issues = validatePath(pathOf(leafName).map((n) => views.get(n)!), smimeProfile({ policyInputs: inputs }));
  return issues.filter((i) => i.code === "policy-violation").map((i) => ({ reason: i.params.reason, certificate: i.certificate }));
}

/** `openssl verify -policy_check` with the same inputs: does OpenSSL accept the path? */
function opensslAccepts(leafName: string, inputs: Partial<PolicyInputs>): boolean {
  const path = pathOf(leafName);
  pki.write("untrusted.pem", Buffer.concat(path.slice(1, -1).map((n) => pki.read(pki.get(n).cert))));
  const args = ["verify", "-policy_check", "-CAfile", pki.get("Root").cert, "-untrusted", pki.path("untrusted.pem")];
  if (inputs.initialExplicitPolicy) args.push("-explicit_policy");
  if (inputs.initialAnyPolicyInhibit) args.push("-inhibit_any");
  if (inputs.initialPolicyMappingInhibit) args.push("-inhibit_map");
  // Our default user-initial-policy-set is {anyPolicy}; OpenSSL's, without -policy, is empty, so it is always given.
  for (const p of inputs.initialPolicySet ?? [OID.anyPolicy]) args.push("-policy", p);
  args.push(pki.get(leafName).cert);
  return pki.status(args) === 0;
}

const NO_POLICY = "no-acceptable-policy";

describe("policy processing against openssl verify -policy_check", () => {
  const rows: { name: string; leaf: string; inputs: Partial<PolicyInputs>; expected: { reason: unknown; certificate: number | undefined }[] }[] = [
    { name: "anyPolicy below inhibitAnyPolicy 0 is not taken: with an explicit policy required, nothing is left", leaf: "LeafAnyUnderInhibited", inputs: {}, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "the same path without inhibitAnyPolicy is valid", leaf: "LeafAnyUnderAllowed", inputs: {}, expected: [] },
    { name: "a mapping to anyPolicy fails the path at the CA that carries it", leaf: "LeafS1UnderMapsAny", inputs: {}, expected: [{ reason: "any-policy-mapped", certificate: 1 }] },
    { name: "each mapping keeps to its own issuer-domain policy: S2 comes from P2, not from P1", leaf: "LeafS2UnderMapsTwo", inputs: { initialPolicySet: [P1], initialExplicitPolicy: true }, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "... and is acceptable under P2", leaf: "LeafS2UnderMapsTwo", inputs: { initialPolicySet: [P2], initialExplicitPolicy: true }, expected: [] },
    { name: "a mapping of a policy held only through anyPolicy: S1 stands for P1", leaf: "LeafS1UnderMapsViaAny", inputs: { initialPolicySet: [P1], initialExplicitPolicy: true }, expected: [] },
    { name: "... also where another policy comes first at that depth: P1 is mapped under anyPolicy, so the user's P1 is met", leaf: "LeafS1UnderMapsViaAnyBelowS2", inputs: { initialPolicySet: [P1], initialExplicitPolicy: true }, expected: [] },
    { name: "... and not for P2", leaf: "LeafS1UnderMapsViaAny", inputs: { initialPolicySet: [P2], initialExplicitPolicy: true }, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "mapping inhibited: every mapped policy's node is deleted, the second as well as the first", leaf: "LeafP2UnderInhibited", inputs: { initialExplicitPolicy: true }, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "mapping inhibited from the start by the initial input: the same", leaf: "LeafS2UnderMapsTwo", inputs: { initialExplicitPolicy: true, initialPolicyMappingInhibit: true }, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "requireExplicitPolicy 1 on the CA: the leaf is the first that must carry a policy, found at the end", leaf: "LeafUnderRequiresFromNext", inputs: {}, expected: [{ reason: NO_POLICY, certificate: 0 }] },
    { name: "a leaf that requires an explicit policy of itself and has none", leaf: "LeafRequiresItself", inputs: {}, expected: [{ reason: NO_POLICY, certificate: 0 }] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(opensslAccepts(row.leaf, row.inputs)).toBe(row.expected.length === 0);
      expect(ours(row.leaf, row.inputs)).toEqual(row.expected);
    });
  }
});

describe("inputs OpenSSL cannot express", () => {
  it("an empty user-initial-policy-set leaves no acceptable policy (section 6.1.5 (g)(iii)): with an explicit policy required, the path fails", () => {
    expect(ours("LeafAnyUnderAllowed", { initialPolicySet: [], initialExplicitPolicy: true })).toEqual([{ reason: NO_POLICY, certificate: 0 }]);
    expect(ours("LeafAnyUnderAllowed", { initialPolicySet: [OID.anyPolicy], initialExplicitPolicy: true })).toEqual([]);
  });

  it("a path of one certificate (the signer trusted directly) has no policies to process", () => {
    expect(validatePath([views.get("LeafRequiresItself")!], smimeProfile({ policyInputs: { initialExplicitPolicy: true } }))).toEqual([]);
  });
});
