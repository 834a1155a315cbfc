/**
 * Every language says everything, with the same particulars: each catalogue has
 * a text for every issue code and every view string, and each text uses the same
 * parameters as the English one. Parameters are found by rendering with marked
 * values (a Proxy hands "⟦name⟧" for any parameter read), so a translation that
 * drops the address a finding is about, or names another, fails here. Run with
 * the marks (every condition that tests a parameter sees it set) and with no
 * parameters at all (every condition sees it unset). Also: the Thunderbird
 * add-on's own _locales hold the same keys in every language.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES, MALFORMED_CMS_REASONS, MALFORMED_MIME_REASONS, REVOCATION_PROBLEM_CODES, UNSUPPORTED_REASONS, type Issue, type IssueCode, type IssueParams, type RevocationProblem, type RevocationProblemCode, type RevocationProblemSource } from "../../src/core/index.js";
import { DE_CATALOGUE, EN_CATALOGUE, type Catalogue } from "../../src/ui/index.js";
import { root } from "./reports.js";

const OTHERS: Catalogue[] = [DE_CATALOGUE];
const MARK = /⟦[^⟧]*⟧/g;

/** Params that hand a mark for whatever is read, so the text shows which it used. */
const marked = (): IssueParams =>
  new Proxy({} as IssueParams, { get: (_t, key) => (typeof key === "string" ? `⟦${key}⟧` : undefined), has: () => true });

function marksIn(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return [...new Set(text.match(MARK) ?? [])].sort();
}

const render = (c: Catalogue, code: IssueCode, params: IssueParams) => c.issue({ code, severity: "warning", where: {}, params } as Issue);

describe("issue texts in every catalogue", () => {
  for (const other of OTHERS) {
    it(`${other.lang}: a title and advice for every issue code, naming the same parameters as English`, () => {
      for (const code of ISSUE_CODES) {
        for (const params of [marked(), {}]) {
          const en = render(EN_CATALOGUE, code, params);
          const text = render(other, code, params);
          expect([code, text.title.length > 0, text.advice.length > 0]).toEqual([code, true, true]);
          expect([code, marksIn([text.title, text.advice]), marksIn(text.details ?? [])]).toEqual([code, marksIn([en.title, en.advice]), marksIn(en.details ?? [])]);
          // A text in the other language is not the English one left in place.
          expect([code, text.title === en.title]).toEqual([code, false]);
        }
      }
    });
  }
});

/** UI strings made from a structure, not from strings: each has its own test below. */
const STRUCTURED = new Set(["revocationProblem"]);

/** Every leaf of a UI string tree: strings as they are, functions called with marked arguments. */
function leaves(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (STRUCTURED.has(path)) return out;
  if (typeof value === "string") out.set(path, value);
  else if (typeof value === "function") {
    const args = Array.from({ length: value.length }, (_, i) => `⟦${i}⟧`);
    out.set(path, String((value as (...a: string[]) => unknown)(...args)));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) for (const [p, t] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, t);
  }
  return out;
}

describe("the reason a certificate was revoked (CRLReason, RFC 5280 section 5.3.1)", () => {
  const title = (c: Catalogue, reason?: string) => render(c, "revoked", { date: "2026-11-02T10:00:00Z", ...(reason === undefined ? {} : { reason }) }).title;

  it("is said in words in every language; unspecified, or none, adds nothing; a name no table knows stays as given", () => {
    expect([title(EN_CATALOGUE, "keyCompromise"), title(EN_CATALOGUE, "cACompromise"), title(EN_CATALOGUE, "unspecified"), title(EN_CATALOGUE), title(EN_CATALOGUE, "reason11")]).toEqual([
      "A certificate in the chain was revoked on 2026-11-02 (reason: its private key was compromised).",
      "A certificate in the chain was revoked on 2026-11-02 (reason: the issuing CA was compromised).",
      "A certificate in the chain was revoked on 2026-11-02.",
      "A certificate in the chain was revoked on 2026-11-02.",
      "A certificate in the chain was revoked on 2026-11-02 (reason: reason11).",
    ]);
    expect(title(DE_CATALOGUE, "superseded")).toBe("Ein Zertifikat der Kette wurde am 2026-11-02 gesperrt (Grund: ein neueres Zertifikat ersetzt es).");
  });
});

