/**
 * The user's own keys, kept through the Store port. A private key is written
 * only sealed (passphrase.ts): the store holds certificates, public keys and
 * sealed blobs, never a private key's bytes. Unlocking derives the sealing key
 * once and opens every key for a time the caller sets; after it, or on lock(),
 * the opened keys are dropped.
 *
 * Records: "keys/meta" (the KDF parameters and a sealed check value) and
 * "keys/id/<id>" per key, <id> the first 20 hex digits of the SHA-256 of its
 * SubjectPublicKeyInfo, so importing the same key twice is one record.
 *
 * With a KeyVault (the hosts' IndexedDB), an EC key is also kept as a WebCrypto
 * key that cannot be exported: ECDH needs nothing else, so mail to it opens
 * without unlocking. RSA keys cannot be: WebCrypto has no RSAES-PKCS1-v1_5,
 * which most S/MIME mail uses, so they are opened from their sealed copy only.
 * The sealed copy of an EC key stays, for a backup only the passphrase allows.
 *
 * Changing the passphrase loses nothing if it stops half-way (a closed page, a full disk): every
 * record first gets its key sealed under the new passphrase beside the old ("resealed"); then the
 * meta record is replaced, the one write that switches passphrases; then each record drops its old
 * copy. Unlocking finishes or undoes whatever a stopped change left (settle()).
 */
import * as pkijs from "pkijs";
import type { Clock, DecryptOutcome, Decryptor, DecryptRequest, KeyVault, Store } from "../ports.js";
import { describePublicKey } from "../crypto/public-key.js";
import { CertificateView } from "../x509/certificate.js";
import { decodeBase64Text, encodeBase64 } from "../util/base64.js";
import { toArrayBuffer, toHex } from "../util/bytes.js";
import { digest } from "../crypto/digest.js";
import { openEnveloped } from "../cms/open-enveloped.js";
import { newKdfParams, seal, sealingKey, unseal, type KdfParams, type Sealed } from "./passphrase.js";
import { identitiesFromPkcs12, type Pkcs12IdentityProblem } from "./pkcs12-identities.js";
import { ecdhPrivateKey, ecRecipientKey, recipientKeyFromPkcs8, type RecipientKey } from "./recipient-key.js";
import { newKeyWithRequest, type NewKeyType, type RequestSubject } from "./certificate-request.js";
import { writePkcs12 } from "./pkcs12-write.js";

const META = "keys/meta";
const RECORDS = "keys/id/";
const CHECK_TEXT = "signet key store";

interface Meta extends KdfParams {
  version: 1;
  check: Sealed;
}

/** One stored key, as written (JSON). */
export interface KeyRecord {
  version: 1;
  id: string;
  created: string;
  /** base64 DER: the certificate of the key, absent while a request waits for its CA. */
  certificate?: string;
  /** base64 DER of CA certificates that came with the key (a PKCS#12 file's chain). */
  chain: string[];
  /** base64 DER SubjectPublicKeyInfo: what a returned certificate must carry. */
  spki: string;
  /** "RSA 3072", "EC P-256": for lists. */
  keyType: string;
  /** The PKCS#10 request, PEM, kept while the key waits for its certificate. */
  request?: string;
  /** PKCS#8 PrivateKeyInfo, sealed under the passphrase with the record id as associated data. */
  sealedKey: Sealed;
  /** The key is also in the host's KeyVault, as a non-extractable ECDH CryptoKey under the record id. */
  vaulted?: true;
  /** Only while a passphrase change is under way: the same key sealed under the new passphrase. */
  resealed?: Sealed;
}

export interface StoredKey {
  id: string;
  vaulted?: true;
  /** "identity": a key with its certificate, usable; "pending": a key whose request awaits a certificate. */
  state: "identity" | "pending";
  keyType: string;
  created: string;
  certificate?: CertificateView;
  request?: string;
}

export type UnlockResult = "unlocked" | "wrong-passphrase" | "no-passphrase";
export type ChangePassphraseResult = "changed" | "wrong-passphrase" | "no-passphrase";

