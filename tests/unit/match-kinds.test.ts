import { describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article';
import { buildStory } from '../../lib/build-index';
import { extractText } from '../../lib/extract';
import { loadIndex } from '../../lib/index-full';
import { matchArticle } from '../../lib/match';

/**
 * The kinds of page a reader meets once the index knows more than the seed
 * story, on a made-up wire story (written for this test): excerpts among
 * captions and credits, a lead followed by another update's text, house-style
 * edits, a reworded copy, a report of the same event, a related story, a
 * round-up of many stories' leads. Table-driven: each row is a page and the
 * answer a reader should get.
 */
const WIRE = [
  'Dockworkers walk out at three northern ports as pay talks collapse',
  'HAMBURG, March 4 (Wirex) - Dockworkers at three of northern Europe’s busiest container ports walked off the job on Tuesday after overnight pay talks with terminal operators collapsed, halting the loading of ships bound for Asia and the Americas.',
  'The union representing about 12,000 port workers said the strike at Hamburg, Bremerhaven and Wilhelmshaven would last at least 48 hours and could be extended if employers did not improve their offer of a 6 percent raise over two years.',
  '"Our members have waited long enough for a fair deal," union negotiator Katrin Vogel told reporters outside the talks venue.',
  'Terminal operators said the union’s demand for a 14 percent raise would push up handling costs at a time when shipping lines are already diverting cargo to Rotterdam and Antwerp.',
  'The walkout is the first full strike at the German ports in more than four decades, according to the operators’ association, which urged both sides to return to mediation.',
  'Shipping analysts said dozens of vessels were waiting at anchor in the North Sea on Tuesday afternoon and warned that delays could ripple through supply chains for weeks.',
  'The economy ministry in Berlin said it was following the dispute closely but would not intervene in collective bargaining, which is protected by the constitution.',
  'Talks are due to resume on Friday in Bremen, the union said.',
];

const OTHER_STORIES = [
  [
    'Central bank holds rates steady, signals cuts later in the year',
    'FRANKFURT, March 4 (Wirex) - The central bank kept its key interest rate unchanged on Tuesday but said inflation had fallen fast enough to consider lowering borrowing costs in the second half of the year.',
    'Policymakers voted unanimously to hold the deposit rate at 3.5 percent, in line with the expectations of economists polled before the meeting.',
    'The bank’s president said wage growth remained the main risk to its outlook and that the governing council would watch spring pay settlements closely.',
  ],
  [
    'Flooding forces thousands from homes in river valley towns',
    'PASSAU, March 4 (Wirex) - Thousands of residents were evacuated from towns along the Danube and Inn rivers on Tuesday as days of heavy rain pushed water levels to their highest since 2013.',
    'Firefighters used boats to reach elderly people trapped in their homes in the old town, where the water stood more than a metre deep in some streets.',
    'Regional officials said the rivers were expected to crest overnight and warned residents downstream to prepare sandbags and move valuables to upper floors.',
  ],
  [
    'Carmaker recalls 400,000 vehicles over faulty airbag sensors',
    'STUTTGART, March 4 (Wirex) - The carmaker said on Tuesday it would recall about 400,000 vehicles worldwide because a sensor could fail to trigger the front passenger airbag in a crash.',
    'Owners will be contacted by letter and the repair, which takes about an hour, will be carried out free of charge at authorised workshops.',
    'The company said it knew of no accidents or injuries linked to the fault, which was found during routine quality checks at a supplier.',
  ],
];

function story(id: string, lines: string[], date = '2025-03-04') {
  const [title, ...paragraphs] = lines;
  const article = extractText([title, ...paragraphs].join('\n\n'));
  if (!article.ok) throw new Error('wire text not read');
  return buildStory(
    {
      id,
      agency: 'Wirex',
      date,
      dateline: null,
      bylines: [],
      headlines: [title!],
      url: null,
      versions: [
        {
          id: 'wire',
          file: 'wire.txt',
          outlet: 'Wirex',
          url: null,
          language: 'en',
          shownDates: null,
          credits: null,
          relation: 'verbatim',
          writeThrough: 'wire',
        },
      ],
    },
    new Map([['wire', article.article]]),
  );
}

const index = loadIndex({
  format: 'wiretrace-index',
  schemaVersion: 1,
  stories: [story('ports-strike', WIRE), ...OTHER_STORIES.map((lines, i) => story(`other-${i}`, lines))],
});

function page(lines: string[], published: string | null = null): Article {
  const result = extractText(lines.join('\n\n'));
  if (!result.ok) throw new Error('page not read');
  return { ...result.article, published };
}

const [, LEAD, SECOND, QUOTE, FOURTH, FIFTH, SIXTH] = WIRE as [string, ...string[]];

const CASES: Array<[string, Article, string | null, string | null]> = [
  [
    'two wire paragraphs under a photo caption and a photo credit (a syndicated excerpt)',
    page([
      'Port strike halts container traffic',
      'Containers stacked at the Burchardkai terminal in Hamburg. Photo: Wirex',
      LEAD!,
      SECOND!,
      'Photo credit: Wirex / Jan Example',
    ]),
    'ports-strike',
    'edited',
  ],
  [
    "the wire's lead word for word, then another update's own sentences",
    page([
      'Dockworkers strike at German ports',
      LEAD!,
      'By late afternoon the port authority said more than thirty ships had been turned away, and the union announced a rally in the city centre for Thursday morning.',
      'Several logistics firms told customers to expect delays of up to a week on deliveries from Asia, and some began rerouting shipments through Poland.',
    ]),
    'ports-strike',
    'edited',
  ],
  [
    'house-style edits: "says" for "said on Tuesday", figures spelled out, a sentence cut',
    page([
      'Dockers walk out at three northern ports',
      'Dockworkers at three of northern Europe’s busiest container ports have walked off the job after overnight pay talks with terminal operators collapsed, halting the loading of ships bound for Asia and the Americas.',
      'The union representing some 12,000 port workers says the strike at Hamburg, Bremerhaven and Wilhelmshaven will last at least 48 hours and could be extended if employers do not improve their offer of a 6 percent raise over two years.',
      'Terminal operators say the union’s demand for a 14 percent raise would push up handling costs at a time when shipping lines are already diverting cargo to Rotterdam and Antwerp.',
    ]),
    'ports-strike',
    'edited',
  ],
  [
    "every sentence reworded, the wire's order kept (a spun copy)",
    page([
      'Port workers strike in three northern harbours after wage talks fail',
      'Workers at three of the busiest container harbours of northern Europe stopped work on Tuesday when overnight wage negotiations with terminal operators broke down, stopping the loading of vessels heading to Asia and the Americas.',
      'The union for roughly 12,000 harbour staff said the walkout at Hamburg, Bremerhaven and Wilhelmshaven would continue for at least 48 hours and might be prolonged unless employers bettered their offer of a 6 percent pay rise across two years.',
      'Operators of the terminals said the demand of the union for a 14 percent rise would increase handling costs just as shipping lines already divert freight to Rotterdam and Antwerp.',
      'According to the association of operators, the stoppage is the first complete strike at the German harbours in over four decades, and it called on both parties to go back to mediation.',
    ]),
    'ports-strike',
    'rewritten',
  ],
  [
    "another newsroom's report of the same strike, published the same day",
    page(
      [
        'Strike shuts Hamburg docks as wage dispute escalates',
        'Cranes stood idle at Hamburg’s container terminals on Tuesday as dockworkers began a strike over pay that their union said would paralyse three German ports for at least two days.',
        'The union, which represents around 12,000 workers at Hamburg, Bremerhaven and Wilhelmshaven, is demanding a 14 percent raise, while employers have offered 6 percent over two years.',
        'Ships queued in the North Sea and analysts warned that the dispute could disrupt supply chains across Europe, with some cargo already being diverted to Rotterdam.',
        'Negotiations between the union and the terminal operators are scheduled to resume in Bremen on Friday.',
      ],
      '2025-03-04T15:20:00Z',
    ),
    'ports-strike',
    'same-event',
  ],
  [
    'the same report dated four days later (a follow-up, not the event)',
    page(
      [
        'Strike shuts Hamburg docks as wage dispute escalates',
        'Cranes stood idle at Hamburg’s container terminals on Tuesday as dockworkers began a strike over pay that their union said would paralyse three German ports for at least two days.',
        'The union, which represents around 12,000 workers at Hamburg, Bremerhaven and Wilhelmshaven, is demanding a 14 percent raise, while employers have offered 6 percent over two years.',
        'Ships queued in the North Sea and analysts warned that the dispute could disrupt supply chains across Europe, with some cargo already being diverted to Rotterdam.',
      ],
      '2025-03-08',
    ),
    null,
    null,
  ],
  [
    'a related story days later that repeats one background sentence',
    page(
      [
        'Port strike ends as union accepts mediator’s pay deal',
        'BREMEN, March 9 (Wirex) - Dockworkers at three German ports will return to work on Monday after their union accepted a mediator’s proposal for a 10 percent raise over two years, ending a six-day strike.',
        'The walkout is the first full strike at the German ports in more than four decades, according to the operators’ association, which urged both sides to return to mediation.',
        'Shipping lines said it would take up to two weeks to clear the backlog of vessels waiting in the North Sea, and some said they would keep routing cargo through Dutch and Belgian ports until then.',
        'Union members still have to approve the agreement in a ballot, which is expected to conclude by the end of the month.',
      ],
      '2025-03-09',
    ),
    null,
    null,
  ],
  [
    "a round-up of the day's stories that opens with the strike's lead",
    page(['The day in brief', LEAD!, OTHER_STORIES[0]![1]!, OTHER_STORIES[1]![1]!, OTHER_STORIES[2]![1]!]),
    null,
    null,
  ],
];

describe('kinds of copy and report of a story the engine was not tuned on', () => {
  it.each(CASES)('%s', (_case, article, story, relation) => {
    const { match } = matchArticle(index, article);
    expect(match?.story.id ?? null).toBe(story);
    expect(match?.relation ?? null).toBe(relation);
    if (match) expect(match.evidence.why).not.toBe('');
  });

  it('never calls the quote alone a copy: a page that only quotes the union negotiator', () => {
    const article = page([
      'Union leader speaks out',
      `${QUOTE} She spoke as the union prepared for a long dispute with employers over wages and working hours at the ports.`,
    ]);
    const relation = matchArticle(index, article).match?.relation ?? null;
    expect([null, 'same-event']).toContain(relation);
  });

  it('keeps the sentences it used for its verdict as evidence', () => {
    const article = page(['Port strike', LEAD!, SECOND!, FOURTH!, FIFTH!, SIXTH!]);
    const { match } = matchArticle(index, article);
    expect(match?.relation).toBe('verbatim');
    expect(match?.evidence.passages.map((p) => p.kind)).toEqual(['wire', 'wire', 'wire', 'wire', 'wire']);
  });
});
