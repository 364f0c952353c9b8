/**
 * What matching reads of an index, whatever its file format: the full build
 * (index-full.ts, JSON with texts) and the compact build (index-compact.ts,
 * prints only) both open to a MatchIndex.
 */
import type { Story } from './index-schema';
import type { PrintPrecision } from './print-precision';

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
  /** Set when the prints are reduced hashes (the compact build): a page is reduced the same way to be compared. */
  precision?: PrintPrecision;
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
   * `weight` is how many fingerprints the hit stands for: an index that keeps one fingerprint in
   * eight (the compact build) counts each it keeps as eight, so a page needs as many shared
   * fingerprints as before to make a story a candidate. Absent, 1.
   */
  eachPosting(hash: number, max: number, visit: (story: number, weight?: number) => void): boolean;
  story(position: number): StoryEntry;
}

/**
 * A story's position by id: `hint` when it is there (the position a match reported), else found
 * by a scan, which decodes stories of a compact index one by one; -1 when no story has the id.
 */
export function findStoryPosition(index: MatchIndex, id: string, hint?: number): number {
  if (hint !== undefined && hint >= 0 && hint < index.storyCount && index.story(hint).story.id === id) return hint;
  for (let i = 0; i < index.storyCount; i++) if (index.story(i).story.id === id) return i;
  return -1;
}

/** A story by id (see findStoryPosition). */
export function findStory(index: MatchIndex, id: string, hint?: number): Story | null {
  const position = findStoryPosition(index, id, hint);
  return position < 0 ? null : index.story(position).story;
}
