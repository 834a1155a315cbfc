/**
 * Header protection, on messages signed by `openssl cms -sign`: RFC 9788's
 * hp="clear" root part and RFC 8551 section 3.1's message/rfc822 wrapper. The
 * header fields inside the signed part are the signer's; an outer copy that
 * differs, was added or went missing is header-mismatch, and a signed message
 * without protection says which lines the signature does not cover. OpenSSL is
 * asked that every signature holds, so what is judged is the header alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTrustInputs, readCertificates, type SecurityReport, type SignedLayer, type TrustInputs } from "../../src/core/index.js";
import { compareWithOuter } from "../../src/core/layers/header-protection.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";
import { inspect } from "../helpers/inspect.js";

let pki: OpensslPki;
let eve: Identity;
let trust: TrustInputs;
const EVE = "eve@example.org";
const DATE = new Date(Date.now() - 60_000);
const INNER = [`From: Eve <${EVE}>`, "To: Bob <bob@example.org>", "Subject: Lunch on Friday", `Date: ${rfc2822(DATE)}`];

beforeAll(async () => {
  pki = new OpensslPki();
  const ca = pki.makeCa("HeaderCA");
  eve = pki.makeLeaf("eve", ca, { cn: "Eve", sanEmails: [EVE] });
  trust = await buildTrustInputs({ bundledRoots: false, extraAnchors: readCertificates(pki.read(ca.cert)).certificates });
});

afterAll(() => pki.cleanup());

/**
 * Signs `content` (as a detached multipart/signed, or opaque) and gives it the outer header `outer`
 * (the header lines before OpenSSL's MIME-Version), as a mail system would deliver it.
 */
function signed(content: string, outer: string[], detached = true): Uint8Array {
  const msg = pki.sign({ signers: [{ who: eve }], content, detached, date: null });
  expect(pki.opensslVerifies(msg)).toBe(true);
  const text = Buffer.from(msg).toString("latin1");
  // OpenSSL writes To/From/Subject first; keep its MIME lines, put ours before them.
  const mime = text.slice(text.indexOf("MIME-Version:"));
  return Buffer.from([...outer, mime].join("\n"), "latin1");
}

const RFC9788 = `Content-Type: text/plain; charset=utf-8; hp="clear"\n${INNER.join("\n")}\n\nSee you at noon.\n`;

async function check(msg: Uint8Array): Promise<{ r: SecurityReport; layer: SignedLayer }> {
  const r = await inspect(msg, { trust });
  expect([r.signature, r.trust]).toEqual(["valid", "trusted"]);
  return { r, layer: r.layers[0] as SignedLayer };
}

const mismatches = (r: SecurityReport) => r.issues.filter((i) => i.code === "header-mismatch").map((i) => [i.severity, i.params]);

