/**
 * The Decryptor port over a mail client that decrypts with its own key store
 * (Thunderbird's messages.getRaw with decrypt: true). A client decrypts whole
 * messages only, so it is asked only for a layer that is the message itself, and
 * at most once per message: every phase of an inspection reads the same answer.
 */
import type { Decryptor } from "../ports.js";
import { bytesEqual } from "../util/bytes.js";

export function hostDecryptor(decrypt: () => Promise<Uint8Array | null>): Decryptor {
  let plaintext: Promise<Uint8Array | null> | null = null;
  return {
    by: "host",
    async open({ wholeMessage, message }) {
      if (!wholeMessage) return { ok: false, reason: "not-a-recipient" };
      plaintext ??= decrypt().catch(() => null);
      const plain = await plaintext;
      // Thunderbird hands back the ciphertext unchanged when it holds no key or knows not the format.
      if (plain === null || bytesEqual(plain, message)) return { ok: false, reason: "not-a-recipient" };
      return { ok: true, content: plain, recipient: null };
    },
  };
}
