/**
 * The pieces of the sender check on their own: mailboxes with display names
 * (RFC 5322 section 3.4), Punycode (RFC 3492) against Node's WHATWG URL (ICU) as
 * the peer, look-alike addresses (Unicode TS #39), and the display-name rule.
 */
import { domainToASCII, domainToUnicode as nodeDomainToUnicode } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMailboxes } from "../../src/core/mime/address.js";
import { domainToAscii, domainToUnicode, punycodeDecode, punycodeEncode } from "../../src/core/mime/punycode.js";
import { asciiAddress, lookalikeAddress } from "../../src/core/signer/lookalike-address.js";
import { judgeDisplayName, nameWords } from "../../src/core/signer/display-name.js";

describe("mailboxes with what a client shows", () => {
  it("display names, quoted, encoded, and the comment form", () => {
    expect(parseMailboxes('"Doe, John" <john@example.com>, jane@example.com (Jane Roe)')).toEqual([
      { displayName: "Doe, John", address: "john@example.com" },
      { displayName: "Jane Roe", address: "jane@example.com" },
    ]);
    expect(parseMailboxes("=?utf-8?Q?J=C3=BCrgen?= <j@example.de>")).toEqual([{ displayName: "Jürgen", address: "j@example.de" }]);
    expect(parseMailboxes('"a \\"quoted\\" name" <a@x.org>')).toEqual([{ displayName: 'a "quoted" name', address: "a@x.org" }]);
    expect(parseMailboxes("a@x.org")).toEqual([{ displayName: null, address: "a@x.org" }]);
    // A comma inside a comment does not split the list.
    expect(parseMailboxes("a@x.org (Smith, John), b@x.org").map((m) => m.address)).toEqual(["a@x.org", "b@x.org"]);
  });

  it("8-bit UTF-8 headers (RFC 6532) decode in the address and the name", () => {
    const raw = Buffer.from("Jürgen <jürgen@bücher.example>", "utf8").toString("latin1");
    expect(parseMailboxes(raw)).toEqual([{ displayName: "Jürgen", address: "jürgen@bücher.example" }]);
  });
});

describe("Punycode (RFC 3492) against Node's URL", () => {
  // RFC 3492 section 7.1 samples (A Arabic, B Chinese, L Japanese, and the mixed ASCII case), plus everyday IDNs.
  const labels = [
    "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F",
    "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587",
    "3\u5E74b\u7D44\u91D1\u516B\u5148\u751F",
    "bücher", "münchen", "\u0430pple", "почта", "日本語", "ñandú",
  ];
  for (const label of labels) {
    it(`${label}: encodes as ICU does and decodes back`, () => {
      const ours = domainToAscii(`${label}.example`);
      expect(ours).toBe(domainToASCII(`${label}.example`));
      expect(punycodeDecode(punycodeEncode(label))).toBe(label);
      expect(domainToUnicode(ours)).toBe(nodeDomainToUnicode(ours));
    });
  }

  it("RFC 3492 section 7.1 (B): the published Punycode", () => {
    expect(punycodeEncode("\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587")).toBe("ihqwcrb4cv8a8dqg056pqjye");
  });

  it("invalid Punycode is refused, not guessed", () => {
    expect(punycodeDecode("99999999999999999999")).toBe(null);
    expect(punycodeDecode("a".repeat(64))).toBe(null);
    expect(punycodeDecode("ab-!")).toBe(null);
    expect(domainToUnicode("xn--!!.example")).toBe("xn--!!.example");
  });
});

