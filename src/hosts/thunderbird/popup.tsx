/**
 * The message header button's popup (message_display_action): the full report
 * of the displayed message. Also opened in a tab as popup.html?tab=N when the
 * banner's Details button cannot open the popup itself, and as popup.html?message=ID
 * from the message list's menu.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { loadCatalogue, ReportView, UiContext, type UiServices } from "../../ui/index.js";
import type { InspectionState } from "../shared/inspection.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";
import type { ReportTarget } from "./protocol.js";

const services: UiServices = {
  catalogue: await loadCatalogue(tb().i18n.getUILanguage()),
  describeCertificate: (derBase64) => ask({ command: "describe-certificate", derBase64 }),
};

/** An id the page was opened with; a malformed one is an error, never another message's report. */
function idFrom(value: string | null): number {
  if (value === null || !/^\d{1,15}$/.test(value)) throw new Error("this page was opened for no valid message");
  return Number(value);
}

async function target(): Promise<ReportTarget> {
  const query = new URLSearchParams(location.search);
  if (query.has("message")) return { messageId: idFrom(query.get("message")) };
  if (query.has("tab")) return { tabId: idFrom(query.get("tab")) };
  const [tab] = await tb().tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error("no message tab is active");
  return { tabId: tab.id };
}

function Popup() {
  const [state, setState] = useState<InspectionState>({ report: null, pending: true });
  // Only the reader's click opens an encrypted part beside other content (report-open-part).
  const openPart = (mimePath: string): void =>
    void target()
      .then((t) => ask({ command: "report-open-part", mimePath, ...t }))
      .then(setState, (e: unknown) => setState({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) }));
  useEffect(() => {
    void (async () => {
      try {
        const t = await target();
        const local = await ask({ command: "report", wait: false, ...t });
        setState(local);
        if (local.pending) setState(await ask({ command: "report", wait: true, ...t }));
      } catch (e) {
        setState({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) });
      }
    })();
  }, []);
  return (
    <UiContext.Provider value={{ ...services, openPart }}>
      <ReportView {...state} />
    </UiContext.Provider>
  );
}

render(
  <UiContext.Provider value={services}>
    <Popup />
  </UiContext.Provider>,
  document.getElementById("signet")!,
);
