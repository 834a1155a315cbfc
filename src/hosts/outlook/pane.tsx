/**
 * The task pane: the shared report view (its headline is the pane's banner) over the message Outlook shows, and
 * the trust and key managers, all running in the pane (Outlook has no
 * background page). Reading goes through the mailbox façade, the inspection
 * through the hosts' shared two-phase code, the network through the relay.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { buildTrustInputs, CorrespondentDirectory, describeCertificate, decodeBase64Text, KeyStore, systemClock, type Fetcher, type Store, type TrustInputs } from "../../core/index.js";
import { ReportView, UiContext, type Catalogue, type UiServices } from "../../ui/index.js";
import { InspectionCache, startInspection, type Inspection, type InspectionState } from "../shared/inspection.js";
import { LocalKeyManager } from "../shared/local-key-manager.js";
import { LocalTrustManager } from "../shared/local-trust-manager.js";
import type { MailboxFacade } from "./office-mailbox.js";
import { chooseRoute, composeFromAttachment, type Route } from "./smime-route.js";

export interface PaneDeps {
  mailbox: MailboxFacade;
  store: Store;
  keys: KeyStore;
  fetcher: Fetcher;
  catalogue: Catalogue;
}

type Tab = "report" | "trust" | "keys";

/** What the pane shows above the report: why there is none, how long Outlook is taking, or which bytes were read. */
type Reading = { kind: "idle"; reason: "no-item" | "not-message" } | { kind: "waiting"; since: number } | { kind: "failed"; detail: string } | ({ kind: "read" } & Shown);

/** How an item's bytes were read, as the pane says under its report. */
type Shown = { route: Route; rebuilt: boolean };

/** The bytes to inspect, and which route they came by (smime-route.ts). */
async function readItem(mailbox: MailboxFacade, attachments: Parameters<typeof chooseRoute>[1]): Promise<{ bytes: Uint8Array; route: Route }> {
  const eml = await mailbox.readMessage();
  const route = chooseRoute(eml, attachments);
  if (route.kind === "eml") return { bytes: eml, route };
  return { bytes: composeFromAttachment(eml, await mailbox.readAttachment(route.attachment.id)), route };
}

function Seconds({ since, words }: { since: number; words: (s: number) => string }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return <p role="status" class="pane-reading">{words(Math.floor((Date.now() - since) / 1000))}</p>;
}

