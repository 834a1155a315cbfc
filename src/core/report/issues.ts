import type { IssueCode } from "./codes.js";
import type { LocalIssue } from "./local-issue.js";
import type { ParamsOf } from "./params-by-code.js";
import type { Issue, IssueLocation, IssueParams, Severity } from "./types.js";

/** Collects issues in the order they are found; the report keeps that order. */
export class IssueCollector {
  readonly issues: Issue[] = [];

  add<C extends IssueCode>(code: C, severity: Severity, where: IssueLocation, params: ParamsOf<C>): Issue {
    const issue: Issue = { code, severity, where: { ...where }, params: params as IssueParams };
    this.issues.push(issue);
    return issue;
  }

  /** Issues found without knowing where they stand, placed at `where` (and at their certificate, if they name one). */
  addLocal(local: readonly LocalIssue[], where: IssueLocation): void {
    // Stryker disable next-line ConditionalExpression: { certificate: undefined } reads and serialises as no certificate
    for (const i of local) {
      const at = i.certificate === undefined ? where : { ...where, certificate: i.certificate };
      this.issues.push({ code: i.code, severity: i.severity, where: { ...at }, params: i.params as IssueParams });
    }
  }
}
