/** The options page's personal mark: why it is there, a preview, and a form to pick another. */
import { useContext, useEffect, useState } from "preact/hooks";
import { UiContext } from "../context.js";
import { MAX_MARK_LENGTH, PERSONAL_MARK_COLOURS, validMark, type PersonalMark } from "../personal-mark.js";
import { PersonalMarkBadge } from "./Banner.js";
import { Root } from "./Root.js";

export interface PersonalMarkEditorProps {
  /** The current mark; null while the host reads it. */
  mark: PersonalMark | null;
  onSave: (mark: PersonalMark) => void;
  message?: string;
}

export function PersonalMarkEditor({ mark, onSave, message }: PersonalMarkEditorProps) {
  const { catalogue } = useContext(UiContext);
  const ui = catalogue.ui.mark;
  const [text, setText] = useState(mark?.text ?? "");
  const [colour, setColour] = useState<string>(mark?.colour ?? PERSONAL_MARK_COLOURS[0]);
  useEffect(() => {
    if (!mark) return;
    setText(mark.text);
    setColour(mark.colour);
  }, [mark]);
  const draft = validMark({ text, colour });
  return (
    <Root>
      <section class="mark-editor" aria-labelledby="signet-mark-title">
        <h2 id="signet-mark-title">{ui.title}</h2>
        <p>{ui.explain}</p>
        <p>
          {ui.preview} {draft ? <PersonalMarkBadge mark={draft} label={ui.label} /> : <span class="muted">{ui.invalid}</span>}
        </p>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft) onSave(draft);
          }}
        >
          <label>
            {ui.text}{" "}
            <input type="text" value={text} maxLength={MAX_MARK_LENGTH * 2} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <fieldset class="colours">
            <legend>{ui.colour}</legend>
            {PERSONAL_MARK_COLOURS.map((c) => (
              <label key={c} class="colour">
                <input type="radio" name="signet-mark-colour" value={c} checked={c === colour} onChange={() => setColour(c)} />
                <span class="swatch" style={{ background: c }} aria-hidden="true" />
                {ui.colourNames[c] ?? c}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!draft}>
            {ui.save}
          </button>
        </form>
        {message ? <p role="status">{message}</p> : null}
      </section>
    </Root>
  );
}
