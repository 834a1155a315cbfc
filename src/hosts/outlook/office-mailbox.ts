/// <reference types="office-js" />
/**
 * The one place the pane touches Office.js: the mailbox façade. Everything
 * else in the pane asks this, so the tests stub `Office` at this seam only
 * (HOSTS.md: Office.onReady never resolves offline). Callbacks become
 * promises; error 5001 ("an internal error has occurred"), which Outlook
 * gives now and then for a request that succeeds when repeated, is retried
 * once; every other error is passed on with Outlook's own words.
 */
import { decodeBase64Text } from "../../core/index.js";
import type { AttachmentInfo } from "./smime-route.js";

export interface ItemInfo {
  /** Exchange's id of the item, or null where Outlook gives none. */
  id: string | null;
  isMessage: boolean;
  attachments: AttachmentInfo[];
}

/** What the pane needs from Outlook. */
export interface MailboxFacade {
  /** Whether Outlook can hand a message over as EML (item.getAsFileAsync, requirement set Mailbox 1.14). */
  canReadMessages(): boolean;
  /** The item being read, or null (none selected; a pinned pane between messages). */
  currentItem(): ItemInfo | null;
  /** The item as EML. */
  readMessage(): Promise<Uint8Array>;
  /** An attachment's bytes (Base64 for files, EML text for attached items). */
  readAttachment(id: string): Promise<Uint8Array>;
  /** Calls `listener` when a pinned pane moves to another item (Office.EventType.ItemChanged, Mailbox 1.5). */
  onItemChanged(listener: () => void): void;
  /** Outlook's storage partition for this add-in, where it has one (HOSTS.md). */
  partitionKey(): string | null;
  /** "PC" for classic Outlook on Windows, which rebuilds the EML it hands over. */
  platform(): string | null;
  language(): string;
}

/** An error Outlook reported, with its code (Office.AsyncResult.error). */
export class OfficeError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Outlook's "internal error" (Office.js error 5001): retried once before it is reported. */
export const RETRIED_ERROR_CODE = 5001;

type Call<T> = (callback: (result: Office.AsyncResult<T>) => void) => void;

function once<T>(call: Call<T>): Promise<T> {
  return new Promise((resolve, reject) =>
    call((result) => {
      // Office.AsyncResultStatus.Succeeded is the string "succeeded" (the enum needs the Office global).
      if (String(result.status) === "succeeded") resolve(result.value);
      else reject(new OfficeError(result.error?.code ?? 0, result.error?.message ?? "Outlook reported an error"));
    }),
  );
}

async function withRetry<T>(call: Call<T>): Promise<T> {
  try {
    return await once(call);
  } catch (e) {
    if (e instanceof OfficeError && e.code === RETRIED_ERROR_CODE) return once(call);
    throw e;
  }
}

const base64Bytes = (text: string): Uint8Array => decodeBase64Text(text).bytes;

export function officeMailbox(office: typeof Office): MailboxFacade {
  const mailbox = () => office.context.mailbox;
  const item = () => mailbox().item as Office.MessageRead | null | undefined;
  return {
    canReadMessages: () => office.context.requirements.isSetSupported("Mailbox", "1.14"),
    currentItem() {
      const it = item();
      if (!it) return null;
      return {
        id: it.itemId || null,
        isMessage: it.itemType === office.MailboxEnums.ItemType.Message,
        attachments: (it.attachments ?? []).map((a) => ({ id: a.id, name: a.name, contentType: a.contentType ?? "", isInline: a.isInline, attachmentType: String(a.attachmentType) })),
      };
    },
    async readMessage() {
      const it = item();
      if (!it) throw new OfficeError(0, "no message is selected");
      return base64Bytes(await withRetry<string>((cb) => it.getAsFileAsync(cb)));
    },
    async readAttachment(id) {
      const it = item();
      if (!it) throw new OfficeError(0, "no message is selected");
      const content = await withRetry<Office.AttachmentContent>((cb) => it.getAttachmentContentAsync(id, cb));
      if (content.format === office.MailboxEnums.AttachmentContentFormat.Base64) return base64Bytes(content.content);
      if (content.format === office.MailboxEnums.AttachmentContentFormat.Eml) return new TextEncoder().encode(content.content);
      throw new OfficeError(0, `the attachment came as ${content.format}, which holds no message`);
    },
    onItemChanged(listener) {
      mailbox().addHandlerAsync(office.EventType.ItemChanged, () => listener());
    },
    partitionKey: () => office.context.partitionKey || null,
    platform: () => (office.context.diagnostics?.platform as unknown as string | undefined) ?? null,
    language: () => office.context.displayLanguage || "en-US",
  };
}
