import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCompactIndex } from '../../lib/index-compact';
import { IndexError, parseIndex } from '../../lib/index-schema';
import { buildIndexFiles } from '../../scripts/build-index';

const bundled = readFileSync('assets/index.json', 'utf8');

describe('bundled index (assets/index.json)', () => {
  it('is what `npm run build:index` makes from the corpus, byte for byte', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wiretrace-index-')), 'index.json');
    await buildIndexFiles('corpus', { full: out });
    expect(readFileSync(out, 'utf8')).toBe(bundled);
  });

  it('streams the same compact build, byte for byte, as the in-memory encoder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wiretrace-index-')), 'index.wtix');
    await buildIndexFiles('corpus', { compact: out });
    expect(new Uint8Array(readFileSync(out))).toEqual(encodeCompactIndex(parseIndex(bundled).stories));
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

describe('quotes of the seed story in the index', () => {
  it('are every direct quote of the wire text, each with its speaker and role (scare quotes of one or two words are not quotes)', () => {
    const [story] = parseIndex(bundled).stories;
    expect(story!.quotes.map((q) => [q.version, q.speaker, q.role, q.text])).toEqual([
      [
        'investing-uk',
        'Jens Stoltenberg',
        'NATO Secretary General',
        'There is a real risk for new armed conflict in Europe',
      ],
      [
        'investing-uk',
        'Jens Stoltenberg',
        'NATO Secretary General',
        'There are significant differences between NATO allies and Russia',
      ],
      ['investing-uk', 'Jens Stoltenberg', 'NATO Secretary General', 'Our differences will not be easy to bridge.'],
      [
        'investing-uk',
        'Alexander Grushko',
        'Russian Deputy Foreign Minister',
        'If there is a search for vulnerabilities in the Russian defence system, then there will also be a search for vulnerabilities in NATO',
      ],
      [
        'investing-uk',
        'Alexander Grushko',
        'Russian Deputy Foreign Minister',
        'This is not our choice, but there will be no other path if we fail to reverse the current very dangerous course of events.',
      ],
      ['investing-uk', 'Alexander Fomin', 'Russian Deputy Defence Minister', 'incidents and conflicts'],
      [
        'investing-uk',
        'Wendy Sherman',
        'U.S. Deputy Secretary of State',
        "Is this about invasion? Is this about intimidation? Is this about trying to be subversive? I don't know, but it is not conducive to getting to diplomatic solutions",
      ],
      [
        'investing-uk',
        'Jens Stoltenberg',
        'NATO Secretary General',
        'sat down around the same table and engaged on substantive topics',
      ],
      [
        'tbsnews',
        'Jens Stoltenberg',
        'NATO Secretary General',
        'Our differences will not be easy to bridge, but it is a positive sign that all NATO allies and Russia sat down around the same table and engaged on substantive topics.',
      ],
      [
        'tbsnews',
        'Wendy Sherman',
        'US Deputy Secretary of State',
        "What is this about? Is this about invasion? Is this about intimidation? Is this about trying to be subversive? I don't know, but it is not conducive to getting to diplomatic solutions",
      ],
    ]);
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
