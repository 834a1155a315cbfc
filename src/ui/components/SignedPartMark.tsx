/**
 * The marks Signet puts inside a displayed message around the part a partial
 * signature covers (hosts/thunderbird/signed-part-marks.ts places them). Each
 * starts with the reader's personal mark: the message can draw look-alike
 * marks around unsigned text, but not with the mark.
 */
import { useContext } from "preact/hooks";
import { UiContext } from "../context.js";
import type { PersonalMark } from "../personal-mark.js";
import { PersonalMarkBadge } from "./Banner.js";
import { Root } from "./Root.js";

export interface SignedPartMarkProps {
  edge: "begins" | "ends";
  mark: PersonalMark | null;
}

export function SignedPartMark({ edge, mark }: SignedPartMarkProps) {
  const ui = useContext(UiContext).catalogue.ui;
  return (
    <Root>
      <div class={`signed-part-mark edge-${edge}`} role="note">
        {mark ? <PersonalMarkBadge mark={mark} label={ui.mark.label} /> : null}
        <span>{edge === "begins" ? ui.signedPartMark.begins : ui.signedPartMark.ends}</span>
      </div>
    </Root>
  );
}
