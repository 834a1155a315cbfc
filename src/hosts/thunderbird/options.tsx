/** The options page: the personal mark, the trust manager and the key manager, acting through the background. */
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { Correspondent, KeyListing, TrustListing } from "../../core/index.js";
// The module itself, not core/index.js: the options page carries no core beyond this encoder.
import { encodeBase64 } from "../../core/util/base64.js";
import { KeyManager, loadCatalogue, pemText, PersonalMarkEditor, TrustManager, UiContext, type KeyActions, type PersonalMark, type TrustActions } from "../../ui/index.js";
import { saveFile } from "../shared/save-file.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";

const catalogue = await loadCatalogue(tb().i18n.getUILanguage());

function MarkSetting() {
  const [mark, setMark] = useState<PersonalMark | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);
  useEffect(() => void ask({ command: "mark-get" }).then(setMark), []);
  const save = (next: PersonalMark): void =>
    void ask({ command: "mark-set", mark: next }).then(
      (saved) => {
        setMark(saved);
        setMessage(catalogue.ui.mark.saved);
      },
      (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
    );
  return <PersonalMarkEditor mark={mark} onSave={save} message={message} />;
}

function Options() {
  const [listing, setListing] = useState<TrustListing | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const reload = useCallback(() => ask({ command: "trust-list" }).then(setListing), []);
  useEffect(() => void reload(), [reload]);
  const run = (action: Promise<unknown>, done: string): void => {
    // The list first, then the announcement, so that what is announced is what is shown.
    action.then(reload).then(
      () => setMessage(done),
      (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)),
    );
  };
  const text = catalogue.ui.trust;
  const actions: TrustActions = {
    add: (file, emailDomains) => run(ask({ command: "trust-add", base64: encodeBase64(file.bytes), emailDomains }), text.added(file.name)),
    distrust: (fingerprint) => run(ask({ command: "trust-distrust", fingerprint }), text.distrusted),
    remove: (fingerprint) => run(ask({ command: "trust-remove", fingerprint }), text.removed),
  };
  return <TrustManager listing={listing} now={new Date()} actions={actions} message={message} />;
}

function Keys() {
  const [listing, setListing] = useState<KeyListing | null>(null);
  const [correspondents, setCorrespondents] = useState<Correspondent[]>([]);
  const [request, setRequest] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const reload = useCallback(() => Promise.all([ask({ command: "keys-list" }).then(setListing), ask({ command: "correspondents-list" }).then(setCorrespondents)]), []);
  useEffect(() => void reload(), [reload]);
  const text = catalogue.ui.keys;
  // The background answers errors as codes (commands.ts); the catalogue words them.
  const problem = (e: unknown): string => {
    const code = e instanceof Error ? e.message : String(e);
    return text.problems[code] ?? code;
  };
  const run = <T,>(action: Promise<T>, done: (value: T) => string): void => {
    action.then(async (value) => {
      await reload();
      return done(value);
    }).then(setMessage, (e: unknown) => setMessage(problem(e)));
  };
  const actions: KeyActions = {
    unlock: (passphrase, minutes) => run(ask({ command: "keys-unlock", passphrase, minutes }), () => text.done.unlocked),
    lock: () => run(ask({ command: "keys-lock" }), () => text.done.locked),
    changePassphrase: (current, next) => run(ask({ command: "keys-change-passphrase", current, next }), () => text.done.changed),
    importPkcs12: (file, password) => run(ask({ command: "keys-import", base64: encodeBase64(file.bytes), password }), (r) => text.done.imported(r.imported.length)),
    generate: (email, name, type) =>
      run(ask({ command: "keys-generate", email, name, type }), (r) => {
        setRequest(r.requestPem);
        saveFile(`${email}.csr`, "application/pkcs10", encodeBase64(new TextEncoder().encode(r.requestPem)));
        return text.done.generated;
      }),
    importCertificate: (file) => run(ask({ command: "keys-import-certificate", base64: encodeBase64(file.bytes) }), () => text.done.certificate),
    exportPkcs12: (id, password) =>
      run(ask({ command: "keys-export", id, password }), (r) => {
        saveFile(`signet-key-${id}.p12`, "application/x-pkcs12", r.base64);
        return text.done.exported;
      }),
    exportCertificate: (derBase64, name) => saveFile(`${name.replace(/[^A-Za-z0-9@._-]+/g, "_")}.pem`, "application/x-pem-file", encodeBase64(new TextEncoder().encode(pemText(derBase64)))),
    deleteKey: (id) => run(ask({ command: "keys-delete", id }), () => text.done.deleted),
    deleteCorrespondent: (fingerprint) => run(ask({ command: "correspondents-delete", fingerprint }), () => text.done.deleted),
  };
  return <KeyManager listing={listing} correspondents={correspondents} actions={actions} {...(request ? { request } : {})} {...(message ? { message } : {})} />;
}

render(
  <UiContext.Provider value={{ catalogue }}>
    <MarkSetting />
    <Options />
    <Keys />
  </UiContext.Provider>,
  document.getElementById("signet")!,
);
