/** Content-Transfer-Encoding decoding (RFC 2045 section 6). */
import { decodeBase64 } from "../util/base64.js";
import { decodeQuotedPrintable } from "../util/quoted-printable.js";
import { rawBody, type MimeEntity } from "./entity.js";

export interface DecodedBody {
  bytes: Uint8Array;
  /** Why the body may not be what the sender meant, when it is not clean. */
  problem: string | null;
}

export function decodeBody(entity: MimeEntity): DecodedBody {
  const raw = rawBody(entity);
  switch (entity.transferEncoding) {
    case "base64": {
      const r = decodeBase64(raw);
      const problem =
        r.invalidCharacters > 0
          ? `invalid base64: ${r.invalidCharacters} characters outside the alphabet`
          : r.badTail
            ? "invalid base64: truncated or data after padding"
            : null;
      return { bytes: r.bytes, problem };
    }
    case "quoted-printable": {
      const r = decodeQuotedPrintable(raw);
      return { bytes: r.bytes, problem: r.malformedEscapes > 0 ? `${r.malformedEscapes} malformed quoted-printable escapes` : null };
    }
    case "7bit":
    case "8bit":
    case "binary":
      return { bytes: raw, problem: null };
    default:
      // RFC 2045 section 6.4: an unknown encoding must be treated as opaque data.
      return { bytes: raw, problem: `unknown Content-Transfer-Encoding "${entity.transferEncoding.slice(0, 40)}"` };
  }
}
