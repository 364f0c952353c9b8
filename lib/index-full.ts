/**
 * The full build opened for matching: an index held as JSON with its wire
 * texts (the bundled index, a reader's import). Each text is read here once,
 * for its sentence prints and fingerprints; the compact build
 * (index-compact.ts) stores those prints instead of the texts.
 */
import { readText } from './fingerprint';
import type { WireIndex } from './index-schema';
import type { MatchIndex, WireVersionIndex } from './match-index';

export function loadIndex(index: WireIndex): MatchIndex {
  const postings = new Map<number, number[]>();
  const entries = index.stories.map((story, position) => {
    const reads = story.wire.map((w) => ({ version: w.version, read: readText(w.paragraphs) }));
    for (const h of new Set(reads.flatMap((r) => r.read.fingerprints))) {
      const list = postings.get(h);
      if (list) list.push(position);
      else postings.set(h, [position]);
    }
    const versions: WireVersionIndex[] = reads.map(({ version, read }) => ({
      version,
      sentences: read.sentences.map(({ text, print }) => ({ text, ...print })),
    }));
    return { story, versions };
  });
  return {
    storyCount: entries.length,
    eachPosting: (hash, max, visit) => {
      const list = postings.get(hash);
      if (!list) return true;
      if (list.length > max) return false;
      for (const story of list) visit(story);
      return true;
    },
    story: (position) => entries[position]!,
  };
}
