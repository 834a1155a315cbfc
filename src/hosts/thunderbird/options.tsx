/** The options page: the personal mark and the trust manager, acting through the background. */
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { TrustListing } from "../../core/index.js";
// The module itself, not core/index.js: the options page carries no core beyond this encoder.
import { encodeBase64 } from "../../core/util/base64.js";
import { catalogueFor, PersonalMarkEditor, TrustManager, UiContext, type PersonalMark, type TrustActions } from "../../ui/index.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";

const catalogue = catalogueFor(tb().i18n.getUILanguage());

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

render(
  <UiContext.Provider value={{ catalogue }}>
    <MarkSetting />
    <Options />
  </UiContext.Provider>,
  document.getElementById("signet")!,
);
