import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { encodeCompactIndex } from '../../lib/index-compact';
import { parseIndex } from '../../lib/index-schema';
import { matchArticle } from '../../lib/match';
import { indexLifecycle, type IndexSources } from '../../utils/index-lifecycle';
import { openLearnedStore } from '../../utils/learned-store';
import type { StoredImport } from '../../utils/story-db';
import { FERRY, FERRY_REWORDED, storyText } from '../fixtures/learning/stories';
import { apPage, FERRY_URL } from './learned-data';
import { memoryRecords } from './learned-store-data';
import { seedText } from './seed-data';

const BUNDLED = new Uint8Array(readFileSync('assets/index.json'));
/** A reader's import: the same stories in the compact build. */
const COMPACT = encodeCompactIndex(parseIndex(readFileSync('assets/index.json', 'utf8')).stories);
const STORY_ID = parseIndex(readFileSync('assets/index.json', 'utf8')).stories[0]!.id;
const imported = (name: string, bytes: Uint8Array): StoredImport => ({ id: `id-${name}`, name, addedAt: 0, bytes });

function article(text: string) {
  const r = extractText(text);
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

/** Stands in for IndexedDB and the packaged file, counting reads; `imports` is what the reader has stored now. */
function sources(imports: () => Promise<StoredImport[]>) {
  const reads = { imports: 0, bundled: 0, learned: 0 };
  const disk = memoryRecords();
  const stand: IndexSources = {
    imports: () => {
      reads.imports++;
      return imports();
    },
    bundled: async () => {
      reads.bundled++;
      return BUNDLED;
    },
    learned: () => {
      reads.learned++;
      return openLearnedStore(disk.store, (task) => task());
    },
  };
  return { stand, reads };
}

describe('the stories in use', () => {
  it('are opened once for callers that ask at the same time', async () => {
    const { stand, reads } = sources(async () => []);
    const life = indexLifecycle(stand);
    const [a, b, c] = await Promise.all([life.current(), life.current(), life.current()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await life.current()).toBe(a);
    expect(reads).toEqual({ imports: 1, bundled: 1, learned: 1 });
    expect(a.status().stories).toBe(1);
    expect(a.status().sources.map((s) => [s.kind, s.stories])).toEqual([
      ['bundled', 1],
      ['learned', 0],
      ['added', 0],
    ]);
  });

  it('hold the bundled index and every import at once, each named', async () => {
    const { stand } = sources(async () => [imported('class-week-3.wtix', COMPACT), imported('mine.json', BUNDLED)]);
    const inUse = await indexLifecycle(stand).current();
    expect(inUse.status().stories).toBe(3);
    expect(
      inUse
        .status()
        .sources.filter((s) => s.kind === 'imported')
        .map((s) => [s.name, s.info?.build]),
    ).toEqual([
      ['class-week-3.wtix', 'compact'],
      ['mine.json', 'full'],
    ]);
    // The same story in three sources: matched in the first, the bundled index.
    const match = matchArticle(inUse.index, article(seedText('investing-uk'))).match!;
    expect(inUse.index.sourceOf(match.position)).toEqual({ kind: 'bundled' });
    expect(inUse.index.sourceOf(1)).toEqual({ kind: 'imported', name: 'class-week-3.wtix' });
  });

  it.each([
    [
      'an import that no longer opens',
      async () => [imported('cut.json', new TextEncoder().encode('{"format": "wire'))],
      /cut\.json/,
      /not valid JSON/,
    ],
  ])('leaves out %s, saying why, and keeps the others', async (_, imports, name, why) => {
    const { stand } = sources(async () => [imported('good.wtix', COMPACT), ...(await imports())]);
    const status = (await indexLifecycle(stand).current()).status();
    const bad = status.sources.find((s) => name.test(s.name))!;
    expect(bad.problem).toMatch(why);
    expect(bad.stories).toBe(0);
    expect(status.stories).toBe(2);
  });

  it('use the bundled index and learned stories when the imports cannot be read at all', async () => {
    const { stand } = sources(async () => {
      throw new Error('IndexedDB unavailable');
    });
    const status = (await indexLifecycle(stand).current()).status();
    expect(status.problem).toMatch(/IndexedDB unavailable/);
    expect(status.stories).toBe(1);
  });

  it('take a learned story at once, without opening anything again, and say where it came from', async () => {
    const { stand, reads } = sources(async () => [imported('class.wtix', COMPACT)]);
    const life = indexLifecycle(stand);
    const inUse = await life.current();
    const search = inUse.search();
    await inUse.learned.learn(apPage(FERRY, FERRY_URL), 5_000, Date.parse('2024-11-03T20:00:00Z'));
    expect(await life.current()).toBe(inUse);
    expect(reads).toEqual({ imports: 1, bundled: 1, learned: 1 });
    const match = matchArticle(inUse.index, article(storyText(FERRY, FERRY_REWORDED))).match!;
    expect(inUse.index.sourceOf(match.position)).toEqual({ kind: 'learned', site: 'apnews.com', date: '2024-11-03' });
    expect(inUse.positionOf(match.story.id)).toBe(match.position);
    // The popup's search sees it too (built again: the learned stories changed).
    expect(inUse.search()).not.toBe(search);
    expect(inUse.search().search('Okafor')[0]?.storyId).toBe(match.story.id);
  });

  it('open the imports afresh on reload, keeping the bundled and learned stories, leaving positions and search behind', async () => {
    let stored: StoredImport[] = [];
    const { stand, reads } = sources(async () => stored);
    const life = indexLifecycle(stand);
    const before = await life.current();
    before.positions.set(STORY_ID, 0);
    const search = before.search();
    expect(search.search('Stoltenbreg').length).toBeGreaterThan(0);

    stored = [imported('class.wtix', COMPACT)];
    const after = await life.reload();
    expect(after).not.toBe(before);
    expect(await life.current()).toBe(after);
    expect(after.learned).toBe(before.learned);
    expect(after.status().stories).toBe(2);
    expect(after.positions.get(STORY_ID)).toBeUndefined();
    expect(after.search()).not.toBe(search);
    expect(reads).toEqual({ imports: 2, bundled: 1, learned: 1 });
    // A match still in flight on the old index remembers its position there, not in the new one.
    before.positions.set(STORY_ID, 7);
    expect(after.positions.get(STORY_ID)).toBeUndefined();
  });
});
