/**
 * One index over several (the bundled index, each imported file, the stories
 * learned from reading), so matching reads one MatchIndex whatever the number
 * of sources. Positions run through the segments in order: a segment's story
 * p is the union's story (segments before it) + p. The learned segment goes
 * last, so that learning a story (it grows) moves no other story's position.
 * Nothing is copied or rebuilt: adding a source is adding a segment.
 */
import type { MatchIndex, StoryEntry } from './match-index';
import type { StorySource } from './story-source';

export interface Segment {
  index: MatchIndex;
  /** Where the segment's story at `position` came from. */
  source(position: number): StorySource;
}

export interface UnionIndex extends MatchIndex {
  readonly segments: readonly Segment[];
  sourceOf(position: number): StorySource;
}

export function unionIndex(segments: readonly Segment[]): UnionIndex {
  /**
   * Positions of one fingerprint gathered across segments before any is visited, and their weights
   * (reused: one look-up at a time). One pair per union, not per module: a segment may itself be a
   * union (a published index of several shards), whose look-up would otherwise empty its parent's.
   */
  const gathered: number[] = [];
  const weights: number[] = [];
  /** The segment holding a union position, and the position inside it. */
  const locate = (position: number): [Segment, number] => {
    let at = position;
    for (const segment of segments) {
      const count = segment.index.storyCount;
      if (at < count) return [segment, at];
      at -= count;
    }
    throw new RangeError(`No story at position ${position} (the index holds ${position - at}).`);
  };
  // One gatherer per segment, made once: a page looks up hundreds of fingerprints in each.
  const offsets = segments.map(() => 0);
  const gatherers = segments.map((_, i) => (p: number, weight = 1) => {
    gathered.push(offsets[i]! + p);
    weights.push(weight);
  });
  return {
    segments,
    get storyCount() {
      let n = 0;
      for (const s of segments) n += s.index.storyCount;
      return n;
    },
    eachPosting(hash, max, visit) {
      if (segments.length === 1) return segments[0]!.index.eachPosting(hash, max, visit);
      // "Too common" is a count over every source: a fingerprint in 20 bundled and 20 learned stories
      // is in 40 stories, skipped at 32, as it would be if all 40 were in one file.
      gathered.length = 0;
      weights.length = 0;
      let offset = 0;
      for (let i = 0; i < segments.length; i++) {
        const { index } = segments[i]!;
        offsets[i] = offset;
        if (!index.eachPosting(hash, max, gatherers[i]!) || gathered.length > max) return false;
        offset += index.storyCount;
      }
      for (let i = 0; i < gathered.length; i++) visit(gathered[i]!, weights[i]);
      return true;
    },
    story(position): StoryEntry {
      const [segment, local] = locate(position);
      return segment.index.story(local);
    },
    sourceOf(position) {
      const [segment, local] = locate(position);
      return segment.source(local);
    },
  };
}
