/**
 * Who the reader is shown as the sender, against who signed: the display-name,
 * repeated-field, Sender and look-alike classes of "Johnny, You Are Fired!"
 * (USENIX Security 2019). Every message is signed by `openssl cms -sign`, and
 * OpenSSL is asked that each signature itself holds, so a finding here is
 * about identity, never about the mathematics. The certificates' CA is
 * trusted, so that without a finding the verdict would be Verified.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainToASCII } from "node:url";
import { buildTrustInputs, readCertificates, type SecurityReport, type TrustInputs } from "../../src/core/index.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";
import { inspect, signers } from "../helpers/inspect.js";

const TEXT = "Content-Type: text/plain; charset=utf-8\n\nPlease wire the money today.\n";
const EVE = "eve@bigcorporation.example";

let pki: OpensslPki;
let eve: Identity;
let john: Identity;
let juergen: Identity;
let idn: Identity;
let trust: TrustInputs;
// Cyrillic "а" (U+0430) in place of the Latin "a" of "apple".
const HOMOGRAPH_DOMAIN = "\u0430pple.example";

beforeAll(async () => {
  pki = new OpensslPki();
  const ca = pki.makeCa("IdentityCA");
  eve = pki.makeLeaf("eve", ca, { sanEmails: [EVE] });
  john = pki.makeLeaf("john", ca, { cn: "John Smith", sanEmails: ["jsmith@example.org"] });
  juergen = pki.makeLeaf("juergen", ca, { cn: "Jürgen Müller", sanEmails: ["jm@example.de"] });
  idn = pki.makeLeaf("idn", ca, { sanEmails: [`eve@${domainToASCII(HOMOGRAPH_DOMAIN)}`] });
  trust = await buildTrustInputs({ bundledRoots: false, extraAnchors: readCertificates(pki.read(ca.cert)).certificates });
});

afterAll(() => pki.cleanup());

/** An OpenSSL-signed message whose outer (unsigned) header block is rewritten by `edit`; `from` reaches OpenSSL as UTF-8. */
function signedWithHeaders(who: Identity, edit: (lines: string[]) => string[], from = EVE): Uint8Array {
  const msg = pki.sign({ signers: [{ who }], content: TEXT, from });
  expect(pki.opensslVerifies(msg)).toBe(true);
  const text = Buffer.from(msg).toString("latin1");
  const end = text.indexOf("\n\n");
  const lines = text.slice(0, end).split("\n");
  return Buffer.from(edit(lines).join("\n") + text.slice(end), "latin1");
}

async function check(msg: Uint8Array): Promise<SecurityReport> {
  const r = await inspect(msg, { trust });
  // The signature and the chain hold in every case here: what is judged is the sender.
  expect([r.signature, r.trust]).toEqual(["valid", "trusted"]);
  return r;
}

const findings = (r: SecurityReport): [string, string][] => r.issues.map((i) => [i.code, i.severity]);

describe("the control: a From that the certificate covers, with an honest name", () => {
  it("is Verified", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `Eve <${EVE}>`));
    expect(r.issues).toEqual([]);
    expect(r.verdict).toBe("verified");
    expect(r.message.fromMailboxes).toEqual([{ displayName: "Eve", address: EVE }]);
  });
});

describe("display names", () => {
  it('"manager@bigcorporation.example" <eve@...>: display-name-spoof, danger', async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `"manager@bigcorporation.example" <${EVE}>`));
    expect(r.verdict).toBe("danger");
    expect(signers(r)[0]!.identity).toBe("mismatch");
    expect(r.issues).toEqual([
      {
        code: "display-name-spoof",
        severity: "error",
        where: { layer: 0, signer: 0 },
        params: { displayName: "manager@bigcorporation.example", address: EVE, certificateNames: ["eve"], shownAddress: "manager@bigcorporation.example" },
      },
    ]);
  });

  it("the address hidden behind RFC 2047 words or a fullwidth at sign is found too", async () => {
    const encoded = await check(signedWithHeaders(eve, (l) => l, `=?utf-8?B?${Buffer.from("The Boss <boss@bigcorporation.example>").toString("base64")}?= <${EVE}>`));
    expect(findings(encoded)).toEqual([["display-name-spoof", "error"]]);
    expect(encoded.issues[0]!.params.shownAddress).toBe("boss@bigcorporation.example");
    const fullwidth = await check(signedWithHeaders(eve, (l) => l, `=?utf-8?Q?boss=EF=BC=A0bigcorporation.example?= <${EVE}>`));
    expect(findings(fullwidth)).toEqual([["display-name-spoof", "error"]]);
  });

  it("a display name that is the signer's own address is fine", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `"${EVE}" <${EVE}>`));
    expect(r.issues).toEqual([]);
    expect(r.verdict).toBe("verified");
  });

  it("The Manager <eve@...>: display-name-unverified, not Verified, and the words name who signed", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `The Manager <${EVE}>`));
    expect(r.verdict).toBe("warning");
    expect(signers(r)[0]!.identity).toBe("match");
    expect(r.issues).toEqual([
      {
        code: "display-name-unverified",
        severity: "warning",
        where: { layer: 0, signer: 0 },
        params: { displayName: "The Manager", address: EVE, certificateNames: ["eve"] },
      },
    ]);
  });

  it("the old form eve@... (The Manager) is judged by its comment", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `${EVE} (The Manager)`));
    expect(findings(r)).toEqual([["display-name-unverified", "warning"]]);
  });

  // Realistic names against CN=John Smith <jsmith@example.org> and CN=Jürgen Müller <jm@example.de>.
  const honest: [string, () => Identity, string][] = [
    ['"Smith, John"', () => john, "jsmith@example.org"],
    ["John Smith", () => john, "jsmith@example.org"],
    ["J. Smith", () => john, "jsmith@example.org"],
    ['"John Smith (ACME Sales)"', () => john, "jsmith@example.org"],
    ["JSMITH", () => john, "jsmith@example.org"],
    ["=?iso-8859-1?Q?J=FCrgen_M=FCller?=", () => juergen, "jm@example.de"],
    ["Juergen Mueller", () => juergen, "jm@example.de"],
    ['"Mueller, J."', () => juergen, "jm@example.de"],
  ];
  for (const [name, who, address] of honest) {
    it(`${name} <${address}> is supported by the certificate: Verified`, async () => {
      const r = await check(signedWithHeaders(who(), (l) => l, `${name} <${address}>`));
      expect(r.issues).toEqual([]);
      expect(r.verdict).toBe("verified");
    });
  }

  it("a name that shares nothing with CN=John Smith is not accepted silently", async () => {
    const r = await check(signedWithHeaders(john, (l) => l, "IT Helpdesk <jsmith@example.org>"));
    expect(findings(r)).toEqual([["display-name-unverified", "warning"]]);
    expect(r.issues[0]!.params.certificateNames).toEqual(["John Smith"]);
  });
});

