/**
 * The verdict on Signet's button in the message header: icon, label and
 * tooltip, per tab. The banner lives inside the message's page, where an HTML
 * message can draw a look-alike over it (the UI-redressing attacks of
 * "Johnny, You Are Fired!", USENIX Security 2019); the header toolbar is
 * Thunderbird's own window, which no message can reach. The icon's shape and
 * the label's word carry the verdict, not only the colour.
 */
import { stateHeadline, type MessageState } from "../../ui/headline.js";
import type { Catalogue } from "../../ui/messages/catalogue.js";
import type { PersonalMark } from "../../ui/personal-mark.js";
import type { Messenger } from "./messenger.js";
import type { SignetService } from "./service.js";

export interface ToolbarLook {
  label: string;
  title: string;
  /** From the add-on's root: one shape per tone. */
  icon: string;
}

/**
 * What the button shows for a state; `null` is a tab without one single message (none, or several
 * selected). The tooltip starts with the reader's personal mark, as every real banner does.
 */
export function toolbarLook(state: MessageState | null, cat: Catalogue, mark: PersonalMark): ToolbarLook {
  if (!state) return { label: "Signet", title: cat.ui.markedTitle(mark.text, cat.ui.toolbarIdle), icon: "/icons/signet.svg" };
  const h = stateHeadline(state, cat);
  return { label: h.label, title: cat.ui.markedTitle(mark.text, cat.ui.toolbarTitle(h.label, h.title, h.detail)), icon: `/icons/${h.tone}.svg` };
}

export class ToolbarIndicator {
  constructor(
    private readonly api: Messenger,
    private readonly service: SignetService,
    /** The reader's language's words: loaded while the first message is inspected (ui/messages/catalogue.ts). */
    private readonly catalogue: Catalogue | Promise<Catalogue>,
  ) {}

  /**
   * Shows a tab's message on its button: the cached final answer at once, or
   * *Checking* then the local answer then the final one. A later answer is
   * dropped when the tab has moved on to another message meanwhile.
   */
  async follow(tabId: number, messageId: number | null): Promise<void> {
    if (messageId === null) return this.show(tabId, null);
    const inspection = this.service.inspect(messageId);
    if (inspection.settled) return this.show(tabId, inspection.settled);
    await this.show(tabId, { report: null, pending: true });
    // The events' word, not a question to Thunderbird, which may not answer for a tab in the background.
    const stillShown = () => this.service.lastShownIn(tabId) === messageId;
    const local = await inspection.local;
    if (stillShown()) await this.show(tabId, local);
    const final = await inspection.final;
    if (final !== local && stillShown()) await this.show(tabId, final);
  }

  /** After a trust change every open message may have another verdict. */
  async refreshAll(): Promise<void> {
    const tabs = await this.api.tabs.query({});
    await Promise.all(
      tabs.map(async ({ id }) => {
        if (id === undefined) return;
        // The last event's word first; Thunderbird is asked only about tabs no event told of (the page was unloaded since).
        // Tabs that show no message (the address book, a settings page) throw here; they have no button to update.
        const known = this.service.lastShownIn(id);
        const messageId = known !== undefined ? known : await this.service.displayedMessage(id).catch(() => undefined);
        if (messageId !== undefined) await this.follow(id, messageId);
      }),
    );
  }

  private async show(tabId: number, state: MessageState | null): Promise<void> {
    const look = toolbarLook(state, await this.catalogue, await this.service.personalMark.get());
    const action = this.api.messageDisplayAction;
    // A tab closed meanwhile refuses the update; nothing is lost.
    await Promise.all([action.setIcon({ tabId, path: look.icon }), action.setLabel({ tabId, label: look.label }), action.setTitle({ tabId, title: look.title })]).catch(() => undefined);
  }
}
