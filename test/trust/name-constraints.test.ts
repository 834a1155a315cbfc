/**
 * Name constraints (RFC 5280 section 4.2.1.10) and path length (section
 * 6.1.4 (l), (m)), name form by name form, on certificates issued by
 * `openssl ca`. validatePath is called on chains put together here (it checks
 * the rules; the signatures are the path builder's), so a leaf can be tried
 * under every constrained CA. Each row's expectation comes from the RFC's
 * text, quoted or cited beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCertificates, type CertificateView } from "../../src/core/index.js";
import { validatePath, type LeafPurpose } from "../../src/core/policy/path-validation.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import type { AnchorConstraints } from "../../src/core/trust/trust-store.js";
import { ScenarioPki, type CertSpec } from "../helpers/scenario-pki.js";

const ca = (name: string, nameConstraints?: string, extra: Partial<CertSpec> = {}): CertSpec => ({ name, issuer: "Root", ca: true, ...(nameConstraints ? { nameConstraints } : {}), ...extra });
const leaf = (name: string, san: string | null, extra: Partial<CertSpec> = {}): CertSpec => ({ name, issuer: "Root", ca: false, ...(san ? { extraExtensions: [`subjectAltName=${san}`] } : {}), ...extra });

const SPECS: CertSpec[] = [
  { name: "Root" },
  ca("Inter"),
  // Leaves, one name each.
  leaf("MailOrg", "email:alice@example.org"),
  leaf("MailOrgUpper", "email:alice@EXAMPLE.ORG"),
  leaf("MailSub", "email:alice@mail.example.org"),
  leaf("MailCapitalLocal", "email:Alice@example.org"),
  leaf("SubjectEmail", null, { subject: "/O=Signet Scenario/CN=Old Style/emailAddress=alice@example.net" }),
  leaf("DnsWww", "DNS:www.example.com"),
  leaf("DnsApex", "DNS:example.com"),
  leaf("DnsLookalike", "DNS:badexample.com"),
  leaf("DnsWildcard", "DNS:*.example.com"),
  leaf("DnsMalformed", "DNS:bad..example.com"),
  leaf("UriSub", "URI:https://user@host.example.com:8443/path"),
  leaf("UriApex", "URI:https://example.com/"),
  leaf("Ip4", "IP:192.168.1.5"),
  leaf("Ip6", "IP:2001:db8::1"),
  leaf("Rid", "RID:1.2.3.4"),
  leaf("LeafWithConstraints", "email:alice@example.org", { nameConstraints: "critical,permitted;email:example.org" }),
  leaf("DnsStar", "DNS:*"),
  leaf("DnsXxbar", "DNS:xxbar.example.com"),
  leaf("MailDoubleAt", "email:bad@@example.org"),
  leaf("MailStar", "email:*.example.com"),
  leaf("UriUrn", "URI:urn:x:https://host.example.com/"),
  leaf("UriUserApex", "URI:https://user@example.com/"),
  leaf("UriMailto", "URI:mailto:alice@host.example.com"),
  // CAs, one constraint each.
  ca("EmailHost", "critical,permitted;email:example.org"),
  ca("EmailDomain", "critical,permitted;email:.example.org"),
  ca("EmailMailbox", "critical,permitted;email:alice@example.org"),
  ca("EmailExcluded", "critical,excluded;email:example.org"),
  ca("EmailTwoHosts", "critical,permitted;email:example.net,permitted;email:example.org"),
  ca("Dns", "critical,permitted;DNS:example.com"),
  ca("DnsExcluded", "critical,excluded;DNS:bar.example.com"),
  ca("UriDomain", "critical,permitted;URI:.example.com"),
  ca("UriHost", "critical,permitted;URI:example.com"),
  ca("Ip", "critical,permitted;IP:192.168.0.0/255.255.0.0"),
  ca("DirOther", "critical,permitted;dirName:dir_other", { extraExtensions: ["[dir_other]", "O=Other Org"] }),
  ca("DirOwn", "critical,permitted;dirName:dir_own", { extraExtensions: ["[dir_own]", "O=Signet Scenario"] }),
  ca("RidConstrained", "critical,permitted;RID:1.2.3.4"),
  ca("NotCritical", "permitted;email:example.org"),
  ca("MalformedDns", "critical,permitted;DNS:.example.com"),
  ca("MalformedMailbox", "critical,permitted;email:a@@example.org"),
  // A wildcard has no place in a constraint (section 4.2.1.10 speaks of hosts and domains).
  ca("WildcardDns", "critical,permitted;DNS:*.example.com"),
  ca("WildcardMailHost", "critical,permitted;email:*.example.org"),
  ca("WildcardMailbox", "critical,permitted;email:a@*.example.org"),
  ca("MalformedMailDomain", "critical,permitted;email:x.-bad.example"),
  ca("DnsExcludedOrg", "critical,excluded;DNS:example.org"),
  ca("EmailExcludedBar", "critical,excluded;email:bar.example.com"),
  // Written as DER: an empty dNSName constraint (every host is below it), and a value that is no NameConstraints.
  ca("DnsEmpty", undefined, { extraExtensions: ["2.5.29.30=critical,DER:30:06:a0:04:30:02:82:00"] }),
  ca("Undecodable", undefined, { extraExtensions: ["2.5.29.30=critical,DER:05:00"] }),
  // Path length.
  ca("PathLen0", undefined, { pathLen: 0 }),
  ca("PathLen1", undefined, { pathLen: 1 }),
  // Self-issued: the same name as the CA above it ("SI"), another key (RFC 5280 section 6.1: "self-issued").
  ca("SiTop", undefined, { subject: "/O=Signet Scenario/CN=SI" }),
  { name: "SiChild", issuer: "SiTop", ca: true, subject: "/O=Signet Scenario/CN=SI" },
];

let pki: ScenarioPki;
let views = new Map<string, CertificateView>();

beforeAll(() => {
  pki = new ScenarioPki();
  views = pki.buildViews(SPECS);
  // A version 1 certificate (no extensions at all): openssl x509 -req without an extension file.
  pki.run(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "v1.key", "-subj", "/O=Signet Scenario/CN=V1", "-config", pki.write("v1.cnf", "[req]\ndistinguished_name=dn\n[dn]\n"), "-out", "v1.csr"]);
  pki.run(["x509", "-req", "-in", "v1.csr", "-CA", pki.get("Root").cert, "-CAkey", pki.get("Root").key, "-set_serial", "77", "-days", "30", "-out", "v1.pem"]);
  views.set("V1", readCertificates(pki.read("v1.pem")).certificates[0]!);
});
afterAll(() => pki.cleanup());

function validate(chain: string[], anchor?: AnchorConstraints, purpose?: LeafPurpose) {
  return validatePath(chain.map((n) => views.get(n)!), smimeProfile(), anchor, purpose);
}

/** The name-constraints finding on `leaf` under `caName` (which sits below the root), or null. */
function verdictUnder(leafName: string, caName: string): { name: string; reason: string } | null {
  const issues = validate([leafName, caName, "Root"]);
  expect(issues.filter((i) => i.code !== "name-constraints-violated")).toEqual([]);
  const found = issues.filter((i) => i.code === "name-constraints-violated");
  expect(found.every((i) => i.certificate === 0 && i.severity === "error")).toBe(true);
  return (found[0]?.params as { name: string; reason: string } | undefined) ?? null;
}

