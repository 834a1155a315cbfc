/** One signer: who, whether the signature holds, identity match, time, algorithms, chain and revocation. */
import { useContext } from "preact/hooks";
import type { CertificateSummary, Issue, SecurityReport, SignerReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName, shownMailbox, signerName } from "../headline.js";
import { ChainView } from "./ChainView.js";
import { RevocationList } from "./RevocationList.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface SignerCardProps {
  report: SecurityReport;
  signer: SignerReport;
  issues: readonly Issue[];
  onSelect: (certificate: CertificateSummary) => void;
}

const SIGNER_TONE = { valid: "verified", invalid: "danger", unverifiable: "warning" } as const;
const IDENTITY_TONE = { match: "verified", mismatch: "danger", unknown: "none" } as const;

export function SignerCard({ report, signer, issues, onSelect }: SignerCardProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  const c = signer.certificate;
  const key = c ? [c.keyAlgorithm, c.keyBits, c.namedCurve].filter(Boolean).join(" ") : "?";
  return (
    <article class="card signer" aria-label={`${ui.signer(signer.index)}: ${signerName(signer, report)}`}>
      <h4>
        {ui.signer(signer.index)}: {signerName(signer, report)}
      </h4>
      <dl>
        <dt>{ui.signatureLabel}</dt>
        <dd>
          <VerdictBadge tone={SIGNER_TONE[signer.status]} label={ui.signerStatus[signer.status]} />
        </dd>
        <dt>{ui.identityLabel}</dt>
        <dd>
          <VerdictBadge tone={IDENTITY_TONE[signer.identity]} label={ui.identity[signer.identity]} />
          <div class="muted">{ui.fromShown(report.message.fromMailboxes.map(shownMailbox).join(", ") || ui.noFrom)}</div>
          {c?.emails.length ? <div class="muted">{ui.certificateAddresses(c.emails.join(", "))}</div> : null}
        </dd>
        <dt>{ui.signingTime}</dt>
        <dd>{signer.signingTime ? signer.signingTime.replace("T", " ").replace(/\.\d+Z$/, " UTC") : ui.noSigningTime}</dd>
        <dt>{ui.algorithms}</dt>
        <dd>
          {signer.signatureAlgorithm.name}, {signer.digestAlgorithm.name}, {key}
        </dd>
      </dl>
      {signer.chain.length ? (
        <>
          <h3>{ui.chain}</h3>
          <ChainView signer={signer} issues={issues} onSelect={onSelect} />
        </>
      ) : null}
      <h3>{ui.revocation}</h3>
      <RevocationList signer={signer} />
      {signer.pathAttempts?.length ? (
        <>
          <h3>{ui.alsoTried}</h3>
          <ul>
            {signer.pathAttempts.map((a, i) => (
              <li key={i} class="muted">
                {a.subjects.map(commonName).join(" ↑ ")}: {a.problems.map((p) => p.code).join(", ") || "—"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}
