/** An issue as a check finds it, before the caller places it in the report. */
import type { IssueCode } from "./codes.js";
import type { IssueParams, Severity } from "./types.js";

/** An issue found for one signer or one path; the caller adds the layer and signer to its location. */
export interface LocalIssue {
  code: IssueCode;
  severity: Severity;
  params: IssueParams;
  /** Index in the signer's chain when the issue is about a certificate (0: the signer's own). */
  certificate?: number;
}
