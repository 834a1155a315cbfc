/**
 * Every CRL of NIST PKITS (173 files) read by Signet's CRL reader, compared with
 * `openssl crl -text`: the number of entries and each entry's reason. The
 * revocation decision itself arrives with the revocation issue.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCrl } from "../../src/core/revocation/crl.js";
import { corpus } from "../helpers/corpora.js";

const dir = corpus("nist-pkits");

describe.skipIf(dir === null)("NIST PKITS CRLs", () => {
  it("parse, with the entries and reasons openssl crl prints", () => {
    const files = readdirSync(join(dir!, "crls")).filter((f) => f.endsWith(".crl"));
    let entries = 0;
    for (const f of files) {
      const path = join(dir!, "crls", f);
      const crl = parseCrl(new Uint8Array(readFileSync(path)));
      if ("error" in crl) throw new Error(`${f}: ${crl.error}`);
      const text = execFileSync("openssl", ["crl", "-inform", "DER", "-in", path, "-noout", "-text"]).toString();
      expect(crl.entries.size, f).toBe((text.match(/Serial Number:/g) ?? []).length);
      const reasons = [...text.matchAll(/X509v3 CRL Reason Code:\s*\n\s*(.+)/g)].map((m) => m[1]!.trim().replace(/\s+/g, "").toLowerCase()).sort();
      const ours = [...crl.entries.values()].filter((e) => e.reason).map((e) => e.reason!.toLowerCase()).sort();
      expect(ours, f).toEqual(reasons);
      entries += crl.entries.size;
    }
    console.log(`pkits crls: ${files.length} CRLs, ${entries} entries, all as openssl reads them`);
    expect(files.length).toBe(173);
  });
});
