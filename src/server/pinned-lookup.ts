/**
 * The relay's name resolution, checked and pinned: the one lookup a
 * connection makes resolves the name, refuses it when any answer is an
 * address the relay must not reach (address-policy.ts), and hands the socket
 * exactly the addresses it checked. There is no second lookup between the
 * check and the connect, so a name that answers a public address to the
 * check and a private one to the connect (DNS rebinding) has nothing to
 * exploit. Node's net.connect calls this as its `lookup` option (undici passes
 * its `connect` options through); a literal address never reaches a lookup,
 * so upstream.ts checks those itself.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a name, as the system resolver gives them (getaddrinfo). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

// verbatim: the resolver's own order (RFC 6724), which only orders the addresses; every one of them is checked.
// Stryker disable next-line BooleanLiteral: the order of the answers changes no check, and tests resolve no names through DNS
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The error a refused name fails its connection with; upstream.ts reports it as "refused". */
export class RefusedAddressError extends Error {
  readonly code = "ESIGNETREFUSED";
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly why: string,
  ) {
    super(`${hostname} resolves to ${address}: ${why}`);
  }
}

/**
 * A `lookup` for net.connect: resolves once, refuses the name when any of its addresses is refused
 * (a name with one private answer among public ones is how rebinding is dressed up), and answers
 * in both of net.connect's forms (`all` for Happy Eyeballs, one address otherwise).
 */
export function pinnedLookup(refusal: (address: string) => string | null, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    // Stryker disable next-line StringLiteral: net.connect reads no address from a failed lookup
    const fail = (e: Error) => callback(e, "", 0);
    resolve(hostname).then(
      (answers) => {
        const refused = answers.map((a) => [a, refusal(a.address)] as const).find(([, why]) => why !== null);
        if (refused) return fail(new RefusedAddressError(hostname, refused[0].address, refused[1]!));
        // net.connect asks for one family (4 or 6) or for any (0, or absent).
        const usable = options.family ? answers.filter((a) => a.family === options.family) : answers;
        if (usable.length === 0) return fail(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }));
        if (options.all) return (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
    );
  };
}
