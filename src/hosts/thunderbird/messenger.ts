/**
 * The one place that touches Thunderbird's `messenger` global: a typed subset
 * of the MailExtension APIs Signet uses (MV3, Thunderbird 128+). Local
 * declarations, because @types/thunderbird-webext-browser lacks
 * scripting.messageDisplay and describes MV2 return shapes.
 */
export interface MessageHeader {
  id: number;
  subject: string;
  headerMessageId: string;
}

export interface Tab {
  id?: number;
  windowId?: number;
}

export interface MessageSender {
  tab?: Tab;
  /** The sending page: a content script's message page, or one of the add-on's own pages. */
  url?: string;
}

export interface MailFolder {
  id: string;
  name: string;
  path: string;
}

interface Event<L> {
  addListener(listener: L): void;
}

export interface Messenger {
  runtime: {
    sendMessage<T>(message: unknown): Promise<T>;
    onMessage: Event<(message: unknown, sender: MessageSender) => Promise<unknown> | undefined>;
    getURL(path: string): string;
    openOptionsPage(): Promise<void>;
    /** Set while a callback of a call that failed runs (menus.create's). */
    lastError?: { message?: string } | null;
  };
  /** Items in Thunderbird's menus (permission "menus"). */
  menus: {
    /** The callback runs once the item exists, or with runtime.lastError set (an id already there). */
    create(properties: { id: string; title: string; contexts: "message_list"[] }, callback?: () => void): string | number;
    onClicked: Event<(info: { menuItemId: string | number; selectedMessages?: { messages: MessageHeader[] } }, tab?: Tab) => void>;
  };
  messages: {
    getRaw(messageId: number, options?: { decrypt?: boolean }): Promise<File>;
    import(file: File, folderId: string): Promise<MessageHeader>;
  };
  messageDisplay: {
    onMessagesDisplayed: Event<(tab: Tab, displayed: { messages: MessageHeader[] }) => void>;
    getDisplayedMessages(tabId: number): Promise<{ messages: MessageHeader[] }>;
    open(properties: { messageId: number; location: "tab" | "window" }): Promise<Tab>;
  };
  /** The Signet button in the message header: outside the message's page, so the message cannot draw over it. */
  messageDisplayAction: {
    /** Resolves false when the popup cannot open: the button is disabled or was removed from the toolbar (schema, TB 128+). */
    openPopup(options?: { windowId?: number }): Promise<boolean>;
    setTitle(details: { title: string; tabId?: number }): Promise<void>;
    getTitle(details: { tabId?: number }): Promise<string>;
    setLabel(details: { label: string; tabId?: number }): Promise<void>;
    getLabel(details: { tabId?: number }): Promise<string | null>;
    setIcon(details: { path: string; tabId?: number }): Promise<void>;
    /** Used by the test build's harness only, to make openPopup fail. */
    disable(tabId?: number): Promise<void>;
    enable(tabId?: number): Promise<void>;
  };
  scripting: {
    messageDisplay: {
      registerScripts(scripts: { id: string; js?: string[]; css?: string[] }[]): Promise<void>;
      getRegisteredScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
    };
  };
  storage: {
    local: {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    };
  };
  tabs: {
    /** `type: "mail"` is a 3-pane tab (folder list, message list and preview). */
    query(query: { active?: boolean; currentWindow?: boolean; type?: "mail" | "messageDisplay" }): Promise<Tab[]>;
    create(properties: { url: string }): Promise<Tab>;
    onRemoved: Event<(tabId: number) => void>;
  };
  /** Used by the test build's harness only (setSelectedMessages needs accountsRead, which the shipped add-on does not ask for). */
  mailTabs: {
    setSelectedMessages(tabId: number, messageIds: number[]): Promise<void>;
  };
  accounts: { list(includeSubFolders?: boolean): Promise<{ id: string; type: string; rootFolder: MailFolder }[]> };
  folders: {
    getSubFolders(folderId: string, includeSubFolders?: boolean): Promise<MailFolder[]>;
    create(parentId: string, name: string): Promise<MailFolder>;
  };
  i18n: { getUILanguage(): string; getMessage(name: string, substitutions?: string | string[]): string };
  /** The test build's Experiment API (test/hosts/thunderbird-experiment): a message tab painted as a PNG data URL. Absent from the shipped add-on. */
  signetTestScreenshot?: { capture(tabId: number): Promise<string> };
  /** Name resolution (permission "dns", TB 60+): so that a CRL or OCSP name resolving to a private address is refused too. */
  dns: { resolve(hostname: string): Promise<{ addresses: string[] }> };
}

declare const messenger: Messenger;

/** The API object; a function so that tests and other hosts never touch the global at import time. */
export function tb(): Messenger {
  return messenger;
}