/** A stored key as the key manager shows it (JSON: it crosses from the add-on's background to its pages). */
export interface KeySummary {
  id: string;
  state: "identity" | "pending";
  keyType: string;
  created: string;
  subject?: string;
  issuer?: string;
  serialNumber?: string;
  emails?: string[];
  notAfter?: string;
  /** The certificate, base64 DER (public: for export). */
  certificateBase64?: string;
  /** Kept by the host as a key that cannot be exported: it decrypts without unlocking. */
  usableWhileLocked?: true;
  /** The PEM request of a key that waits for its certificate. */
  request?: string;
}

/** The key store as a view shows it. */
export interface KeyListing {
  hasPassphrase: boolean;
  /** When the open keys lock again, while unlocked. */
  unlockedUntil: string | null;
  keys: KeySummary[];
}

export type ImportResult = { ok: true; ids: string[] } | ({ ok: false } & (Pkcs12IdentityProblem | { problem: "locked" }));

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const b64 = (bytes: Uint8Array): string => encodeBase64(bytes);
const unb64 = (text: string): Uint8Array => decodeBase64Text(text).bytes;

function decode<T>(bytes: Uint8Array | null): T | null {
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return null;
  }
}

export async function keyId(spki: Uint8Array): Promise<string> {
  return toHex(await digest("SHA-256", spki)).slice(0, 20);
}

/** The certificate's SubjectPublicKeyInfo as the key id is computed over (RSA keys in their rsaEncryption form). */
function spkiOf(cert: CertificateView): Uint8Array {
  const k = cert.publicKey;
  return k.kind === "rsa" || k.kind === "ec" ? k.spki : cert.der;
}

function keyType(cert: CertificateView): string {
  const k = cert.publicKey;
  return k.kind === "rsa" ? `RSA ${k.bits}` : k.kind === "ec" ? `EC ${k.curve}` : k.kind.toUpperCase();
}

export class KeyStore {
  /** While unlocked: the sealing key and the opened keys by record id. */
  private unlocked: { key: CryptoKey; keys: Map<string, RecipientKey>; until: number } | null = null;

