/**
 * Certificate policy processing: the valid_policy_tree of RFC 5280 sections
 * 6.1.2 (a), (d)-(f), 6.1.3 (d)-(f), 6.1.4 (a), (b), (h)-(j) and 6.1.5 (a),
 * (b), (g). Step letters in the comments refer to those sections.
 */
import type { CertificateView } from "../x509/certificate.js";
import { readPolicyExtensions } from "../x509/policy-extensions.js";
import { OID } from "../oids.js";

export interface PolicyInputs {
  /** user-initial-policy-set. Default {anyPolicy}. */
  readonly initialPolicySet: readonly string[];
  readonly initialExplicitPolicy: boolean;
  readonly initialPolicyMappingInhibit: boolean;
  readonly initialAnyPolicyInhibit: boolean;
}

export const DEFAULT_POLICY_INPUTS: PolicyInputs = Object.freeze({
  initialPolicySet: [OID.anyPolicy],
  initialExplicitPolicy: false,
  initialPolicyMappingInhibit: false,
  initialAnyPolicyInhibit: false,
});

interface PolicyNode {
  policy: string;
  expected: Set<string>;
  parent: PolicyNode | null;
  children: PolicyNode[];
  depth: number;
}

export interface PolicyFailure {
  /** RFC index of the certificate (1 = issued by the anchor, n = the leaf), or n for the wrap-up. */
  index: number;
  /**
   * A policy extension that cannot be read; no acceptable policy left where an explicit one is
   * required (section 6.1.5 (g)); anyPolicy mapped to or from (section 6.1.4 (a)).
   */
  reason: "malformed-policy-extension" | "no-acceptable-policy" | "any-policy-mapped";
}

export interface PolicyResult {
  failure: PolicyFailure | null;
}

class Tree {
  root: PolicyNode | null = { policy: OID.anyPolicy, expected: new Set([OID.anyPolicy]), parent: null, children: [], depth: 0 };

  atDepth(depth: number): PolicyNode[] {
    const out: PolicyNode[] = [];
    const walk = (n: PolicyNode): void => {
      if (n.depth === depth) out.push(n);
      else for (const c of n.children) walk(c);
    };
    // Stryker disable next-line ConditionalExpression: never asked of an empty tree (every caller is behind a tree.root test)
    if (this.root) walk(this.root);
    return out;
  }

  add(parent: PolicyNode, policy: string, expected: Set<string>): void {
    parent.children.push({ policy, expected, parent, children: [], depth: parent.depth + 1 });
  }

  remove(node: PolicyNode): void {
    if (!node.parent) this.root = null;
    else node.parent.children = node.parent.children.filter((c) => c !== node);
  }

  /** Removes nodes above `depth` that have no children, repeatedly (6.1.3 (d)(3)); the root goes last, at depth 0. */
  prune(depth: number): void {
    for (let d = depth - 1; d >= 0; d--) for (const n of this.atDepth(d)) if (n.children.length === 0) this.remove(n);
  }
}

