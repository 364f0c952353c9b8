import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { openIndexFile } from '../../lib/index-file';
import { matchArticle } from '../../lib/match';
import { seedLabels } from './seed-data';

const { index } = openIndexFile(readFileSync('assets/index.json'));
/** The latest write-through, word for word (Investing.com's copy, labelled line by line). */
const labels = seedLabels('investing-uk');
const TITLE = labels.find((l) => l.tag === 'T')!.text;
const BODY = labels.filter((l) => l.tag === 'B').map((l) => l.text);
const AD = '3rd party Ad. Not an offer or recommendation by Investing.com. See disclosure here or remove ads .';
/** An unrelated article (written for this test) about something else entirely. */
const OTHER = [
  'Shares of regional lenders rose on Tuesday after quarterly results showed deposits holding steady, easing worries that had weighed on the sector for weeks.',
  'Analysts said the figures suggested customers were not moving money out of smaller banks at the pace some investors had feared earlier in the year.',
  'Net interest margins narrowed slightly as funding costs climbed, but loan growth in commercial property and consumer credit offset part of the pressure.',
  'Trading volumes were above their monthly average, and the sector index closed at its highest level since the start of the quarter.',
  'Investors are also watching geopolitics. In Brussels this week, the wire services reported:',
];

/** A deterministic shuffle that moves every paragraph. */
const shuffled = (xs: string[]) => xs.map((_, i) => xs[(i * 7 + 3) % xs.length]!);

function relationOf(title: string, paragraphs: string[]) {
  const result = extractText([title, ...paragraphs].join('\n\n'));
  if (!result.ok) throw new Error(result.reason);
  return matchArticle(index, result.article).match?.relation ?? 'none';
}

describe('robustness: each variant of the wire text gets the relation a reader would give', () => {
  it.each([
    ['the whole story', BODY, ['verbatim']],
    ['an ad between every paragraph', BODY.flatMap((p) => [p, AD]), ['verbatim']],
    ['the paragraphs in another order', shuffled(BODY), ['edited']],
    ['only the first three paragraphs', BODY.slice(0, 3), ['edited']],
    ['the first half, cut', BODY.slice(0, Math.ceil(BODY.length / 2)), ['edited', 'verbatim']],
    ['two paragraphs quoted inside an unrelated article', [...OTHER, BODY[0]!, BODY[3]!], ['none', 'same-event']],
    ['a brief of just two wire sentences', [BODY[1]!, BODY[2]!], ['edited']],
    ['one wire sentence inside an unrelated article', [...OTHER, BODY[1]!], ['none']],
  ] as const)('%s', (_case, paragraphs, relations) => {
    expect(relations).toContain(relationOf(TITLE, [...paragraphs]));
  });

  it.each([
    [
      'same officials, another day (written for this test)',
      [
        'NATO Secretary General Jens Stoltenberg on Tuesday met defence ministers in Riga to discuss air policing over the Baltic states.',
        'Stoltenberg said the alliance would keep its fighter jets in the region through the summer and praised Latvia for raising its defence spending.',
        'Russian Deputy Foreign Minister Alexander Grushko, speaking separately in Moscow, criticised the deployment as provocative.',
        'The ministers also discussed cyber defence and the protection of undersea cables in the Baltic Sea.',
        'A new round of exercises is planned for the autumn, officials said.',
      ],
    ],
    [
      'same topic, another agency and other words (written for this test)',
      [
        'Diplomats from the alliance and Moscow sat across a table in Belgium on Wednesday for the first time in more than two years.',
        'The session at the headquarters lasted around four hours and ended without any joint statement or agreed next step.',
        'Officials from the western bloc described the mood as businesslike, while the Russian side spoke of a lack of understanding.',
        'Troop movements near the Ukrainian frontier have alarmed European capitals for weeks, according to people familiar with the talks.',
        'Further meetings are scheduled in Vienna later in the week.',
      ],
    ],
  ])('%s is no copy', (_case, paragraphs) => {
    expect(['none', 'same-event']).toContain(relationOf('Talks elsewhere', paragraphs));
  });
});
