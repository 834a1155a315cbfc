/**
 * The key store (src/core/keys/key-store.ts): keys from `openssl pkcs12 -export`
 * are kept sealed, survive a restart (a new KeyStore over the same store),
 * open only with the passphrase, and decrypt what `openssl cms -encrypt` made.
 * The test that matters most searches every byte the store holds for the
 * private key, in every form it could leak in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMessage, KeyStore, type SecurityReport } from "../../src/core/index.js";
import { readPkcs12 } from "../../src/core/keys/pkcs12.js";
import { recipientKeyFromPkcs8 } from "../../src/core/keys/recipient-key.js";
import { CertificateView } from "../../src/core/x509/certificate.js";
import { toBytes } from "../../src/core/crypto/bigint.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { sealingKey, unseal } from "../../src/core/keys/passphrase.js";
import { MemoryVault } from "../../src/hosts/shared/key-vault.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let ca: Identity;
let bob: Identity;
let carol: Identity;
let bobP12: Uint8Array;
let carolP12: Uint8Array;
let clock: { now: () => Date };
let t = Date.parse("2026-12-01T00:00:00Z");
/** A low iteration count keeps the suite quick; the default (600,000) is measured in bench/decrypt.mjs. */
const ITERATIONS = 1000;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("KsCA");
  bob = pki.makeLeaf("ks-bob", ca, { sanEmails: ["bob@example.org"] });
  carol = pki.makeLeaf("ks-carol", ca, { sanEmails: ["carol@example.org"], key: "ec:P-256" });
  const p12 = (who: Identity) => {
    pki.run(["pkcs12", "-export", "-in", who.cert, "-inkey", who.key, "-certfile", ca.cert, "-out", `${who.name}.p12`, "-passout", "pass:file-pw"]);
    return new Uint8Array(pki.read(`${who.name}.p12`));
  };
  bobP12 = p12(bob);
  carolP12 = p12(carol);
  clock = { now: () => new Date(t) };
});
afterAll(() => pki.cleanup());

function encryptedTo(who: Identity): Uint8Array {
  pki.write("ks-in.eml", "Content-Type: text/plain\r\n\r\nFor your eyes only.\r\n");
  pki.run(["cms", "-encrypt", "-aes256", "-in", "ks-in.eml", "-out", "ks-out.eml", who.cert]);
  return new Uint8Array(Buffer.concat([Buffer.from("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: s\r\n"), pki.read("ks-out.eml")]));
}

async function inspectWith(keys: KeyStore, message: Uint8Array): Promise<SecurityReport> {
  return inspectMessage(message, { clock, decryptors: [keys.decryptor()] });
}

