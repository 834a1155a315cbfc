/** Content-Transfer-Encoding decoding (RFC 2045 section 6). */
import { decodeBase64 } from "../util/base64.js";
import { decodeQuotedPrintable } from "../util/quoted-printable.js";
import type { MimeDamage } from "../report/issue-params.js";
import { rawBody, type MimeEntity } from "./entity.js";

export interface DecodedBody {
  bytes: Uint8Array;
  /** Why the body may not be what the sender meant, when it is not clean. */
  problem: MimeDamage | null;
}

export function decodeBody(entity: MimeEntity): DecodedBody {
  const raw = rawBody(entity);
  switch (entity.transferEncoding) {
    case "base64": {
      const r = decodeBase64(raw);
      const problem: MimeDamage | null =
        r.invalidCharacters > 0 ? { reason: "base64-invalid-characters", count: r.invalidCharacters } : r.badTail ? { reason: "base64-bad-end" } : null;
      return { bytes: r.bytes, problem };
    }
    case "quoted-printable": {
      const r = decodeQuotedPrintable(raw);
      return { bytes: r.bytes, problem: r.malformedEscapes > 0 ? { reason: "quoted-printable-bad-escapes", count: r.malformedEscapes } : null };
    }
    case "7bit":
    case "8bit":
    case "binary":
      return { bytes: raw, problem: null };
    default:
      // RFC 2045 section 6.4: an unknown encoding must be treated as opaque data.
      return { bytes: raw, problem: { reason: "unknown-transfer-encoding", value: entity.transferEncoding.slice(0, 40) } };
  }
}
