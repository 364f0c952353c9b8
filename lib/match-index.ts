/**
 * What matching reads of an index, whatever its file format: the full build
 * (index-full.ts, JSON with texts) and the compact build (index-compact.ts,
 * prints only) both open to a MatchIndex.
 */
import type { Story } from './index-schema';

/** Distinct hashes: an array, or a view into a compact index's bytes (no copy). */
export type HashList = readonly number[] | Uint32Array;

export interface WireSentence {
  /** The wire sentence, when the index carries texts (the full build); null in the compact build. */
  text: string | null;
  paragraph: number;
  /** Distinct content-key hashes, quotes aside; sorted. */
  keys: HashList;
  /** Distinct shingle hashes; sorted (so two sentences compare by a merge). */
  shingles: HashList;
}

export interface WireVersionIndex {
  version: string;
  sentences: WireSentence[];
}

export interface StoryEntry {
  story: Story;
  versions: WireVersionIndex[];
}

/**
 * What matching reads of an index, whatever its file format: candidate
 * stories by fingerprint (an inverted index, not a scan), and a story's
 * metadata and sentence prints by position (decoded on demand).
 */
export interface MatchIndex {
  readonly storyCount: number;
  /**
   * Calls `visit` with the position of each story that contains a fingerprint; with none when more
   * than `max` do (too common to count), and then answers false. A visitor, not a list: a page looks
   * up hundreds of fingerprints, and a list per look-up was garbage to collect. The answer lets an
   * index made of several (union-index.ts) hold "too common" to the count over all of them.
   */
  eachPosting(hash: number, max: number, visit: (story: number) => void): boolean;
  story(position: number): StoryEntry;
}

/**
 * A story by id: at `hint` when it is there (the position a match reported),
 * else by a scan, which decodes stories of a compact index one by one.
 */
export function findStory(index: MatchIndex, id: string, hint?: number): Story | null {
  if (hint !== undefined && hint >= 0 && hint < index.storyCount) {
    const { story } = index.story(hint);
    if (story.id === id) return story;
  }
  for (let i = 0; i < index.storyCount; i++) {
    const { story } = index.story(i);
    if (story.id === id) return story;
  }
  return null;
}
