/**
 * The certificates of the people the user hears from: every signer of a
 * message whose signature holds and whose certificate names the sender's
 * address is kept, with the algorithms it said it can decrypt
 * (SMIMECapabilities, RFC 8551 section 2.5.2). These are the certificates
 * needed to encrypt to those people. Kept through the Store port under
 * "correspondents/<SHA-256 fingerprint>"; a certificate seen again updates when
 * it was last seen and its latest capabilities.
 */
import type { Clock, Store } from "../ports.js";
import type { AlgorithmName, SecurityReport, SignerReport } from "../report/types.js";
import { allSigners } from "../report/verdict.js";
import { decodeBase64Text } from "../util/base64.js";

const PREFIX = "correspondents/";

export interface Correspondent {
  fingerprintSha256: string;
  /** The certificate, base64 DER. */
  derBase64: string;
  subject: string;
  issuer: string;
  emails: string[];
  notAfter: string;
  /** Whether the certificate chained to a root the user trusted when last seen. */
  trusted: boolean;
  /** What the sender's mail program said it can decrypt, best first, as last seen. */
  capabilities: AlgorithmName[];
  firstSeen: string;
  lastSeen: string;
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** A stored entry, or null for none and for one damaged (not JSON, or missing what the list reads). */
function decode(bytes: Uint8Array | null): Correspondent | null {
  if (!bytes) return null;
  try {
    const entry = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Correspondent> | null;
    const whole = typeof entry?.fingerprintSha256 === "string" && typeof entry.derBase64 === "string" && Array.isArray(entry.emails) && typeof entry.lastSeen === "string";
    return whole ? (entry as Correspondent) : null;
  } catch {
    return null;
  }
}

/** Fingerprints are upper-case hex with colons in reports; the store key is bare lower-case hex. */
const keyOf = (fingerprint: string): string => PREFIX + fingerprint.replace(/:/g, "").toLowerCase();

/**
 * A signer worth keeping: its signature holds, its certificate names the sender the reader sees, and
 * nothing says the certificate is revoked (mail encrypted to a revoked key may be read by whoever has it).
 */
function worthKeeping(s: SignerReport): boolean {
  return s.status === "valid" && s.identity === "match" && s.revocation !== "revoked" && s.certificate?.derBase64 !== undefined;
}

export class CorrespondentDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Keeps the certificates of a report's valid signers; returns how many were new. */
  async addFromReport(report: SecurityReport): Promise<number> {
    let added = 0;
    const now = this.clock.now().toISOString();
    for (const signer of allSigners(report.layers).filter(worthKeeping)) {
      const c = signer.certificate!;
      const key = keyOf(c.fingerprintSha256);
      const known = decode(await this.store.get(key));
      const entry: Correspondent = {
        fingerprintSha256: c.fingerprintSha256,
        derBase64: c.derBase64!,
        subject: c.subject,
        issuer: c.issuer,
        emails: c.emails,
        notAfter: c.notAfter,
        trusted: signer.trust === "trusted",
        capabilities: signer.smimeCapabilities ?? known?.capabilities ?? [],
        firstSeen: known?.firstSeen ?? now,
        lastSeen: now,
      };
      await this.store.put(key, encode(entry));
      if (!known) added++;
    }
    return added;
  }

  /** Every kept certificate, newest seen first; `address` keeps those for that mailbox (case-insensitive). */
  async list(address?: string): Promise<Correspondent[]> {
    const wanted = address?.toLowerCase();
    const out: Correspondent[] = [];
    for (const name of await this.store.list(PREFIX)) {
      const entry = decode(await this.store.get(name));
      if (entry && (!wanted || entry.emails.some((e) => e.toLowerCase().includes(wanted)))) out.push(entry);
    }
    return out.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  /** The certificate as DER, or null. */
  async certificate(fingerprint: string): Promise<Uint8Array | null> {
    const entry = decode(await this.store.get(keyOf(fingerprint)));
    return entry ? decodeBase64Text(entry.derBase64).bytes : null;
  }

  async remove(fingerprint: string): Promise<boolean> {
    const key = keyOf(fingerprint);
    if (!/^[0-9a-f]{64}$/.test(key.slice(PREFIX.length)) || !(await this.store.get(key))) return false;
    await this.store.delete(key);
    return true;
  }
}
