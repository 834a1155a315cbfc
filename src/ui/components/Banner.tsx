/**
 * The slim line above a message body: the reader's personal mark, the verdict,
 * who signed, the main problem, and a button to the full report. It lives in a
 * shadow root the message cannot style; `role="status"` announces updates
 * without moving focus. It draws words its host has worded (banner-words.ts):
 * the banner script carries no catalogue.
 */
import type { BannerWords } from "../banner-words.js";
import type { PersonalMark } from "../personal-mark.js";
import { Frame } from "./Frame.js";
import { VerdictBadge } from "./VerdictBadge.js";

export interface BannerProps {
  words: BannerWords;
  /** The reader's personal mark: what a look-alike drawn by the message cannot show. Absent until the host has it. */
  mark?: PersonalMark | null;
  /** Opens the full report. Absent: the banner has no button. */
  openDetails?: () => void;
}

export function Banner({ words, mark, openDetails }: BannerProps) {
  return (
    <Frame lang={words.lang}>
      <div class={`banner tone-${words.tone}`} role="status" aria-live="polite" aria-label={words.reportLabel} data-verdict={words.verdict ?? ""} data-pending={String(words.pending)}>
        {mark ? <PersonalMarkBadge mark={mark} label={words.markLabel} /> : null}
        <VerdictBadge tone={words.tone} label={words.label} />
        <div class="text">
          <div class="title">{words.title}</div>
          {words.detail ? <div class="detail">{words.detail}</div> : null}
        </div>
        {openDetails && words.details ? (
          <button type="button" onClick={openDetails}>
            {words.details}
          </button>
        ) : null}
      </div>
    </Frame>
  );
}

export function PersonalMarkBadge({ mark, label }: { mark: PersonalMark; label: string }) {
  return (
    <span class="mark" style={{ background: mark.colour }} title={label} aria-label={`${label}: ${mark.text}`}>
      {mark.text}
    </span>
  );
}
