/**
 * Reads an index file of either build, by its first bytes: the compact
 * binary build (fingerprints, quotes, metadata) or the full JSON build (with
 * the wire texts, for the compare page). Everything that loads an index (the
 * background, the import in the options page, the CLI) goes through here, so
 * they refuse the same files with the same messages.
 */
import { isCompactIndex, newestDate, openCompactIndex } from './index-compact';
import { IndexError, parseIndex } from './index-schema';
import { loadIndex } from './index-full';
import type { MatchIndex } from './match-index';

export interface IndexInfo {
  build: 'full' | 'compact';
  stories: number;
  bytes: number;
  /** Date of the newest story: builds are reproducible, so this, not a build time, says how current it is. */
  newestStory: string | null;
}

export interface OpenedIndex {
  index: MatchIndex;
  info: IndexInfo;
}

/** Opens index bytes; throws an IndexError with a message for the reader when the file is not a usable index. */
export function openIndexFile(bytes: Uint8Array): OpenedIndex {
  if (bytes.length === 0) throw new IndexError('The index file is empty.');
  const info = (build: IndexInfo['build'], index: MatchIndex, newestStory: string | null): OpenedIndex => ({
    index,
    info: { build, stories: index.storyCount, bytes: bytes.length, newestStory },
  });
  if (isCompactIndex(bytes)) {
    const index = openCompactIndex(bytes);
    return info('compact', index, index.header.newestStory ?? null);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IndexError('The index file is neither a compact index nor UTF-8 JSON.');
  }
  const parsed = parseIndex(text);
  return info('full', loadIndex(parsed), newestDate(parsed.stories.map((s) => s.date)));
}
