/**
 * The key manager for pages that run the core themselves (the demo page, the
 * Outlook pane): the shared KeyManager view acting on a KeyStore in the page.
 * Thunderbird's options page shows the same view but asks its background.
 */
import { useCallback, useContext, useEffect, useState } from "preact/hooks";
import { encodeBase64, MIN_SECRET_LENGTH, readCertificates, type Correspondent, type CorrespondentDirectory, type KeyListing, type KeyStore } from "../../core/index.js";
import { KeyManager, pemText, UiContext, type KeyActions } from "../../ui/index.js";
import { saveFile } from "./save-file.js";

export interface LocalKeyManagerProps {
  keys: KeyStore;
  correspondents: CorrespondentDirectory;
  /** Keys were unlocked, locked, added or removed: what encrypted messages show may change. */
  onChanged?: () => void;
}

export function LocalKeyManager({ keys, correspondents, onChanged }: LocalKeyManagerProps) {
  const { catalogue } = useContext(UiContext);
  const [listing, setListing] = useState<KeyListing | null>(null);
  const [known, setKnown] = useState<Correspondent[]>([]);
  const [request, setRequest] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const reload = useCallback(() => Promise.all([keys.listing().then(setListing), correspondents.list().then(setKnown)]), [keys, correspondents]);
  useEffect(() => void reload(), [reload]);
  const text = catalogue.ui.keys;
  const run = (action: () => Promise<string>): void => {
    action()
      .then(async (done) => (await reload(), onChanged?.(), done))
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
