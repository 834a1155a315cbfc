/**
 * One inspection per displayed message (core inspectInStages, hosts/shared/inspection.ts): the
 * local stage parses the message and checks every signature; the network stage judges each
 * signer's chain again (AIA, revocation) and checks no signature a second time. Counted through
 * WebCrypto's verify, the one primitive every signature check goes through (crypto/verify.ts),
 * not timed. The PKI and the messages are OpenSSL's; the network is the Fetcher port, answered here.
 */
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { buildTrustInputs, inspectInStages, type Fetcher, type FetchRequest, type Ports, type SecurityReport } from "../../src/core/index.js";
import { startInspection } from "../../src/hosts/shared/inspection.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";
import { codes, signers } from "../helpers/inspect.js";

const AIA = "http://aia.example/inter.cer";
const NOW = new Date();
const clock = { now: () => NOW };

/** A PKI of its own per case: a certificate's signature, once checked, is remembered with it (x509/issued-by.ts). */
function pkiWithChain(): { pki: ScenarioPki; withIssuer: Uint8Array; leafOnly: Uint8Array; interDer: Uint8Array } {
  const pki = new ScenarioPki();
  pki.build([
    { name: "Root" },
    { name: "Inter", issuer: "Root" },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", caIssuers: AIA },
  ]);
  const leaf = pki.get("Leaf");
  const content = "Content-Type: text/plain\n\nHello\n";
  return {
    pki,
    withIssuer: pki.sign({ signers: [{ who: leaf }], content, extraCerts: [pki.get("Inter").cert] }),
    leafOnly: pki.sign({ signers: [{ who: leaf }], content }),
    interDer: new Uint8Array(pki.run(["x509", "-in", pki.get("Inter").cert, "-outform", "DER"])),
  };
}

/** The Fetcher port: the intermediate at its AIA address, 404 for anything else; every request kept. */
function aiaFetcher(interDer: Uint8Array): Fetcher & { requests: FetchRequest[] } {
  const requests: FetchRequest[] = [];
  return {
    requests,
    fetch: async (req) => {
      requests.push(req);
      return req.url === AIA ? { ok: true, status: 200, contentType: null, body: interDer } : { ok: false, error: "http-status", status: 404 };
    },
  };
}

async function setup(pki: ScenarioPki, fetcher: Fetcher): Promise<{ ports: Ports; trust: Awaited<ReturnType<typeof buildTrustInputs>> }> {
  const trust = await buildTrustInputs({ fetcher, bundledRoots: false, extraAnchors: [pki.view("Root")] });
  return { ports: { clock, fetcher }, trust };
}

let verify: MockInstance;
const pkis: ScenarioPki[] = [];
beforeAll(() => {
  verify = vi.spyOn(crypto.subtle, "verify");
});
afterAll(() => {
  verify.mockRestore();
  for (const p of pkis) p.cleanup();
});

/** Signature checks made while `run` runs. */
async function verifiesDuring<T>(run: () => Promise<T>): Promise<[T, number]> {
  const before = verify.mock.calls.length;
  const out = await run();
  return [out, verify.mock.calls.length - before];
}

