/**
 * Name constraints (RFC 5280 section 4.2.1.10, processed as section 6.1.3 (b)
 * and (c) and 6.1.4 (g) say): every CA's permitted subtrees of a name type
 * must each contain the names of that type, and no excluded subtree may.
 * Types handled: rfc822Name, dNSName, directoryName, URI and iPAddress.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { EXT, OID } from "../oids.js";
import type { CertificateView } from "../x509/certificate.js";
import { parsedAs } from "../x509/extensions.js";
import { formatName, nameWithin } from "../x509/name.js";

const RFC822 = 1;
const DNS = 2;
const DIRECTORY = 4;
const URI = 6;
const IP = 7;
const HANDLED = new Set([RFC822, DNS, DIRECTORY, URI, IP]);

export interface Subtree {
  type: number;
  value: unknown;
}

export interface NameConstraintsState {
  /** One entry per CA and name type: the name must fall in one of the subtrees. */
  permitted: Subtree[][];
  excluded: Subtree[];
  /** Name forms constrained in a form Signet cannot process: a certificate with such a name fails. */
  unsupportedTypes: Set<number>;
  /** A CA's constraints that are themselves wrong: the whole path below fails. */
  defects: ConstraintsDefect[];
}

/** Constraints that are themselves wrong (RFC 5280 section 4.2.1.10). */
export type ConstraintsDefect =
  | { reason: "undecodable" | "not-critical" | "in-end-entity" }
  /** A permitted or excluded subtree that is no host, domain or mailbox: its value as written. */
  | { reason: "malformed-constraint"; constraint: string };

/**
 * Why a certificate breaks the constraints above it (name-constraints-violated's params): a name
 * outside the permitted subtrees or inside an excluded one, of a form constrained but not
 * checkable here, or malformed; or the constraints themselves are wrong. `name` is the name as
 * the certificate holds it (a subject as its distinguished name).
 */
export type NameConstraintsViolation = { reason: "not-permitted" | "excluded" | "unsupported-form" | "malformed-name"; name: string } | ConstraintsDefect;

// Stryker disable next-line ArrayDeclaration: a stray element has no type, so no name is ever held to it
export const emptyConstraints = (): NameConstraintsState => ({ permitted: [], excluded: [], unsupportedTypes: new Set(), defects: [] });

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const validDnsName = (name: string, wildcard: boolean): boolean => {
  const labels = name.split(".");
  if (wildcard && labels[0] === "*") labels.shift();
  return labels.length > 0 && labels.every((l) => LABEL.test(l));
};
const validMailbox = (addr: string): boolean => /^[^@\s]+@[^@\s]+$/.test(addr) && validDnsName(addr.slice(addr.lastIndexOf("@") + 1), false);

/** Constraint syntax (RFC 5280 section 4.2.1.10): a malformed constraint admits nothing safely. */
function validConstraint(t: Subtree): boolean {
  const v = String(t.value);
  switch (t.type) {
    case DNS:
      // No leading period for dNSName (only URI and rfc822Name constraints may have one).
      return v === "" || validDnsName(v, false);
    case RFC822:
      return v.includes("@") ? validMailbox(v) : validDnsName(v.replace(/^\./, ""), false);
    default:
      return true;
  }
}

/**
 * Reads a certificate's constraints into the state (RFC 5280 section 6.1.4 (g)).
 * Section 4.2.1.10: the extension is used only in CA certificates and MUST be critical.
 */
export function addConstraints(state: NameConstraintsState, cert: CertificateView, isCa = true): void {
  const ext = cert.cert.extensions?.find((e) => e.extnID === EXT.nameConstraints);
  if (!ext) return;
  const nc = parsedAs(ext, pkijs.NameConstraints);
  if (!nc) return void state.defects.push({ reason: "undecodable" });
  if (!ext.critical) state.defects.push({ reason: "not-critical" });
  if (!isCa) state.defects.push({ reason: "in-end-entity" });
  const byType = new Map<number, Subtree[]>();
  const read = (g: pkijs.GeneralSubtree): Subtree | null => {
    const t = { type: g.base.type, value: g.base.value as unknown };
    if (!HANDLED.has(t.type)) {
      state.unsupportedTypes.add(t.type);
      return null;
    }
    if (!validConstraint(t)) state.defects.push({ reason: "malformed-constraint", constraint: String(t.value) });
    return t;
  };
  for (const g of nc.permittedSubtrees ?? []) {
    const t = read(g);
    if (!t) continue;
    const list = byType.get(t.type) ?? [];
    list.push(t);
    byType.set(t.type, list);
  }
  for (const list of byType.values()) state.permitted.push(list);
  for (const g of nc.excludedSubtrees ?? []) {
    const t = read(g);
    if (t) state.excluded.push(t);
  }
}

/**
 * Both sides are well formed when this is asked (violation() checks names of a constrained form,
 * addConstraints() the constraints): no leading or trailing dot. "example.com" admits itself and
 * the hosts below it (section 4.2.1.10); "" admits every host.
 */
function hostWithin(host: string, constraint: string): boolean {
  const h = host.toLowerCase();
  const c = constraint.toLowerCase();
  return c === "" || h === c || h.endsWith("." + c);
}

/** `address` is a well-formed mailbox (violation() checks it): one "@", text on both sides. */
function mailboxWithin(address: string, constraint: string): boolean {
  const at = address.lastIndexOf("@");
  const host = address.slice(at + 1).toLowerCase();
  if (constraint.includes("@")) {
    // A particular mailbox: local part exact, host case-insensitive.
    const cat = constraint.lastIndexOf("@");
    return address.slice(0, at) === constraint.slice(0, cat) && host === constraint.slice(cat + 1).toLowerCase();
  }
  // A host ("example.com": exactly that host) or a domain (".example.com": any host below it).
  return constraint.startsWith(".") ? host.endsWith(constraint.toLowerCase()) : host === constraint.toLowerCase();
}

