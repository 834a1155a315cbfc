/**
 * The key manager: the user's own keys (unlock and lock, change the passphrase, import a PKCS#12 file,
 * make a key pair and its certificate request, take the CA's certificate in,
 * export a backup or the certificate, delete with confirmation) and the
 * correspondents' certificates (search, export, delete). A pure view: the host
 * does the work through `actions` and answers with a new listing or a message.
 */
import { useContext, useState } from "preact/hooks";
import type { Correspondent, KeyListing, KeySummary, NewKeyType } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName } from "../headline.js";
import { Root } from "./Root.js";

export interface KeyActions {
  /** Unlocks for `minutes` (and sets the passphrase when the store has none). */
  unlock: (passphrase: string, minutes: number) => void;
  lock: () => void;
  /** Seals every key under `next`; the page checks only the length (8+), the host the current passphrase. */
  changePassphrase: (current: string, next: string) => void;
  importPkcs12: (file: { name: string; bytes: Uint8Array }, password: string) => void;
  generate: (email: string, name: string, type: NewKeyType) => void;
  importCertificate: (file: { name: string; bytes: Uint8Array }) => void;
  exportPkcs12: (id: string, password: string) => void;
  /** Saves a certificate (base64 DER) as a PEM file named after `name`. */
  exportCertificate: (derBase64: string, name: string) => void;
  deleteKey: (id: string) => void;
  deleteCorrespondent: (fingerprint: string) => void;
}

export interface KeyManagerProps {
  listing: KeyListing | null;
  correspondents: Correspondent[];
  actions: KeyActions;
  /** A request just made, to show for copying. */
  request?: string;
  /** The last action's outcome or error, announced to screen readers. */
  message?: string;
}

async function fileOf(input: HTMLInputElement): Promise<{ name: string; bytes: Uint8Array } | null> {
  const file = input.files?.[0];
  if (!file) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  input.value = "";
  return { name: file.name, bytes };
}

function ChangePassphrase({ actions }: { actions: KeyActions }) {
  const ui = useContext(UiContext).catalogue.ui.keys;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  return (
    <details class="change-passphrase">
      <summary>{ui.changeTitle}</summary>
      <div class="toolbar">
        <input type="password" aria-label={ui.currentPassphrase} placeholder={ui.currentPassphrase} value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        <input type="password" aria-label={ui.newPassphrase} placeholder={ui.newPassphrase} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        <button type="button" disabled={current.length === 0 || next.length < 8} onClick={() => (actions.changePassphrase(current, next), setCurrent(""), setNext(""))}>
          {ui.change}
        </button>
      </div>
    </details>
  );
}

function KeyRow({ k, actions, unlocked }: { k: KeySummary; actions: KeyActions; unlocked: boolean }) {
  const ui = useContext(UiContext).catalogue.ui.keys;
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState("");
  const who = k.subject ? commonName(k.subject) : ui.pending;
  return (
    <tr data-key={k.id}>
      <td>
        <strong>{k.emails?.join(", ") || who}</strong>
        <div class="muted">{k.state === "identity" ? ui.issuedBy(commonName(k.issuer ?? ""), (k.notAfter ?? "").slice(0, 10)) : ui.waiting}</div>
        <div class="muted mono">
          {k.keyType} · {k.id}
        </div>
        {k.usableWhileLocked ? <div class="muted">{ui.usableWhileLocked}</div> : null}
        {k.request ? (
          <details>
            <summary>{ui.showRequest}</summary>
            <pre class="mono">{k.request}</pre>
          </details>
        ) : null}
      </td>
      <td>
        {k.state === "identity" ? (
          <>
            <button type="button" onClick={() => actions.exportCertificate(k.certificateBase64 ?? "", k.emails?.[0] ?? k.id)} aria-label={`${ui.exportCertificate}: ${who}`}>
              {ui.exportCertificate}
            </button>{" "}
            {unlocked ? (
              <span class="backup">
                <input type="password" aria-label={ui.backupPassword} placeholder={ui.backupPassword} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
                <button type="button" disabled={password.length < 8} onClick={() => actions.exportPkcs12(k.id, password)}>
                  {ui.exportBackup}
                </button>
              </span>
            ) : null}
          </>
        ) : null}{" "}
        {confirming ? (
          <>
            <button type="button" class="danger" onClick={() => actions.deleteKey(k.id)}>
              {ui.confirmDelete}
            </button>{" "}
            <button type="button" onClick={() => setConfirming(false)}>
              {ui.cancel}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} aria-label={`${ui.delete}: ${who}`}>
            {ui.delete}
          </button>
        )}
      </td>
    </tr>
  );
}