const notPermitted = (name: string) => ({ name, reason: "not-permitted" });

describe("rfc822Name constraints (RFC 5280 section 4.2.1.10)", () => {
  it('a host ("example.org") admits mailboxes at that host, any case, and none below it', () => {
    expect(verdictUnder("MailOrg", "EmailHost")).toBeNull();
    expect(verdictUnder("MailOrgUpper", "EmailHost")).toBeNull();
    expect(verdictUnder("MailSub", "EmailHost")).toEqual(notPermitted("alice@mail.example.org"));
  });

  it('a domain (".example.org") admits only hosts below it, not the host itself', () => {
    expect(verdictUnder("MailSub", "EmailDomain")).toBeNull();
    expect(verdictUnder("MailOrg", "EmailDomain")).toEqual(notPermitted("alice@example.org"));
  });

  it("a mailbox admits that mailbox: the local part exactly, the host in any case", () => {
    expect(verdictUnder("MailOrg", "EmailMailbox")).toBeNull();
    expect(verdictUnder("MailOrgUpper", "EmailMailbox")).toBeNull();
    expect(verdictUnder("MailCapitalLocal", "EmailMailbox")).toEqual(notPermitted("Alice@example.org"));
  });

  it("any one of several permitted subtrees of the type is enough", () => {
    expect(verdictUnder("MailOrg", "EmailTwoHosts")).toBeNull();
    expect(verdictUnder("MailSub", "EmailTwoHosts")).toEqual(notPermitted("alice@mail.example.org"));
  });

  it("an excluded host: excluded; a mailbox below it is another host", () => {
    expect(verdictUnder("MailOrg", "EmailExcluded")).toEqual({ name: "alice@example.org", reason: "excluded" });
    expect(verdictUnder("MailSub", "EmailExcluded")).toBeNull();
  });

  it("the subject's emailAddress is held to rfc822Name constraints too", () => {
    expect(verdictUnder("SubjectEmail", "EmailHost")).toEqual(notPermitted("alice@example.net"));
  });

  it("names of other forms are not held to rfc822Name constraints, nor mailboxes to dNSName ones", () => {
    expect(verdictUnder("DnsWww", "EmailHost")).toBeNull();
    expect(verdictUnder("Ip4", "EmailExcluded")).toBeNull();
    expect(verdictUnder("MailOrg", "DnsExcludedOrg")).toBeNull();
    expect(verdictUnder("DnsWildcard", "EmailExcludedBar")).toBeNull();
    expect(verdictUnder("MailStar", "DnsExcluded")).toBeNull();
  });

  it("a malformed mailbox is refused where rfc822Name is constrained", () => {
    expect(verdictUnder("MailDoubleAt", "EmailHost")).toEqual({ name: "bad@@example.org", reason: "malformed-name" });
  });

  it("a certificate without extensions (version 1) has only its subject to check", () => {
    expect(verdictUnder("V1", "EmailHost")).toBeNull();
    expect(verdictUnder("V1", "DirOther")).toEqual(notPermitted("O=Signet Scenario, CN=V1"));
  });
});