function uriHost(uri: string): string | null {
  // Stryker disable next-line Regex: an IP literal is no host name, so no URI constraint (a host or a domain, section 4.2.1.10) matches it, whole or cut short
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  return m ? m[1]! : null;
}

function ipWithin(addr: Uint8Array, constraint: Uint8Array): boolean {
  // The constraint is address followed by mask, each as long as the address (section 4.2.1.10).
  if (constraint.length !== addr.length * 2) return false;
  // Stryker disable next-line EqualityOperator: i = addr.length reads undefined on both sides, 0 === 0, the same answer
  for (let i = 0; i < addr.length; i++) {
    const mask = constraint[addr.length + i]!;
    if ((addr[i]! & mask) !== (constraint[i]! & mask)) return false;
  }
  return true;
}

function within(name: Subtree, tree: Subtree): boolean {
  if (name.type !== tree.type) return false;
  switch (name.type) {
    case RFC822:
      return mailboxWithin(String(name.value), String(tree.value));
    case DNS:
      return hostWithin(String(name.value), String(tree.value));
    case URI: {
      // For URIs a constraint without a leading period names one host exactly (RFC 5280
      // section 4.2.1.10), unlike dNSName where it also admits subdomains.
      const host = uriHost(String(name.value))?.toLowerCase();
      const c = String(tree.value).toLowerCase();
      return host !== undefined && (c.startsWith(".") ? host.endsWith(c) : host === c);
    }
    // pkijs reads a directoryName as RelativeDistinguishedNames and an iPAddress as an OCTET STRING.
    case DIRECTORY:
      return nameWithin(name.value as pkijs.RelativeDistinguishedNames, tree.value as pkijs.RelativeDistinguishedNames);
    case IP:
      return ipWithin((name.value as asn1js.OctetString).valueBlock.valueHexView, (tree.value as asn1js.OctetString).valueBlock.valueHexView);
    // Stryker disable all: unreachable, only the HANDLED forms are recorded as constraints and the types are equal here
    default:
      return false;
    // Stryker restore all
  }
}

/** The names a certificate is checked for: subject, subject emailAddress (as rfc822Name) and subjectAltName. */
export function namesOf(cert: CertificateView): Subtree[] {
  // Stryker disable next-line ArrayDeclaration: a stray element has no type, so no constraint applies to it
  const names: Subtree[] = [];
  if (cert.cert.subject.typesAndValues.length > 0) names.push({ type: DIRECTORY, value: cert.cert.subject });
  for (const atv of cert.cert.subject.typesAndValues) {
    // RFC 5280 section 4.2.1.10: emailAddress in the subject must meet rfc822Name constraints.
    const v = atv.value.valueBlock as { value?: unknown };
    // Stryker disable next-line ConditionalExpression: asn1js reads every string type, emailAddress's IA5String among them, to a string
    if (atv.type === OID.emailAddress && typeof v.value === "string") names.push({ type: RFC822, value: v.value });
  }
  const san = cert.cert.extensions?.find((e) => e.extnID === EXT.subjectAltName)?.parsedValue;
  if (san instanceof pkijs.AltName) for (const g of san.altNames) names.push({ type: g.type, value: g.value });
  return names;
}

/**
 * An anchor limited to some email domains: permitted rfc822Name subtrees for each
 * domain and its subdomains, as if the anchor carried the constraint itself.
 */
export function addEmailDomains(state: NameConstraintsState, domains: readonly string[]): void {
  if (domains.length === 0) return;
  state.permitted.push(domains.flatMap((d) => [{ type: RFC822, value: d }, { type: RFC822, value: `.${d}` }]));
}

/** Could the name cover part of the excluded subtree? A wildcard "*.example.com" covers "bar.example.com". */
function overlapsExcluded(name: Subtree, tree: Subtree): boolean {
  if (within(name, tree)) return true;
  const v = String(name.value);
  return name.type === DNS && tree.type === DNS && v.startsWith("*.") && hostWithin(String(tree.value), v.slice(2));
}

function wellFormed(name: Subtree): boolean {
  if (name.type === DNS) return validDnsName(String(name.value), true);
  if (name.type === RFC822) return validMailbox(String(name.value));
  return true;
}

/** The first name of `cert` that breaks the constraints, or null. */
export function violation(state: NameConstraintsState, cert: CertificateView): NameConstraintsViolation | null {
  if (state.defects.length > 0) return state.defects[0]!;
  const constrained = new Set([...state.permitted.map((set) => set[0]!.type), ...state.excluded.map((t) => t.type)]);
  for (const name of namesOf(cert)) {
    const shown = name.type === DIRECTORY ? formatName(cert.cert.subject) : String(name.value);
    // Section 4.2.1.10: a name of a form the application cannot check against a constraint fails.
    if (state.unsupportedTypes.has(name.type)) return { name: shown, reason: "unsupported-form" };
    if (constrained.has(name.type) && !wellFormed(name)) return { name: shown, reason: "malformed-name" };
    for (const set of state.permitted) {
      if (set[0]!.type === name.type && !set.some((t) => within(name, t))) return { name: shown, reason: "not-permitted" };
    }
    if (state.excluded.some((t) => overlapsExcluded(name, t))) return { name: shown, reason: "excluded" };
  }
  return null;
}
