/**
 * OpenSSL's OCSP test responses (corpus 6b of ../shared/corpora/README.md):
 * build the path cert -> other certs -> root at the case's moment, feed the
 * responses as the only revocation source, and expect success exactly when the
 * case has no error. As in the harness these cases come from, a certificate no
 * response speaks about is not held against the path; a response that speaks
 * about it must be valid and say "good". And pyca's OCSP vectors: parse or fail as their names say.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificatePool, readCertificates, TrustStore } from "../../src/core/index.js";
import { validFor } from "../../src/core/trust/valid-for.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { checkWithOcsp, parseOcspResponse, type ParsedOcsp } from "../../src/core/revocation/ocsp.js";
import { corpus } from "../helpers/corpora.js";

interface OcspCase {
  name: string;
  root: string;
  other_certs?: string[];
  cert: string;
  ocsps: string[];
  moment: string;
  error?: { class: string };
}

const dir = corpus("ocsp");

describe.skipIf(dir === null)("OCSP corpora", () => {
  it("OpenSSL's OCSP cases: success exactly when expected", async () => {
    const base = join(dir!, "openssl-ocsp-tests");
    const cases = JSON.parse(readFileSync(join(base, "openssl-ocsp.json"), "utf8")) as OcspCase[];
    const pem = (f: string) => readCertificates(readFileSync(join(base, f))).certificates;
    let agree = 0;
    const differ: string[] = [];
    for (const c of cases) {
      const at = new Date(c.moment);
      // This 2012 suite is made of TLS server certificates: judge the path with serverAuth as the EKU.
      const policy = smimeProfile({ validationTime: at, requiredEku: "1.3.6.1.5.5.7.3.1", acceptSha1: true });
      const store = await TrustStore.create(pem(c.root).map((certificate) => ({ certificate, source: "option" as const })));
      const leaf = pem(c.cert)[0]!;
      const result = await validFor("email-signer", leaf, store, [new CertificatePool("given", (c.other_certs ?? []).flatMap(pem))], policy);
      const responses = c.ocsps.map((f) => parseOcspResponse(Buffer.from(readFileSync(join(base, f), "utf8").replace(/\s+/g, ""), "base64")));
      let ok = result.chosen !== null;
      const why: string[] = [];
      if (result.chosen) {
        const chain = result.chosen.chain;
        for (let k = 0; k < chain.length - 1 && ok; k++) {
          const verdicts = [];
          for (const r of responses) if (!("error" in r)) verdicts.push(await checkWithOcsp(chain[k]!, chain.slice(k + 1), r as ParsedOcsp, policy));
          const about = verdicts.filter((v) => v.status !== "not-covered");
          if (about.length > 0 && !about.some((v) => v.status === "good")) {
            ok = false;
            why.push(`@${k}: ${about.map((v) => (v.status === "invalid" ? v.problem : v.status)).join("; ")}`);
          }
        }
      } else why.push(...result.best.issues.map((i) => i.code));
      if (ok === !c.error) agree++;
      else differ.push(`${c.name}: expected ${c.error ? c.error.class : "success"}, got ${ok ? "success" : why.join(" ")}`);
    }
    console.log(`openssl ocsp cases: ${agree} of ${cases.length} agree`);
    if (differ.length) console.log(differ.join("\n"));
    expect(differ).toEqual([]);
  });

  it("pyca's OCSP response vectors parse, or fail, as their names say", () => {
    const base = join(dir!, "pyca-ocsp-vectors");
    const files = readdirSync(base).filter((f) => f.startsWith("resp-"));
    const malformed = new Set(["resp-successful-no-response-bytes.der", "resp-response-type-unknown-oid.der"]);
    for (const f of files) {
      const r = parseOcspResponse(new Uint8Array(readFileSync(join(base, f))));
      if (malformed.has(f)) expect(r, f).toHaveProperty("error");
      else expect("error" in r ? r.error : "parsed", f).toBe("parsed");
    }
    const unauthorized = parseOcspResponse(new Uint8Array(readFileSync(join(base, "resp-unauthorized.der"))));
    expect(unauthorized).toMatchObject({ responseStatus: "unauthorized", basic: null });
    expect(files.length).toBeGreaterThan(10);
  });
});
