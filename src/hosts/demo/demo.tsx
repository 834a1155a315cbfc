/**
 * The demo page: the shared views over the bundled samples and any .eml (or
 * S/MIME file on its own, .p7m or .p7s) dropped on the page, with the core running in the page itself. No mail
 * client, no network beyond the page's own server: the samples' root is
 * trusted for the demo, and revocation answers come from the messages. The
 * key manager keeps keys in the page only (a memory Store): they are gone on reload.
 */
import { render } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import {
  buildTrustInputs,
  CorrespondentDirectory,
  decodeBase64Text,
  describeCertificate,
  encodeBase64,
  KeyStore,
  MIN_SECRET_LENGTH,
  readCertificates,
  systemClock,
  type CertificateView,
  type Correspondent,
  type KeyListing,
  type TrustInputs,
} from "../../core/index.js";
import { Banner, catalogueFor, KeyManager, pemText, ReportView, UiContext, type KeyActions, type UiServices } from "../../ui/index.js";
import { saveFile } from "../shared/save-file.js";
import { MemoryVault } from "../shared/key-vault.js";
import { startInspection, type InspectionState } from "../shared/inspection.js";
import { MemoryStore } from "../shared/memory-store.js";

interface SampleList {
  samples: string[];
  anchor: string;
}

const store = new MemoryStore();
const keys = new KeyStore(store, systemClock, new MemoryVault());
const correspondents = new CorrespondentDirectory(store, systemClock);
let trust: Promise<TrustInputs> | null = null;

