/**
 * The slim line above a message body: the reader's personal mark, the verdict,
 * who signed, the main problem, and a button to the full report. It lives in a
 * shadow root the message cannot style; `role="status"` announces updates
 * without moving focus.
 */
import { useContext } from "preact/hooks";
import { UiContext } from "../context.js";
import { stateHeadline, type MessageState } from "../headline.js";
import type { PersonalMark } from "../personal-mark.js";
import { Root } from "./Root.js";
import { VerdictBadge } from "./VerdictBadge.js";

export type BannerProps = MessageState & {
  /** The reader's personal mark: what a look-alike drawn by the message cannot show. Absent until the host has it. */
  mark?: PersonalMark | null;
};

export function Banner({ mark, ...state }: BannerProps) {
  const { catalogue, openDetails } = useContext(UiContext);
  const ui = catalogue.ui;
  const { report, pending } = state;
  const h = stateHeadline(state, catalogue);
  return (
    <Root>
      <div class={`banner tone-${h.tone}`} role="status" aria-live="polite" aria-label={ui.reportLabel} data-verdict={report?.verdict ?? ""} data-pending={String(pending)}>
        {mark ? <PersonalMarkBadge mark={mark} label={ui.mark.label} /> : null}
        <VerdictBadge tone={h.tone} label={h.label} />
        <div class="text">
          <div class="title">{h.title}</div>
          {h.detail ? <div class="detail">{h.detail}</div> : null}
        </div>
        {openDetails && report ? (
          <button type="button" onClick={openDetails}>
            {ui.details}
          </button>
        ) : null}
      </div>
    </Root>
  );
}

export function PersonalMarkBadge({ mark, label }: { mark: PersonalMark; label: string }) {
  return (
    <span class="mark" style={{ background: mark.colour }} title={label} aria-label={`${label}: ${mark.text}`}>
      {mark.text}
    </span>
  );
}