/** Every stored value, as bytes. */
async function everyStoredByte(store: MemoryStore): Promise<Uint8Array[]> {
  const names = await store.list("");
  return Promise.all(names.map(async (n) => (await store.get(n))!));
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

describe("the key store", () => {
  it("imports, survives a restart, decrypts after unlocking and not before, and locks again when its time is up", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    const imported = await keys.importPkcs12(bobP12, "file-pw");
    expect(imported.ok && imported.ids.length).toBe(1);
    expect((await inspectWith(keys, encryptedTo(bob))).encryption).toBe("decrypted");

    // A restart: a new store object over the same bytes, locked.
    const again = new KeyStore(store, clock);
    expect((await again.list()).map((k) => [k.state, k.keyType, k.certificate?.emails])).toEqual([["identity", "RSA 2048", ["bob@example.org"]]]);
    expect((await inspectWith(again, encryptedTo(bob))).encryption).toBe("no-key");
    expect(await again.unlock("wrong horse battery", 60_000)).toBe("wrong-passphrase");
    expect(await again.unlock("correct horse battery", 60_000)).toBe("unlocked");
    const r = await inspectWith(again, encryptedTo(bob));
    expect([r.encryption, r.layers[0]?.kind === "enveloped" && r.layers[0].decryptedBody?.body]).toEqual(["decrypted", "For your eyes only.\r\n"]);

    t += 60_000;
    expect(again.isUnlocked()).toBe(false);
    expect((await inspectWith(again, encryptedTo(bob))).encryption).toBe("no-key");
  });

  it("never holds a private key's bytes: the PKCS#8, its base64, and each RSA secret number are searched for in every stored byte", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    expect((await keys.importPkcs12(bobP12, "file-pw")).ok).toBe(true);
    expect((await keys.importPkcs12(carolP12, "file-pw")).ok).toBe(true);
    const read = await readPkcs12(bobP12, "file-pw");
    const carolRead = await readPkcs12(carolP12, "file-pw");
    if (!read.ok || !carolRead.ok) throw new Error("unreadable test file");
    const pkcs8 = read.keys[0]!.value;
    const key = await recipientKeyFromPkcs8(pkcs8, CertificateView.fromDer(read.certificates.find((c) => c.localKeyId)!.value));
    if (typeof key === "string" || key.kind !== "rsa") throw new Error("no RSA key");
    const half = key.rsa.size / 2;
    const secrets: [string, Uint8Array][] = [
      ["bob's PKCS#8", pkcs8],
      ["carol's PKCS#8", carolRead.keys[0]!.value],
      ["bob's PKCS#8 in base64", new TextEncoder().encode(Buffer.from(pkcs8).toString("base64").slice(0, 64))],
      ["d", toBytes(key.rsa.d, key.rsa.size)],
      ["p", toBytes(key.rsa.p, half)],
      ["q", toBytes(key.rsa.q, half)],
      ["dP", toBytes(key.rsa.dp, half)],
      ["the middle 32 bytes of d", toBytes(key.rsa.d, key.rsa.size).subarray(100, 132)],
    ];
    const stored = await everyStoredByte(store);
    expect(stored.length).toBe(3); // meta and two records
    for (const [what, secret] of secrets) expect([what, stored.some((bytes) => contains(bytes, secret))]).toEqual([what, false]);
    // The search itself works: the public certificate is there to be found.
    expect(stored.some((bytes) => contains(bytes, new TextEncoder().encode(Buffer.from(key.certificate.der).toString("base64").slice(0, 64))))).toBe(true);
  });

  it("a wrong file password, or a locked store, imports nothing; the same key twice is one record", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    expect(await keys.importPkcs12(bobP12, "file-pw")).toEqual({ ok: false, problem: "locked" });
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    expect(await keys.importPkcs12(bobP12, "wrong")).toEqual({ ok: false, problem: "wrong-password" });
    expect(await store.list("keys/id/")).toEqual([]);
    await keys.importPkcs12(bobP12, "file-pw");
    await keys.importPkcs12(bobP12, "file-pw");
    expect((await keys.list()).length).toBe(1);
  });

  it("a sealed key moved to another record does not open (the record id is bound in as associated data)", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    const [b, c] = [await keys.importPkcs12(bobP12, "file-pw"), await keys.importPkcs12(carolP12, "file-pw")];
    if (!b.ok || !c.ok) throw new Error("import failed");
    const bobRecord = JSON.parse(new TextDecoder().decode((await store.get(`keys/id/${b.ids[0]}`))!));
    const carolRecord = JSON.parse(new TextDecoder().decode((await store.get(`keys/id/${c.ids[0]}`))!));
    await store.put(`keys/id/${c.ids[0]}`, new TextEncoder().encode(JSON.stringify({ ...carolRecord, sealedKey: bobRecord.sealedKey })));
    const again = new KeyStore(store, clock);
    expect(await again.unlock("correct horse battery", 60_000)).toBe("unlocked");
    expect((await inspectWith(again, encryptedTo(carol))).encryption).toBe("no-key");
    expect((await inspectWith(again, encryptedTo(bob))).encryption).toBe("decrypted");
  });

  it("delete removes the record and the opened key", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    const b = await keys.importPkcs12(bobP12, "file-pw");
    if (!b.ok) throw new Error("import failed");
    expect(await keys.delete("0123456789abcdef0123")).toBe(false);
    expect(await keys.delete(b.ids[0]!)).toBe(true);
    expect([await keys.list(), (await inspectWith(keys, encryptedTo(bob))).encryption]).toEqual([[], "no-key"]);
  });

  it("with a KeyVault, an EC key is also kept as a non-extractable ECDH key: mail to it opens without unlocking, after a restart too; RSA still needs the passphrase", async () => {
    const store = new MemoryStore();
    const vault = new MemoryVault();
    const keys = new KeyStore(store, clock, vault);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    const c = await keys.importPkcs12(carolP12, "file-pw");
    await keys.importPkcs12(bobP12, "file-pw");
    if (!c.ok) throw new Error("import failed");
    const held = await vault.get(c.ids[0]!);
    expect([held?.extractable, held?.algorithm.name, held?.usages]).toEqual([false, "ECDH", ["deriveBits"]]);
    const again = new KeyStore(store, clock, vault);
    expect(again.isUnlocked()).toBe(false);
    expect((await again.listing()).keys.map((k) => [k.keyType, k.usableWhileLocked ?? false])).toEqual(expect.arrayContaining([["EC P-256", true], ["RSA 2048", false]]));
    expect((await inspectWith(again, encryptedTo(carol))).encryption).toBe("decrypted");
    expect((await inspectWith(again, encryptedTo(bob))).encryption).toBe("no-key");
    // The vault emptied behind the store's back (the host's site data cleared): the record says vaulted, the key is gone.
    // Mail to it is then closed for want of a key (until unlocked), not a decryption that failed.
    await vault.delete(c.ids[0]!);
    const emptied = new KeyStore(store, clock, vault);
    expect((await inspectWith(emptied, encryptedTo(carol))).encryption).toBe("no-key");
    await emptied.unlock("correct horse battery", 60_000);
    expect((await inspectWith(emptied, encryptedTo(carol))).encryption).toBe("decrypted");
    await vault.put(c.ids[0]!, held!);
    expect(await again.delete(c.ids[0]!)).toBe(true);
    expect(await vault.get(c.ids[0]!)).toBeNull();
    expect((await inspectWith(again, encryptedTo(carol))).encryption).toBe("no-key");
  });

  it("the passphrase can be changed: afterwards only the new one opens, every key (one still waiting for its certificate too) survives, nothing of the old seal is left", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    await keys.importPkcs12(bobP12, "file-pw");
    const made = await keys.generate("p256", { email: "new@example.org" });
    expect(made.ok).toBe(true);
    expect(await keys.changePassphrase("wrong horse battery", "staple tree", 60_000, ITERATIONS)).toBe("wrong-passphrase");
    const before = new Map(store.map);
    expect(await keys.changePassphrase("correct horse battery", "staple tree river", 60_000, ITERATIONS)).toBe("changed");
    // Left unlocked with the new seal: the key opens mail at once.
    expect((await inspectWith(keys, encryptedTo(bob))).encryption).toBe("decrypted");
    // Every record was sealed again (new salt, new nonces); none keeps a second copy.
    for (const [name, bytes] of store.map) {
      expect(Buffer.from(bytes).equals(Buffer.from(before.get(name)!)), name).toBe(false);
      expect(new TextDecoder().decode(bytes)).not.toContain("resealed");
    }
    const again = new KeyStore(store, clock);
    expect(await again.unlock("correct horse battery", 60_000)).toBe("wrong-passphrase");
    expect(await again.unlock("staple tree river", 60_000)).toBe("unlocked");
    expect((await inspectWith(again, encryptedTo(bob))).encryption).toBe("decrypted");
    // The waiting key is still there, and its sealed copy opens under the new passphrase.
    const pending = (await again.list()).find((k) => k.state === "pending");
    const record = JSON.parse(new TextDecoder().decode((await store.get(`keys/id/${pending!.id}`))!));
    const meta = JSON.parse(new TextDecoder().decode((await store.get("keys/meta"))!));
    expect(await unseal(await sealingKey("staple tree river", meta), record.sealedKey, pending!.id)).not.toBeNull();
    expect(await new KeyStore(new MemoryStore(), clock).changePassphrase("a", "b", 60_000, ITERATIONS)).toBe("no-passphrase");
  });

  it("a passphrase change stopped at any write (a closed page, a full disk) loses no key: one passphrase, the old or the new, opens everything", async () => {
    /** A store whose put fails from the `failAt`-th on, as a page closed at that moment would leave it. */
    class StoppingStore extends MemoryStore {
      puts = 0;
      failAt = Infinity;
      override async put(key: string, value: Uint8Array): Promise<void> {
        if (++this.puts >= this.failAt) throw new Error("stopped");
        return super.put(key, value);
      }
    }
    const seed = new MemoryStore();
    const first = new KeyStore(seed, clock);
    await first.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    await first.importPkcs12(bobP12, "file-pw");
    await first.importPkcs12(carolP12, "file-pw");
    const copy = () => {
      const store = new StoppingStore();
      for (const [k, v] of seed.map) store.map.set(k, v);
      return store;
    };
    // A whole change makes 2 + 1 + 2 writes: each record resealed, the meta, each record settled.
    const probe = copy();
    await new KeyStore(probe, clock).changePassphrase("correct horse battery", "staple tree river", 60_000, ITERATIONS);
    expect(probe.puts).toBe(5);
    for (let failAt = 1; failAt <= 5; failAt++) {
      const store = copy();
      store.failAt = failAt;
      await expect(new KeyStore(store, clock).changePassphrase("correct horse battery", "staple tree river", 60_000, ITERATIONS)).rejects.toThrow("stopped");
      store.failAt = Infinity;
      const [inForce, other] = failAt <= 3 ? ["correct horse battery", "staple tree river"] : ["staple tree river", "correct horse battery"];
      const again = new KeyStore(store, clock);
      expect([failAt, await again.unlock(other, 60_000)]).toEqual([failAt, "wrong-passphrase"]);
      expect([failAt, await again.unlock(inForce, 60_000)]).toEqual([failAt, "unlocked"]);
      expect([failAt, (await inspectWith(again, encryptedTo(bob))).encryption, (await inspectWith(again, encryptedTo(carol))).encryption]).toEqual([failAt, "decrypted", "decrypted"]);
      // Unlocking settled what the stopped change left: no second copy remains.
      for (const [name, bytes] of store.map) expect([failAt, name, new TextDecoder().decode(bytes).includes("resealed")]).toEqual([failAt, name, false]);
    }
  });
});

