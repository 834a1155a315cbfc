/** The security layers, outermost first: what is signed or encrypted, and whether it covers the whole message. */
import { Fragment } from "preact";
import { useContext } from "preact/hooks";
import type { CertificateSummary, Issue, Layer, SecurityReport, SignedLayer } from "../../core/index.js";
import { UiContext } from "../context.js";
import { isCmsFile } from "../headline.js";
import type { UiStrings } from "../messages/ui-en.js";
import { SignerCard } from "./SignerCard.js";
import { DecryptedBody } from "./DecryptedBody.js";

export interface LayerListProps {
  report: SecurityReport;
  onSelect: (certificate: CertificateSummary) => void;
}

function layerLine(layer: Layer, ui: UiStrings, file: boolean): string {
  const parts = [ui.layerKind[layer.kind], layer.coverage === "whole" ? (file ? ui.coversWholeFile : ui.coversWhole) : ui.coversPart];
  if (layer.kind === "enveloped") {
    parts.push(layer.contentEncryptionAlgorithm?.name ?? "?", ui.encryptedFor(layer.recipients.length));
    if (layer.decryptedBy) parts.push(layer.decryptedBy === "host" ? ui.decryptedByHost : ui.decryptedBySignet);
    if (layer.integrity) parts.push(ui.integrity[layer.integrity]);
  }
  if (layer.kind === "compressed") parts.push(layer.algorithm?.name ?? "?");
  return parts.join(" · ");
}

const FIELD_LABELS: Record<string, string> = { from: "From", to: "To", cc: "Cc", "reply-to": "Reply-To", subject: "Subject", date: "Date", "message-id": "Message-ID" };
const label = (name: string): string => FIELD_LABELS[name] ?? name;

/** Which header lines the signature covers, with the values the signer wrote, and which it does not. */
function HeaderCoverage({ layer, ui }: { layer: SignedLayer; ui: UiStrings }) {
  const covered = layer.protectedHeaders?.fields.filter((f) => f.name in FIELD_LABELS) ?? [];
  return (
    <>
      {covered.length ? (
        <div class="headers-covered">
          {ui.headersCovered}
          <dl>
            {covered.map((f, i) => (
              <Fragment key={i}>
                <dt>{label(f.name)}</dt>
                <dd>{f.value}</dd>
              </Fragment>
            ))}
          </dl>
        </div>
      ) : null}
      {layer.uncoveredHeaders?.length ? <div class="muted headers-uncovered">{ui.headersNotCovered(layer.uncoveredHeaders.map(label).join(", "))}</div> : null}
    </>
  );
}

export function LayerList({ report, onSelect }: LayerListProps) {
  const { catalogue, openPart } = useContext(UiContext);
  const ui = catalogue.ui;
  const at = (layer: number, signer: number) => (i: Issue) => i.where.layer === layer && i.where.signer === signer;
  const file = isCmsFile(report);
  return (
    <ol class="layers">
      {report.layers.map((layer) => (
        <li key={layer.index} class="card" data-kind={layer.kind}>
          <div>
            <strong>{layerLine(layer, ui, file)}</strong>
            <span class="muted mono"> {layer.contentType}</span>
          </div>
          {layer.kind === "signed" && layer.contentPreview ? (
            <figure class="signed-preview">
              <figcaption>{ui.signedPartBegins}</figcaption>
              <pre>
                {layer.contentPreview.text}
                {layer.contentPreview.truncated ? "\n…" : ""}
              </pre>
            </figure>
          ) : null}
          {layer.kind === "signed" ? <HeaderCoverage layer={layer} ui={ui} /> : null}
          {layer.kind === "enveloped" && layer.decryptedBody ? <DecryptedBody body={layer.decryptedBody} foreign={layer.openedOnRequest === true} /> : null}
          {layer.kind === "enveloped" && layer.notOpened === "partial" && openPart ? (
            <div class="open-part">
              <p>{ui.openPartWarning}</p>
              <button type="button" onClick={() => openPart(layer.mimePath)}>
                {ui.openPart}
              </button>
            </div>
          ) : null}
          {layer.kind === "signed"
            ? layer.signers.map((s) => <SignerCard key={s.index} report={report} signer={s} issues={report.issues.filter(at(layer.index, s.index))} onSelect={onSelect} />)
            : null}
        </li>
      ))}
    </ol>
  );
}
