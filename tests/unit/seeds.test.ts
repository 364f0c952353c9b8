import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../lib/article';
import { extractText } from '../../lib/extract';
import { extractFile } from '../../scripts/node-dom';
import { normalizeText } from '../../lib/text';
import { SEEDS, seedLabels, seedText } from './seed-data';

const comparable = (s: string) =>
  normalizeText(s.replace(/&#039;/g, "'"))
    .replace(/^[•*]\s+/, '')
    .trim();

/** Each seed rendered as an HTML page (tests/fixtures/pages, made by `npm run fixtures`). */
const SEED_PAGES: Record<string, string> = {
  'investing-uk': 'investing-article',
  tbsnews: 'tbs-article',
  gettotext: 'gettotext-article',
  voi: 'voi-article',
  cgtn: 'cgtn-article',
};

function checkAgainstLabels(seed: string, result: ExtractResult) {
  const labels = seedLabels(seed);
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  const body = result.article.blocks.map((b) => comparable(b.text));

  it('takes the title line as the title', () => {
    expect(comparable(result.article.title)).toBe(comparable(labels.find((l) => l.tag === 'T')!.text));
  });

  it('keeps every summary, subheading and body line, in order', () => {
    expect(body).toEqual(labels.filter((l) => 'SHB'.includes(l.tag)).map((l) => comparable(l.text)));
  });

  it('drops every boilerplate line', () => {
    const boilerplate = labels.filter((l) => l.tag === 'X').map((l) => comparable(l.text));
    expect(body.filter((b) => boilerplate.includes(b))).toEqual([]);
  });

  it('keeps metadata lines out of the body', () => {
    const meta = labels.filter((l) => l.tag === 'M').map((l) => comparable(l.text));
    expect(body.filter((b) => meta.includes(b))).toEqual([]);
  });
}

describe.each(SEEDS)('plain-text seed %s', (seed) => {
  checkAgainstLabels(seed, extractText(seedText(seed)));
});

describe.each(Object.entries(SEED_PAGES))('HTML page of seed %s', (seed, fixture) => {
  const file = join('tests/fixtures/pages', fixture, 'source.html');
  checkAgainstLabels(seed, extractFile(file, readFileSync(file, 'utf8')));
});
