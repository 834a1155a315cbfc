/** The security layers, outermost first: what is signed or encrypted, and whether it covers the whole message. */
import { useContext } from "preact/hooks";
import type { CertificateSummary, Issue, Layer, SecurityReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import type { UiStrings } from "../messages/ui-en.js";
import { SignerCard } from "./SignerCard.js";

export interface LayerListProps {
  report: SecurityReport;
  onSelect: (certificate: CertificateSummary) => void;
}

function layerLine(layer: Layer, ui: UiStrings): string {
  const parts = [ui.layerKind[layer.kind], layer.coverage === "whole" ? ui.coversWhole : ui.coversPart];
  if (layer.kind === "enveloped") {
    parts.push(layer.contentEncryptionAlgorithm?.name ?? "?", ui.encryptedFor(layer.recipients.length));
    if (layer.decryptedBy === "host") parts.push(ui.decryptedByHost);
  }
  if (layer.kind === "compressed") parts.push(layer.algorithm?.name ?? "?");
  return parts.join(" · ");
}

export function LayerList({ report, onSelect }: LayerListProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  const at = (layer: number, signer: number) => (i: Issue) => i.where.layer === layer && i.where.signer === signer;
  return (
    <ol class="layers">
      {report.layers.map((layer) => (
        <li key={layer.index} class="card" data-kind={layer.kind}>
          <div>
            <strong>{layerLine(layer, ui)}</strong>
            <span class="muted mono"> {layer.contentType}</span>
          </div>
          {layer.kind === "signed"
            ? layer.signers.map((s) => <SignerCard key={s.index} report={report} signer={s} issues={report.issues.filter(at(layer.index, s.index))} onSelect={onSelect} />)
            : null}
        </li>
      ))}
    </ol>
  );
}
