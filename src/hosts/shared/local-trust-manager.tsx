/**
 * The trust manager for pages that run the core themselves (the Outlook
 * pane): the shared TrustManager view acting on the page's own store, as
 * Thunderbird's background does for its options page (commands.ts).
 */
import { useCallback, useContext, useEffect, useState } from "preact/hooks";
import { addAnchor, bundledAnchors, distrust, listTrust, loadUserTrust, readCertificates, removeDecision, type Store, type TrustListing } from "../../core/index.js";
import { TrustManager, UiContext, type TrustActions } from "../../ui/index.js";

export interface LocalTrustManagerProps {
  store: Store;
  /** Trust changed: every verdict may change. */
  onChanged: () => void;
}

export function LocalTrustManager({ store, onChanged }: LocalTrustManagerProps) {
  const { catalogue } = useContext(UiContext);
  const [listing, setListing] = useState<TrustListing | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const reload = useCallback(() => listTrust(store, { bundled: true }).then(setListing), [store]);
  useEffect(() => void reload(), [reload]);
  const text = catalogue.ui.trust;
  const run = (action: () => Promise<unknown>, done: string): void => {
    // The list first, then the announcement, so that what is announced is what is shown.
    action()
      .then(() => (onChanged(), reload()))
      .then(
        () => setMessage(done),
        (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
      );
  };
  const actions: TrustActions = {
    add: (file, emailDomains) =>
      run(async () => {
        const read = readCertificates(file.bytes);
        if (read.errors.length) throw new Error(read.errors.join("; "));
        if (read.certificates.length === 0) throw new Error("no certificate in the file");
        for (const c of read.certificates) await addAnchor(store, c, { emailDomains });
      }, text.added(file.name)),
    distrust: (fingerprint) =>
      run(async () => {
        const user = await loadUserTrust(store);
        for (const a of [...user.anchors, ...(await bundledAnchors())]) if ((await a.certificate.fingerprintHex()) === fingerprint) return distrust(store, a.certificate);
      }, text.distrusted),
    remove: (fingerprint) => run(() => removeDecision(store, fingerprint), text.removed),
  };
  return <TrustManager listing={listing} now={new Date()} actions={actions} {...(message ? { message } : {})} />;
}
