/**
 * The message header button's popup (message_display_action): the full report
 * of the displayed message. Also opened in a tab as popup.html?tab=N when the
 * banner's Details button cannot open the popup itself.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { catalogueFor, ReportView, UiContext, type UiServices } from "../../ui/index.js";
import type { InspectionState } from "../shared/inspection.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";

const services: UiServices = {
  catalogue: catalogueFor(tb().i18n.getUILanguage()),
  describeCertificate: (derBase64) => ask({ command: "describe-certificate", derBase64 }),
};

async function targetTab(): Promise<number> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await tb().tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error("no message tab is active");
  return tab.id;
}

function Popup() {
  const [state, setState] = useState<InspectionState>({ report: null, pending: true });
  // Only the reader's click opens an encrypted part beside other content (report-open-part).
  const openPart = (mimePath: string): void =>
    void targetTab()
      .then((tabId) => ask({ command: "report-open-part", tabId, mimePath }))
      .then(setState, (e: unknown) => setState({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) }));
  useEffect(() => {
    void (async () => {
      try {
        const tabId = await targetTab();
        const local = await ask({ command: "report", tabId, wait: false });
        setState(local);
        if (local.pending) setState(await ask({ command: "report", tabId, wait: true }));
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
