import { describe, expect, it } from 'vitest';
import { plainArticle, type Article } from '../../lib/article';
import { loadIndex } from '../../lib/index-full';
import { parseLexicon } from '../../lib/lexicon';
import { matchArticle } from '../../lib/match';

/**
 * A translated copy is told by its one-to-one, in-order correspondence with
 * the wire's sentences; a report of the same event in another language by
 * names and facts alone is not a copy. A made-up story and a small Spanish
 * word list written for this test.
 */
const WIRE = [
  'The mayor of Lyon announced on Monday a plan to plant ten thousand trees in the city before the summer.',
  'The council will spend two million euros on the trees, the schools and the parks of the old districts.',
  'Residents will be able to choose the streets where the first trees are planted, the mayor said.',
  'The opposition criticised the cost of the plan and asked for a vote in the council next month.',
];
const LIST = [
  'alcalde\tmayor',
  'anunciar\tannounce',
  'lunes\tmonday',
  'plan\tplan',
  'plantar\tplant',
  'diez\tten',
  'mil\tthousand',
  'árbol\ttree',
  'ciudad\tcity',
  'antes\tbefore',
  'verano\tsummer',
  'consejo\tcouncil',
  'gastar\tspend',
  'dos\ttwo',
  'millón\tmillion',
  'euro\teuro',
  'escuela\tschool',
  'parque\tpark',
  'viejo\told',
  'barrio\tdistrict',
  'vecino\tresident',
  'poder\table',
  'elegir\tchoose',
  'calle\tstreet',
  'primero\tfirst',
  'decir\tsay',
  'oposición\topposition',
  'criticar\tcriticise',
  'querer\twant',
  'cada\tevery',
  'niño\tchild',
  'caminar\twalk',
  'sombra\tshade',
  'coste\tcost',
  'pedir\task',
  'votación\tvote',
  'mes\tmonth',
  'próximo\tnext',
].join('\n');

const index = loadIndex({
  format: 'wiretrace-index',
  schemaVersion: 1,
  stories: [
    {
      id: 'lyon-trees',
      agency: 'Wirex',
      date: '2025-05-05',
      dateline: null,
      bylines: [],
      headlines: ['Lyon to plant ten thousand trees'],
      url: null,
      versions: [],
      wire: [{ version: 'wire', paragraphs: WIRE }],
      quotes: [
        {
          text: 'We want every child to walk to school under the shade of a tree',
          speaker: 'Grégory Doucet',
          role: 'mayor',
          context: '',
          version: 'wire',
        },
      ],
    },
  ],
});
const lexicons = new Map([['es', parseLexicon('es', LIST)]]);

const page = (paragraphs: string[]): Article => plainArticle('', paragraphs);

const TRANSLATION = [
  'El alcalde de Lyon anunció el lunes un plan para plantar diez mil árboles en la ciudad antes del verano.',
  'El consejo gastará dos millones de euros en los árboles, las escuelas y los parques de los barrios viejos.',
  'Los vecinos podrán elegir las calles donde se plantarán los primeros árboles, dijo el alcalde.',
  'La oposición criticó el coste del plan y pidió una votación en el consejo el próximo mes.',
];

describe('a page in another language', () => {
  it('is a translation when its sentences correspond one to one, in order, and says into which language', () => {
    const { match } = matchArticle(index, page(TRANSLATION), { lexicons });
    expect(match?.story.id).toBe('lyon-trees');
    expect(match?.relation).toBe('rewritten');
    expect(match?.evidence.why).toMatch(/^a translation into Spanish/);
    expect(match?.evidence.passages.map((p) => p.wire)).toEqual(WIRE);
  });

  it('finds a translated quote of the original, and never calls it exact', () => {
    const withQuote = [
      ...TRANSLATION,
      'El alcalde dijo: «Queremos que cada niño camine a la escuela a la sombra de un árbol».',
    ];
    const { quotes } = matchArticle(index, page(withQuote), { lexicons });
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ fidelity: 'translated', originalSpeaker: 'Grégory Doucet' });
  });

  it('is a translated excerpt when it carries the lead and the next paragraph', () => {
    const { match } = matchArticle(index, page(TRANSLATION.slice(0, 2)), { lexicons });
    expect(match?.relation).toBe('rewritten');
  });

  it('is nothing without a word list for its language (names and numbers alone prove no copy)', () => {
    expect(matchArticle(index, page(TRANSLATION)).match).toBeNull();
  });

  it('is no copy when it tells the same facts in its own sentences, in another order', () => {
    const report = page([
      'La oposición pidió una votación en el consejo sobre el coste del plan de árboles de Lyon, que el alcalde presentó el lunes con dos millones de euros para escuelas.',
      'Según el consejo, los barrios viejos tendrán parques nuevos y los vecinos verán diez mil árboles en las calles antes del verano, una cifra que la oposición considera exagerada.',
    ]);
    const relation = matchArticle(index, report, { lexicons }).match?.relation ?? null;
    expect(relation).not.toBe('rewritten');
  });
});
