/**
 * The reader's personal mark (ui/personal-mark.ts), kept in storage.local: read
 * once per background page, chosen at random on first use, replaced from the
 * options page. A message never sees it: the banner gets it from the background.
 */
import { randomMark, validMark, type PersonalMark } from "../../ui/personal-mark.js";
import type { Messenger } from "./messenger.js";

const KEY = "personal-mark";

export class PersonalMarkSetting {
  private current: Promise<PersonalMark> | null = null;
  constructor(private readonly api: Messenger) {}

  /** The mark; the first call on a new profile picks one and keeps it. */
  get(): Promise<PersonalMark> {
    this.current ??= this.load();
    return this.current;
  }

  /** Keeps a new mark, or throws when it is not one a banner can show. */
  async set(value: unknown): Promise<PersonalMark> {
    const mark = validMark(value);
    if (!mark) throw new Error("a mark is 1 to 16 characters and one of the offered colours");
    await this.api.storage.local.set({ [KEY]: mark });
    this.current = Promise.resolve(mark);
    return mark;
  }

  private async load(): Promise<PersonalMark> {
    const stored = validMark((await this.api.storage.local.get(KEY))[KEY]);
    if (stored) return stored;
    const mark = randomMark();
    await this.api.storage.local.set({ [KEY]: mark });
    return mark;
  }
}
