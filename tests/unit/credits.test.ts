import { describe, expect, it } from 'vitest';
import type { Block, MetaLine } from '../../lib/article';
import { AGENCIES, findCredits } from '../../lib/credits';
import creditPhrases from '../../lib/rules/credit-phrases.json';
import { creditSentence } from '../../lib/labels';

const p = (text: string): Block => ({ kind: 'paragraph', text });
const FILLER = [p('The talks lasted four hours.'), p('Both sides agreed to meet again.'), p('No date was set.')];

describe('credits: where a page credits a wire agency', () => {
  it.each([
    [
      'dateline',
      { byline: null, blocks: [p('BRUSSELS (Reuters) - NATO said on Wednesday...'), ...FILLER], meta: [] },
      'Reuters',
      'BRUSSELS (Reuters)',
    ],
    [
      'dateline',
      { byline: null, blocks: [p('BRUSSELS, Jan. 12 (Reuters) - NATO said...'), ...FILLER], meta: [] },
      'Reuters',
      'BRUSSELS, Jan. 12 (Reuters)',
    ],
    [
      'dateline',
      { byline: null, blocks: [p('WASHINGTON (AP) - The Senate voted...'), ...FILLER], meta: [] },
      'Associated Press',
      'WASHINGTON (AP)',
    ],
    ['byline', { byline: 'Reuters', blocks: FILLER, meta: [] }, 'Reuters', 'Reuters'],
    [
      'byline',
      { byline: 'By Jane Doe, Associated Press', blocks: FILLER, meta: [] },
      'Associated Press',
      'By Jane Doe, Associated Press',
    ],
    [
      'byline',
      { byline: null, blocks: FILLER, meta: [{ kind: 'credit', text: 'Reuters', bodyIndex: 0 } as MetaLine] },
      'Reuters',
      'Reuters',
    ],
    [
      'end-note',
      {
        byline: null,
        blocks: FILLER,
        meta: [{ kind: 'credit', text: 'Source(s): Reuters', bodyIndex: 3 } as MetaLine],
      },
      'Reuters',
      'Source(s): Reuters',
    ],
    [
      'end-note',
      { byline: null, blocks: [...FILLER, p('Reporting by Robin Emmott; Editing by Reuters staff')], meta: [] },
      'Reuters',
      'Reporting by Robin Emmott; Editing by Reuters staff',
    ],
    [
      'end-note',
      { byline: null, blocks: [...FILLER, p('(With inputs from AFP)')], meta: [] },
      'Agence France-Presse',
      '(With inputs from AFP)',
    ],
    [
      'sentence',
      {
        byline: null,
        blocks: [p('"There is a real risk," Stoltenberg said, citing Reuters on January 13.'), ...FILLER],
        meta: [],
      },
      'Reuters',
      'citing Reuters',
    ],
    [
      'sentence',
      { byline: null, blocks: [...FILLER, p('The minister said so, according to Xinhua.')], meta: [] },
      'Xinhua',
      'according to Xinhua',
    ],
    [
      'photo',
      {
        byline: null,
        blocks: FILLER,
        meta: [{ kind: 'caption', text: '© Reuters. Ministers at the council.' } as MetaLine],
      },
      'Reuters',
      '© Reuters. Ministers at the council.',
    ],
    [
      'photo',
      { byline: null, blocks: FILLER, meta: [{ kind: 'caption', text: 'Troops on the border. /AP' } as MetaLine] },
      'Associated Press',
      'Troops on the border. /AP',
    ],
  ] as const)('finds a %s credit', (place, input, agency, text) => {
    expect(findCredits(input)).toContainEqual({ agency, place, text });
  });

  it.each([
    ['a word that contains an agency abbreviation', 'The approval of the plan came after an appeal by the AAP party.'],
    ['an agency named as a subject, not a source', 'Reuters is a news agency owned by Thomson Reuters.'],
    ['a lower-case "ap" or "afp" in running text', 'the ap and afp files were opened in the app.'],
    ['no agency at all', 'NATO said on Wednesday it was willing to talk to Russia.'],
  ])('finds no credit in %s', (_case, text) => {
    expect(findCredits({ byline: null, blocks: [p(text)], meta: [] })).toEqual([]);
  });

  it('reports one entry per agency and place, however often the page repeats it', () => {
    const blocks = [p('BRUSSELS (Reuters) - NATO said...'), p('citing Reuters'), p('He spoke, citing Reuters again.')];
    const places = findCredits({ byline: null, blocks, meta: [] }).map((c) => c.place);
    expect(places.filter((x) => x === 'sentence')).toHaveLength(1);
  });

  it('lists agencies sorted by name with no duplicates', () => {
    const names = AGENCIES.map((a) => a.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the credit finding in neutral words', () => {
  it.each([
    [
      [],
      'This page does not name Reuters as the source of its text. Subscribers to a wire service may republish its stories without a credit.',
    ],
    [
      [{ agency: 'Reuters', place: 'photo', text: '© Reuters.' }],
      'This page does not name Reuters as the source of its text (a photo is credited to Reuters). Subscribers to a wire service may republish its stories without a credit.',
    ],
    [
      [{ agency: 'Reuters', place: 'sentence', text: 'citing Reuters' }],
      'This page credits Reuters inside a sentence ("citing Reuters").',
    ],
    [
      [
        { agency: 'Reuters', place: 'byline', text: 'Reuters' },
        { agency: 'Reuters', place: 'end-note', text: 'Source(s): Reuters' },
      ],
      'This page credits Reuters in the byline ("Reuters") and in a note at the end ("Source(s): Reuters").',
    ],
  ] as const)('%j', (credits, sentence) => {
    expect(creditSentence('Reuters', credits)).toBe(sentence);
  });
});

describe('credits in other languages and scripts', () => {
  const abroad = AGENCIES.flatMap((agency) =>
    (agency.abroad ?? []).map(
      (a) => [agency.name, a.language, a.name, (a as { example?: string }).example ?? ''] as const,
    ),
  );

  it.each(abroad)('finds %s as %s "%s" in its example', (agency, _language, _name, example) => {
    const credits = findCredits({ byline: null, blocks: [p(example), ...FILLER], meta: [] });
    expect(credits.map((c) => c.agency)).toContain(agency);
    expect(credits.find((c) => c.agency === agency)?.place).toMatch(/^(dateline|sentence)$/);
  });

  it.each(
    Object.entries(creditPhrases).flatMap(([language, list]) =>
      list.map((e) => [language, e.phrase, e.example] as const),
    ),
  )('in %s, "%s" credits the agency inside a sentence', (_language, _phrase, example) => {
    const places = findCredits({ byline: null, blocks: [p(example), ...FILLER], meta: [] }).map((c) => c.place);
    expect(places.some((place) => place === 'sentence' || place === 'dateline')).toBe(true);
  });

  it('does not take a word that merely contains a name for a credit', () => {
    expect(findCredits({ byline: null, blocks: [p('Die Firma APPLE meldet Gewinne.')], meta: [] })).toEqual([]);
  });

  it("keeps each agency's other names sorted by language with no duplicates", () => {
    for (const agency of AGENCIES) {
      const keys = (agency.abroad ?? []).map((a) => `${a.language}:${a.name}`);
      expect(keys).toEqual([...keys].sort());
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
