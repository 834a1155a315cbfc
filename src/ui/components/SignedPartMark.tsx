/**
 * The marks Signet puts inside a displayed message around the part a partial
 * signature covers (hosts/thunderbird/signed-part-marks.ts places them). Each
 * starts with the reader's personal mark: the message can draw look-alike
 * marks around unsigned text, but not with the mark. Worded like the banner (banner-words.ts).
 */
import type { BannerWords } from "../banner-words.js";
import type { PersonalMark } from "../personal-mark.js";
import { PersonalMarkBadge } from "./Banner.js";
import { Frame } from "./Frame.js";

export interface SignedPartMarkProps {
  edge: "begins" | "ends";
  mark: PersonalMark | null;
  words: BannerWords;
}

export function SignedPartMark({ edge, mark, words }: SignedPartMarkProps) {
  return (
    <Frame lang={words.lang}>
      <div class={`signed-part-mark edge-${edge}`} role="note">
        {mark ? <PersonalMarkBadge mark={mark} label={words.markLabel} /> : null}
        <span>{words.signedPart[edge]}</span>
      </div>
    </Frame>
  );
}
