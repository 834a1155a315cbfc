/** One signer: who, whether the signature holds, identity match, time, algorithms, chain and revocation. */
import { useContext } from "preact/hooks";
import type { CertificateSummary, Issue, SecurityReport, SignerReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName, shownMailbox, signerName, type Tone } from "../headline.js";
import { ChainView } from "./ChainView.js";
import { RevocationList } from "./RevocationList.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface SignerCardProps {
  report: SecurityReport;
  signer: SignerReport;
  issues: readonly Issue[];
  onSelect: (certificate: CertificateSummary) => void;
}

const SIGNER_TONE = { valid: "verified", invalid: "danger", refused: "danger", unverifiable: "warning" } as const;

/** The findings about who signed, beside the From line: they set the identity badge. */
const IDENTITY_CODES: ReadonlySet<Issue["code"]> = new Set([
  "sender-mismatch",
  "signed-on-behalf",
  "display-name-spoof",
  "display-name-unverified",
  "lookalike-address",
  "no-email-in-certificate",
]);

/**
 * The identity badge takes its colour from the findings' severity, as the findings and the
 * headline do: a From address that differs only in letter case is a warning there, so it is
 * not a red cross here; a display name the certificate does not support is not a green tick.
 */
function identityBadge(signer: SignerReport, issues: readonly Issue[]): { tone: Tone; key: "match" | "mismatch" | "unknown" | "caveat" } {
  const found = issues.filter((i) => IDENTITY_CODES.has(i.code));
  if (found.some((i) => i.severity === "error")) return { tone: "danger", key: "mismatch" };
  if (found.some((i) => i.severity === "warning")) return { tone: "warning", key: "caveat" };
  if (signer.identity === "match") return { tone: "verified", key: "match" };
  return { tone: "none", key: signer.identity === "mismatch" ? "mismatch" : "unknown" };
}

export function SignerCard({ report, signer, issues, onSelect }: SignerCardProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  const c = signer.certificate;
  const key = c ? [c.keyAlgorithm, c.keyBits, c.namedCurve].filter(Boolean).join(" ") : "?";
  const identity = identityBadge(signer, issues);
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
          <VerdictBadge tone={identity.tone} label={ui.identity[identity.key]} />
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
