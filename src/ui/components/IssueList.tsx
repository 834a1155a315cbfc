/** Every finding in plain language with what the reader can do, most serious first. */
import { useContext } from "preact/hooks";
import type { Issue } from "../../core/index.js";
import { UiContext } from "../context.js";
import { rankIssues } from "../headline.js";

const TONE = { error: "danger", warning: "warning", info: "none" } as const;
const ICON = { error: "✖", warning: "⚠", info: "ℹ" } as const;

export function IssueList({ issues, where }: { issues: readonly Issue[]; where: (issue: Issue) => string }) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  if (issues.length === 0) return <p class="muted">{ui.noIssues}</p>;
  return (
    <ul class="issues">
      {rankIssues(issues).map((issue, i) => {
        const text = catalogue.issue(issue);
        const place = where(issue);
        return (
          <li key={i} class={`issue tone-${TONE[issue.severity]}`} data-code={issue.code}>
            <div class="title">
              <span aria-hidden="true">{ICON[issue.severity]} </span>
              <span class="sr-label">{ui.severity[issue.severity]}: </span>
              {text.title}
            </div>
            <div class="advice">{text.advice}</div>
            {issue.params.untrustedPath === true ? <div class="muted">{ui.onUntrustedPath}</div> : null}
            {text.details?.length ? (
              <details class="particulars">
                <summary>{ui.particulars}</summary>
                <ul class="mono">
                  {text.details.map((d, k) => (
                    <li key={k}>{d}</li>
                  ))}
                </ul>
              </details>
            ) : null}
            <div class="muted mono">
              {issue.code}
              {place ? ` · ${place}` : ""}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
