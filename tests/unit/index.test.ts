import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexError, parseIndex } from '../../lib/index-schema';
import { buildIndexFiles } from '../../scripts/build-index';

const bundled = readFileSync('assets/index.json', 'utf8');

describe('bundled index (assets/index.json)', () => {
  it('is what `npm run build:index` makes from the corpus, byte for byte', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wiretrace-index-')), 'index.json');
    await buildIndexFiles('corpus', { full: out });
    expect(readFileSync(out, 'utf8')).toBe(bundled);
  });

  it('holds the seed story with its write-throughs, siblings and quotes', () => {
    const [story] = parseIndex(bundled).stories;
    expect(story!.wire.map((w) => w.version)).toEqual(['investing-uk', 'tbsnews']);
    expect(story!.versions.map((v) => v.outlet)).toHaveLength(5);
    expect(story!.url).toBeNull();
    const stoltenberg = story!.quotes.find((q) => q.text === 'There is a real risk for new armed conflict in Europe');
    expect(stoltenberg?.speaker).toBe('Jens Stoltenberg');
  });
});

describe('index validation', () => {
  const good = JSON.parse(bundled) as Record<string, unknown>;
  it.each([
    ['{not json', /not valid JSON/],
    ['[]', /JSON object/],
    [JSON.stringify({ ...good, format: 'other' }), /Not a Wiretrace index/],
    [JSON.stringify({ ...good, schemaVersion: 99 }), /version 99 is not supported/],
    [JSON.stringify({ ...good, stories: [{ id: 7 }] }), /"stories\[0\]\.id" must be a string/],
  ])('refuses %s with a message naming the problem', (text, message) => {
    expect(() => parseIndex(text)).toThrow(IndexError);
    expect(() => parseIndex(text)).toThrow(message);
  });
});
