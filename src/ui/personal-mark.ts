/**
 * The reader's personal mark: a word or emoji and a colour that every real
 * Signet banner and the header button's tooltip show. A message can draw a
 * look-alike banner inside its own body, but it cannot know the mark, so a
 * banner without it is not Signet's. A random one is chosen on first use, so
 * the protection is there before anyone visits the options page.
 */

export interface PersonalMark {
  /** A short word or emoji (1 to 16 characters). */
  text: string;
  /** A colour from PERSONAL_MARK_COLOURS. */
  colour: string;
}

/** Colours that stay readable under white text in light and dark themes (contrast at least 4.5:1). */
export const PERSONAL_MARK_COLOURS = ["#6a1b9a", "#1565c0", "#00695c", "#ad1457", "#4e342e", "#37474f", "#283593", "#bf360c"] as const;

const DEFAULT_TEXTS = ["🦉", "🐙", "🦊", "🐢", "🌵", "🍋", "🪁", "🧭", "🎈", "🦋", "🌻", "🐝", "🍄", "⚓", "🪐", "🐳"];

export const MAX_MARK_LENGTH = 16;

/** The mark, or null when it is not one a banner can show (empty, too long, a colour not offered). */
export function validMark(value: unknown): PersonalMark | null {
  if (typeof value !== "object" || value === null) return null;
  const { text, colour } = value as { text?: unknown; colour?: unknown };
  if (typeof text !== "string" || typeof colour !== "string") return null;
  const trimmed = text.trim();
  const length = Array.from(trimmed).length;
  if (length === 0 || length > MAX_MARK_LENGTH || /[\p{Cc}\p{Cf}]/u.test(trimmed.replace(/\u200d|\ufe0f/g, ""))) return null;
  if (!(PERSONAL_MARK_COLOURS as readonly string[]).includes(colour)) return null;
  return { text: trimmed, colour };
}

/** A mark picked at random (WebCrypto's generator: a message cannot predict it). */
export function randomMark(random: (n: number) => number = secureRandom): PersonalMark {
  return { text: DEFAULT_TEXTS[random(DEFAULT_TEXTS.length)]!, colour: PERSONAL_MARK_COLOURS[random(PERSONAL_MARK_COLOURS.length)]! };
}

function secureRandom(n: number): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! % n;
}