export function Pane({ mailbox, store, keys, fetcher, catalogue }: PaneDeps) {
  const text = catalogue.ui.pane;
  const [tab, setTab] = useState<Tab>("report");
  const [reading, setReading] = useState<Reading>({ kind: "waiting", since: Date.now() });
  /** The item shown (data-item: the tests wait on it, as a report of the previous item can still be on screen). */
  const [itemId, setItemId] = useState<string>("");
  const [state, setState] = useState<InspectionState>({ report: null, pending: true });
  const trust = useRef<Promise<TrustInputs> | null>(null);
  /** By item id: the inspection and the route its bytes came by, so that returning to an item asks Outlook for nothing. */
  const inspections = useRef(new InspectionCache<string, { inspection: Inspection; shown: Shown }>(50));
  const correspondents = useRef(new CorrespondentDirectory(store, systemClock));
  const latest = useRef(0);
  const lastBytes = useRef<Uint8Array | null>(null);

  const trustInputs = (): Promise<TrustInputs> => (trust.current ??= buildTrustInputs({ store, fetcher }));

  const show = async (ticket: number, inspection: Inspection): Promise<void> => {
    for (const phase of [inspection.local, inspection.final]) {
      const next = await phase;
      if (ticket === latest.current) setState(next);
    }
    const final = await inspection.final;
    if (final.report) await correspondents.current.addFromReport(final.report);
  };

  const inspectBytes = (bytes: Uint8Array, openParts: string[] = []): Inspection =>
    startInspection(bytes, { clock: systemClock, store, fetcher, trust: trustInputs, options: { openParts } }, [keys.decryptor()]);

  const inspect = async (): Promise<void> => {
    const ticket = ++latest.current;
    const item = mailbox.currentItem();
    setItemId(item?.id ?? "");
    if (!item) return setReading({ kind: "idle", reason: "no-item" });
    if (!item.isMessage) return setReading({ kind: "idle", reason: "not-message" });
    const cached = item.id ? inspections.current.get(item.id) : undefined;
    setState({ report: null, pending: true });
    if (cached) {
      // The bytes are not kept for every item; "decrypt this part" reads the message again.
      lastBytes.current = null;
      setReading({ kind: "read", ...cached.shown });
      return show(ticket, cached.inspection);
    }
    setReading({ kind: "waiting", since: Date.now() });
    let read: { bytes: Uint8Array; route: Route };
    try {
      read = await readItem(mailbox, item.attachments);
    } catch (e) {
      if (ticket === latest.current) setReading({ kind: "failed", detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (ticket !== latest.current) return;
    lastBytes.current = read.bytes;
    const shown: Shown = { route: read.route, rebuilt: mailbox.platform() === "PC" && read.route.kind === "eml" };
    setReading({ kind: "read", ...shown });
    const inspection = inspectBytes(read.bytes);
    if (item.id) inspections.current.set(item.id, { inspection, shown });
    await show(ticket, inspection);
  };

  useEffect(() => {
    void inspect();
    // A pinned pane stays open while the reader moves between items (Mailbox 1.5).
    mailbox.onItemChanged(() => void inspect());
  }, []);

  const trustChanged = (): void => {
    trust.current = null;
    inspections.current.clear();
  };
  const keysChanged = (): void => inspections.current.clear();
  const openTab = (next: Tab): void => {
    setTab(next);
    // Back on the report after trust or keys changed: the message is checked again.
    if (next === "report" && tab !== "report") void inspect();
  };

  const services: UiServices = {
    catalogue,
    describeCertificate: (derBase64) => describeCertificate(decodeBase64Text(derBase64).bytes),
    openPart: (mimePath) => {
      const ticket = ++latest.current;
      setState({ report: null, pending: true });
      const item = mailbox.currentItem();
      const bytes = lastBytes.current ? Promise.resolve(lastBytes.current) : readItem(mailbox, item?.attachments ?? []).then((r) => r.bytes);
      void bytes.then(
        (b) => show(ticket, inspectBytes(b, [mimePath])),
        (e: unknown) => setReading({ kind: "failed", detail: e instanceof Error ? e.message : String(e) }),
      );
    },
  };

  return (
    <UiContext.Provider value={services}>
      <nav class="pane-tabs" role="tablist" aria-label="Signet">
        {(["report", "trust", "keys"] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => openTab(t)}>
            {text.tabs[t]}
          </button>
        ))}
      </nav>
      <main class="pane-body" data-item={itemId} data-reading={reading.kind}>
        {tab === "trust" ? (
          <LocalTrustManager store={store} onChanged={trustChanged} />
        ) : tab === "keys" ? (
          <LocalKeyManager keys={keys} correspondents={correspondents.current} onChanged={keysChanged} />
        ) : reading.kind === "idle" ? (
          <p role="status" class="pane-reading">{reading.reason === "no-item" ? text.noItem : text.notMessage}</p>
        ) : reading.kind === "waiting" ? (
          <Seconds since={reading.since} words={text.waiting} />
        ) : reading.kind === "failed" ? (
          <p role="alert" class="pane-reading">{text.readFailed(reading.detail)}</p>
        ) : (
          <>
            <ReportView {...state} />
            <p class="pane-route">{reading.route.kind === "eml" ? text.routeEml : text.routeAttachment(reading.route.attachment.name)}</p>
            {/* Said only of signed mail: it is about what a signature covers. */}
            {reading.rebuilt && state.report && state.report.layers.some((l) => l.kind === "signed") ? <p class="pane-route">{text.rebuilt}</p> : null}
            {state.report && state.report.encryption !== "none" ? <p class="pane-route">{text.encryptionNote}</p> : null}
          </>
        )}
      </main>
    </UiContext.Provider>
  );
}