describe("RFC 9788: header fields in the signed root part (hp=\"clear\")", () => {
  it("outer copies equal to the protected ones: Verified, and the signer's fields are in the report", async () => {
    const { r, layer } = await check(signed(RFC9788, INNER));
    expect(r.verdict).toBe("verified");
    expect(layer.protectedHeaders).toEqual({
      form: "hp=clear",
      fields: [
        { name: "from", value: `Eve <${EVE}>` },
        { name: "to", value: "Bob <bob@example.org>" },
        { name: "subject", value: "Lunch on Friday" },
        { name: "date", value: rfc2822(DATE) },
      ],
    });
    expect(layer.uncoveredHeaders).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it("a Subject changed on the way: header-mismatch with both values, not Verified", async () => {
    const { r } = await check(signed(RFC9788, INNER.map((l) => (l.startsWith("Subject:") ? "Subject: Lunch cancelled, wire the deposit" : l))));
    expect(mismatches(r)).toEqual([["warning", { header: "subject", protected: "Lunch on Friday", outer: "Lunch cancelled, wire the deposit" }]]);
    expect(r.verdict).toBe("warning");
  });

  it("a Reply-To added outside the signature: header-mismatch, the field not protected", async () => {
    const { r } = await check(signed(RFC9788, [...INNER, "Reply-To: mallory@example.net"]));
    expect(mismatches(r)).toEqual([["warning", { header: "reply-to", protected: "", outer: "mallory@example.net", notProtected: true }]]);
  });

  it("a To the signer wrote that the message no longer shows: header-mismatch, missing outside", async () => {
    const { r } = await check(signed(RFC9788, INNER.filter((l) => !l.startsWith("To:"))));
    expect(mismatches(r)).toEqual([["warning", { header: "to", protected: "Bob <bob@example.org>", outer: "", missingOutside: true }]]);
  });

  it("a display name changed in To is a change; the same Date in another form is not", async () => {
    const outer = INNER.map((l) => (l.startsWith("To:") ? "To: Bobby <BOB@example.org>" : l.startsWith("Date:") ? `Date: ${DATE.toUTCString()}` : l));
    const { r } = await check(signed(RFC9788, outer));
    expect(mismatches(r).map(([, p]) => (p as { header: string }).header)).toEqual(["to"]);
  });

  it("opaque signing (pkcs7-mime) protects the same way", async () => {
    const { r, layer } = await check(signed(RFC9788, INNER.map((l) => (l.startsWith("Subject:") ? "Subject: changed" : l)), false));
    expect(layer.form).toBe("pkcs7-mime");
    expect(layer.protectedHeaders?.form).toBe("hp=clear");
    expect(mismatches(r).map(([, p]) => (p as { header: string }).header)).toEqual(["subject"]);
  });

  it("hp=cipher: an obscured outer Subject \"[...]\" is RFC 9788's confidentiality, not a mismatch; another Subject is", () => {
    const inner = { form: "hp=cipher" as const, fields: [{ name: "subject", value: "Merger" }] };
    expect(compareWithOuter(inner, [{ name: "subject", value: "[...]" }])).toEqual([]);
    expect(compareWithOuter(inner, [{ name: "subject", value: "Hello" }]).map((i) => i.params.header)).toEqual(["subject"]);
    expect(compareWithOuter({ ...inner, form: "hp=clear" }, [{ name: "subject", value: "[...]" }]).map((i) => i.params.header)).toEqual(["subject"]);
  });
});

describe("RFC 8551 section 3.1: a whole message/rfc822 message signed", () => {
  const wrapped = `Content-Type: message/rfc822\n\n${INNER.join("\n")}\nContent-Type: text/plain\n\nSee you at noon.\n`;

  it("is the signer's message, not a forwarded one: its header is protected and it is read inside", async () => {
    const { r, layer } = await check(signed(wrapped, INNER));
    expect(layer.coverage).toBe("whole");
    expect(layer.protectedHeaders?.form).toBe("message/rfc822");
    expect(layer.protectedHeaders?.fields.map((f) => f.name)).toEqual(["from", "to", "subject", "date"]);
    expect(r.verdict).toBe("verified");
  });

  it("an outer Subject that differs from the wrapped one: header-mismatch", async () => {
    const { r } = await check(signed(wrapped, INNER.map((l) => (l.startsWith("Subject:") ? "Subject: Urgent" : l))));
    expect(mismatches(r)).toEqual([["warning", { header: "subject", protected: "Lunch on Friday", outer: "Urgent" }]]);
  });
});

describe("a signed message without header protection", () => {
  it("says which of the lines a reader acts on the signature does not cover (From is bound by the certificate)", async () => {
    const { r, layer } = await check(signed("Content-Type: text/plain\n\nSee you at noon.\n", [...INNER, "Reply-To: eve@example.org"]));
    expect(layer.protectedHeaders).toBeUndefined();
    expect(layer.uncoveredHeaders).toEqual(["subject", "to", "reply-to"]);
    expect(r.verdict).toBe("verified");
  });
});
