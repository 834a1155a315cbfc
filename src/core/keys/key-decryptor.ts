/** The Decryptor port over keys Signet holds: an unlocked key store, or a PKCS#12 file given for one inspection. */
import type { Decryptor } from "../ports.js";
import { openEnveloped } from "../cms/open-enveloped.js";
import type { RecipientKey } from "./recipient-key.js";

export function keyDecryptor(keys: readonly RecipientKey[]): Decryptor {
  return {
    by: "signet",
    async open({ envelope }) {
      const outcome = await openEnveloped(envelope, keys);
      return outcome.ok ? { ok: true, content: outcome.content, recipient: outcome.recipient } : outcome;
    },
  };
}
