/**
 * When a CRL or OCSP response says newer information will be available
 * (nextUpdate, RFC 5280 section 5.1.2.5 and RFC 6960 section 4.2.2.1), read
 * without checking its signature: a cache in front of the verifier (the
 * Outlook relay's) keeps a published answer no longer than its issuer meant,
 * and the pane that receives it still verifies it in full.
 */
import { parseCrl } from "./crl.js";
import { parseOcspResponse } from "./ocsp.js";

/**
 * The nextUpdate of `der` read as `kind`: for OCSP, the earliest of its single responses. null when
 * the answer names none (an OCSP responder that always has newer information, RFC 6960 section 2.4),
 * "unreadable" when `der` is not such an object.
 */
export function publishedNextUpdate(der: Uint8Array, kind: "crl" | "ocsp"): Date | null | "unreadable" {
  if (kind === "crl") {
    const crl = parseCrl(der);
    return "error" in crl ? "unreadable" : crl.nextUpdate;
  }
  const ocsp = parseOcspResponse(der);
  if ("error" in ocsp || !ocsp.basic) return "unreadable";
  const times = ocsp.basic.tbsResponseData.responses.map((r) => r.nextUpdate);
  if (times.length === 0 || times.some((t) => t === undefined)) return null;
  return new Date(Math.min(...times.map((t) => t!.getTime())));
}