describe("dNSName constraints", () => {
  it('"example.com" admits itself and hosts below it, not a name that only ends in the same letters', () => {
    expect(verdictUnder("DnsApex", "Dns")).toBeNull();
    expect(verdictUnder("DnsWww", "Dns")).toBeNull();
    expect(verdictUnder("DnsWildcard", "Dns")).toBeNull();
    expect(verdictUnder("DnsLookalike", "Dns")).toEqual(notPermitted("badexample.com"));
  });

  it("a wildcard that could stand for an excluded host is excluded; a name that only ends in its letters is not", () => {
    expect(verdictUnder("DnsWildcard", "DnsExcluded")).toEqual({ name: "*.example.com", reason: "excluded" });
    expect(verdictUnder("DnsWww", "DnsExcluded")).toBeNull();
    expect(verdictUnder("DnsXxbar", "DnsExcluded")).toBeNull();
  });

  it("an empty dNSName constraint admits every host", () => {
    expect(verdictUnder("DnsWww", "DnsEmpty")).toBeNull();
    expect(verdictUnder("DnsLookalike", "DnsEmpty")).toBeNull();
  });

  it("a malformed host name is refused where dNSName is constrained, and only there", () => {
    expect(verdictUnder("DnsMalformed", "Dns")).toEqual({ name: "bad..example.com", reason: "malformed-name" });
    expect(verdictUnder("DnsMalformed", "DnsExcluded")).toEqual({ name: "bad..example.com", reason: "malformed-name" });
    expect(verdictUnder("DnsMalformed", "EmailHost")).toBeNull();
    // A lone "*" is no host name: the wildcard needs a name to stand in.
    expect(verdictUnder("DnsStar", "Dns")).toEqual({ name: "*", reason: "malformed-name" });
  });
});

describe("uniformResourceIdentifier constraints: the host part of the URI", () => {
  it('".example.com" admits hosts below it, past user information and port', () => {
    expect(verdictUnder("UriSub", "UriDomain")).toBeNull();
    expect(verdictUnder("UriApex", "UriDomain")).toEqual(notPermitted("https://example.com/"));
  });

  it("a URI without an authority (urn:, mailto:) has no host to admit", () => {
    expect(verdictUnder("UriUrn", "UriDomain")).toEqual(notPermitted("urn:x:https://host.example.com/"));
    expect(verdictUnder("UriMailto", "UriDomain")).toEqual(notPermitted("mailto:alice@host.example.com"));
  });

  it('"example.com" admits that host only (unlike dNSName)', () => {
    expect(verdictUnder("UriApex", "UriHost")).toBeNull();
    expect(verdictUnder("UriUserApex", "UriHost")).toBeNull();
    expect(verdictUnder("UriSub", "UriHost")).toEqual(notPermitted("https://user@host.example.com:8443/path"));
  });
});

describe("iPAddress constraints: address and mask", () => {
  it("an address inside the range is admitted; one outside, or of the other family, is not", () => {
    expect(verdictUnder("Ip4", "Ip")).toBeNull();
    expect(verdictUnder("Ip6", "Ip")?.reason).toBe("not-permitted");
  });
});

describe("directoryName constraints: the subject", () => {
  it("a subject outside the permitted subtree: named by its distinguished name", () => {
    expect(verdictUnder("MailOrg", "DirOther")).toEqual(notPermitted("O=Signet Scenario, CN=MailOrg"));
    expect(verdictUnder("MailOrg", "DirOwn")).toBeNull();
  });
});

