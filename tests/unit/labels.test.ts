import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { h, render, type ComponentChild } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComparePage } from '../../components/ComparePage';
import { Overlay } from '../../components/Overlay';
import { compareStory } from '../../lib/compare';
import type { CreditPlace } from '../../lib/credits';
import { openIndexFile } from '../../lib/index-file';
import { parseIndex, RELATIONS } from '../../lib/index-schema';
import {
  ANOTHER_UPDATE,
  creditSentence,
  FIDELITY_LABELS,
  NOT_IN_VERSION,
  originLine,
  RELATION_EXPLANATIONS,
  RELATION_NAMES,
  relationLine,
  shareSentence,
  SPEAKER_NOT_STATED,
  speakerLabel,
  URL_UNKNOWN,
  versionRelationLine,
} from '../../lib/labels';
import { matchArticle } from '../../lib/match';
import type { Fidelity } from '../../lib/quote-check';
import { toView } from '../../lib/view';
import { checkFile, readable } from '../../scripts/check';
import { extractFile } from '../../scripts/node-dom';

const INDEX_FILE = 'assets/index.json';
const VERSIONS = 'corpus/reuters-2022-01-12-nato-russia-council/versions';
/** Every seed as the reader's plain text and as the HTML fixture page made from it. */
const SEED_FILES = readdirSync(VERSIONS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(VERSIONS, f));
const FIXTURE_PAGES = ['investing-article', 'tbs-article', 'gettotext-article', 'voi-article', 'cgtn-article'].map(
  (name) => `tests/fixtures/pages/${name}/source.html`,
);

/** Every fidelity, so a new one without a label fails here (and in tsc). */
const FIDELITIES: Record<Fidelity, true> = {
  exact: true,
  minor: true,
  altered: true,
  translated: true,
  unmatched: true,
};

/** The credit finding for one credit at each place: a place without words would print "undefined". */
const CREDIT_SENTENCES: Record<CreditPlace, { text: string; sentence: string }> = {
  byline: { text: 'Reuters', sentence: 'This page credits Reuters in the byline ("Reuters").' },
  dateline: {
    text: 'BRUSSELS (Reuters)',
    sentence: 'This page credits Reuters in the dateline ("BRUSSELS (Reuters)").',
  },
  'end-note': {
    text: 'Source(s): Reuters',
    sentence: 'This page credits Reuters in a note at the end ("Source(s): Reuters").',
  },
  sentence: { text: 'citing Reuters', sentence: 'This page credits Reuters inside a sentence ("citing Reuters").' },
  photo: {
    text: '© Reuters.',
    sentence:
      'This page does not name Reuters as the source of its text (a photo is credited to Reuters). Subscribers to a wire service may republish its stories without a credit.',
  },
};

describe('one label for each thing the surfaces show', () => {
  it.each(RELATIONS)('relation %s has a short name and a one-line explanation', (relation) => {
    expect(RELATION_NAMES[relation]).toMatch(/^[a-z][a-z ]+$/);
    expect(RELATION_EXPLANATIONS[relation]).toMatch(/^[A-Z][^.]+[^.]$/);
    expect(relationLine(relation)).toBe(`${RELATION_NAMES[relation]}: ${RELATION_EXPLANATIONS[relation]}`);
  });

  it('tells the relations apart by name and by explanation', () => {
    expect(new Set(RELATIONS.map((r) => RELATION_NAMES[r])).size).toBe(RELATIONS.length);
    expect(new Set(RELATIONS.map((r) => RELATION_EXPLANATIONS[r])).size).toBe(RELATIONS.length);
  });

  it.each(Object.keys(FIDELITIES) as Fidelity[])('quote fidelity %s has a label of its own', (fidelity) => {
    const label = FIDELITY_LABELS[fidelity];
    expect(label).toMatch(/^[A-Z]/);
    const others = (Object.keys(FIDELITIES) as Fidelity[]).filter((f) => f !== fidelity).map((f) => FIDELITY_LABELS[f]);
    expect([...others, NOT_IN_VERSION]).not.toContain(label);
  });

  it.each(Object.entries(CREDIT_SENTENCES))('a credit in the %s reads as a plain sentence', (place, expected) => {
    expect(creditSentence('Reuters', [{ agency: 'Reuters', place: place as CreditPlace, text: expected.text }])).toBe(
      expected.sentence,
    );
  });

  it('lists three credit places the way a sentence does', () => {
    expect(
      creditSentence('Reuters', [
        { agency: 'Reuters', place: 'byline', text: 'Reuters' },
        { agency: 'Reuters', place: 'dateline', text: 'BRUSSELS (Reuters)' },
        { agency: 'Reuters', place: 'end-note', text: 'Source(s): Reuters' },
      ]),
    ).toBe(
      'This page credits Reuters in the byline ("Reuters"), in the dateline ("BRUSSELS (Reuters)") and in a note at the end ("Source(s): Reuters").',
    );
  });

  it('counts sentences instead of a bare share or score', () => {
    expect(shareSentence({ verbatimShare: 0.5, alignedSentences: 14, pageSentences: 20 })).toBe(
      'Of this page’s 20 sentences (quotes aside), 10 are the news agency’s words exactly and 4 more follow its sentences in other words.',
    );
    expect(shareSentence({ verbatimShare: 1, alignedSentences: 16, pageSentences: 16 })).toBe(
      'Of this page’s 16 sentences (quotes aside), all 16 are the news agency’s words exactly.',
    );
    expect(shareSentence({ verbatimShare: 0, alignedSentences: 1, pageSentences: 12 })).toBe(
      'Of this page’s 12 sentences (quotes aside), 1 follows the news agency’s sentences in other words.',
    );
  });

  it('does not tell a report of the same event about republishing without credit', () => {
    const sameEvent = creditSentence('Reuters', [], 'same-event');
    expect(sameEvent).not.toMatch(/republish|subscri/i);
    expect(sameEvent).toMatch(/own words/);
    expect(creditSentence('Reuters', [], 'edited')).toMatch(/republish/);
    expect(RELATION_EXPLANATIONS['same-event']).toMatch(/not a copy/);
  });

  it('says when the speaker is not stated, and the origin line names every byline', () => {
    expect(speakerLabel(null)).toBe(SPEAKER_NOT_STATED);
    expect(speakerLabel('Jens Stoltenberg')).toBe('Jens Stoltenberg');
    expect(
      originLine({ agency: 'Reuters', dateline: 'BRUSSELS', date: '2022-01-12', bylines: ['A', 'B', 'C'], url: null }),
    ).toBe('Reuters, BRUSSELS, 2022-01-12 · by A, B and C');
    expect(originLine({ agency: 'AP', dateline: null, date: '2024-05-01', bylines: [], url: null })).toBe(
      'AP, 2024-05-01',
    );
  });
});

