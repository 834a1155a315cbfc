/** An issue as a check finds it, before the caller places it in the report. */
import type { IssueCode } from "./codes.js";
import type { ParamsOf } from "./params-by-code.js";
import type { Severity } from "./types.js";

/** One code's issue: its params are that code's (params-by-code.ts). */
export type LocalIssueOf<C extends IssueCode> = {
  code: C;
  severity: Severity;
  params: ParamsOf<C>;
  /** Index in the signer's chain when the issue is about a certificate (0: the signer's own). */
  certificate?: number;
};

/** An issue found for one signer or one path; the caller adds the layer and signer to its location. */
export type LocalIssue = { [C in IssueCode]: LocalIssueOf<C> }[IssueCode];

/** A finding not yet pinned to a certificate. */
export type Finding = { [C in IssueCode]: Omit<LocalIssueOf<C>, "certificate"> }[IssueCode];

/**
 * An issue of code `C` with that code's params. TypeScript cannot tie a generic code to its member
 * of the LocalIssue union, so the one cast that does it is here, behind a signature that checks.
 */
export function localIssue<C extends IssueCode>(code: C, severity: Severity, params: ParamsOf<C>, certificate?: number): LocalIssue {
  const issue = { code, severity, params } as LocalIssue;
  return certificate === undefined ? issue : { ...issue, certificate };
}
