/** The certificate policy extensions (RFC 5280 sections 4.2.1.4, 4.2.1.5, 4.2.1.11, 4.2.1.14). */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { CertificateView } from "./certificate.js";
import { parsedAs } from "./extensions.js";
import { EXT } from "../oids.js";

export interface PolicyExtensions {
  /** Policy OIDs, or null when the extension is absent. */
  policies: string[] | null;
  mappings: { issuer: string; subject: string }[] | null;
  requireExplicitPolicy: number | null;
  inhibitPolicyMapping: number | null;
  inhibitAnyPolicy: number | null;
  /** Present but undecodable. */
  malformed: boolean;
}

export function readPolicyExtensions(cert: CertificateView): PolicyExtensions {
  const out: PolicyExtensions = { policies: null, mappings: null, requireExplicitPolicy: null, inhibitPolicyMapping: null, inhibitAnyPolicy: null, malformed: false };
  for (const ext of cert.cert.extensions ?? []) {
    switch (ext.extnID) {
      case EXT.certificatePolicies: {
        const v = parsedAs(ext, pkijs.CertificatePolicies);
        if (v) out.policies = v.certificatePolicies.map((p) => p.policyIdentifier);
        else out.malformed = true;
        break;
      }
      case EXT.policyMappings: {
        const v = parsedAs(ext, pkijs.PolicyMappings);
        if (v) out.mappings = v.mappings.map((m) => ({ issuer: m.issuerDomainPolicy, subject: m.subjectDomainPolicy }));
        else out.malformed = true;
        break;
      }
      case EXT.policyConstraints: {
        const v = parsedAs(ext, pkijs.PolicyConstraints);
        if (v) {
          out.requireExplicitPolicy = v.requireExplicitPolicy ?? null;
          out.inhibitPolicyMapping = v.inhibitPolicyMapping ?? null;
        } else out.malformed = true;
        break;
      }
      case EXT.inhibitAnyPolicy: {
        const v: unknown = ext.parsedValue;
        if (v instanceof asn1js.Integer) out.inhibitAnyPolicy = v.valueBlock.valueDec;
        else out.malformed = true;
        break;
      }
    }
  }
  return out;
}
