/**
 * The sender rules on their own (src/core/signer/identity.ts and src/core/layers/header-protection.ts): binding
 * From and Sender to the signer's certificate (RFC 8551 section 3.1 and 2.3), the signing time
 * against Date, and protected header fields against the outer ones (RFC 9788). The certificates are
 * OpenSSL's; the header fields are written out here as RFC 5322 gives them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/core/index.js";
import { bindSender, checkSigningTime, senderFieldFindings, type SenderHeaders } from "../../src/core/signer/identity.js";
import { compareWithOuter, protectedHeadersOf, uncoveredFields } from "../../src/core/layers/header-protection.js";
import { parseMailboxes } from "../../src/core/mime/address.js";
import { parseEntity, type ParseContext } from "../../src/core/mime/entity.js";
import { parseHeaderBlock as parseBlock, type HeaderField } from "../../src/core/mime/headers.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { CertificateView } from "../../src/core/x509/certificate.js";
import { paramsOf } from "../helpers/inspect.js";
import { OpensslPki } from "../helpers/pki.js";

let pki: OpensslPki;
let twoAddresses: CertificateView;
const policy = smimeProfile();

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("RulesCA");
  const leaf = pki.makeLeaf("rules-two", ca, { sanEmails: ["alice@example.org", "a.smith@example.org"], cn: "Alice Smith" });
  twoAddresses = CertificateView.fromDer(new Uint8Array(pki.run(["x509", "-in", leaf.cert, "-outform", "DER"])));
});
afterAll(() => pki.cleanup());

const headers = (from: string[], sender: string[] = [], date: Date | null = null): SenderHeaders => ({
  fromFields: from.map(parseMailboxes),
  senderFields: sender.map(parseMailboxes),
  date,
  hasDateField: date !== null,
});
/** Header fields as the message parser reads them from `text`. */
const parseHeaderBlock = (text: string): HeaderField[] => {
  const bytes = new TextEncoder().encode(`${text}\r\n`);
  return parseBlock(bytes, 0, bytes.length, 65536).fields;
};
const codesOf = (r: { issues: { code: string; severity: string }[] }) => r.issues.map((i) => [i.code, i.severity]);

describe("binding the sender to the certificate", () => {
  it("no certificate: identity unknown, nothing said", () => {
    expect(bindSender(null, headers(["alice@example.org"]), policy)).toEqual({ identity: "unknown", issues: [] });
  });

  it("any of the certificate's addresses binds From; a Sender it also holds adds nothing", () => {
    expect(bindSender(twoAddresses, headers(["Alice Smith <a.smith@example.org>"], ["alice@example.org"]), policy)).toEqual({ identity: "match", issues: [] });
  });

  it("a From that differs only in letter case from one of them is a warning (caseOnly); beside a stranger it is an error", () => {
    const caseOnly = bindSender(twoAddresses, headers(["Alice Smith <A.Smith@example.org>"]), policy);
    expect([caseOnly.identity, codesOf(caseOnly), paramsOf(caseOnly.issues[0]).caseOnly]).toEqual(["mismatch", [["sender-mismatch", "warning"]], true]);
    const mixed = bindSender(twoAddresses, headers(["Alice Smith <A.Smith@example.org>, mallory@example.org"]), policy);
    expect([codesOf(mixed), paramsOf(mixed.issues[0]).addresses]).toEqual([[["sender-mismatch", "error"]], ["A.Smith@example.org", "mallory@example.org"]]);
  });

  it("From another address and every Sender covered: signed on behalf (an error); a Sender list only partly covered is not that", () => {
    const behalf = bindSender(twoAddresses, headers(["boss@example.org"], ["alice@example.org"]), policy);
    expect([behalf.identity, codesOf(behalf)]).toEqual(["mismatch", [["signed-on-behalf", "error"]]]);
    const partly = bindSender(twoAddresses, headers(["boss@example.org"], ["alice@example.org, eve@example.org"]), policy);
    expect(codesOf(partly)).toEqual([["sender-mismatch", "error"]]);
  });

  it("repeated From fields: an error when they name different mailboxes, a warning when only the case differs", () => {
    expect(senderFieldFindings(headers(["alice@example.org", "ALICE@example.org"])).map((i) => [i.code, i.severity])).toEqual([["multiple-from-fields", "warning"]]);
    expect(senderFieldFindings(headers(["alice@example.org", "eve@example.org"])).map((i) => [i.code, i.severity])).toEqual([["multiple-from-fields", "error"]]);
  });
});

describe("the signing time against Date", () => {
  const date = new Date("2026-12-03T10:00:00Z");
  it("up to the allowed skew (one hour) nothing; past it, date-mismatch with the minutes apart", () => {
    expect(checkSigningTime("2026-12-03T11:00:00.000Z", headers([], [], date), policy)).toEqual([]);
    expect(checkSigningTime("2026-12-03T12:00:00.000Z", headers([], [], date), policy)).toEqual([
      { code: "date-mismatch", severity: "warning", params: { signingTime: "2026-12-03T12:00:00.000Z", date: "2026-12-03T10:00:00.000Z", minutesApart: 120 } },
    ]);
  });
});

