import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article';
import { extractText } from '../../lib/extract';
import { encodeCompactIndex, openCompactIndex } from '../../lib/index-compact';
import { loadIndex } from '../../lib/index-full';
import { INDEX_FORMAT, INDEX_SCHEMA_VERSION, parseIndex, type Story } from '../../lib/index-schema';
import { entryOf, learnPage, type LearnedRecord } from '../../lib/learned';
import { LearnedIndex, readStory } from '../../lib/learned-index';
import { matchArticle } from '../../lib/match';
import type { MatchIndex } from '../../lib/match-index';
import { BUNDLED } from '../../lib/story-source';
import { unionIndex } from '../../lib/union-index';
import { BUS_LANES, FERRY, FERRY_REWORDED, FERRY_UPDATE, storyText } from '../fixtures/learning/stories';
import { apPage, BUS_URL, FERRY_URL } from './learned-data';
import { SEEDS, seedText } from './seed-data';

const NOW = Date.parse('2024-11-03T20:00:00Z');
const bundledStories = parseIndex(readFileSync('assets/index.json', 'utf8')).stories;

function learned(): LearnedRecord[] {
  const records = new Map<string, LearnedRecord>();
  for (const page of [apPage(FERRY, FERRY_URL), apPage(FERRY_UPDATE, FERRY_URL), apPage(BUS_LANES, BUS_URL)]) {
    const { record } = learnPage(records.values(), page, NOW);
    records.set(record.id, record);
  }
  return [...records.values()];
}