describe("view strings in every catalogue", () => {
  for (const other of OTHERS) {
    it(`${other.lang}: the same strings as English, each using the same arguments`, () => {
      const en = leaves(EN_CATALOGUE.ui);
      const them = leaves(other.ui);
      expect([...them.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of en) expect([key, marksIn(them.get(key))]).toEqual([key, marksIn(text)]);
    });
  }
});

describe("issue texts chosen by a reason in their params", () => {
  // name-constraints.ts's reasons for name-constraints-violated, policy-tree.ts's for policy-violation.
  const REASONS: [IssueCode, string[]][] = [
    ["name-constraints-violated", ["not-permitted", "excluded", "unsupported-form", "malformed-name", "undecodable", "not-critical", "in-end-entity", "malformed-constraint"]],
    ["policy-violation", ["malformed-policy-extension", "no-acceptable-policy", "any-policy-mapped"]],
    ["malformed-cms", [...MALFORMED_CMS_REASONS]],
    ["malformed-mime", [...MALFORMED_MIME_REASONS]],
  ];
  // unsupported-algorithm says its reason (params.why) after the algorithm's name, for each role.
  const ROLES = ["digest", "signature", "key", "certificate signature", "encryption"];
  it("unsupported-algorithm: every reason and role worded, naming the algorithm and the value, in every catalogue", () => {
    for (const c of [EN_CATALOGUE, ...OTHERS]) {
      const titles = new Set<string>();
      for (const why of UNSUPPORTED_REASONS) {
        for (const role of ROLES) {
          const t = render(c, "unsupported-algorithm", { algorithm: "⟦algorithm⟧", role, why, value: "⟦value⟧" }).title;
          titles.add(t);
          expect([c.lang, why, role, t.includes("⟦algorithm⟧"), t.includes(why)]).toEqual([c.lang, why, role, true, false]);
        }
      }
      expect(titles.size).toBe(UNSUPPORTED_REASONS.length * ROLES.length);
    }
  });
  const params = (reason: string): IssueParams => ({
    reason,
    name: "⟦name⟧",
    constraint: "⟦constraint⟧",
    structure: "⟦structure⟧",
    contentType: "⟦contentType⟧",
    attribute: "⟦attribute⟧",
    extensions: ["⟦extensions⟧"],
    algorithm: "⟦algorithm⟧",
    found: "⟦found⟧",
    value: "⟦value⟧",
    detail: "⟦detail⟧",
    bytes: 7,
    count: 7,
  });

  it("English: a title of its own for each reason, and no reason code shown as if it were words", () => {
    for (const [code, reasons] of REASONS) {
      const titles = reasons.map((r) => render(EN_CATALOGUE, code, params(r)).title);
      expect([code, new Set(titles).size]).toEqual([code, reasons.length]);
      for (const [k, t] of titles.entries()) expect([code, t.includes(reasons[k]!) || t.includes("(constraints)") || / for subject\b/.test(t)]).toEqual([code, false]);
    }
  });

  for (const other of OTHERS) {
    it(`${other.lang}: each reason's text names what the English names`, () => {
      for (const [code, reasons] of REASONS) {
        for (const reason of reasons) {
          const en = render(EN_CATALOGUE, code, params(reason));
          const text = render(other, code, params(reason));
          expect([code, reason, marksIn([text.title, text.advice])]).toEqual([code, reason, marksIn([en.title, en.advice])]);
          expect([code, reason, text.title === en.title]).toEqual([code, reason, false]);
        }
      }
    });
  }
});

describe("revocation problems in every catalogue", () => {
  /** A problem with a mark in every value a text may show. */
  const problem = (code: RevocationProblemCode, source?: RevocationProblemSource): RevocationProblem => ({
    code,
    ...(source ? { source, url: "⟦url⟧" } : {}),
    method: "POST",
    error: "network",
    status: 503,
    detail: "⟦detail⟧",
    responseStatus: "⟦responseStatus⟧",
    scheme: "⟦scheme⟧",
    extensions: ["⟦extensions⟧"],
    certificateIssue: "⟦certificateIssue⟧" as IssueCode,
    algorithm: "⟦algorithm⟧",
    bits: 512,
    minimum: 1024,
  });

  it("English: a line of its own for every problem code, and the source and address before it", () => {
    const lines = REVOCATION_PROBLEM_CODES.map((code) => EN_CATALOGUE.ui.revocationProblem(problem(code)));
    expect(new Set(lines).size).toBe(REVOCATION_PROBLEM_CODES.length);
    expect(EN_CATALOGUE.ui.revocationProblem({ code: "fetch-failed", source: "ocsp", url: "http://ocsp.example/", method: "POST", error: "http-status", status: 503 })).toBe(
      "OCSP http://ocsp.example/: POST request failed: the server answered with an error (HTTP 503)",
    );
    expect(EN_CATALOGUE.ui.revocationProblem({ code: "ocsp-unknown-certificate", source: "cached-ocsp" })).toBe("OCSP answer saved earlier: the responder does not know this certificate");
  });

  for (const other of OTHERS) {
    it(`${other.lang}: a line for every problem code and source, naming the same values as English`, () => {
      for (const code of REVOCATION_PROBLEM_CODES) {
        for (const source of [undefined, "ocsp", "cached-ocsp", "crl", "embedded-ocsp", "embedded-crl", "supplied-crl"] as const) {
          const en = EN_CATALOGUE.ui.revocationProblem(problem(code, source));
          const text = other.ui.revocationProblem(problem(code, source));
          expect([code, source, marksIn(text)]).toEqual([code, source, marksIn(en)]);
          expect([code, source, text === en]).toEqual([code, source, false]);
        }
      }
    });
  }
});

describe("the add-on's _locales", () => {
  it("every language has the keys English has (manifest.json names its strings from there)", () => {
    const dir = join(root, "_locales");
    const keys = (lang: string) => Object.keys(JSON.parse(readFileSync(join(dir, lang, "messages.json"), "utf8")) as object).sort();
    const langs = readdirSync(dir).sort();
    expect(langs).toEqual(["de", "en"]);
    for (const lang of langs) expect([lang, keys(lang)]).toEqual([lang, keys("en")]);
  });
});