async function bytesOf(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function trustInputs(anchorUrl: string): Promise<TrustInputs> {
  trust ??= bytesOf(anchorUrl).then((pem) => {
    const extraAnchors: CertificateView[] = readCertificates(pem).certificates;
    return buildTrustInputs({ store, extraAnchors });
  });
  return trust;
}

const services: UiServices = {
  catalogue: catalogueFor(navigator.language),
  describeCertificate: (derBase64) => describeCertificate(decodeBase64Text(derBase64).bytes),
};

/** The key manager over the page's own key store: the same view as the add-on's options page. */
function Keys() {
  const [listing, setListing] = useState<KeyListing | null>(null);
  const [known, setKnown] = useState<Correspondent[]>([]);
  const [request, setRequest] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const reload = useCallback(() => Promise.all([keys.listing().then(setListing), correspondents.list().then(setKnown)]), []);
  useEffect(() => void reload(), [reload]);
  const text = services.catalogue.ui.keys;
  const run = (action: () => Promise<string>): void => {
    action()
      .then(async (done) => (await reload(), done))
      .then(setMessage, (e: unknown) => setMessage(text.problems[e instanceof Error ? e.message : String(e)] ?? String(e)));
  };
  const fail = (code: string): never => {
    throw new Error(code);
  };
  const actions: KeyActions = {
    unlock: (passphrase, minutes) =>
      run(async () => {
        if (!(await keys.hasPassphrase())) await (passphrase.length < MIN_SECRET_LENGTH ? fail("passphrase-too-short") : keys.setPassphrase(passphrase, minutes * 60_000));
        else if ((await keys.unlock(passphrase, minutes * 60_000)) !== "unlocked") fail("wrong-passphrase");
        return text.done.unlocked;
      }),
    lock: () => run(async () => (keys.lock(), text.done.locked)),
    changePassphrase: (current, next) =>
      run(async () => {
        if (next.length < MIN_SECRET_LENGTH) fail("passphrase-too-short");
        return (await keys.changePassphrase(current, next, 30 * 60_000)) === "changed" ? text.done.changed : fail("wrong-passphrase");
      }),
    importPkcs12: (file, password) =>
      run(async () => {
        const r = await keys.importPkcs12(file.bytes, password);
        return r.ok ? text.done.imported(r.ids.length) : fail(r.problem);
      }),
    generate: (email, name, type) =>
      run(async () => {
        const r = await keys.generate(type, { email, ...(name ? { name } : {}) });
        if (!r.ok) fail(r.problem);
        else setRequest(r.requestPem);
        return text.done.generated;
      }),
    importCertificate: (file) =>
      run(async () => ((await keys.importCertificate(readCertificates(file.bytes).certificates)).ok ? text.done.certificate : fail("no-matching-key"))),
    exportPkcs12: (id, password) =>
      run(async () => {
        const p12 = await keys.exportPkcs12(id, password);
        if (typeof p12 === "string") fail("locked");
        else saveFile(`signet-key-${id}.p12`, "application/x-pkcs12", encodeBase64(p12));
        return text.done.exported;
      }),
    exportCertificate: (derBase64, name) => saveFile(`${name.replace(/[^A-Za-z0-9@._-]+/g, "_")}.pem`, "application/x-pem-file", encodeBase64(new TextEncoder().encode(pemText(derBase64)))),
    deleteKey: (id) => run(async () => (await keys.delete(id), text.done.deleted)),
    deleteCorrespondent: (fingerprint) => run(async () => (await correspondents.remove(fingerprint), text.done.deleted)),
  };
  return <KeyManager listing={listing} correspondents={known} actions={actions} {...(request ? { request } : {})} {...(message ? { message } : {})} />;
}

/** The key manager's place in the page's navigation (no sample is named so). */
const KEYS = " keys";

/** "01-signed-valid.eml" -> "signed valid". */
const label = (name: string): string => name.replace(/^\d+-|\.eml$/g, "").replace(/-/g, " ");

function Demo() {
  const [list, setList] = useState<SampleList | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [state, setState] = useState<InspectionState>({ report: null, pending: false });
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void fetch("samples.json")
      .then((r) => r.json() as Promise<SampleList>)
      .then(setList);
  }, []);
  // demo page#11-revoked.eml opens that sample at once: a link can point at one case.
  useEffect(() => {
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (list && list.samples.includes(wanted)) open(wanted);
  }, [list]);

  // The message asked for last: an answer for one asked before it arrives late and is dropped.
  const latest = useRef(0);
  const lastBytes = useRef<Promise<Uint8Array> | null>(null);
  const inspect = async (name: string, raw: Uint8Array | Promise<Uint8Array>, openParts: string[] = []): Promise<void> => {
    if (!list) return;
    const ticket = ++latest.current;
    lastBytes.current = Promise.resolve(raw);
    setCurrent(name);
    setState({ report: null, pending: true });
    const inspection = startInspection(raw, { clock: systemClock, store, trust: () => trustInputs(list.anchor), options: { openParts } }, [keys.decryptor()]);
    for (const phase of [inspection.local, inspection.final]) {
      const state = await phase;
      if (ticket === latest.current) setState(state);
    }
    const final = await inspection.final;
    if (final.report) await correspondents.addFromReport(final.report);
  };
  const open = (name: string): void => void inspect(name, bytesOf(`samples/${name}`));
  // The reader's click on "Decrypt this part anyway": the same message again, with that part opened.
  const openPart = (mimePath: string): void => {
    if (current && lastBytes.current) void inspect(current, lastBytes.current, [mimePath]);
  };
  const openFiles = (files: FileList | null | undefined): void => {
    const file = files?.[0];
    if (file) void inspect(file.name, file.arrayBuffer().then((b) => new Uint8Array(b)));
  };

  return (
    <div
      class={`demo${dragging ? " dragging" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        openFiles(e.dataTransfer?.files);
      }}
    >
      <nav aria-label="Sample messages">
        <h1>Signet demo</h1>
        <p>Pick a sample, or drop an .eml, .p7m or .p7s file anywhere on the page.</p>
        <ul>
          {(list?.samples ?? []).map((name) => (
            <li key={name}>
              <button type="button" aria-pressed={current === name} data-sample={name} onClick={() => open(name)}>
                {label(name)}
              </button>
            </li>
          ))}
        </ul>
        <label class="file">
          Open a file <input type="file" accept=".eml,.p7m,.p7s,message/rfc822,application/pkcs7-mime,application/pkcs7-signature" onChange={(e) => openFiles(e.currentTarget.files)} />
        </label>
        <p>
          <button type="button" aria-pressed={current === KEYS} onClick={() => setCurrent(KEYS)}>
            Your keys and correspondents
          </button>
        </p>
      </nav>
      <main aria-label={current === KEYS ? "Keys" : "Report"}>
        {current === KEYS ? (
          <UiContext.Provider value={services}>
            <Keys />
          </UiContext.Provider>
        ) : current ? (
          <UiContext.Provider value={{ ...services, openPart }}>
            <p class="current">{current}</p>
            <p class="preview-label">What Thunderbird shows above the message:</p>
            <Banner {...state} />
            <p class="preview-label">The report (Signet's button in the message header, or Details):</p>
            <ReportView {...state} />
          </UiContext.Provider>
        ) : (
          <p>No message selected.</p>
        )}
      </main>
    </div>
  );
}

render(<Demo />, document.getElementById("app")!);