describe("one inspection, two stages", () => {
  it("a chain complete in the message: the local stage checks all three signatures, the network stage none again", async () => {
    const { pki, withIssuer, interDer } = pkiWithChain();
    pkis.push(pki);
    const fetcher = aiaFetcher(interDer);
    const { ports, trust } = await setup(pki, fetcher);
    const [staged, local] = await verifiesDuring(() => inspectInStages(withIssuer, ports, { trust }));
    // The message's signature, the leaf by the intermediate, the intermediate by the root.
    expect(local).toBe(3);
    expect([staged.local.signature, staged.local.trust, staged.local.revocation]).toEqual(["valid", "trusted", "not-checked"]);
    expect(staged.final).not.toBeNull();
    const [final, network] = await verifiesDuring(() => staged.final!());
    expect(network).toBe(0);
    expect([final.signature, final.trust]).toEqual(["valid", "trusted"]);
    // Nothing to fetch: the path was complete, and the leaf names no revocation source.
    expect(fetcher.requests).toEqual([]);
    // Asked again, the same answer, not a second stage.
    expect(await staged.final!()).toBe(final);
  });

  it("an issuer only AIA has: the local stage checks the message's signature, the network stage the two certificates", async () => {
    const { pki, leafOnly, interDer } = pkiWithChain();
    pkis.push(pki);
    const fetcher = aiaFetcher(interDer);
    const { ports, trust } = await setup(pki, fetcher);
    const [staged, local] = await verifiesDuring(() => inspectInStages(leafOnly, ports, { trust }));
    expect(local).toBe(1);
    expect([staged.local.signature, staged.local.trust]).toEqual(["valid", "untrusted"]);
    expect(codes(staged.local)).toContain("unknown-issuer");
    // The local stage asks nobody.
    expect(fetcher.requests).toEqual([]);
    const [final, network] = await verifiesDuring(() => staged.final!());
    expect(network).toBe(2);
    expect(fetcher.requests.map((r) => r.url)).toEqual([AIA]);
    expect([final.signature, final.trust]).toEqual(["valid", "trusted"]);
    expect(signers(final)[0]!.chain.map((c) => /CN=(\w+)/.exec(c.subject)?.[1])).toEqual(["Leaf", "Inter", "Root"]);
    // The local report the reader saw first is left as it was.
    expect(staged.local.trust).toBe("untrusted");
  });

  it("each signer's issues are replaced where they stood; every other issue is as it was", async () => {
    const { pki, interDer } = pkiWithChain();
    pkis.push(pki);
    pki.build([{ name: "Carol", issuer: "Root", email: "carol@example.org" }]);
    // Two signers, From naming neither: the first's chain needs AIA, the second's is complete.
    const message = pki.sign({ signers: [{ who: pki.get("Leaf") }, { who: pki.get("Carol") }], content: "Content-Type: text/plain\n\nHi\n", from: "mallory@example.org" });
    const { ports, trust } = await setup(pki, aiaFetcher(interDer));
    const staged = await inspectInStages(message, ports, { trust });
    const located = (r: SecurityReport) => r.issues.map((i) => `${i.code}@${i.where.signer ?? "-"}`);
    // OpenSSL writes the SignerInfos as a DER SET, sorted: which comes first depends on the bytes.
    const leaf = signers(staged.local).findIndex((r) => r.certificate?.emails.includes("alice@example.org"));
    const expectLocal = (s: number) => (s === leaf ? [`sender-mismatch@${s}`, `unknown-issuer@${s}`] : [`sender-mismatch@${s}`]);
    expect(located(staged.local)).toEqual(["multiple-signers@-", ...expectLocal(0), ...expectLocal(1)]);
    expect(located(await staged.final!())).toEqual(["multiple-signers@-", "sender-mismatch@0", "sender-mismatch@1"]);
  });

  it("without a network there is no second stage, and revocation is answered from what is at hand", async () => {
    const { pki, withIssuer } = pkiWithChain();
    pkis.push(pki);
    const trust = await buildTrustInputs({ bundledRoots: false, extraAnchors: [pki.view("Root")] });
    const staged = await inspectInStages(withIssuer, { clock }, { trust });
    expect(staged.final).toBeNull();
    expect(staged.local.trust).toBe("trusted");
  });
});

describe("the hosts' inspection (hosts/shared/inspection.ts)", () => {
  it("shows the local answer, then the final one, from one pass: each signature checked once", async () => {
    const { pki, leafOnly, interDer } = pkiWithChain();
    pkis.push(pki);
    const fetcher = aiaFetcher(interDer);
    const { trust } = await setup(pki, fetcher);
    const [states, checks] = await verifiesDuring(async () => {
      const inspection = startInspection(leafOnly, { clock, fetcher, trust: async () => trust });
      return [await inspection.local, await inspection.final] as const;
    });
    const [local, final] = states;
    expect([local.pending, local.report?.trust]).toEqual([true, "untrusted"]);
    expect([final.pending, final.report?.trust]).toEqual([false, "trusted"]);
    // The message's signature once (the local stage), the two certificates once (the network stage).
    expect(checks).toBe(3);
    expect(fetcher.requests.length).toBe(1);
  });
});
