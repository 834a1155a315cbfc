/**
 * The full report: the verdict first, in words and colour, then the layers
 * with their signers, chains and revocation evidence, then every finding.
 * While network answers are pending the status line says so; it keeps its
 * height either way, so nothing jumps when the answers arrive.
 */
import { useContext, useState } from "preact/hooks";
import type { CertificateSummary, Issue, SecurityReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName, headline } from "../headline.js";
import { CertificateView } from "./CertificateView.js";
import { IssueList } from "./IssueList.js";
import { LayerList } from "./LayerList.js";
import { Root } from "./Root.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface ReportViewProps {
  report: SecurityReport | null;
  pending: boolean;
  error?: string;
}

/** What tells one message from another in a report: its summary (Message-ID, sender, date, subject, size). */
const messageKey = (report: SecurityReport): string => JSON.stringify(report.message);

export function ReportView({ report, pending, error }: ReportViewProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  // The open certificate belongs to the message it was opened in: a later report of the same
  // message (revocation answers arriving) keeps it open, another message's report does not.
  const [opened, setOpened] = useState<{ message: string; certificate: CertificateSummary } | null>(null);
  const message = report ? messageKey(report) : "";
  const selected = opened?.message === message ? opened.certificate : null;
  const setSelected = (certificate: CertificateSummary | null) => setOpened(certificate && { message, certificate });
  if (error || !report) {
    return (
      <Root>
        <div class="report">
          <p role="status">{error ? ui.error(error) : ui.loading}</p>
        </div>
      </Root>
    );
  }
  const h = headline(report, pending, catalogue);
  const where = (issue: Issue): string => {
    const { layer, signer, certificate } = issue.where;
    const l = layer === undefined ? undefined : report.layers[layer];
    if (l?.kind === "signed" && signer !== undefined) {
      const s = l.signers[signer];
      const c = certificate === undefined ? undefined : s?.chain[certificate];
      return [ui.signer(signer), c ? commonName(c.subject) : null].filter(Boolean).join(", ");
    }
    return l ? ui.layerKind[l.kind] : "";
  };
  return (
    <Root>
      <div class="report" aria-label={ui.reportLabel} data-verdict={report.verdict} data-pending={String(pending)}>
        <div class={`headline tone-${h.tone}`}>
          <VerdictBadge tone={h.tone} label={h.label} />
          <div>
            <h2 class="title">{h.title}</h2>
            <div class="detail">{h.detail}</div>
          </div>
        </div>
        <p class="status-line" role="status" aria-live="polite">
          {pending ? ui.checking : ui.checked(report.validationTime)}
        </p>
        {selected ? (
          <CertificateView certificate={selected} onBack={() => setSelected(null)} />
        ) : (
          <>
            {report.layers.length ? (
              <section aria-label={ui.layers}>
                <h3>{ui.layers}</h3>
                <LayerList report={report} onSelect={setSelected} />
              </section>
            ) : null}
            <section aria-label={ui.issues}>
              <h3>{ui.issues}</h3>
              <IssueList issues={report.issues} where={where} />
            </section>
          </>
        )}
      </div>
    </Root>
  );
}