  /** The vaulted keys as RecipientKeys, read once after each change. */
  private vaultKeys: Promise<Map<string, RecipientKey>> | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly vault?: KeyVault,
  ) {}

  /** Puts an EC key into the vault (non-extractable), when there is one; true if it is there. */
  private async toVault(id: string, pkcs8: Uint8Array, spki: Uint8Array): Promise<boolean> {
    if (!this.vault) return false;
    const info = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spki));
    const curve = describePublicKey(info);
    if (curve.kind !== "ec") return false;
    await this.vault.put(id, await ecdhPrivateKey(pkcs8, curve.curve));
    this.vaultKeys = null;
    return true;
  }

  private openVault(): Promise<Map<string, RecipientKey>> {
    this.vaultKeys ??= (async () => {
      const out = new Map<string, RecipientKey>();
      if (!this.vault) return out;
      for (const record of await this.records()) {
        if (!record.vaulted || !record.certificate) continue;
        const key = await this.vault.get(record.id);
        const certificate = CertificateView.fromDer(unb64(record.certificate));
        const pub = certificate.publicKey;
        if (key && pub.kind === "ec") out.set(record.id, ecRecipientKey(key, pub.curve, certificate));
      }
      return out;
    })();
    return this.vaultKeys;
  }

  async hasPassphrase(): Promise<boolean> {
    return (await this.store.get(META)) !== null;
  }

  /** Sets the passphrase of a store that has none, and leaves it unlocked for `forMs`. */
  async setPassphrase(passphrase: string, forMs: number, iterations?: number): Promise<void> {
    if (await this.hasPassphrase()) throw new Error("the key store already has a passphrase");
    const params = newKdfParams(iterations);
    const key = await sealingKey(passphrase, params);
    const meta: Meta = { version: 1, ...params, check: await seal(key, new TextEncoder().encode(CHECK_TEXT), META) };
    await this.store.put(META, encode(meta));
    this.unlocked = { key, keys: new Map(), until: this.clock.now().getTime() + forMs };
  }

  /** The sealing key of the passphrase, or why there is none; records a stopped change left are settled. */
  private async sealingKeyOf(passphrase: string): Promise<CryptoKey | "wrong-passphrase" | "no-passphrase"> {
    const meta = decode<Meta>(await this.store.get(META));
    if (!meta) return "no-passphrase";
    const key = await sealingKey(passphrase, meta);
    if (!(await unseal(key, meta.check, META))) return "wrong-passphrase";
    await this.settle(key);
    return key;
  }

  /**
   * Finishes or undoes a passphrase change that stopped: a record with a resealed copy keeps the one
   * copy the passphrase now in force opens (the meta record says which passphrase that is).
   */
  private async settle(key: CryptoKey): Promise<void> {
    for (const record of await this.records()) {
      if (!record.resealed) continue;
      const settled: KeyRecord = { ...record };
      delete settled.resealed;
      // Stopped after the switch: the new copy is the one in force. Before it: the old one still is.
      if (!(await unseal(key, record.sealedKey, record.id)) && (await unseal(key, record.resealed, record.id))) settled.sealedKey = record.resealed;
      await this.store.put(RECORDS + record.id, encode(settled));
    }
  }

  /** Opens every stored key for `forMs` milliseconds. */
  async unlock(passphrase: string, forMs: number): Promise<UnlockResult> {
    const key = await this.sealingKeyOf(passphrase);
    if (typeof key === "string") return key;
    await this.openAll(key, forMs);
    return "unlocked";
  }

  private async openAll(key: CryptoKey, forMs: number): Promise<void> {
    const keys = new Map<string, RecipientKey>();
    for (const record of await this.records()) {
      if (!record.certificate) continue;
      const pkcs8 = await unseal(key, record.sealedKey, record.id);
      if (!pkcs8) continue;
      const opened = await recipientKeyFromPkcs8(pkcs8, CertificateView.fromDer(unb64(record.certificate)));
      if (typeof opened !== "string") keys.set(record.id, opened);
    }
    this.unlocked = { key, keys, until: this.clock.now().getTime() + forMs };
  }

  lock(): void {
    this.unlocked = null;
  }

  /**
   * Seals every key under a new passphrase (new salt; the iteration count is the default unless given)
   * and leaves the store unlocked for `forMs`. A key the current passphrase does not open (a damaged
   * record) is left as it was. See the file's comment for why a stopped change loses nothing.
   */
  async changePassphrase(current: string, next: string, forMs: number, iterations?: number): Promise<ChangePassphraseResult> {
    const oldKey = await this.sealingKeyOf(current);
    if (typeof oldKey === "string") return oldKey;
    const params = newKdfParams(iterations);
    const newKey = await sealingKey(next, params);
    const records = await this.records();
    // 1. Each key sealed under the new passphrase too; the old copy is still the one in force.
    for (const record of records) {
      const pkcs8 = await unseal(oldKey, record.sealedKey, record.id);
      if (pkcs8) await this.store.put(RECORDS + record.id, encode({ ...record, resealed: await seal(newKey, pkcs8, record.id) }));
    }
    // 2. The switch: from this write on, the new passphrase opens the store.
    const meta: Meta = { version: 1, ...params, check: await seal(newKey, new TextEncoder().encode(CHECK_TEXT), META) };
    await this.store.put(META, encode(meta));
    // 3. The old copies go.
    await this.settle(newKey);
    await this.openAll(newKey, forMs);
    return "changed";
  }

  async listing(): Promise<KeyListing> {
    const keys = (await this.list()).map((k): KeySummary => {
      const c = k.certificate;
      return {
        id: k.id,
        state: k.state,
        keyType: k.keyType,
        created: k.created,
        ...(c ? { subject: c.subjectText, issuer: c.issuerText, serialNumber: c.serialHex, emails: c.emails, notAfter: c.cert.notAfter.value.toISOString(), certificateBase64: b64(c.der) } : {}),
        ...(k.request ? { request: k.request } : {}),
        ...(k.vaulted ? { usableWhileLocked: true as const } : {}),
      };
    });
    const open = this.isUnlocked() ? new Date(this.unlocked!.until).toISOString() : null;
    return { hasPassphrase: await this.hasPassphrase(), unlockedUntil: open, keys };
  }

  isUnlocked(): boolean {
    if (this.unlocked && this.clock.now().getTime() >= this.unlocked.until) this.unlocked = null;
    return this.unlocked !== null;
  }

  private async records(): Promise<KeyRecord[]> {
    const out: KeyRecord[] = [];
    // Stryker disable next-line MethodExpression: the Store ports list in order already (the sort keeps it so for any other)
    for (const name of (await this.store.list(RECORDS)).sort()) {
      const record = decode<KeyRecord>(await this.store.get(name));
      if (record?.version === 1) out.push(record);
    }
    return out;
  }

  async list(): Promise<StoredKey[]> {
    return (await this.records()).map((r) => ({
      id: r.id,
      state: r.certificate ? "identity" : "pending",
      keyType: r.keyType,
      created: r.created,
      ...(r.certificate ? { certificate: CertificateView.fromDer(unb64(r.certificate)) } : {}),
      ...(r.request ? { request: r.request } : {}),
      ...(r.vaulted ? { vaulted: true as const } : {}),
    }));
  }

  /**
   * Imports every identity of a PKCS#12 file. The store must be unlocked (the keys are sealed as they
   * are written). All or nothing: a file with a problem writes no record.
   */
  async importPkcs12(file: Uint8Array, password: string): Promise<ImportResult> {
    if (!this.isUnlocked()) return { ok: false, problem: "locked" };
    const read = await identitiesFromPkcs12(file, password);
    if (!read.ok) return read;
    const records: KeyRecord[] = [];
    for (let i = 0; i < read.identities.length; i++) {
      const identity = read.identities[i]!;
      const spki = spkiOf(identity.certificate);
      const id = await keyId(spki);
      records.push({
        version: 1,
        id,
        created: this.clock.now().toISOString(),
        certificate: b64(identity.certificate.der),
        chain: read.others.map((c) => b64(c.der)),
        spki: b64(spki),
        keyType: keyType(identity.certificate),
        sealedKey: await seal(this.unlocked!.key, read.privateKeys[i]!, id),
        ...((await this.toVault(id, read.privateKeys[i]!, spki)) ? { vaulted: true as const } : {}),
      });
    }
    // Stryker disable next-line ArrayDeclaration: a name never written is deleted to no effect
    const written: string[] = [];
    try {
      for (const r of records) {
        await this.store.put(RECORDS + r.id, encode(r));
        written.push(r.id);
      }
    } catch (e) {
      // Nothing half-imported: what was written of this file goes again.
      for (const id of written) await this.store.delete(RECORDS + id);
      throw e;
    }
    records.forEach((r, i) => this.unlocked!.keys.set(r.id, read.identities[i]!));
    return { ok: true, ids: records.map((r) => r.id) };
  }

  /**
   * A new key pair, sealed at once, and its PKCS#10 request (certificate-request.ts): the record waits
   * for the CA's certificate (importCertificate), and is a usable identity from then on.
   */
  async generate(type: NewKeyType, subject: RequestSubject): Promise<{ ok: true; id: string; requestPem: string } | { ok: false; problem: "locked" }> {
    if (!this.isUnlocked()) return { ok: false, problem: "locked" };
    const pair = await newKeyWithRequest(type, subject);
    const id = await keyId(pair.spki);
    const record: KeyRecord = {
      version: 1,
      id,
      created: this.clock.now().toISOString(),
      // Stryker disable next-line ArrayDeclaration: a waiting key has no certificate, so nothing reads its chain until importCertificate writes one
      chain: [],
      spki: b64(pair.spki),
      keyType: type === "rsa-3072" ? "RSA 3072" : "EC P-256",
      request: pair.requestPem,
      sealedKey: await seal(this.unlocked!.key, pair.pkcs8, id),
      ...((await this.toVault(id, pair.pkcs8, pair.spki)) ? { vaulted: true as const } : {}),
    };
    await this.store.put(RECORDS + id, encode(record));
    return { ok: true, id, requestPem: pair.requestPem };
  }

  /**
   * A certificate the CA issued for a stored key (a request's answer, or a renewal): it is kept with
   * the key whose public key it carries; a certificate for no stored key is refused. Certificates that
   * come with it (the CA's) are kept as the chain.
   */
  async importCertificate(certificates: readonly CertificateView[]): Promise<{ ok: true; id: string } | { ok: false; problem: "no-matching-key" }> {
    const records = await this.records();
    for (const cert of certificates) {
      const spki = b64(spkiOf(cert));
      const record = records.find((r) => r.spki === spki);
      if (!record) continue;
      const chain = certificates.filter((c) => c !== cert).map((c) => b64(c.der));
      // The request is answered: the record keeps the certificate instead.
      const answered: KeyRecord = { ...record, certificate: b64(cert.der), chain };
      delete answered.request;
      await this.store.put(RECORDS + record.id, encode(answered));
      this.vaultKeys = null;
      if (this.isUnlocked()) {
        const pkcs8 = await unseal(this.unlocked!.key, record.sealedKey, record.id);
        const opened = pkcs8 ? await recipientKeyFromPkcs8(pkcs8, cert) : null;
        if (opened && typeof opened !== "string") this.unlocked!.keys.set(record.id, opened);
      }
      return { ok: true, id: record.id };
    }
    return { ok: false, problem: "no-matching-key" };
  }

  /** A stored record's certificate and chain as DER, or null. */
  async certificateOf(id: string): Promise<{ certificate: Uint8Array; chain: Uint8Array[] } | null> {
    const record = (await this.records()).find((r) => r.id === id);
    return record?.certificate ? { certificate: unb64(record.certificate), chain: record.chain.map(unb64) } : null;
  }

  /** The PKCS#10 request of a key that waits for its certificate, or null. */
  async requestOf(id: string): Promise<string | null> {
    return (await this.records()).find((r) => r.id === id)?.request ?? null;
  }

  /** A PKCS#12 backup of an identity (pkcs12-write.ts), protected by `password`. */
  async exportPkcs12(id: string, password: string, iterations?: number): Promise<Uint8Array | "locked" | "not-found" | "no-certificate"> {
    if (!this.isUnlocked()) return "locked";
    const record = (await this.records()).find((r) => r.id === id);
    if (!record) return "not-found";
    if (!record.certificate) return "no-certificate";
    const pkcs8 = await unseal(this.unlocked!.key, record.sealedKey, record.id);
    if (!pkcs8) return "locked";
    const certificate = unb64(record.certificate);
    const name = CertificateView.fromDer(certificate).emails[0];
    return writePkcs12({ pkcs8, certificate, chain: record.chain.map(unb64), ...(name ? { friendlyName: name } : {}) }, password, iterations);
  }

  async delete(id: string): Promise<boolean> {
    const name = RECORDS + id;
    if (!/^[0-9a-f]{20}$/.test(id) || !(await this.store.get(name))) return false;
    await this.store.delete(name);
    await this.vault?.delete(id);
    this.vaultKeys = null;
    this.unlocked?.keys.delete(id);
    return true;
  }

  /** The Decryptor over the keys open now: the vault's always, the sealed ones while unlocked. */
  decryptor(): Decryptor {
    return {
      by: "signet",
      open: async ({ envelope }) => {
        // The vault's keys always; the sealed ones while unlocked.
        const keys = new Map(await this.openVault());
        if (this.isUnlocked()) for (const [id, k] of this.unlocked!.keys) keys.set(id, k);
        return this.openWith([...keys.values()], envelope);
      },
    };
  }

  private async openWith(keys: RecipientKey[], envelope: DecryptRequest["envelope"]): Promise<DecryptOutcome> {
    const outcome = await openEnveloped(envelope, keys);
    return outcome.ok ? { ok: true, content: outcome.content, recipient: outcome.recipient } : outcome;
  }
}
