/**
 * CRLs from a file's bytes (the CLI's --crl): PEM, any number of X509 CRL blocks
 * (RFC 7468 section 6), or one DER CRL. A block that does not parse is reported,
 * never dropped silently.
 */
import { pemOrDer } from "../util/pem.js";
import { parseCrl, type ParsedCrl } from "./crl.js";

export interface ReadCrls {
  crls: ParsedCrl[];
  /** Why a block could not be read, one entry per block. */
  errors: string[];
}

export function readCrls(bytes: Uint8Array): ReadCrls {
  const out: ReadCrls = { crls: [], errors: [] };
  const blocks = pemOrDer(bytes, ["X509 CRL"]);
  for (const der of blocks) {
    const crl = parseCrl(der);
    if ("error" in crl) out.errors.push(crl.error);
    else out.crls.push(crl);
  }
  if (blocks.length === 0) out.errors.push("no X509 CRL block found");
  return out;
}
