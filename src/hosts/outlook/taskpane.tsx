/// <reference types="office-js" />
/**
 * The task pane's entry: waits for Office.onReady, checks that this Outlook
 * can hand over messages (Mailbox 1.14), opens the pane's own storage
 * (partitioned by Outlook's partition key) and shows the pane. The `Office`
 * global is read here and nowhere else; everything below goes through the
 * mailbox façade.
 */
import { render } from "preact";
import { KeyStore, systemClock } from "../../core/index.js";
import { loadCatalogue, Root, UiContext } from "../../ui/index.js";
import { IndexedDbStore } from "../shared/indexeddb-store.js";
import { IndexedDbVault } from "../shared/key-vault.js";
import { officeMailbox } from "./office-mailbox.js";
import { Pane } from "./pane.js";
import { relayFetcher } from "./relay-fetcher.js";

const app = document.getElementById("signet")!;

async function start(office: typeof Office): Promise<void> {
  const mailbox = officeMailbox(office);
  const catalogue = await loadCatalogue(mailbox.language());
  if (!mailbox.canReadMessages()) {
    render(
      <UiContext.Provider value={{ catalogue }}>
        <Root>
          <main class="pane-body">
            <p role="alert" class="pane-reading">{catalogue.ui.pane.unsupported}</p>
          </main>
        </Root>
      </UiContext.Provider>,
      app,
    );
    return;
  }
  const partition = mailbox.partitionKey();
  const name = partition ? `signet:${partition}` : "signet";
  const store = new IndexedDbStore(name);
  const keys = new KeyStore(store, systemClock, new IndexedDbVault(`${name}:keys`));
  // The relay is this page's own server: the same origin, which is the Origin the relay accepts.
  const fetcher = relayFetcher(new URL("relay", location.href).href);
  render(<Pane mailbox={mailbox} store={store} keys={keys} fetcher={fetcher} catalogue={catalogue} />, app);
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office) void office.onReady(() => void start(office));
else app.textContent = "Signet runs inside Outlook: Office.js did not load here.";
