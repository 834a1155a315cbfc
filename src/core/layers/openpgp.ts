/**
 * OpenPGP, recognised so that it is never mistaken for plain mail: PGP/MIME
 * (RFC 3156: multipart/encrypted with protocol application/pgp-encrypted,
 * multipart/signed with protocol application/pgp-signature) and inline armour
 * in a text part (RFC 4880 section 6.2: "-----BEGIN PGP MESSAGE-----" and
 * "-----BEGIN PGP SIGNED MESSAGE-----" at the start of a line). Signet inspects
 * S/MIME only; an OpenPGP message is said to be encrypted or signed in a form
 * Signet does not check, never "not encrypted" or "not signed".
 */
import { describeType, type MimeEntity } from "../mime/entity.js";
import { decodeBody } from "../mime/transfer-encoding.js";
import { latin1 } from "../util/bytes.js";

export type OpenPgpForm = "pgp-mime-encrypted" | "pgp-mime-signed" | "inline-encrypted" | "inline-signed";

/** Inline armour is looked for in this much of a text part: a header line further in is not what a reader sees first. */
const INLINE_SCAN_BYTES = 1024 * 1024;

const ARMOUR = /^-----BEGIN PGP (MESSAGE|SIGNED MESSAGE)-----\r?$/m;

/** The PGP/MIME form of a multipart entity, by its protocol parameter (RFC 3156 sections 4 and 5). */
export function pgpMimeForm(entity: MimeEntity): OpenPgpForm | null {
  const type = describeType(entity);
  const protocol = entity.contentType.params.get("protocol")?.toLowerCase();
  if (type === "multipart/encrypted" && protocol === "application/pgp-encrypted") return "pgp-mime-encrypted";
  if (type === "multipart/signed" && protocol === "application/pgp-signature") return "pgp-mime-signed";
  return null;
}

/** Inline armour in a text/plain part, or null. */
export function inlinePgpForm(entity: MimeEntity): OpenPgpForm | null {
  if (describeType(entity) !== "text/plain") return null;
  const bytes = decodeBody(entity).bytes;
  const m = ARMOUR.exec(latin1(bytes, 0, Math.min(bytes.length, INLINE_SCAN_BYTES)));
  if (!m) return null;
  return m[1] === "MESSAGE" ? "inline-encrypted" : "inline-signed";
}

export const isEncryptedForm = (form: OpenPgpForm): boolean => form === "pgp-mime-encrypted" || form === "inline-encrypted";
