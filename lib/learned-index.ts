/**
 * The stories learned from reading (and added by hand), as a MatchIndex that
 * takes a story at a time. Built from full stories like the full build
 * (index-full.ts), but never re-read as a whole when one story comes:
 *
 * - postings are a sorted array (built once when the background opens the
 *   store: 5,000 stories in about 0.2 s) plus a small map of the postings added
 *   since. A new story, or a new write-through of one, adds its fingerprints
 *   to the map; once the map holds TAIL_STORIES stories the owner merges it
 *   into the sorted array, off the learning path (`needsMerge`, `merge`).
 * - sentence prints come with each story (computed once, when it was
 *   learned, and stored with it) and are decoded, without a copy, when a
 *   page's fingerprints first point to it, as the compact build decodes its
 *   stories; reading them from the text again cost 1–3 ms per candidate.
 *
 * Removing stories (the reader deletes one, forgets all, or the cap evicts a
 * batch) re-packs positions and merges at once: rare, and a reader's action.
 */
import { BoundedCache } from './bounded-cache';
import { readText, sortedDistinct } from './fingerprint';
import { IndexError, type Story } from './index-schema';
import type { MatchIndex, StoryEntry, WireVersionIndex } from './match-index';
import { decodePrints, storyPrints, versionPrints } from './story-prints';
import type { StorySource } from './story-source';
import { sentences } from './text';

/** Stories whose postings may wait in the map before a merge is due. */
const TAIL_STORIES = 256;
/** Stories whose sentence prints are kept decoded. */
const DECODED_STORY_CACHE = 256;
/** Positions fit in the low bits of a packed (fingerprint, position) pair: 2^21 stories. */
const POSITION_BITS = 21;
const MAX_STORIES = 2 ** POSITION_BITS;

export interface LearnedEntry {
  story: Story;
  /** Distinct fingerprints of all its write-throughs, sorted. */
  fingerprints: Uint32Array;
  /** Its write-throughs' sentence prints (lib/story-prints.ts). */
  prints: Uint32Array;
  source: StorySource;
}

/** What matching needs of a story, read from its text: fingerprints and sentence prints. */
export function readStory(story: Story): Pick<LearnedEntry, 'fingerprints' | 'prints'> {
  const reads = story.wire.map((w) => readText(w.paragraphs));
  return {
    fingerprints: Uint32Array.from(sortedDistinct(reads.flatMap((r) => r.fingerprints))),
    prints: storyPrints(reads.map((r) => versionPrints(r.sentences.map((s) => s.print)))),
  };
}

/**
 * A write-through's sentences with their text: the prints hold each sentence's paragraph, and the
 * paragraph's sentences come from the same split that made the prints (lib/fingerprint readParagraph).
 * Evidence only: should the split ever differ, the texts are left out, not misplaced.
 */
function withTexts(version: WireVersionIndex, paragraphs: readonly string[]): WireVersionIndex {
  const split = paragraphs.map((p) => sentences(p));
  const seen = new Array<number>(paragraphs.length).fill(0);
  const texts = version.sentences.map((s) => split[s.paragraph]?.[seen[s.paragraph]!++] ?? null);
  const fits = texts.every((t) => t !== null) && split.every((list, p) => list.length === seen[p]);
  return fits ? { ...version, sentences: version.sentences.map((s, i) => ({ ...s, text: texts[i]! })) } : version;
}

/** Values of sorted `next` not in sorted `previous`: what a new write-through adds. */
function added(next: Uint32Array, previous: Uint32Array): number[] {
  const out: number[] = [];
  let j = 0;
  for (const h of next) {
    while (j < previous.length && previous[j]! < h) j++;
    if (previous[j] !== h) out.push(h);
  }
  return out;
}