/** `path`: RFC order, certificate 1 (issued by the anchor) first, the leaf last. */
export function processPolicies(path: readonly CertificateView[], inputs: PolicyInputs): PolicyResult {
  const n = path.length;
  const tree = new Tree();
  // 6.1.2 (d)-(f)
  let explicitPolicy = inputs.initialExplicitPolicy ? 0 : n + 1;
  let inhibitAnyPolicy = inputs.initialAnyPolicyInhibit ? 0 : n + 1;
  // Stryker disable next-line ArithmeticOperator: the counter is read at certificates 1 to n - 1 only, where n - 1 would still leave it above zero
  let policyMapping = inputs.initialPolicyMappingInhibit ? 0 : n + 1;
  let failure: PolicyFailure | null = null;

  for (let i = 1; i <= n; i++) {
    const cert = path[i - 1]!;
    const ext = readPolicyExtensions(cert);
    const selfIssued = cert.selfIssued;
    if (ext.malformed) return { failure: { index: i, reason: "malformed-policy-extension" } };
    // 6.1.3 (d)
    if (ext.policies && tree.root) {
      const parents = tree.atDepth(i - 1);
      for (const p of ext.policies) {
        if (p === OID.anyPolicy) continue;
        const matching = parents.filter((node) => node.expected.has(p));
        if (matching.length > 0) for (const node of matching) tree.add(node, p, new Set([p]));
        else for (const node of parents.filter((x) => x.policy === OID.anyPolicy)) tree.add(node, p, new Set([p]));
      }
      if (ext.policies.includes(OID.anyPolicy) && (inhibitAnyPolicy > 0 || (i < n && selfIssued))) {
        for (const node of parents) {
          // Stryker disable next-line ArrowFunction,ConditionalExpression: without it a policy present gets a twin node, which no later step tells apart
          const present = new Set(node.children.map((c) => c.policy));
          // Stryker disable next-line ConditionalExpression: as above
          for (const e of node.expected) if (!present.has(e)) tree.add(node, e, new Set([e]));
        }
      }
      tree.prune(i);
    }
    // 6.1.3 (e)
    if (!ext.policies) tree.root = null;
    // 6.1.3 (f)
    if (explicitPolicy <= 0 && !tree.root) {
      failure ??= { index: i, reason: "no-acceptable-policy" };
    }
    if (i === n) break;
    // 6.1.4 (a)
    if (ext.mappings?.some((m) => m.issuer === OID.anyPolicy || m.subject === OID.anyPolicy)) {
      return { failure: { index: i, reason: "any-policy-mapped" } };
    }
    // 6.1.4 (b)
    if (ext.mappings && tree.root) {
      const issuerPolicies = [...new Set(ext.mappings.map((m) => m.issuer))];
      for (const idp of issuerPolicies) {
        const mapped = new Set(ext.mappings.filter((m) => m.issuer === idp).map((m) => m.subject));
        const nodes = tree.atDepth(i).filter((x) => x.policy === idp);
        if (policyMapping > 0) {
          if (nodes.length > 0) for (const node of nodes) node.expected = new Set(mapped);
          else {
            const any = tree.atDepth(i).find((x) => x.policy === OID.anyPolicy);
            if (any?.parent) tree.add(any.parent, idp, new Set(mapped));
          }
        } else {
          for (const node of nodes) tree.remove(node);
          tree.prune(i);
        }
      }
    }
    // 6.1.4 (h): "if not 0, decrement by 1". The counters are only ever tested for being above
    // zero, so letting them go below it is the same and needs no test of its own.
    if (!selfIssued) {
      explicitPolicy--;
      policyMapping--;
      inhibitAnyPolicy--;
    }
    // 6.1.4 (i), (j)
    if (ext.requireExplicitPolicy !== null) explicitPolicy = Math.min(explicitPolicy, ext.requireExplicitPolicy);
    if (ext.inhibitPolicyMapping !== null) policyMapping = Math.min(policyMapping, ext.inhibitPolicyMapping);
    if (ext.inhibitAnyPolicy !== null) inhibitAnyPolicy = Math.min(inhibitAnyPolicy, ext.inhibitAnyPolicy);
  }

  // 6.1.5 (a), (b)
  explicitPolicy--;
  const leafExt = n > 0 ? readPolicyExtensions(path[n - 1]!) : null;
  if (leafExt?.requireExplicitPolicy === 0) explicitPolicy = 0;

  // 6.1.5 (g): intersect with the user-initial-policy-set.
  const user = new Set(inputs.initialPolicySet);
  if (tree.root && !user.has(OID.anyPolicy)) {
    // The valid_policy_node_set: nodes whose parent is an anyPolicy node.
    const validSet: PolicyNode[] = [];
    // Only anyPolicy nodes are descended into, starting at the root (itself anyPolicy), so every child met has an anyPolicy parent.
    const collect = (node: PolicyNode): void => {
      for (const c of node.children) {
        validSet.push(c);
        if (c.policy === OID.anyPolicy) collect(c);
      }
    };
    collect(tree.root);
    for (const node of validSet) if (node.policy !== OID.anyPolicy && !user.has(node.policy)) tree.remove(node);
    // Stryker disable next-line ConditionalExpression: a leaf other than anyPolicy is still here only because its policy is the user's, so replacing it adds that policy back: the tree ends non-empty either way, and only that is read
    const anyLeaf = tree.atDepth(n).find((x) => x.policy === OID.anyPolicy);
    if (anyLeaf?.parent) {
      // Only whether the tree ends empty is used, so a user policy already present may get a twin, and the
      // new leaves' expected sets are never read again.
      for (const p of user) tree.add(anyLeaf.parent, p, new Set());
      tree.remove(anyLeaf);
    }
    tree.prune(n);
  }
  if (explicitPolicy <= 0 && !tree.root) failure ??= { index: n, reason: "no-acceptable-policy" };
  return { failure };
}
