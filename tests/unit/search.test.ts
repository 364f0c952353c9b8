import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openIndexFile } from '../../lib/index-file';
import { buildSearch } from '../../lib/search';

const search = buildSearch(openIndexFile(readFileSync('assets/index.json')).index);

describe('popup search over stories and quotes (fuse.js)', () => {
  it.each([
    ['a misspelt speaker', 'Stoltenbreg', 'quote', 'Jens Stoltenberg'],
    ['words of a quote', 'search for vulnerabilities', 'quote', 'Alexander Grushko'],
    ['words of a headline', 'arms talks Russia', 'story', null],
    ['an earlier headline', 'No ultimatums', 'story', null],
  ])('finds the story by %s', (_case, query, kind, speaker) => {
    const [top] = search.search(query);
    expect(top?.storyId).toBe('reuters-2022-01-12-nato-russia-council');
    expect(top?.kind).toBe(kind);
    if (speaker) expect(top?.speaker).toBe(speaker);
  });

  it.each([['quantum chromodynamics'], ['x'], ['   ']])('finds nothing for %j', (query) => {
    expect(search.search(query)).toEqual([]);
  });
});
