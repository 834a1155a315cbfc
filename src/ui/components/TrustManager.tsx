/**
 * The trust manager: the anchors and distrust decisions, searchable, each
 * saying why it is there (bundled with Signet, or added by the user), with
 * add, distrust and remove. The host does the work; this view only asks.
 */
import { useContext, useState } from "preact/hooks";
import type { TrustEntry, TrustListing } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName } from "../headline.js";
import { Root } from "./Root.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface TrustActions {
  add: (file: { name: string; bytes: Uint8Array }, emailDomains: string[]) => void;
  distrust: (fingerprint: string) => void;
  remove: (fingerprint: string) => void;
}

export interface TrustManagerProps {
  listing: TrustListing | null;
  /** The time the bundled store's age is measured against. */
  now: Date;
  actions: TrustActions;
  /** The last action's outcome or error, announced to screen readers. */
  message?: string;
}

function matches(e: TrustEntry, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/:/g, "");
  return q === "" || e.subject.toLowerCase().includes(q) || e.fingerprint.includes(q);
}

export function TrustManager({ listing, now, actions, message }: TrustManagerProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui.trust;
  const [query, setQuery] = useState("");
  const [showBundled, setShowBundled] = useState(false);
  const [domains, setDomains] = useState("");
  if (!listing) return <Root><p role="status">{catalogue.ui.loading}</p></Root>;
  const days = Math.floor((now.getTime() - Date.parse(listing.bundled.extracted)) / 86_400_000);
  const pool = listing.entries.filter((e) => showBundled || e.source !== "bundled");
  const shown = pool.filter((e) => matches(e, query));
  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    input.value = "";
    actions.add({ name: file.name, bytes }, domains.split(/[\s,]+/).map((d) => d.trim().toLowerCase().replace(/^@|^\./, "")).filter(Boolean));
  };
  return (
    <Root>
      <div class="report trust-manager">
        <h2>{ui.title}</h2>
        <p class="muted">{ui.bundledInfo(listing.bundled.count, listing.bundled.source, listing.bundled.extracted, days)}</p>
        <div class="toolbar">
          <input type="search" aria-label={ui.search} placeholder={ui.search} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <label>
            <input type="checkbox" checked={showBundled} onChange={(e) => setShowBundled(e.currentTarget.checked)} /> {ui.showBundled}
          </label>
        </div>
        <div class="toolbar">
          <label>
            {ui.add} <input type="file" accept=".pem,.crt,.cer,.der" onChange={(e) => void onFile(e.currentTarget)} />
          </label>
          <label>
            {ui.onlyDomains} <input type="text" value={domains} onInput={(e) => setDomains(e.currentTarget.value)} />
          </label>
        </div>
        <p class="muted">{ui.addHint}</p>
        <p role="status" aria-live="polite" class="status-line">
          {message ?? ui.count(shown.length, pool.length)}
        </p>
        {shown.length === 0 ? (
          <p>{ui.empty}</p>
        ) : (
          <table>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.source}-${e.fingerprint}`} data-fingerprint={e.fingerprint}>
                  <td>
                    <strong>{commonName(e.subject)}</strong>
                    <div class="muted">{e.subject}</div>
                    <div class="muted mono">{e.fingerprint.slice(0, 32)}…</div>
                  </td>
                  <td>
                    <VerdictBadge tone={e.decision === "anchor" ? "verified" : "danger"} label={ui.decision[e.decision]} />
                    <div class="muted">
                      {ui.source[e.source]} · {ui.until(e.notAfter)}
                    </div>
                    {e.emailDomains?.length ? <div class="muted">{ui.onlyFor(e.emailDomains.join(", "))}</div> : null}
                  </td>
                  <td>
                    {e.decision === "anchor" ? (
                      <button type="button" onClick={() => actions.distrust(e.fingerprint)} aria-label={`${ui.distrust}: ${commonName(e.subject)}`}>
                        {ui.distrust}
                      </button>
                    ) : null}{" "}
                    {e.source === "user" ? (
                      <button type="button" onClick={() => actions.remove(e.fingerprint)} aria-label={`${ui.remove}: ${commonName(e.subject)}`}>
                        {ui.remove}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Root>
  );
}