describe("look-alike addresses (UTS #39)", () => {
  it("genuine international addresses pass", () => {
    for (const a of ["jürgen@bücher.example", "info@日本語.jp", "ivan@почта.рф", "a@example.org", "山田@例え.jp", "x@xn--bcher-kva.example"]) {
      expect([a, lookalikeAddress(a)]).toEqual([a, null]);
    }
  });

  it("mixed scripts in a label, in the domain or the local part, and behind xn--", () => {
    expect(lookalikeAddress("eve@\u0430pple.example")).toEqual({ reason: "mixed-scripts", scripts: ["Cyrillic", "Latin"], ascii: `eve@${domainToASCII("\u0430pple.example")}` });
    expect(lookalikeAddress("p\u0430ypal@example.org")?.reason).toBe("mixed-scripts");
    expect(lookalikeAddress(`eve@${domainToASCII("\u0430pple.example")}`)?.reason).toBe("mixed-scripts");
    expect(lookalikeAddress("eve@g\u03BFogle.example")?.scripts).toEqual(["Latin", "Greek"]);
  });

  it("a label wholly in letters that look Latin (Cyrillic 'сор'), and invisible characters", () => {
    expect(lookalikeAddress("eve@\u0441\u043E\u0440.example")).toMatchObject({ reason: "looks-latin", scripts: ["Cyrillic"] });
    expect(lookalikeAddress("eve@exam\u200Bple.org")?.reason).toBe("invisible-characters");
    expect(lookalikeAddress("ev\u202Ee@example.org")?.reason).toBe("invisible-characters");
  });

  it("the ASCII form: A-label domain, other characters by code point (upper-case hex, from U+0080 on)", () => {
    expect(asciiAddress("p\u0430ypal@bücher.example")).toBe(`pU+0430ypal@${domainToASCII("bücher.example")}`);
    expect(asciiAddress("j\u00fcrgen\u007f\u0080")).toBe("jU+00FCrgen\u007fU+0080");
    expect(asciiAddress("@bücher.example")).toBe(`@${domainToASCII("bücher.example")}`);
  });

  it("digits are in every script; a letter of a script not listed is Other; invisible characters name no script", () => {
    expect(lookalikeAddress("alice2@example2.org")).toBeNull();
    expect(lookalikeAddress("12345@example.org")).toBeNull();
    expect(lookalikeAddress("a\u1200@example.org")).toMatchObject({ reason: "mixed-scripts", scripts: ["Latin", "Other"] });
    expect(lookalikeAddress("pay\u200bpal@example.org")).toMatchObject({ reason: "invisible-characters", scripts: [] });
  });

  it("a Cyrillic label of Latin look-alikes is one with a hyphen and digits in it too", () => {
    expect(lookalikeAddress("eve@\u0440\u0430\u0443-1.example")).toMatchObject({ reason: "looks-latin", scripts: ["Cyrillic"] });
  });
});

describe("the display-name rule", () => {
  const john = { personalNames: ["John Smith"], emails: ["jsmith@example.org"] };
  it("words fold case, diacritics and umlaut spellings", () => {
    expect(nameWords("Smith, John")).toEqual(["smith", "john"]);
    expect(nameWords("Jürgen MÜLLER")).toEqual(nameWords("Juergen Mueller"));
    expect(nameWords("José")).toEqual(["jose"]);
    // German's own spellings of umlauts and sharp s (DIN 5007-2).
    expect(nameWords("Jäger Öztürk Weiß")).toEqual(["jaeger", "oeztuerk", "weiss"]);
    // Two letters make a word (a surname such as Li); one does not.
    expect(nameWords("Li Na J.")).toEqual(["li", "na"]);
  });
  it("another address in the name is a spoof; the same address is not", () => {
    expect(judgeDisplayName("ceo@example.org", "jsmith@example.org", john)).toEqual({ kind: "spoof", shownAddress: "ceo@example.org" });
    expect(judgeDisplayName("John Smith via ceo@example.org.", "jsmith@example.org", john)).toEqual({ kind: "spoof", shownAddress: "ceo@example.org" });
    expect(judgeDisplayName("JSmith@Example.org", "jsmith@example.org", john)).toBe(null);
    // Dots before an address are the name's punctuation, not the address's.
    expect(judgeDisplayName("...jsmith@example.org", "jsmith@example.org", john)).toBe(null);
    expect(judgeDisplayName("  jsmith@example.org  ", "jsmith@example.org", john)).toBe(null);
  });
  it("support: one shared word with the certificate's names or its address's local part", () => {
    expect(judgeDisplayName("Smith, John", "jsmith@example.org", john)).toBe(null);
    expect(judgeDisplayName(null, "jsmith@example.org", john)).toBe(null);
    expect(judgeDisplayName("The Manager", "jsmith@example.org", john)).toEqual({ kind: "unsupported" });
    expect(judgeDisplayName("🔒", "jsmith@example.org", john)).toEqual({ kind: "unsupported" });
    // The address's domain is no name: only its local part supports one.
    expect(judgeDisplayName("Example", "jsmith@example.org", john)).toEqual({ kind: "unsupported" });
    // An address without a local part, or with no @ at all, supports what it holds.
    const odd = { personalNames: [], emails: ["archive", "@records"] };
    expect([judgeDisplayName("Archive", "a@x.org", odd), judgeDisplayName("Records", "a@x.org", odd)]).toEqual([null, null]);
  });
});
