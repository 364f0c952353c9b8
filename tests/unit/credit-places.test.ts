import { describe, expect, it } from 'vitest';
import type { CreditPlace } from '../../lib/credits';
import { extractDocument, extractText } from '../../lib/extract';
import { creditSentence } from '../../lib/labels';
import { parseHtml } from '../../scripts/node-dom';

/**
 * Every place a page can credit an agency, read from a whole page (HTML and
 * the same page as plain text), through to the sentence the reader sees.
 * The CGTN page once lost its closing "Source(s): Reuters" on the HTML path
 * (read as a header line above the story) and was told it did not credit
 * Reuters: a wrong credit sentence is the second-worst error the product can make.
 */
const STORY = [
  'Ministers from both sides met for four hours on Wednesday and agreed to keep talking about arms control in Europe.',
  'The deputy minister said the meeting had been frank and that his country would study the written proposals closely.',
  'Officials said a further round could take place next month, though no date had been set by either delegation.',
  'Analysts said the talks showed that both sides wanted to avoid an escalation along the border this winter.',
];

interface PageCase {
  place: CreditPlace;
  /** Lines above the story (after the headline). */
  top?: string[];
  /** The story's paragraphs. */
  body?: string[];
  /** Lines below the story. */
  bottom?: string[];
  caption?: string;
  /** What the reader is told. */
  says: RegExp;
}

const CASES: PageCase[] = [
  { place: 'byline', top: ['By Jane Doe, Reuters'], says: /credits Reuters in the byline/ },
  {
    place: 'dateline',
    body: [`BRUSSELS (Reuters) - ${STORY[0]}`, ...STORY.slice(1)],
    says: /credits Reuters in the dateline/,
  },
  { place: 'end-note', bottom: ['Source(s): Reuters'], says: /credits Reuters in a note at the end/ },
  {
    place: 'sentence',
    body: [
      STORY[0]!,
      `The deputy minister said the meeting had been frank, citing Reuters reporting.`,
      ...STORY.slice(2),
    ],
    says: /credits Reuters inside a sentence/,
  },
  {
    place: 'photo',
    caption: '© Reuters. Ministers at the council table.',
    says: /does not name Reuters as the source of its text \(a photo is credited to Reuters\)/,
  },
];

const HEADLINE = 'Ministers agree to keep talking after four hours of talks';

function htmlPage(c: PageCase, filler: number): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const paragraphs = [...(c.body ?? STORY), ...Array.from({ length: filler }, (_, i) => STORY[i % STORY.length]!)];
  return `<!doctype html><html lang="en"><head><title>${HEADLINE}</title></head><body><article>
<h1>${HEADLINE}</h1>
${(c.top ?? []).map((t) => `<p>${esc(t)}</p>`).join('\n')}
${c.caption ? `<figure><img src="x.jpg" alt=""><figcaption>${esc(c.caption)}</figcaption></figure>` : ''}
${paragraphs.map((t) => `<p>${esc(t)}</p>`).join('\n')}
${(c.bottom ?? []).map((t) => `<p>${esc(t)}</p>`).join('\n')}
</article></body></html>`;
}

function textPage(c: PageCase): string {
  return [
    HEADLINE,
    ...(c.top ?? []),
    ...(c.caption ? [c.caption] : []),
    ...(c.body ?? STORY),
    ...(c.bottom ?? []),
  ].join('\n');
}

describe('credits on whole pages: each place, on HTML and on text', () => {
  // A short page (everything within the header scan of the headline, as on CGTN) and a long one.
  describe.each([
    ['HTML, short page', (c: PageCase) => extractDocument(parseHtml(htmlPage(c, 0)), { skipDetect: true })],
    ['HTML, long page', (c: PageCase) => extractDocument(parseHtml(htmlPage(c, 12)), { skipDetect: true })],
    ['text', (c: PageCase) => extractText(textPage(c))],
  ])('%s', (_kind, extract) => {
    it.each(CASES.map((c) => [c.place, c] as const))('a %s credit is found and said', (place, c) => {
      const result = extract(c);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const credits = result.article.credits.filter((x) => x.agency === 'Reuters');
      expect(credits.map((x) => x.place)).toContain(place);
      expect(creditSentence('Reuters', credits)).toMatch(c.says);
    });
  });
});
