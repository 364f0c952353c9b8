import { describe, expect, it } from 'vitest';
import { readLexicons } from '../../scripts/lexicon-files';
import { evaluateStories, outcomeTable, type PageOutcome } from '../../scripts/story-eval';
import { sharedData } from './seed-data';

/**
 * Matching on stories it was never tuned on: the seed story and the four wire
 * stories of ../shared/stories-dev in one index, each of their 48 labelled
 * real pages matched. The floors are the issue's: no false copy claim, nine
 * in ten English copies found, half the English reports of the same event
 * told as such, related stories left alone. `npm run eval:stories -- --pages`
 * prints the table and every page's answer.
 */
const { dir, present } = sharedData('stories-dev', 'the stories-dev floors', 'labels.jsonl');
// The word lists stand for those a reader adds (Spanish and Portuguese pages here); without them
// only the English floors apply.
const lists = sharedData('lexicons', 'the stories-dev floors for pages in other languages', 'es-en.tsv');

describe.skipIf(!present)('four other wire stories and 48 real pages (../shared/stories-dev)', () => {
  const outcomes: PageOutcome[] = present
    ? evaluateStories(dir, 'corpus', lists.present ? readLexicons(lists.dir) : new Map())
    : [];
  const share = (list: PageOutcome[]) => list.filter((o) => o.right).length / Math.max(1, list.length);
  const english = (label: string) => outcomes.filter((o) => o.label.label === label && o.label.language === 'en');

  it('calls no page a copy that is not one, nor a copy of the wrong story', () => {
    console.log(outcomeTable(outcomes));
    expect(outcomes.filter((o) => o.falseCopy).map((o) => o.label.file)).toEqual([]);
  });

  it('finds at least nine in ten English copies, each with a copy relation to its story', () => {
    expect(share(english('copy'))).toBeGreaterThanOrEqual(0.9);
  });

  it('tells at least half the English reports of the same event as same-event', () => {
    expect(share(english('same-event'))).toBeGreaterThanOrEqual(0.5);
  });

  it.skipIf(!lists.present)('with word lists, tells half of all reports of the same event, in any language', () => {
    expect(share(outcomes.filter((o) => o.label.label === 'same-event'))).toBeGreaterThanOrEqual(0.5);
  });

  it('gives related stories (the same people another day) nothing', () => {
    const related = outcomes.filter((o) => o.label.label === 'related-negative');
    expect(related.filter((o) => !o.right).map((o) => `${o.label.file}: ${o.relation}`)).toEqual([]);
  });
});
