/** Revocation evidence per certificate: the answer, where it came from, and how fresh it is. */
import { useContext } from "preact/hooks";
import type { SignerReport } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName } from "../headline.js";
import { revocationReason } from "../messages/params.js";

export function RevocationList({ signer }: { signer: SignerReport }) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui;
  const evidence = signer.revocationEvidence ?? [];
  if (evidence.length === 0) return <p class="muted">{ui.revocationShort["not-checked"]}</p>;
  return (
    <ul class="revocation">
      {evidence.map((e) => {
        const who = commonName(signer.chain[e.certificate]?.subject ?? "?");
        const source = e.source ? ui.evidenceSource[e.source] : null;
        const why = revocationReason(e.reason, ui.revocationReason);
        return (
          <li key={e.certificate} data-status={e.status}>
            <strong>{who}</strong>: {ui.evidenceStatus[e.status]}
            {e.status === "revoked" && e.revocationDate ? ` (${e.revocationDate.slice(0, 10)}${why ? `, ${why}` : ""})` : ""}
            {source ? ` · ${source}${e.fromCache ? ` (${ui.cached})` : ""}` : ""}
            {e.thisUpdate ? ` · ${ui.asOf(e.thisUpdate, e.nextUpdate)}` : ""}
            {e.responder ? ` · ${ui.responder} ${commonName(e.responder)}` : ""}
            {e.url ? <div class="muted mono">{e.url}</div> : null}
            {e.problems?.length ? <div class="muted">{e.problems.map(ui.revocationProblem).join("; ")}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