describe("From and Sender fields", () => {
  it("two From fields, eve's first and the manager's second: multiple-from-fields and the manager unbound, danger", async () => {
    const r = await check(signedWithHeaders(eve, (l) => [...l, "From: The Manager <manager@bigcorporation.example>"]));
    expect(r.verdict).toBe("danger");
    expect(r.message.from).toEqual([EVE, "manager@bigcorporation.example"]);
    expect(findings(r)).toEqual([
      ["sender-mismatch", "error"],
      ["multiple-from-fields", "error"],
    ]);
    expect(r.issues[0]!.params.addresses).toEqual(["manager@bigcorporation.example"]);
    expect(r.issues[1]).toMatchObject({ where: {}, params: { count: 2, addresses: [EVE, "manager@bigcorporation.example"] } });
  });

  it("the same From twice is still malformed, but a warning", async () => {
    const r = await check(signedWithHeaders(eve, (l) => [...l, `From: ${EVE}`]));
    expect(findings(r)).toEqual([["multiple-from-fields", "warning"]]);
    expect(r.verdict).toBe("warning");
  });

  it("no From field: missing-from, identity unknown, not Verified", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l.filter((x) => !x.startsWith("From:"))));
    expect(signers(r)[0]!.identity).toBe("unknown");
    expect(r.issues).toEqual([{ code: "missing-from", severity: "warning", where: {}, params: { fields: 0 } }]);
    expect(r.verdict).toBe("warning");
  });

  it("an empty From field: missing-from", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l.map((x) => (x.startsWith("From:") ? "From: " : x))));
    expect(r.issues).toEqual([{ code: "missing-from", severity: "warning", where: {}, params: { fields: 1 } }]);
  });

  it("Sender is the signer while From is the manager: signed-on-behalf, danger", async () => {
    const r = await check(signedWithHeaders(eve, (l) => [...l, `Sender: ${EVE}`], "The Manager <manager@bigcorporation.example>"));
    expect(r.verdict).toBe("danger");
    expect(r.issues).toEqual([
      {
        code: "signed-on-behalf",
        severity: "error",
        where: { layer: 0, signer: 0 },
        params: { from: ["manager@bigcorporation.example"], sender: [EVE], certificateEmails: [EVE] },
      },
    ]);
  });

  it("From is the signer, Sender a mailing list: the Sender is not vouched for (warning), From still binds", async () => {
    const r = await check(signedWithHeaders(eve, (l) => [...l, "Sender: list-bounces@lists.example"]));
    expect(signers(r)[0]!.identity).toBe("match");
    expect(r.issues).toEqual([
      {
        code: "sender-mismatch",
        severity: "warning",
        where: { layer: 0, signer: 0, certificate: 0 },
        params: { field: "sender", addresses: ["list-bounces@lists.example"], certificateEmails: [EVE] },
      },
    ]);
    expect(r.verdict).toBe("warning");
  });

  it("two Sender fields: multiple-sender-fields", async () => {
    const r = await check(signedWithHeaders(eve, (l) => [...l, `Sender: ${EVE}`, "Sender: other@bigcorporation.example"]));
    expect(findings(r)).toContainEqual(["multiple-sender-fields", "error"]);
    expect(r.verdict).toBe("danger");
  });
});

describe("look-alike addresses (IDN homographs)", () => {
  it("a certificate and a From for eve@xn--pple-… (Cyrillic а): flagged, shown in ASCII, not Verified", async () => {
    const ascii = `eve@${domainToASCII(HOMOGRAPH_DOMAIN)}`;
    const r = await check(signedWithHeaders(idn, (l) => l, ascii));
    expect(signers(r)[0]!.identity).toBe("match");
    expect(r.issues).toEqual([
      { code: "lookalike-address", severity: "warning", where: {}, params: { field: "from", address: ascii, ascii, reason: "mixed-scripts", scripts: ["Cyrillic", "Latin"] } },
    ]);
    expect(r.verdict).toBe("warning");
  });

  it("a From in Unicode (RFC 6532) that passes for eve@apple.example: flagged with its ASCII spelling beside the mismatch", async () => {
    const r = await check(signedWithHeaders(eve, (l) => l, `Eve <eve@${HOMOGRAPH_DOMAIN}>`));
    const lookalike = r.issues.find((i) => i.code === "lookalike-address");
    expect(lookalike?.params).toMatchObject({ address: `eve@${HOMOGRAPH_DOMAIN}`, ascii: `eve@${domainToASCII(HOMOGRAPH_DOMAIN)}`, reason: "mixed-scripts" });
    expect(r.verdict).toBe("danger");
  });
});
