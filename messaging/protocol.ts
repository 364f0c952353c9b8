import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser, type Browser } from 'wxt/browser';
import type { Article } from '../lib/article';
import type { CompareView } from '../lib/compare';
import type { IndexInfo } from '../lib/index-file';
import type { LearnChange, LearnedKind } from '../lib/learned';
import type { SearchResult } from '../lib/search';
import type { StorySource } from '../lib/story-source';
import type { ResultView } from '../lib/view';
import type { Settings } from '../lib/settings';

/** What the background says to a sender it does not answer. */
const REFUSED = 'Wiretrace refuses messages from other extensions or pages.';

/**
 * The name under which the background, injecting the content script for "Check this page", tells
 * it that the reader asked (a property of the extension's own script world, which the page cannot
 * see or set). Spelled here once: the injected setter receives it as an argument.
 */
export const CHECK_REQUESTED = 'wiretraceCheck';
/** The flag's value when the keyboard shortcut asked: the panel opens at once. */
export const CHECK_AND_OPEN = 'open';
/** The name under which a shown overlay leaves, in the same script world, the function that opens its panel. */
export const OPEN_PANEL = 'wiretraceOpenPanel';

/** Status of a tab as the popup shows it. */
export type TabStatus = { state: 'unchecked' } | { state: 'checked'; title: string; result: ResultView };

/** One source of stories in use: the bundled index, an imported file, the reader's reading, their own additions. */
export interface SourceStatus {
  kind: 'bundled' | 'imported' | 'subscription' | 'learned' | 'added';
  /** An import's or a subscription's id, to remove it. */
  id?: string;
  /** "bundled with Wiretrace", the imported file's name, "your reading", "added by you". */
  name: string;
  stories: number;
  /** The file's build, size and newest story (bundled and imported); null for the others. */
  info: IndexInfo | null;
  /** An import that does not open (left out, the others in use), or damaged learned records dropped. */
  problem?: string;
}

/** Every source of stories in use. */
export interface IndexStatus {
  /** Stories in all sources together. */
  stories: number;
  sources: SourceStatus[];
  /** Set when the imports could not be read at all (the bundled index and learned stories are used). */
  problem?: string;
}

/** A subscription to a published index as the options page lists it (utils/subscriptions.ts). */
export interface SubscriptionStatus {
  id: string;
  name: string;
  /** The manifest's URL. */
  url: string;
  /** The version held (null: none yet), its stories and when it was published (ISO). */
  version: number | null;
  stories: number;
  published: string | null;
  lastTriedAt: number | null;
  lastSuccessAt: number | null;
  /** Why the last try failed; null once one succeeded. */
  lastError: string | null;
  /** What the last update that fetched anything downloaded: a delta or everything. */
  lastUpdate: { kind: 'delta' | 'full'; files: number; bytes: number } | null;
}

/** A learned or added story as the options page lists it. */
export interface LearnedSummary {
  id: string;
  kind: LearnedKind;
  agency: string;
  headline: string;
  /** The story's date, and where and when it was learned. */
  date: string;
  source: StorySource;
  url: string | null;
  /** Write-throughs of the agency's text known, and copies met elsewhere. */
  updates: number;
  copies: number;
}

export interface LearnedList {
  /** The stories matching the query, newest first, at most a page of them. */
  stories: LearnedSummary[];
  /** How many match the query, and how many there are of each kind. */
  found: number;
  learned: number;
  added: number;
  /** Their size on disk, about. */
  bytes: number;
}

/** A story as the compare page without a story lists it, to open its comparison. */
export interface StoryListItem {
  id: string;
  agency: string;
  date: string;
  headline: string;
  source: StorySource;
}

/** What "Add this page to my stories" did, or why it did not. */
export type AddPageAnswer =
  | { added: true; headline: string; change: LearnChange; source: StorySource }
  /** no-article: nothing was extracted; needs-source: say whose text this is (suggestion: the page's site). */
  | { added: false; reason: 'no-article' | 'needs-source'; suggestion: string };

/**
 * Every answer of every message: the value asked for, or why there is none (the handler failed,
 * the sender was refused, or the background could not be reached).
 */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Every message between content script, background and extension pages, with the value each
 * answers (wrapped in an Answer on the way back). The background answers only senders from this
 * extension.
 */
