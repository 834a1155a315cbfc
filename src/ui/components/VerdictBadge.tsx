/** The verdict as icon and word together, so colour is never the only signal. */
import { ICONS, type Tone } from "../headline.js";

export function VerdictBadge({ tone, label }: { tone: Tone; label: string }) {
  return (
    <span class={`badge tone-${tone}`} data-tone={tone}>
      <span aria-hidden="true">{ICONS[tone]}</span>
      {label}
    </span>
  );
}
