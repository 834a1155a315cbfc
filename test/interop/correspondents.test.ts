/**
 * The correspondents' certificates (src/core/keys/correspondents.ts): kept from reports of messages
 * `openssl cms -sign` made, only for signers whose signature holds and whose certificate names the
 * sender; with the SMIMECapabilities OpenSSL writes; searchable, exportable byte for byte, removable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTrustInputs, CorrespondentDirectory, inspectMessage, readCertificates, type SecurityReport } from "../../src/core/index.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let alice: Identity;
let mallory: Identity;
let t = Date.parse("2026-12-04T10:00:00Z");
const clock = { now: () => new Date(t) };

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("CorrCA");
  alice = pki.makeLeaf("corr-alice", ca, { sanEmails: ["alice@example.org"] });
  mallory = pki.makeLeaf("corr-mallory", ca, { sanEmails: ["mallory@example.org"] });
});
afterAll(() => pki.cleanup());

const report = (message: Uint8Array): Promise<SecurityReport> => inspectMessage(message, { clock: { now: () => new Date() } });

describe("the correspondents' certificates", () => {
  it("a valid signer whose certificate names the sender is kept with what OpenSSL said it can decrypt; seen again, it is one entry", async () => {
    const directory = new CorrespondentDirectory(new MemoryStore(), clock);
    const signed = pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nHello.\n", from: "alice@example.org" });
    expect(await directory.addFromReport(await report(signed))).toBe(1);
    t += 86_400_000;
    expect(await directory.addFromReport(await report(signed))).toBe(0);
    const [entry, ...rest] = await directory.list();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ emails: ["alice@example.org"], trusted: false, firstSeen: "2026-12-04T10:00:00.000Z", lastSeen: "2026-12-05T10:00:00.000Z" });
    // openssl cms -sign's default SMIMECapabilities, in its order.
    expect(entry!.capabilities.map((c) => c.name).slice(0, 3)).toEqual(["AES-256-CBC", "AES-192-CBC", "AES-128-CBC"]);
    const der = await directory.certificate(entry!.fingerprintSha256);
    expect(Buffer.from(der!).equals(pki.run(["x509", "-in", alice.cert, "-outform", "DER"]))).toBe(true);
    expect((await directory.list("ALICE@")).length).toBe(1);
    expect(await directory.list("bob@")).toEqual([]);
    expect(await directory.remove(entry!.fingerprintSha256)).toBe(true);
    expect(await directory.list()).toEqual([]);
  });

  it("a signer whose certificate is revoked (the revoked sample, its CRL attached) is not kept", async () => {
    const { sampleReport } = await import("../ui/reports.js");
    const revoked = await sampleReport("11-revoked.eml");
    expect(revoked.revocation).toBe("revoked");
    expect(await new CorrespondentDirectory(new MemoryStore(), clock).addFromReport(revoked)).toBe(0);
    expect(await new CorrespondentDirectory(new MemoryStore(), clock).addFromReport(await sampleReport("01-signed-valid.eml"))).toBe(1);
  });

  it("a signer whose certificate is for another address, or a tampered message, is not kept", async () => {
    const directory = new CorrespondentDirectory(new MemoryStore(), clock);
    const otherSender = pki.sign({ signers: [{ who: mallory }], content: "Content-Type: text/plain\n\nHello.\n", from: "alice@example.org" });
    const tampered = Buffer.from(pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nPay 100.\n", from: "alice@example.org" }).toString().replace("Pay 100.", "Pay 900."));
    expect(await directory.addFromReport(await report(otherSender))).toBe(0);
    expect(await directory.addFromReport(await report(new Uint8Array(tampered)))).toBe(0);
    expect(await directory.list()).toEqual([]);
  });

  it("a trusted signer is kept as trusted; several are listed newest seen first, found by any of their addresses; a malformed fingerprint removes nothing", async () => {
    const store = new MemoryStore();
    const directory = new CorrespondentDirectory(store, clock);
    const two = pki.makeLeaf("corr-two", pki.makeCa("CorrCA2"), { sanEmails: ["first@example.org", "second@example.org"] });
    const trust = await buildTrustInputs({ bundledRoots: false, extraAnchors: readCertificates(pki.read("CorrCA.pem")).certificates });
    const trustedReport = await inspectMessage(pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nHi.\n", from: "alice@example.org" }), { clock: { now: () => new Date() } }, { trust });
    expect(trustedReport.trust).toBe("trusted");
    await directory.addFromReport(trustedReport);
    t += 60_000;
    await directory.addFromReport(await report(pki.sign({ signers: [{ who: two }], content: "Content-Type: text/plain\n\nHi.\n", from: "second@example.org" })));
    expect((await directory.list()).map((e) => [e.emails[0], e.trusted])).toEqual([
      ["first@example.org", false],
      ["alice@example.org", true],
    ]);
    expect((await directory.list("second@")).map((e) => e.emails)).toEqual([["first@example.org", "second@example.org"]]);
    const fingerprint = (await directory.list("alice@"))[0]!.fingerprintSha256;
    // Entries stored under names around a valid fingerprint: only the fingerprint itself may name one to remove.
    for (const wrong of [`${fingerprint}00`, `00${fingerprint}`]) await store.put(`correspondents/${wrong.toLowerCase()}`, new TextEncoder().encode("{}"));
    for (const wrong of [`${fingerprint}00`, `00${fingerprint}`, "../keys/meta"]) expect(await directory.remove(wrong), wrong).toBe(false);
    expect(await store.get(`correspondents/${fingerprint.toLowerCase()}00`)).not.toBeNull();
    // Those planted entries ({}) are damaged ones: the list passes over them rather than failing.
    expect((await directory.list()).length).toBe(2);
  });
});
