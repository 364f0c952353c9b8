/**
 * Reads an index file of either build, by its first bytes: the compact
 * binary build (fingerprints, quotes, metadata) or the full JSON build (with
 * the wire texts, for the compare page). Everything that loads an index (the
 * background, the import in the options page, the CLI) goes through here, so
 * they refuse the same files with the same messages.
 */
import { isCompactIndex, openCompactIndex } from './index-compact';
import { IndexError, parseIndex } from './index-schema';
import { loadIndex, type MatchIndex } from './match';

export interface IndexInfo {
  build: 'full' | 'compact';
  stories: number;
  bytes: number;
}

export interface OpenedIndex {
  index: MatchIndex;
  info: IndexInfo;
}

/** Opens index bytes; throws an IndexError with a message for the reader when the file is not a usable index. */
export function openIndexFile(bytes: Uint8Array): OpenedIndex {
  if (bytes.length === 0) throw new IndexError('The index file is empty.');
  if (isCompactIndex(bytes)) {
    const index = openCompactIndex(bytes);
    return { index, info: { build: 'compact', stories: index.storyCount, bytes: bytes.length } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IndexError('The index file is neither a compact index nor UTF-8 JSON.');
  }
  const index = loadIndex(parseIndex(text));
  return { index, info: { build: 'full', stories: index.storyCount, bytes: bytes.length } };
}
