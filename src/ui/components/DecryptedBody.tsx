/**
 * What Signet decrypted, for the reader: text as text, HTML sanitised and shown only in a
 * sandboxed frame (no scripts, no same origin, no forms, no navigation; a policy that loads
 * nothing), so a stranger's markup can neither run nor reach out nor draw over the report.
 */
import { useContext } from "preact/hooks";
import type { EnvelopedLayer } from "../../core/index.js";
import { UiContext } from "../context.js";
import { sandboxDocument } from "../sanitize-html.js";

/** `foreign`: a part beside other content, opened on the reader's request, shown as a piece apart. */
export function DecryptedBody({ body, foreign = false }: { body: NonNullable<EnvelopedLayer["decryptedBody"]>; foreign?: boolean }) {
  const ui = useContext(UiContext).catalogue.ui;
  return (
    <figure class={`decrypted-body${foreign ? " foreign" : ""}`}>
      {foreign ? <p class="foreign-note">{ui.foreignPart}</p> : null}
      <figcaption>{body.kind === "html" ? ui.decryptedHtml : ui.decryptedText}</figcaption>
      {body.kind === "text" ? (
        <pre>{body.body}</pre>
      ) : (
        <iframe sandbox="" referrerpolicy="no-referrer" title={ui.decryptedHtml} srcdoc={sandboxDocument(body.body)} />
      )}
      {body.truncated ? <div class="muted">{ui.decryptedTruncated}</div> : null}
    </figure>
  );
}
