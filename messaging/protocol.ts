import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Article } from '../lib/article';
import type { CompareView } from '../lib/compare';
import type { IndexInfo } from '../lib/index-file';
import type { SearchResult } from '../lib/search';
import type { ResultView } from '../lib/view';
import type { Settings } from '../lib/settings';

/** Status of a tab as the popup shows it. */
export type TabStatus = { state: 'unchecked' } | { state: 'checked'; title: string; result: ResultView };

/** The index in use: the bundled one, or one the reader imported; and why an import could not be used. */
export interface IndexStatus {
  source: 'bundled' | 'imported';
  info: IndexInfo;
  /** Set when a stored import could not be opened and the bundled index is used instead. */
  problem?: string;
}

/**
 * Every message between content script, background and extension pages.
 * The background answers only senders from this extension.
 */
interface ProtocolMap {
  /** Content script → background: match an extracted article against the index. */
  match(data: { article: Article; url: string }): ResultView;
  /**
   * Content script → background: the reader's settings, read and repaired there (the content
   * script carries no storage code: it is parsed on every page of the listed sites).
   */
  settings(): Settings;
  /** Popup → background: what is known about a tab. */
  tabStatus(data: { tabId: number }): TabStatus;
  /** Popup → background: run the pipeline in a tab the reader clicked on (activeTab). */
  checkTab(data: { tabId: number }): { ok: boolean; error?: string };
  /** Popup → background: fuzzy search over the index's stories and quotes. */
  search(data: { query: string }): { results: SearchResult[]; searched: number; total: number };
  /** Compare page → background: a story of the index in use, set out for comparison. */
  compare(data: { storyId: string }): { view: CompareView } | { error: string };
  /** Overlay → background: open the compare page of a story in a new tab. */
  openCompare(data: { storyId: string }): void;
  /** Options → background: which index is in use. */
  indexInfo(): IndexStatus;
  /** Options → background: an index was imported or removed; load it (or the bundled one) now. */
  reloadIndex(): IndexStatus;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
