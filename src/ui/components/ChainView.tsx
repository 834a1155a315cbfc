/** The signer's chain drawn as a chain, leaf first, each certificate with its own status. */
import { useContext } from "preact/hooks";
import type { CertificateSummary, Issue, SignerReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName, type Tone } from "../headline.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface ChainViewProps {
  signer: SignerReport;
  /** The issues located at this signer. */
  issues: readonly Issue[];
  onSelect: (certificate: CertificateSummary) => void;
}

export function ChainView({ signer, issues, onSelect }: ChainViewProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  const status = (i: number): { tone: Tone; label: string } => {
    const evidence = signer.revocationEvidence?.find((e) => e.certificate === i);
    if (evidence?.status === "revoked") return { tone: "danger", label: ui.evidenceStatus.revoked };
    const here = issues.filter((x) => x.where.certificate === i && x.severity !== "info");
    const worst = here.find((x) => x.severity === "error") ?? here[0];
    if (worst) return { tone: worst.severity === "error" ? "danger" : "warning", label: `${ui.certProblem}: ${catalogue.issue(worst).title}` };
    if (i === signer.chain.length - 1 && signer.anchorSource) return { tone: "verified", label: ui.trustedRoot(ui.anchorSource[signer.anchorSource]) };
    return signer.trust === "trusted" ? { tone: "verified", label: ui.certOk } : { tone: "none", label: ui.trustText[signer.trust] || ui.certOk };
  };
  return (
    <div>
      <p class="muted">{ui.chainHint}</p>
      <ol class="chain" aria-label={ui.chain}>
        {signer.chain.map((c, i) => {
          const s = status(i);
          return (
            <li key={c.fingerprintSha256}>
              <button type="button" onClick={() => onSelect(c)} aria-label={`${commonName(c.subject)}: ${s.label}`}>
                {commonName(c.subject)}
              </button>
              <VerdictBadge tone={s.tone} label={s.label} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