function article(text: string): Article {
  const r = extractText(text);
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

/** A page of each kind: the seed copies, the learned stories whole, cut and reworded, and pages of neither. */
const PAGES: Array<[string, Article]> = [
  ...SEEDS.map((seed): [string, Article] => [`seed ${seed}`, article(seedText(seed))]),
  ['ferry, whole', article(storyText(FERRY))],
  [
    'ferry update, cut to its first four paragraphs',
    article(storyText(FERRY_UPDATE, FERRY_UPDATE.paragraphs.slice(0, 4))),
  ],
  ['ferry, reworded', article(storyText(FERRY, FERRY_REWORDED))],
  ['bus lanes', article(storyText(BUS_LANES))],
  ['half of each', article(storyText(FERRY, [...FERRY.paragraphs.slice(0, 2), ...BUS_LANES.paragraphs.slice(3)]))],
];

const answer = (index: MatchIndex, page: Article) => {
  const { match, quotes } = matchArticle(index, page);
  // The evidence too: the learned segment's sentence texts are the full build's.
  return {
    story: match?.story.id ?? null,
    relation: match?.relation ?? null,
    score: match?.score ?? null,
    passages: match?.evidence.passages ?? [],
    quotes,
  };
};

describe('one index over the bundled, imported and learned stories', () => {
  const records = learned();
  const oneFile = loadIndex({
    format: INDEX_FORMAT,
    schemaVersion: INDEX_SCHEMA_VERSION,
    stories: [...bundledStories, ...records.map((r) => r.story)],
  });
  const union = unionIndex([
    {
      index: loadIndex({ format: INDEX_FORMAT, schemaVersion: INDEX_SCHEMA_VERSION, stories: bundledStories }),
      source: () => BUNDLED,
    },
    { index: openCompactIndex(encodeCompactIndex([])), source: () => ({ kind: 'imported', name: 'empty.wtix' }) },
    { index: new LearnedIndex(records.map(entryOf)), source: (p) => entryOf(records[p]!).source },
  ]);

  it.each(PAGES)('answers %s as one file holding every story does', (_, page) => {
    expect(answer(union, page)).toEqual(answer(oneFile, page));
  });

  it('stores with each learned story the prints its text gives', () => {
    for (const r of records) expect(r.prints).toEqual(readStory(r.story).prints);
    for (const r of records) expect(r.fingerprints).toEqual(readStory(r.story).fingerprints);
  });

  it('finds the learned stories, and says where each came from', () => {
    const ferry = matchArticle(union, PAGES.find(([name]) => name === 'ferry, reworded')![1]).match!;
    expect(ferry.story.headlines).toEqual([FERRY.headline, FERRY_UPDATE.headline]);
    expect(ferry.relation).toBe('rewritten');
    expect(union.sourceOf(ferry.position)).toEqual({ kind: 'learned', site: 'apnews.com', date: '2024-11-03' });
    const seed = matchArticle(union, PAGES[0]![1]).match!;
    expect(union.sourceOf(seed.position)).toEqual(BUNDLED);
  });

  it('counts a fingerprint in many stories over all sources, as one file would (too common to count)', () => {
    // 20 stories hold fingerprint 7 in each of two segments: 40 in all, over a limit of 32.
    const segment = (n: number): MatchIndex => ({
      storyCount: n,
      eachPosting: (hash, max, visit) => {
        if (hash !== 7) return true;
        if (n > max) return false;
        for (let i = 0; i < n; i++) visit(i);
        return true;
      },
      story: () => {
        throw new Error('not read');
      },
    });
    const two = unionIndex([
      { index: segment(20), source: () => BUNDLED },
      { index: segment(20), source: () => BUNDLED },
    ]);
    const seen: number[] = [];
    expect(two.eachPosting(7, 32, (p) => seen.push(p))).toBe(false);
    expect(seen).toEqual([]);
    expect(two.eachPosting(7, 40, (p) => seen.push(p))).toBe(true);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('the learned stories’ index', () => {
  const records = learned();
  const ferry = records[0]!;
  const bus = records[1]!;
  const ferryPage = PAGES.find(([name]) => name === 'ferry, reworded')![1];
  const busPage = PAGES.find(([name]) => name === 'bus lanes')![1];

  it('gives the same answers whether stories came one at a time, merged or not, or all at once', () => {
    const atOnce = new LearnedIndex(records.map(entryOf));
    const oneByOne = new LearnedIndex();
    for (const r of records) oneByOne.put(entryOf(r));
    const merged = new LearnedIndex();
    for (const r of records) merged.put(entryOf(r));
    merged.merge();
    for (const [, page] of PAGES) {
      expect(answer(oneByOne, page)).toEqual(answer(atOnce, page));
      expect(answer(merged, page)).toEqual(answer(atOnce, page));
    }
  });

  it('takes a new write-through of a story in place, reading only what it adds', () => {
    const index = new LearnedIndex();
    const first = learnPage([], apPage(FERRY, FERRY_URL), NOW).record;
    index.put(entryOf(first));
    const update = learnPage([first], apPage(FERRY_UPDATE, FERRY_URL), NOW).record;
    const position = index.put(entryOf(update));
    expect(position).toBe(0);
    expect(index.storyCount).toBe(1);
    expect(index.story(0).versions).toHaveLength(2);
    expect(matchArticle(index, article(storyText(FERRY_UPDATE))).match?.relation).toBe('verbatim');
  });

  it('forgets removed stories and keeps finding the others', () => {
    const index = new LearnedIndex(records.map(entryOf));
    const before = index.version;
    index.remove([ferry.id]);
    expect(index.version).toBeGreaterThan(before);
    expect(index.storyCount).toBe(1);
    expect(matchArticle(index, ferryPage).match).toBeNull();
    expect(matchArticle(index, busPage).match?.story.id).toBe(bus.id);
    expect(index.positionOf(bus.id)).toBe(0);
    expect(index.positionOf(ferry.id)).toBeUndefined();
  });

  it('says when enough stories wait outside the sorted postings that a merge is due', () => {
    const index = new LearnedIndex();
    const story = (i: number): Story => ({ ...bus.story, id: `s${i}` });
    const { prints } = readStory(bus.story);
    for (let i = 0; i < 255; i++)
      index.put({ story: story(i), fingerprints: Uint32Array.of(i + 1), prints, source: BUNDLED });
    expect(index.needsMerge).toBe(false);
    index.put({ story: story(255), fingerprints: Uint32Array.of(999), prints, source: BUNDLED });
    expect(index.needsMerge).toBe(true);
    index.merge();
    expect(index.needsMerge).toBe(false);
    const seen: number[] = [];
    index.eachPosting(999, 32, (p) => seen.push(p));
    expect(seen).toEqual([255]);
  });
});