describe('the overlay, the compare page and the CLI say the same words', () => {
  const { index } = openIndexFile(readFileSync(INDEX_FILE));
  const dom = parseHTML('<!doctype html><html><body></body></html>');
  const saved = globalThis.document;
  // Preact creates elements through the global document; linkedom's stands in for the browser's.
  beforeAll(() => {
    globalThis.document = dom.document as unknown as Document;
  });
  afterAll(() => {
    globalThis.document = saved;
  });

  function mount(vnode: ComponentChild): HTMLElement {
    const root = dom.document.createElement('div') as unknown as HTMLElement;
    render(vnode, root);
    return root;
  }
  const texts = (root: HTMLElement, selector: string) =>
    [...root.querySelectorAll(selector)].map((e) => e.textContent ?? '');

  /** What the content script and background put on screen for a page, and what `npm run check` prints for it. */
  function surfaces(file: string) {
    const content = readFileSync(file, 'utf8');
    const extracted = extractFile(file, content, { skipDetect: true });
    if (!extracted.ok) throw new Error(`${file}: ${extracted.reason}`);
    const { article } = extracted;
    const view = toView(matchArticle(index, article), article.canonicalUrl, article.credits);
    if (!view.match) throw new Error(`${file}: no match`);
    const overlay = mount(h(Overlay, { view: { ...view.match, quotes: view.quotes }, startOpen: true }));
    return { match: view.match, quotes: view.quotes, overlay, cli: readable(checkFile(file, content, index)) };
  }

  it.each([...SEED_FILES, ...FIXTURE_PAGES])('%s', (file) => {
    const { match, quotes, overlay, cli } = surfaces(file);
    const one = (selector: string) => overlay.querySelector(selector)?.textContent;
    const line = relationLine(match.relation);
    expect(one('.badge')).toBe(`${match.story.agency} · ${RELATION_NAMES[match.relation]}`);
    expect(one('.relation')).toBe(`${line}.`);
    expect(cli).toContain(`relation: ${line}, score`);
    expect(one('.origin')).toBe(originLine(match.story));
    expect(cli).toContain(`origin: ${one('.origin')} · ${match.story.url ?? URL_UNKNOWN}`);
    if (!match.story.url) expect(one('.link')).toContain(URL_UNKNOWN);
    expect(one('.credits')).toBe(creditSentence(match.story.agency, match.credits, match.relation));
    expect(cli).toContain(`credits: ${one('.credits')}\n`);
    const fidelity = texts(overlay, '.quote .fidelity');
    const speakers = texts(overlay, '.quote > .speaker');
    expect(fidelity).toEqual(quotes.map((q) => FIDELITY_LABELS[q.fidelity]));
    quotes.forEach((q, i) => expect(cli).toContain(`"${q.text}" (${speakers[i]}): ${fidelity[i]}`));
  });

  it.each([...SEED_FILES, ...FIXTURE_PAGES])(
    '%s: the panel speaks without newsroom words, and says each thing once',
    (file) => {
      const { overlay, quotes } = surfaces(file);
      const panel = overlay.querySelector('.panel')!.textContent!;
      expect(panel).not.toMatch(/write-through|aligned|\bscore\b|similarity/i);
      expect(panel.split(URL_UNKNOWN).length - 1).toBeLessThanOrEqual(1);
      expect(overlay.querySelectorAll('.share').length).toBeLessThanOrEqual(1);
      // Each quote's own wording once, and the original once more only when the words differ.
      const shown = texts(overlay, '.quote .page-quote');
      expect(new Set(shown).size).toBe(shown.length);
      expect(shown).toEqual(quotes.map((q) => q.text));
      expect(overlay.querySelectorAll('.quote q').length).toBe(
        quotes.length + quotes.filter((q) => q.original !== null && q.fidelity !== 'exact').length,
      );
    },
  );

  it('shows an altered quote as written, changed words marked in place, never run into the speaker (gettotext)', () => {
    const { overlay } = surfaces('tests/fixtures/pages/gettotext-article/source.html');
    const grushko = [...overlay.querySelectorAll('.quote')].find((li) =>
      li.querySelector('.page-quote')!.textContent!.startsWith('If flaws in the Russian defense system'),
    )!;
    expect(grushko.querySelector('.fidelity')!.textContent).toBe(FIDELITY_LABELS.altered);
    expect(texts(grushko as HTMLElement, '.page-quote ins')).toEqual(['flaws', 'defense', 'are sought', 'flaws']);
    expect(grushko.querySelector('.original q')!.textContent).toBe(
      'If there is a search for vulnerabilities in the Russian defence system, then there will also be a search for vulnerabilities in NATO',
    );
    expect(texts(grushko as HTMLElement, '.original del')).toContain('there is a search for vulnerabilities');
    // The speaker and the words are separate elements, the words on a line of their own.
    expect(grushko.querySelector('.page-quote')!.previousElementSibling!.className).toBe('fidelity');
  });

  it('the page quote without a named speaker says so in the overlay and in the CLI (VOI)', () => {
    const { overlay, cli } = surfaces(join(VERSIONS, 'voi.txt'));
    expect(texts(overlay, '.quote > .speaker')).toContain(SPEAKER_NOT_STATED);
    expect(cli).toContain(`(${SPEAKER_NOT_STATED}): `);
  });

  describe('compare page', () => {
    const [story] = parseIndex(readFileSync(INDEX_FILE, 'utf8')).stories;
    const view = compareStory(story!);
    const page = () => mount(h(ComparePage, { view }));
    const column = (outlet: string) => view.versions.findIndex((v) => v.outlet.startsWith(outlet));
    /** The fidelity label in the quote drift table: the row of the original quote, the column of the outlet. */
    function cell(root: HTMLElement, quote: string, outlet: string): string | null {
      const row = [...root.querySelectorAll('.quotes tbody tr')].find((tr) =>
        tr.querySelector('th')!.textContent!.includes(quote),
      );
      const cells = row!.querySelectorAll('td');
      return cells[column(outlet)]!.querySelector('.fidelity')!.textContent;
    }

    it('shows the same origin lines as the overlay', () => {
      const { overlay } = surfaces(join(VERSIONS, 'investing-uk.txt'));
      const compare = page();
      expect(texts(compare, '.origin')).toEqual(texts(overlay, '.origin'));
      expect(texts(compare, '.link')[0]).toContain(URL_UNKNOWN);
      expect(texts(compare, '.link')[0]).toBe(texts(overlay, '.link')[0]);
    });

    it("names each version's relation as the overlay's list of other versions does, and explains it", () => {
      // The HTML page knows its own address, so the overlay lists the same four other versions as the compare page.
      const { overlay } = surfaces('tests/fixtures/pages/investing-article/source.html');
      const compare = page();
      const cells = texts(compare, '.versions td.relation');
      expect(cells).toEqual(view.versions.map((v) => versionRelationLine(v.relation)));
      for (const li of overlay.querySelectorAll('.siblings li')) {
        const i = view.versions.findIndex((v) => li.textContent!.startsWith(v.outlet));
        expect(i).toBeGreaterThanOrEqual(0);
        expect(cells[i]).toMatch(new RegExp(`^${li.querySelector('.rel')!.textContent}: `));
      }
      // TBS carries an earlier update of the Reuters text than the one the page compares against.
      expect(cells[column('The Business Standard')]).toBe(`${relationLine('verbatim')} (${ANOTHER_UPDATE})`);
    });

    it('labels a quote in a version as the overlay labels it on that version’s page', () => {
      const compare = page();
      const cases = [
        ['tbsnews.txt', 'There is a real risk for new armed conflict', 'The Business Standard'],
        ['gettotext.txt', 'If there is a search for vulnerabilities', 'gettotext'],
      ] as const;
      for (const [file, quote, outlet] of cases) {
        const { overlay, quotes } = surfaces(join(VERSIONS, file));
        const i = quotes.findIndex((q) => q.original?.startsWith(quote));
        expect(i).toBeGreaterThanOrEqual(0);
        expect(cell(compare, quote, outlet)).toBe(texts(overlay, '.quote .fidelity')[i]);
      }
    });

    it('says a version does not carry a quote in words of its own, not as missing from the wire story', () => {
      const labels = texts(page(), '.quotes td .fidelity');
      expect(labels).toContain(NOT_IN_VERSION);
      expect(labels).not.toContain(FIDELITY_LABELS.unmatched);
      expect(texts(page(), '.quotes tbody th .speaker').every((s) => s.length > 0)).toBe(true);
    });
  });
});