describe("the records, as the pages list them", () => {
  it("says whether there is a passphrase (one only), lists an identity with its certificate and chain, passes over records it cannot read, and deletes only by a well-formed id", async () => {
    const store = new MemoryStore();
    const keys = new KeyStore(store, clock);
    expect((await keys.listing()).hasPassphrase).toBe(false);
    expect(await keys.hasPassphrase()).toBe(false);
    await keys.setPassphrase("correct horse battery", 60_000, ITERATIONS);
    expect(await keys.hasPassphrase()).toBe(true);
    await expect(keys.setPassphrase("another", 60_000, ITERATIONS)).rejects.toThrow("already has a passphrase");
    const b = await keys.importPkcs12(bobP12, "file-pw");
    if (!b.ok) throw new Error("import failed");
    const id = b.ids[0]!;
    const caDer = new Uint8Array(pki.run(["x509", "-in", ca.cert, "-outform", "DER"]));
    expect((await keys.certificateOf(id))?.chain).toEqual([caDer]);
    // With a second key, each id names its own record.
    const c = await keys.importPkcs12(carolP12, "file-pw");
    if (!c.ok) throw new Error("import failed");
    expect(Buffer.from((await keys.certificateOf(c.ids[0]!))!.certificate).equals(pki.run(["x509", "-in", carol.cert, "-outform", "DER"]))).toBe(true);
    expect(await keys.requestOf(id)).toBeNull();
    expect(await keys.delete(c.ids[0]!)).toBe(true);
    const [summary] = (await keys.listing()).keys;
    expect(summary).toMatchObject({ id, state: "identity", keyType: "RSA 2048", emails: ["bob@example.org"], subject: expect.stringContaining("CN=ks-bob"), issuer: expect.stringContaining("CN=KsCA"), notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(summary?.certificateBase64).toBe(Buffer.from(pki.run(["x509", "-in", bob.cert, "-outform", "DER"])).toString("base64"));
    expect(summary?.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(summary?.usableWhileLocked).toBeUndefined();
    // A record of a later version, and bytes that are no JSON, are passed over.
    await store.put("keys/id/ffffffffffffffffffff", new TextEncoder().encode(JSON.stringify({ version: 2, id: "ffffffffffffffffffff" })));
    await store.put("keys/id/eeeeeeeeeeeeeeeeeeee", Uint8Array.from([0xff, 0x00]));
    expect((await keys.list()).map((k) => k.id)).toEqual([id]);
    // Records stored under names around a valid id: only the id itself may name one to delete.
    for (const wrong of [`${id}0`, `0${id}`]) await store.put(`keys/id/${wrong}`, new TextEncoder().encode("{}"));
    for (const wrong of [`${id}0`, `0${id}`, "../meta", id.toUpperCase()]) expect(await keys.delete(wrong), wrong).toBe(false);
    expect((await keys.list()).map((k) => k.id)).toEqual([id]);
    expect(await store.get(`keys/id/${id}0`)).not.toBeNull();
  });
});

describe("the sealing key (passphrase.ts)", () => {
  it("cannot be exported, and parameters a damaged or hostile store names (another KDF, 0 or more than 10,000,000 iterations) are refused before any work", async () => {
    const salt = Buffer.from(new Uint8Array(16)).toString("base64");
    const key = await sealingKey("pw", { kdf: "PBKDF2-SHA-256", iterations: 1, salt });
    expect(key.extractable).toBe(false);
    for (const params of [
      { kdf: "PBKDF2-SHA-1", iterations: 1000, salt },
      { kdf: "PBKDF2-SHA-256", iterations: 0, salt },
      { kdf: "PBKDF2-SHA-256", iterations: 10_000_001, salt },
      { kdf: "PBKDF2-SHA-256", iterations: Number.NaN, salt },
    ]) {
      await expect(sealingKey("pw", params as Parameters<typeof sealingKey>[1]), JSON.stringify(params)).rejects.toThrow("unsupported key-derivation parameters");
    }
  });
});