describe("protected header fields (RFC 9788)", () => {
  const entity = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const ctx: ParseContext = { limits: DEFAULT_LIMITS, problems: [], partCount: 0 };
    return parseEntity(bytes, 0, bytes.length, "", 0, ctx);
  };
  const part = (param: string) => entity(`Content-Type: text/plain; ${param}\r\nMIME-Version: 1.0\r\nSubject: =?utf-8?Q?_Quarterly?=\r\n  \t report  \r\nDate: Thu, 03 Dec 2026 10:00:00 +0000 (UTC)\r\n\r\nbody\r\n`);

  it("hp=clear, hp=cipher and the draft's protected-headers=v1 are read; their fields without the structural ones, whitespace folded", () => {
    expect(protectedHeadersOf(part("hp=clear"), null)).toEqual({ form: "hp=clear", fields: [{ name: "subject", value: "Quarterly report" }, { name: "date", value: "Thu, 03 Dec 2026 10:00:00 +0000 (UTC)" }] });
    expect([protectedHeadersOf(part("hp=cipher"), null)?.form, protectedHeadersOf(part("protected-headers=v1"), null)?.form, protectedHeadersOf(part("charset=utf-8"), null)]).toEqual(["hp=cipher", "protected-headers=v1", null]);
  });

  it("Date compares as an instant; two copies that are no dates compare as text", () => {
    const fields = (date: string) => ({ form: "hp=clear" as const, fields: [{ name: "date", value: date }] });
    const outer = (date: string) => parseHeaderBlock(`Date: ${date}\r\n`);
    expect(compareWithOuter(fields("Thu, 03 Dec 2026 10:00:00 +0000 (UTC)"), outer("Thu, 03 Dec 2026 11:00:00 +0100"))).toEqual([]);
    expect(compareWithOuter(fields("Thu, 03 Dec 2026 10:00:00 +0000"), outer("Thu, 03 Dec 2026 10:05:00 +0000")).map((i) => i.params.header)).toEqual(["date"]);
    expect(compareWithOuter(fields("soon"), outer("soon"))).toEqual([]);
    expect(compareWithOuter(fields("soon"), outer("later")).map((i) => i.params.header)).toEqual(["date"]);
    expect(compareWithOuter(fields("soon"), outer("Thu, 03 Dec 2026 10:00:00 +0000")).map((i) => i.params.header)).toEqual(["date"]);
  });

  it("address fields compare mailbox by mailbox, the address in any case, the name exactly", () => {
    const fields = (to: string) => ({ form: "hp=clear" as const, fields: [{ name: "to", value: to }] });
    const outer = (to: string) => parseHeaderBlock(`To: ${to}\r\n`);
    expect(compareWithOuter(fields("Bob <bob@example.org>, carol@example.org"), outer("Bob <BOB@example.org>, carol@example.org"))).toEqual([]);
    expect(compareWithOuter(fields("Bob <bob@example.org>, carol@example.org"), outer("Bob <bob@example.org>carol@example.org"))).not.toEqual([]);
    expect(compareWithOuter(fields("bob@example.org"), outer("bob@example.org, carol@example.org")).map((i) => i.params.header)).toEqual(["to"]);
    // A group with no members (RFC 5322 section 3.4) names no mailbox, yet a field on one side only is still a difference.
    const none = { form: "hp=clear" as const, fields: [] };
    expect(compareWithOuter(none, outer("undisclosed-recipients:;")).map((i) => i.params)).toEqual([{ header: "to", protected: "", outer: "undisclosed-recipients:;", notProtected: true }]);
    expect(compareWithOuter(fields("undisclosed-recipients:;"), []).map((i) => i.params)).toEqual([{ header: "to", protected: "undisclosed-recipients:;", outer: "", missingOutside: true }]);
  });

  it("a field only outside is not protected; only inside, missing outside; the outer copy is read with whitespace folded", () => {
    const fields = { form: "hp=clear" as const, fields: [{ name: "subject", value: "Quarterly report" }] };
    expect(compareWithOuter(fields, parseHeaderBlock("Subject:  Quarterly\r\n report \r\n"))).toEqual([]);
    expect(compareWithOuter(fields, parseHeaderBlock("Subject: Quarterly \t  report"))).toEqual([]);
    // An encoded word may carry spaces of its own at either end (RFC 2047 section 4.2: _ is a space).
    expect(compareWithOuter(fields, parseHeaderBlock("Subject: =?utf-8?Q?_Quarterly_report_?="))).toEqual([]);
    expect(compareWithOuter(fields, parseHeaderBlock("Cc: eve@example.org\r\n")).map((i) => i.params)).toEqual([
      { header: "cc", protected: "", outer: "eve@example.org", notProtected: true },
      { header: "subject", protected: "Quarterly report", outer: "", missingOutside: true },
    ]);
  });

  it("the obscured Subject of RFC 9788 section 4.3.3 stands in for the Subject only, and only under hp=cipher", () => {
    const cipher = { form: "hp=cipher" as const, fields: [{ name: "subject", value: "Quarterly report" }, { name: "to", value: "bob@example.org" }] };
    expect(compareWithOuter(cipher, parseHeaderBlock("Subject: [...]\r\nTo: [...]")).map((i) => i.params.header)).toEqual(["to"]);
    expect(compareWithOuter({ ...cipher, form: "hp=clear" }, parseHeaderBlock("Subject: [...]\r\nTo: bob@example.org")).map((i) => i.params.header)).toEqual(["subject"]);
  });

  it("the fields a reader acts on that no signature covers, by name", () => {
    const outer = parseHeaderBlock("Subject: hi\r\nTo: bob@example.org\r\nCc: carol@example.org\r\n");
    expect(uncoveredFields(outer, { form: "hp=clear", fields: [{ name: "to", value: "bob@example.org" }] })).toEqual(["subject", "cc"]);
    expect(uncoveredFields(outer, null)).toEqual(["subject", "to", "cc"]);
  });
});