function lowerBound(values: Uint32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LearnedIndex implements MatchIndex {
  private entries: LearnedEntry[] = [];
  private readonly positions = new Map<string, number>();
  private baseHashes = new Uint32Array(0);
  private baseStories = new Uint32Array(0);
  private tail = new Map<number, number[]>();
  private tailStories = 0;
  private readonly decoded = new BoundedCache<LearnedEntry, WireVersionIndex[]>(DECODED_STORY_CACHE);
  /** Goes up with every change: what was built from the stories (the popup's search) is stale. */
  version = 0;

  constructor(entries: Iterable<LearnedEntry> = []) {
    for (const entry of entries) {
      if (this.positions.has(entry.story.id)) continue;
      this.positions.set(entry.story.id, this.entries.length);
      this.entries.push(entry);
    }
    if (this.entries.length > MAX_STORIES)
      throw new RangeError(`The learned index holds at most ${MAX_STORIES} stories.`);
    this.merge();
  }

  get storyCount(): number {
    return this.entries.length;
  }

  eachPosting(hash: number, max: number, visit: (story: number) => void): boolean {
    const from = lowerBound(this.baseHashes, hash);
    let to = from;
    while (to < this.baseHashes.length && this.baseHashes[to] === hash) to++;
    const recent = this.tail.get(hash);
    if (to - from + (recent?.length ?? 0) > max) return false;
    for (let i = from; i < to; i++) visit(this.baseStories[i]!);
    if (recent) for (const p of recent) visit(p);
    return true;
  }

  story(position: number): StoryEntry {
    const entry = this.entries[position];
    if (!entry) throw new RangeError(`No learned story at position ${position}.`);
    const versions = this.decoded.getOrCompute(entry, ({ story, prints }) =>
      decodePrints(prints, 0, prints.length, story.wire, (problem) => {
        throw new IndexError(
          `Learned story "${story.id}": its prints ${problem === 'truncated' ? 'are truncated' : 'do not match its texts'}.`,
        );
      }).map((version, i) => withTexts(version, story.wire[i]!.paragraphs)),
    );
    return { story: entry.story, versions };
  }

  sourceOf(position: number): StorySource {
    return this.entries[position]!.source;
  }

  positionOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  entry(id: string): LearnedEntry | undefined {
    const position = this.positions.get(id);
    return position === undefined ? undefined : this.entries[position];
  }

  /**
   * Adds a story, or puts a new state of one already here (same id: a new write-through, a version
   * met elsewhere). Only fingerprints it did not have go into the postings; one it lost stays until
   * the next merge, which at worst makes it a candidate that its text then turns down.
   */
  put(entry: LearnedEntry): number {
    const position = this.place(entry);
    this.version++;
    return position;
  }

  /** Whether enough postings wait in the map that a merge is due (the owner runs it when idle). */
  get needsMerge(): boolean {
    return this.tailStories >= TAIL_STORIES;
  }

  /** Removes stories by id; positions are packed again and the postings rebuilt. */
  remove(ids: Iterable<string>): void {
    const gone = new Set(ids);
    if (![...gone].some((id) => this.positions.has(id))) return;
    this.entries = this.entries.filter((e) => !gone.has(e.story.id));
    this.positions.clear();
    this.entries.forEach((e, i) => this.positions.set(e.story.id, i));
    this.merge();
    this.version++;
  }

  /** Rebuilds the sorted postings from every story and empties the map. */
  merge(): void {
    let total = 0;
    for (const e of this.entries) total += e.fingerprints.length;
    // (fingerprint, position) packed in one float, exactly (32 + 21 bits < 53): one native sort.
    const packed = new Float64Array(total);
    let at = 0;
    this.entries.forEach((e, position) => {
      for (const h of e.fingerprints) packed[at++] = h * MAX_STORIES + position;
    });
    packed.sort();
    this.baseHashes = new Uint32Array(total);
    this.baseStories = new Uint32Array(total);
    for (let i = 0; i < total; i++) {
      const hash = Math.floor(packed[i]! / MAX_STORIES);
      this.baseHashes[i] = hash;
      this.baseStories[i] = packed[i]! - hash * MAX_STORIES;
    }
    this.tail = new Map();
    this.tailStories = 0;
  }

  private place(entry: LearnedEntry): number {
    const known = this.positions.get(entry.story.id);
    const position = known ?? this.entries.length;
    if (position >= MAX_STORIES) throw new RangeError(`The learned index holds at most ${MAX_STORIES} stories.`);
    const fresh =
      known === undefined
        ? Array.from(entry.fingerprints)
        : added(entry.fingerprints, this.entries[known]!.fingerprints);
    this.entries[position] = entry;
    this.positions.set(entry.story.id, position);
    for (const h of fresh) {
      const list = this.tail.get(h);
      if (list) list.push(position);
      else this.tail.set(h, [position]);
    }
    if (fresh.length > 0) this.tailStories++;
    return position;
  }
}
