import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeCompactIndex } from '../../lib/index-compact';
import { openIndexFile } from '../../lib/index-file';
import { IndexError, parseIndex } from '../../lib/index-schema';
import { matchArticle } from '../../lib/match';
import { findStory } from '../../lib/match-index';
import { extractFile } from '../../scripts/node-dom';
import { SEEDS, seedPath, seedText } from './seed-data';

const fullBytes = readFileSync('assets/index.json');
const full = openIndexFile(fullBytes);
const compactBytes = encodeCompactIndex(parseIndex(fullBytes.toString('utf8')).stories);
const compact = openIndexFile(compactBytes);

function articleOf(seed: string) {
  const result = extractFile(seedPath(seed), seedText(seed));
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

describe('compact index build (fingerprints, quotes and metadata; no wire texts)', () => {
  it('carries no wire paragraph (only the quotes and the sentence around each)', () => {
    const text = new TextDecoder().decode(compactBytes);
    expect(text).not.toContain('The gulf between Russia');
  });

  it.each(SEEDS)('gives %s the same relation, score and quotes as the full build', (seed) => {
    const article = articleOf(seed);
    const a = matchArticle(full.index, article);
    const b = matchArticle(compact.index, article);
    expect(b.match?.relation).toBe(a.match?.relation);
    expect(b.match?.score).toBe(a.match?.score);
    expect(b.quotes).toEqual(a.quotes);
    expect(b.match?.evidence.passages.map((p) => p.page)).toEqual(a.match?.evidence.passages.map((p) => p.page));
  });

  it('says which build and how many stories it holds', () => {
    expect(compact.info).toEqual({
      build: 'compact',
      stories: 1,
      bytes: compactBytes.length,
      newestStory: '2022-01-12',
    });
    expect(full.info).toMatchObject({ build: 'full', stories: 1, newestStory: '2022-01-12' });
  });
});

describe('the compare page finds a story by id', () => {
  const seed = parseIndex(fullBytes.toString('utf8')).stories[0]!;
  const { index } = openIndexFile(
    encodeCompactIndex([seed, { ...seed, id: 'second-story' }, { ...seed, id: 'third-story' }]),
  );

  it.each([
    ['at the position its match reported', 'third-story', 2],
    ['by a scan when the position is stale (another index since)', 'third-story', 0],
    ['by a scan when the position is out of range', 'second-story', 99],
    ['by a scan with no position', 'second-story', undefined],
  ])('%s', (_case, id, hint) => {
    expect(findStory(index, id, hint)?.id).toBe(id);
  });

  it('gives null for an id the index does not hold', () => {
    expect(findStory(index, 'no-such-story', 1)).toBeNull();
  });

  it('reports the position a match found, which finds the same story again', () => {
    const match = matchArticle(index, articleOf('investing-uk')).match!;
    expect(findStory(index, match.story.id, match.position)).toEqual(match.story);
  });
});

describe('a corrupt or foreign index file is refused with a message naming the problem', () => {
  const withWord = (offset: number, value: number) => {
    const copy = compactBytes.slice();
    new DataView(copy.buffer).setUint32(offset, value, true);
    return copy;
  };
  const header = JSON.parse(
    new TextDecoder().decode(compactBytes.subarray(12, 12 + new DataView(compactBytes.buffer).getUint32(8, true))),
  ) as {
    sections: Record<string, [number, number]>;
  };
  const [metaAt] = header.sections.meta!;

  it.each([
    ['an empty file', new Uint8Array(), /empty/],
    [
      'a PNG image',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      /neither a compact index nor UTF-8 JSON|not valid JSON/,
    ],
    ['a compact index cut in half', compactBytes.subarray(0, compactBytes.length >> 1), /runs past the end|truncated/],
    ['a compact index of a future schema version', withWord(4, 3), /schema version 3 is not supported/],
    [
      'a compact index of the first schema version (32-bit prints)',
      withWord(4, 1),
      /version 1 is no longer read: rebuild it/,
    ],
    ['a compact index whose header length is garbage', withWord(8, 0xffff), /header/],
    [
      'a JSON index of a future schema version',
      new TextEncoder().encode(JSON.stringify({ ...JSON.parse(fullBytes.toString('utf8')), schemaVersion: 2 })),
      /version 2 is not supported/,
    ],
  ])('%s', (_case, bytes, message) => {
    expect(() => openIndexFile(bytes)).toThrow(IndexError);
    expect(() => openIndexFile(bytes)).toThrow(message);
  });

  it('a story whose metadata is damaged is refused when it is read, naming the story', () => {
    const copy = compactBytes.slice();
    copy[metaAt] = '['.charCodeAt(0); // the story's JSON object now opens as an array
    const opened = openIndexFile(copy);
    expect(() => opened.index.story(0)).toThrow(/stories\[0\]/);
  });

  it('random damage anywhere never escapes as anything but an IndexError', { timeout: 60_000 }, () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const article = articleOf('investing-uk');
    for (let trial = 0; trial < 200; trial++) {
      const copy = compactBytes.slice();
      for (let k = 0; k < 1 + Math.floor(random() * 8); k++)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        matchArticle(openIndexFile(copy).index, article);
      } catch (error) {
        expect(error).toBeInstanceOf(IndexError);
      }
    }
  });
});