export function KeyManager({ listing, correspondents, actions, request, message }: KeyManagerProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui.keys;
  const [passphrase, setPassphrase] = useState("");
  const [minutes, setMinutes] = useState(30);
  const [filePassword, setFilePassword] = useState("");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState<NewKeyType>("rsa-3072");
  const [query, setQuery] = useState("");
  if (!listing) return <Root><p role="status">{catalogue.ui.loading}</p></Root>;
  const unlocked = listing.unlockedUntil !== null;
  const shown = correspondents.filter((c) => query.trim() === "" || c.emails.some((e) => e.toLowerCase().includes(query.trim().toLowerCase())));
  return (
    <Root>
      <div class="report key-manager">
        <h2>{ui.title}</h2>
        <p class="muted">{ui.explain}</p>
        <p role="status" aria-live="polite" class="status-line">
          {message ?? (unlocked ? ui.unlockedUntil(listing.unlockedUntil!.slice(11, 16)) : listing.hasPassphrase ? ui.locked : ui.noPassphrase)}
        </p>
        {unlocked ? (
          <div class="toolbar">
            <button type="button" onClick={actions.lock}>
              {ui.lock}
            </button>
          </div>
        ) : (
          <div class="toolbar">
            <input type="password" aria-label={listing.hasPassphrase ? ui.passphrase : ui.newPassphrase} placeholder={listing.hasPassphrase ? ui.passphrase : ui.newPassphrase} value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
            <label>
              {ui.forMinutes}{" "}
              <select value={String(minutes)} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
                {[5, 30, 120, 480].map((m) => (
                  <option key={m} value={String(m)}>
                    {ui.minutes(m)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={passphrase.length === 0} onClick={() => (actions.unlock(passphrase, minutes), setPassphrase(""))}>
              {listing.hasPassphrase ? ui.unlock : ui.setPassphrase}
            </button>
          </div>
        )}
        {listing.keys.length === 0 ? (
          <p>{ui.empty}</p>
        ) : (
          <table>
            <tbody>
              {listing.keys.map((k) => (
                <KeyRow key={k.id} k={k} actions={actions} unlocked={unlocked} />
              ))}
            </tbody>
          </table>
        )}
        {listing.hasPassphrase ? <ChangePassphrase actions={actions} /> : null}
        {unlocked ? (
          <>
            <h3>{ui.importTitle}</h3>
            <div class="toolbar">
              <input type="password" aria-label={ui.filePassword} placeholder={ui.filePassword} value={filePassword} onInput={(e) => setFilePassword(e.currentTarget.value)} />
              <label>
                {ui.importFile}{" "}
                <input
                  type="file"
                  accept=".p12,.pfx"
                  onChange={(e) =>
                    void fileOf(e.currentTarget).then((f) => {
                      if (f) actions.importPkcs12(f, filePassword);
                      setFilePassword("");
                    })
                  }
                />
              </label>
            </div>
            <h3>{ui.generateTitle}</h3>
            <div class="toolbar">
              <input type="email" aria-label={ui.email} placeholder={ui.email} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
              <input type="text" aria-label={ui.name} placeholder={ui.name} value={name} onInput={(e) => setName(e.currentTarget.value)} />
              <select aria-label={ui.keyType} value={type} onChange={(e) => setType(e.currentTarget.value as NewKeyType)}>
                <option value="rsa-3072">RSA 3072</option>
                <option value="p256">EC P-256</option>
              </select>
              <button type="button" disabled={!/^[^@\s]+@[^@\s]+$/.test(email)} onClick={() => actions.generate(email, name, type)}>
                {ui.generate}
              </button>
            </div>
          </>
        ) : null}
        {request ? (
          <figure>
            <figcaption>{ui.requestMade}</figcaption>
            <pre class="mono">{request}</pre>
          </figure>
        ) : null}
        {listing.keys.some((k) => k.state === "pending") ? (
          <div class="toolbar">
            <label>
              {ui.importCertificate}{" "}
              <input type="file" accept=".pem,.crt,.cer,.der" onChange={(e) => void fileOf(e.currentTarget).then((f) => f && actions.importCertificate(f))} />
            </label>
          </div>
        ) : null}
        <h2>{ui.correspondentsTitle}</h2>
        <p class="muted">{ui.correspondentsExplain}</p>
        <input type="search" aria-label={ui.searchAddress} placeholder={ui.searchAddress} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        {shown.length === 0 ? (
          <p>{correspondents.length ? ui.noMatch : ui.noCorrespondents}</p>
        ) : (
          <table>
            <tbody>
              {shown.map((c) => (
                <tr key={c.fingerprintSha256} data-fingerprint={c.fingerprintSha256}>
                  <td>
                    <strong>{c.emails.join(", ")}</strong>
                    <div class="muted">{ui.correspondentLine(commonName(c.issuer), c.notAfter.slice(0, 10), c.lastSeen.slice(0, 10), c.trusted)}</div>
                    <div class="muted">{ui.canDecrypt(c.capabilities.map((a) => a.name).join(", "))}</div>
                  </td>
                  <td>
                    <button type="button" onClick={() => actions.exportCertificate(c.derBase64, c.emails[0] ?? c.fingerprintSha256)} aria-label={`${ui.exportCertificate}: ${c.emails.join(", ")}`}>
                      {ui.exportCertificate}
                    </button>{" "}
                    <button type="button" onClick={() => actions.deleteCorrespondent(c.fingerprintSha256)} aria-label={`${ui.delete}: ${c.emails.join(", ")}`}>
                      {ui.delete}
                    </button>
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
