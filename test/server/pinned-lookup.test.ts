/**
 * The relay's lookup as net.connect calls it, with a resolver the test gives
 * (no DNS): both of net.connect's forms (`all` for Happy Eyeballs, one
 * address otherwise), a family asked for, a name with no address of that
 * family, a refused answer, and a resolver that fails.
 */
import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { addressRefusal } from "../../src/server/address-policy.js";
import { pinnedLookup, RefusedAddressError, type Resolver } from "../../src/server/pinned-lookup.js";

const answers: Record<string, { address: string; family: number }[]> = {
  "dual.example.test": [
    { address: "2606:4700::1", family: 6 },
    { address: "8.8.8.8", family: 4 },
  ],
  "v4.example.test": [{ address: "8.8.4.4", family: 4 }],
  "private.example.test": [{ address: "10.0.0.1", family: 4 }],
};
const resolver: Resolver = async (name) => answers[name] ?? Promise.reject("no such name");
const lookup = pinnedLookup((a) => addressRefusal(a), resolver);

function ask(name: string, options: { all?: boolean; family?: number }): Promise<{ error: Error | null; result: unknown; family?: number }> {
  return new Promise((done) =>
    lookup(name, options as never, ((error: NodeJS.ErrnoException | null, result: string | LookupAddress[], family?: number) => done({ error, result, ...(family !== undefined ? { family } : {}) })) as never),
  );
}

describe("pinnedLookup", () => {
  it("answers every checked address when asked for all, and the first (or the first of a family) otherwise", async () => {
    expect(await ask("dual.example.test", { all: true })).toEqual({ error: null, result: answers["dual.example.test"] });
    expect(await ask("dual.example.test", {})).toEqual({ error: null, result: "2606:4700::1", family: 6 });
    expect(await ask("dual.example.test", { family: 4 })).toEqual({ error: null, result: "8.8.8.8", family: 4 });
    expect(await ask("dual.example.test", { family: 6, all: true })).toEqual({ error: null, result: [{ address: "2606:4700::1", family: 6 }] });
    expect(await ask("dual.example.test", { family: 0 })).toEqual({ error: null, result: "2606:4700::1", family: 6 });
  });

  it("a name without an address of the family asked for is not found", async () => {
    const r = await ask("v4.example.test", { family: 6 });
    expect(r.error).toMatchObject({ message: "v4.example.test has no address", code: "ENOTFOUND" });
  });

  it("a refused answer fails the connection with the relay's own error, naming the name, the address and why", async () => {
    const r = await ask("private.example.test", { all: true });
    expect(r.error).toBeInstanceOf(RefusedAddressError);
    expect(r.error).toMatchObject({ code: "ESIGNETREFUSED", hostname: "private.example.test", address: "10.0.0.1", why: "private network (RFC 1918)", message: "private.example.test resolves to 10.0.0.1: private network (RFC 1918)" });
  });

  it("a resolver's failure is passed on as an error, whatever it threw", async () => {
    const r = await ask("nowhere.example.test", {});
    expect(r.error).toBeInstanceOf(Error);
    expect(r.error!.message).toBe("no such name");
  });
});