describe("constraints Signet cannot process, and constraints that are wrong", () => {
  it("a name of a constrained form Signet does not process fails (section 4.2.1.10: it MUST reject)", () => {
    expect(verdictUnder("Rid", "RidConstrained")).toEqual({ name: "1.2.3.4", reason: "unsupported-form" });
    // Certificates without such a name are not affected.
    expect(verdictUnder("MailOrg", "RidConstrained")).toBeNull();
  });

  it("constraints not marked critical, or malformed, fail every certificate below them", () => {
    expect(verdictUnder("MailOrg", "NotCritical")).toEqual({ reason: "not-critical" });
    expect(verdictUnder("DnsWww", "MalformedDns")).toEqual({ reason: "malformed-constraint", constraint: ".example.com" });
    expect(verdictUnder("MailOrg", "MalformedMailbox")).toEqual({ reason: "malformed-constraint", constraint: "a@@example.org" });
    expect(verdictUnder("MailOrg", "MalformedMailDomain")).toEqual({ reason: "malformed-constraint", constraint: "x.-bad.example" });
    expect(verdictUnder("DnsWww", "WildcardDns")).toEqual({ reason: "malformed-constraint", constraint: "*.example.com" });
    expect(verdictUnder("MailOrg", "WildcardMailHost")).toEqual({ reason: "malformed-constraint", constraint: "*.example.org" });
    expect(verdictUnder("MailOrg", "WildcardMailbox")).toEqual({ reason: "malformed-constraint", constraint: "a@*.example.org" });
    expect(verdictUnder("MailOrg", "Undecodable")).toEqual({ reason: "undecodable" });
  });

  it("name constraints in a signer's certificate are a defect of that certificate; a CRL signer's are not read", () => {
    expect(validate(["LeafWithConstraints", "Inter", "Root"])).toEqual([
      { code: "name-constraints-violated", severity: "error", params: { reason: "in-end-entity" }, certificate: 0 },
    ]);
    expect(validate(["LeafWithConstraints", "Inter", "Root"], undefined, "crl-signer")).toEqual([]);
  });
});

describe("where constraints come from and whom they bind", () => {
  it("the anchor's own constraints bind the whole path (RFC 5937 section 3.2)", () => {
    expect(validate(["MailOrg", "Inter", "EmailHost"])).toEqual([]);
    expect(validate(["MailSub", "Inter", "EmailHost"])).toEqual([
      { code: "name-constraints-violated", severity: "error", params: notPermitted("alice@mail.example.org"), certificate: 0 },
    ]);
  });

  it("an anchor limited to mail domains admits those domains and hosts below them, nothing else", () => {
    const onlyOrg = { emailDomains: ["example.org"] };
    expect(validate(["MailOrg", "Inter", "Root"], onlyOrg)).toEqual([]);
    expect(validate(["MailSub", "Inter", "Root"], onlyOrg)).toEqual([]);
    expect(validate(["SubjectEmail", "Inter", "Root"], onlyOrg)).toEqual([
      { code: "name-constraints-violated", severity: "error", params: notPermitted("alice@example.net"), certificate: 0 },
    ]);
    expect(validate(["SubjectEmail", "Inter", "Root"], { emailDomains: [] })).toEqual([]);
  });

  it("every certificate below a constrained CA is checked, CAs too, except self-issued ones (section 6.1.3 (b))", () => {
    // Under the anchor DirOther (O=Other Org), Inter's subject is outside; the self-issued SiChild's is not checked.
    expect(validate(["MailOrg", "Inter", "DirOther"]).map((i) => [i.code, i.certificate, i.params])).toEqual([
      ["name-constraints-violated", 1, notPermitted("O=Signet Scenario, CN=Inter")],
      ["name-constraints-violated", 0, notPermitted("O=Signet Scenario, CN=MailOrg")],
    ]);
    expect(validate(["MailOrg", "SiChild", "DirOther"]).map((i) => [i.code, i.certificate])).toEqual([["name-constraints-violated", 0]]);
  });
});

describe("path length (RFC 5280 section 6.1.4 (l), (m))", () => {
  it("pathLenConstraint 0: no CA may follow; 1: one may, two may not", () => {
    const exceeded = (certificate: number) => ({ code: "path-length-exceeded", severity: "error", params: {}, certificate });
    expect(validate(["MailOrg", "Inter", "PathLen0", "Root"])).toEqual([exceeded(1)]);
    expect(validate(["MailOrg", "Inter", "PathLen1", "Root"])).toEqual([]);
    expect(validate(["MailOrg", "Inter", "Inter", "PathLen1", "Root"])).toEqual([exceeded(1)]);
  });

  it("a self-issued CA does not count toward the path length (section 6.1.4 (l))", () => {
    expect(validate(["MailOrg", "SiChild", "PathLen0", "Root"])).toEqual([]);
  });

  it("without a pathLenConstraint any depth is allowed", () => {
    expect(validate(["MailOrg", "Inter", "Inter", "Inter", "Root"])).toEqual([]);
  });
});
