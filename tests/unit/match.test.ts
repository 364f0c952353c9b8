import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { parseIndex } from '../../lib/index-schema';
import { loadIndex } from '../../lib/index-full';
import { matchArticle } from '../../lib/match';
import { compareQuote } from '../../lib/quote-check';
import type { Article } from '../../lib/article';
import { SEED_STORY, seedText, sharedData } from './seed-data';

const index = loadIndex(parseIndex(readFileSync('assets/index.json', 'utf8')));

function article(text: string): Article {
  const r = extractText(text);
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

describe('relation of each seed copy to the wire story', () => {
  it.each([
    ['investing-uk', 'verbatim'],
    ['tbsnews', 'verbatim'],
    ['gettotext', 'rewritten'],
    ['voi', 'rewritten'],
    ['cgtn', 'edited'],
  ])('%s is %s', (version, relation) => {
    const result = matchArticle(index, article(seedText(version)));
    expect(result.match?.story.id).toBe(SEED_STORY);
    expect(result.match?.relation).toBe(relation);
  });
});

describe('quote fidelity', () => {
  it.each([
    [
      'There is a real risk for new armed conflict in Europe',
      'There is a real risk for new armed conflict in Europe',
      'exact',
    ],
    ['risk of a new armed conflict in Europe', 'There is a real risk for new armed conflict in Europe', 'minor'],
    [
      'If there is a search for vulnerabilities in the Russian defense system',
      'If there is a search for vulnerabilities in the Russian defence system',
      'minor',
    ],
    [
      'Russia has not indicated that it will work on a desiccation',
      'Russia had not given any commitment to de-escalate',
      'altered',
    ],
  ])('"%s" against "%s" is %s', (page, original, fidelity) => {
    expect(compareQuote(page, original).fidelity).toBe(fidelity);
  });

  it('flags the Grouchko quote of the round trip as the same speaker, not a different one', () => {
    const result = matchArticle(index, article(seedText('gettotext')));
    expect(result.quotes.filter((q) => q.speakerDiffers)).toEqual([]);
    const altered = result.quotes.find((q) => q.text.startsWith('If flaws in the Russian defense system'));
    expect(altered?.fidelity).toBe('altered');
  });
});

const { dir: PAGES_DEV, present: haveDev } = sharedData('pages-dev', 'the pages-dev negatives', 'labels.jsonl');

describe.skipIf(!haveDev)('real pages around the event (../shared/pages-dev) are never called copies', () => {
  const labels = haveDev
    ? readFileSync(join(PAGES_DEV, 'labels.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; label: string })
    : [];
  it.each(labels.map((l) => [l.file, l.label] as const))('%s (%s)', (file, label) => {
    const result = matchArticle(index, article(readFileSync(join(PAGES_DEV, file), 'utf8')));
    const relation = result.match?.relation ?? null;
    expect(label === 'same-event' ? [null, 'same-event'] : [null]).toContain(relation);
  });
});

describe('an unrelated text', () => {
  it('has no match', () => {
    const text =
      'Oil prices climbed on Tuesday as traders weighed supply cuts against weak demand in Asia and Europe, with benchmark crude up two percent.';
    expect(matchArticle(index, article(text)).match).toBeNull();
  });
});
