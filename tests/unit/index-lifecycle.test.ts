import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeCompactIndex } from '../../lib/index-compact';
import { parseIndex } from '../../lib/index-schema';
import { indexLifecycle, type IndexSources } from '../../utils/index-lifecycle';

const BUNDLED = new Uint8Array(readFileSync('assets/index.json'));
/** The reader's import: the same stories in the compact build, so the two are told apart by their build. */
const IMPORTED = encodeCompactIndex(parseIndex(readFileSync('assets/index.json', 'utf8')).stories);
const STORY_ID = parseIndex(readFileSync('assets/index.json', 'utf8')).stories[0]!.id;

/** Stands in for IndexedDB and the packaged file, counting reads; `imported` is what the reader has stored now. */
function sources(imported: () => Promise<Uint8Array | null>) {
  const reads = { imported: 0, bundled: 0 };
  const stand: IndexSources = {
    imported: () => {
      reads.imported++;
      return imported();
    },
    bundled: async () => {
      reads.bundled++;
      return BUNDLED;
    },
  };
  return { stand, reads };
}

describe('the index in use', () => {
  it('is opened once for callers that ask at the same time', async () => {
    const { stand, reads } = sources(async () => null);
    const life = indexLifecycle(stand);
    const [a, b, c] = await Promise.all([life.current(), life.current(), life.current()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await life.current()).toBe(a);
    expect(reads).toEqual({ imported: 1, bundled: 1 });
    expect(a.status).toEqual({ source: 'bundled', info: expect.objectContaining({ build: 'full', stories: 1 }) });
  });

  it("is the reader's import when there is one, without reading the bundled file", async () => {
    const { stand, reads } = sources(async () => IMPORTED);
    const { status } = await indexLifecycle(stand).current();
    expect(status).toEqual({ source: 'imported', info: expect.objectContaining({ build: 'compact', stories: 1 }) });
    expect(reads.bundled).toBe(0);
  });

  it.each([
    [
      'an import that no longer opens',
      async () => new TextEncoder().encode('{"format": "wiretrace-index", "sch'),
      /not valid JSON/,
    ],
    [
      'an import that cannot be read',
      async (): Promise<Uint8Array> => {
        throw new Error('IndexedDB unavailable');
      },
      /^IndexedDB unavailable$/,
    ],
  ])('falls back to the bundled index after %s, saying why', async (_, imported, why) => {
    const { status } = await indexLifecycle(sources(imported).stand).current();
    expect(status.source).toBe('bundled');
    expect(status.info.build).toBe('full');
    expect(status.problem).toMatch(why);
  });

  it('is opened afresh on reload, leaving the positions and the search of the old one behind', async () => {
    let stored: Uint8Array | null = null;
    const { stand, reads } = sources(async () => stored);
    const life = indexLifecycle(stand);
    const before = await life.current();
    before.positions.set(STORY_ID, 0);
    const search = before.search();
    expect(before.search()).toBe(search);
    expect(search.search('Stoltenbreg').length).toBeGreaterThan(0);

    stored = IMPORTED;
    const after = await life.reload();
    expect(after).not.toBe(before);
    expect(await life.current()).toBe(after);
    expect(after.status.source).toBe('imported');
    expect(after.positions.get(STORY_ID)).toBeUndefined();
    expect(after.search()).not.toBe(search);
    expect(reads.imported).toBe(2);
    // A match still in flight on the old index remembers its position there, not in the new one.
    before.positions.set(STORY_ID, 7);
    expect(after.positions.get(STORY_ID)).toBeUndefined();
  });
});
