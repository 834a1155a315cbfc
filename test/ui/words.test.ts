/**
 * Numbers in the English texts: counts with their noun in the right number, spans
 * of time in a readable unit, as issue texts render them from a report's params.
 * The expected figures are worked by hand (15292 minutes = 10 days 14 h 52 min).
 */
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/index.js";
import { describeIssue } from "../../src/ui/messages/en.js";
import { count, span } from "../../src/ui/messages/en-words.js";

const issue = (code: Issue["code"], params: Issue["params"]): Issue => ({ code, severity: "warning", where: {}, params });

describe("English numbers", () => {
  it("a count takes its noun in the singular for one only", () => {
    expect([0, 1, 2].map((n) => count(n, "recipient"))).toEqual(["0 recipients", "1 recipient", "2 recipients"]);
  });

  it("a span is minutes below two hours, hours below two days, then days, rounded down", () => {
    expect([1, 119, 120, 2879, 2880, 15292, -90].map(span)).toEqual(["1 minute", "119 minutes", "2 hours", "47 hours", "2 days", "10 days", "90 minutes"]);
  });

  it("a weak certificate signature names the CA that made it, not the sender's mail program", () => {
    const cert = describeIssue(issue("weak-digest", { algorithm: "MD5", role: "certificate signature" }));
    expect([cert.title, /mail program cannot/.test(cert.advice), /update their mail program/.test(cert.advice)]).toEqual([
      "A certificate in the chain was signed by its CA with MD5, which is too weak to trust: such certificates can be forged.", true, false,
    ]);
    expect(describeIssue(issue("weak-digest", { algorithm: "SHA-1" })).advice).toMatch(/update their mail program/);
    expect(describeIssue(issue("weak-digest", { algorithm: "SHA-1", accepted: true, role: "certificate signature" })).title).toBe(
      "A certificate in the chain was signed by its CA with SHA-1, which is outdated; it was accepted because your settings allow it.",
    );
  });

  it("a CA's short key is the CA's, not the signer's", () => {
    const ca = describeIssue(issue("weak-key", { bits: 1024, minimum: 2048, role: "certificate signature" }));
    expect([ca.title, /sender/.test(ca.advice)]).toEqual(["A certificate authority in the chain signs with a key of only 1024 bits (at least 2048 expected).", false]);
    expect(describeIssue(issue("weak-key", { bits: 1024, minimum: 2048 })).title).toBe("The signer's key is only 1024 bits (at least 2048 expected).");
  });

  it("date-mismatch and no-decryption-key say their numbers in words", () => {
    expect(describeIssue(issue("date-mismatch", { signingTime: "2026-11-01T10:00:00.000Z", date: "2026-11-12T00:52:00.000Z", minutesApart: 15292 })).title).toBe(
      "The signing time (2026-11-01T10:00:00.000Z) and the Date header (2026-11-12T00:52:00.000Z) are 10 days apart.",
    );
    expect(describeIssue(issue("no-decryption-key", { recipients: 1 })).title).toBe("The message is encrypted to 1 recipient, and none of the keys Signet was given can open it.");
    // Signet cannot import a key yet (issue 12): the advice must not send the reader there.
    expect(describeIssue(issue("no-decryption-key", { recipients: 2 })).advice).not.toMatch(/import/i);
  });
});
