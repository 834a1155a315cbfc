import type { IssueCode } from "./codes.js";
import type { Issue, IssueLocation, IssueParams, Severity } from "./types.js";

/** Collects issues in the order they are found; the report keeps that order. */
export class IssueCollector {
  readonly issues: Issue[] = [];

  add(code: IssueCode, severity: Severity, where: IssueLocation = {}, params: IssueParams = {}): Issue {
    const issue: Issue = { code, severity, where: { ...where }, params };
    this.issues.push(issue);
    return issue;
  }
}