interface ProtocolMap {
  /** Content script → background: match an extracted article against the index. */
  match(data: { article: Article; url: string }): ResultView;
  /**
   * Content script → background: the reader's settings, read and repaired there (the content
   * script carries no storage code: it is parsed on every page of the listed sites).
   */
  settings(): Settings;
  /**
   * Content script → background: put the overlay's code into the sender's frame (utils/overlay-ui.ts: loaded only
   * when a page has something to show).
   */
  loadOverlay(): void;
  /** Popup → background: what is known about a tab. */
  tabStatus(data: { tabId: number }): TabStatus;
  /** Popup → background: run the pipeline in a tab the reader clicked on (activeTab). */
  checkTab(data: { tabId: number }): void;
  /** Popup → background: fuzzy search over the index's stories and quotes. */
  search(data: { query: string }): { results: SearchResult[]; searched: number; total: number };
  /** Compare page → background: a story of the index in use, set out for comparison, and where it came from. */
  compare(data: { storyId: string }): CompareView & { source: StorySource };
  /** Compare page without a story → background: the stories in use, the reader's own first, at most `limit`. */
  storyList(data: { limit: number }): { stories: StoryListItem[]; total: number };
  /** Overlay → background: open the compare page of a story in a new tab. */
  openCompare(data: { storyId: string }): void;
  /** Options → background: which sources of stories are in use. */
  indexInfo(): IndexStatus;
  /** Options → background: an index file was imported or removed; open the imports again now. */
  reloadIndex(): IndexStatus;
  /** Options → background: a word list was added or removed; read the lists again when a page needs them. */
  wordListsChanged(): void;
  /** Popup → background: make the article of this tab (checked first) a story of the reader's own. */
  addPage(data: { tabId: number; source: string | null }): AddPageAnswer;
  /** Options → background: the learned and added stories, searched by words of their headline, agency or site. */
  learnedList(data: { query: string }): LearnedList;
  /** Options → background: delete stories by id; answers how many went. */
  learnedDelete(data: { ids: string[] }): number;
  /** Options → background: forget every learned story (those added by hand stay); answers how many went. */
  learnedForget(): number;
  /** Options → background: the subscriptions to published indexes, with how their last update went. */
  subscriptionsList(): SubscriptionStatus[];
  /** Options → background: subscribe (URL of the manifest, the publisher's public key) and fetch it at once. */
  subscriptionAdd(data: { url: string; publicKey: string; name?: string | null }): SubscriptionStatus;
  /** Options → background: "Update now". */
  subscriptionUpdate(data: { id: string }): SubscriptionStatus;
  /** Options → background: unsubscribe, deleting what was fetched. */
  subscriptionRemove(data: { id: string }): void;
}

export type MessageType = keyof ProtocolMap;
type Request<K extends MessageType> = Parameters<ProtocolMap[K]>[0];
type Value<K extends MessageType> = ReturnType<ProtocolMap[K]>;

/** Every message's name, once: the compiler holds this table to ProtocolMap both ways. */
const EVERY_MESSAGE: Record<MessageType, true> = {
  match: true,
  settings: true,
  loadOverlay: true,
  tabStatus: true,
  checkTab: true,
  search: true,
  compare: true,
  storyList: true,
  openCompare: true,
  indexInfo: true,
  reloadIndex: true,
  wordListsChanged: true,
  addPage: true,
  learnedList: true,
  learnedDelete: true,
  learnedForget: true,
  subscriptionsList: true,
  subscriptionAdd: true,
  subscriptionUpdate: true,
  subscriptionRemove: true,
};
export const MESSAGE_TYPES = /* @__PURE__ */ Object.keys(EVERY_MESSAGE) as MessageType[];

/** The background's answer to each message, given what was sent and who sent it. */
export type Handlers = {
  [K in MessageType]: (data: Request<K>, sender: Browser.runtime.MessageSender) => Value<K> | Promise<Value<K>>;
};

const messenger = defineExtensionMessaging<{ [K in MessageType]: (data: Request<K>) => Answer<Value<K>> }>();

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Asks the background; never throws: a background that is gone (after an update) is an answer too.
 * What the messaging library rejects with is always an Error (its own, or the browser's).
 */
export function sendMessage<K extends MessageType>(type: K, data: Request<K>): Promise<Answer<Value<K>>> {
  const sent = messenger.sendMessage(type, data as never) as Promise<Answer<Value<K>>>;
  return sent.catch((error: Error) => ({ ok: false, error: error.message }));
}

/** The value of an answer, or its reason thrown: for a caller whose every failure ends the same way. */
export function valueOf<T>(answer: Answer<T>): T {
  if (answer.ok) return answer.value;
  throw new Error(answer.error);
}

/**
 * Answers every message of the protocol with `handlers` (the table must name them all), each
 * behind one gate: a sender that is not this extension's own content script or page (another
 * extension, a web page) is refused and no handler runs. Returns how to stop answering.
 */
export function answerMessages(handlers: Handlers): () => void {
  // One listener shape for every type: the table above is what keeps data and value types paired.
  const listen = messenger.onMessage as (
    type: MessageType,
    listener: (message: { data: unknown; sender: Browser.runtime.MessageSender }) => Promise<Answer<unknown>>,
  ) => () => void;
  const removers = MESSAGE_TYPES.map((type) => {
    const handler = handlers[type] as (data: unknown, sender: Browser.runtime.MessageSender) => unknown;
    return listen(type, async ({ data, sender }) => {
      if (sender.id !== browser.runtime.id) return { ok: false, error: REFUSED };
      try {
        return { ok: true, value: await handler(data, sender) };
      } catch (error) {
        return { ok: false, error: reason(error) };
      }
    });
  });
  return () => removers.forEach((remove) => remove());
}
