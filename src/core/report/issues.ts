import type { IssueCode } from "./codes.js";
import type { LocalIssue } from "./local-issue.js";
import type { ParamsOf } from "./params-by-code.js";
import type { Issue, IssueLocation, IssueParams, Severity } from "./types.js";

/**
 * A place in the issue list kept for issues that a later stage may answer differently: a signer's
 * chain and revocation, judged first from what is at hand and again with the network. The report
 * keeps the order of a single pass, whichever stage filled the place.
 */
export interface IssueSlot {
  readonly kind: "issue-slot";
}

/** Issues found without knowing where they stand, placed at `where` (and at their certificate, if they name one). */
export function placeIssues(local: readonly LocalIssue[], where: IssueLocation): Issue[] {
  // Stryker disable next-line ConditionalExpression: { certificate: undefined } reads and serialises as no certificate
  return local.map((i) => ({ code: i.code, severity: i.severity, where: { ...(i.certificate === undefined ? where : { ...where, certificate: i.certificate }) }, params: i.params as IssueParams }));
}

/** Collects issues in the order they are found; the report keeps that order. */
export class IssueCollector {
  private readonly entries: (Issue | { slot: IssueSlot; issues: readonly Issue[] })[] = [];

  /** Every issue, in order, slots filled as they stand. */
  get issues(): Issue[] {
    return this.issuesWith(new Map());
  }

  /** Every issue, in order, with the slots in `replaced` holding what it gives instead. */
  issuesWith(replaced: ReadonlyMap<IssueSlot, readonly Issue[]>): Issue[] {
    return this.entries.flatMap((e) => ("slot" in e ? (replaced.get(e.slot) ?? e.issues) : [e]));
  }

  add<C extends IssueCode>(code: C, severity: Severity, where: IssueLocation, params: ParamsOf<C>): Issue {
    const issue: Issue = { code, severity, where: { ...where }, params: params as IssueParams };
    this.entries.push(issue);
    return issue;
  }

  addLocal(local: readonly LocalIssue[], where: IssueLocation): void {
    this.entries.push(...placeIssues(local, where));
  }

  /** Keeps a place here for `issues`, which a later stage may replace (issuesWith). */
  addSlot(issues: readonly Issue[]): IssueSlot {
    const slot: IssueSlot = { kind: "issue-slot" };
    this.entries.push({ slot, issues });
    return slot;
  }
}
