/**
 * The demo page: the shared views over the bundled samples and any .eml (or
 * S/MIME file on its own, .p7m or .p7s) dropped on the page, with the core running in the page itself. No mail
 * client, no network beyond the page's own server: the samples' root is
 * trusted for the demo, and revocation answers come from the messages. The
 * key manager keeps keys in the page only (a memory Store): they are gone on reload.
 */
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { buildTrustInputs, CorrespondentDirectory, decodeBase64Text, describeCertificate, KeyStore, readCertificates, systemClock, type CertificateView, type TrustInputs } from "../../core/index.js";
import { Banner, bannerWords, loadCatalogue, ReportView, UiContext, type UiServices } from "../../ui/index.js";
import { LocalKeyManager } from "../shared/local-key-manager.js";
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
  catalogue: await loadCatalogue(navigator.language),
  describeCertificate: (derBase64) => describeCertificate(decodeBase64Text(derBase64).bytes),
};

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
            <LocalKeyManager keys={keys} correspondents={correspondents} />
          </UiContext.Provider>
        ) : current ? (
          <UiContext.Provider value={{ ...services, openPart }}>
            <p class="current">{current}</p>
            <p class="preview-label">What Thunderbird shows above the message:</p>
            <Banner words={bannerWords(state, services.catalogue)} />
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
