/**
 * How matching fares on stories it was never tuned on: the seed story and
 * the wire stories of a labelled set (../shared/stories-dev: story folders
 * with wire.txt and story.json, pages/NNN.txt, labels.jsonl) in one index,
 * every labelled page matched, and the answers counted per story and per
 * kind of page. Read by `npm run eval:stories` (the table the team runs
 * before any threshold changes) and by tests/unit/stories-dev.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStory, type CorpusStory } from '../lib/build-index';
import { extractText } from '../lib/extract';
import type { Story } from '../lib/index-schema';
import { loadIndex } from '../lib/index-full';
import type { Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';
import { readStory } from './build-index';

export interface PageLabel {
  file: string;
  story: string;
  url: string;
  outlet: string;
  language: string;
  label: 'copy' | 'same-event' | 'related-negative';
  copy_kind: 'verbatim' | 'edited' | 'reworded' | 'translated' | null;
  /** The page's publication date as its HTML gave it (the set keeps text excerpts, so it travels in the label). */
  date?: string | null;
  why: string;
}

export interface PageOutcome {
  label: PageLabel;
  /** The story matched and how, or null. */
  story: string | null;
  relation: string | null;
  why: string;
  /** A copy relation where the page is not a copy of that story: the worst error. */
  falseCopy: boolean;
  /** What the label asks for, met. */
  right: boolean;
}

const COPY_RELATIONS = new Set(['verbatim', 'edited', 'rewritten']);

interface WireMeta {
  id: string;
  agency: string;
  date: string;
  headline: string;
  dateline: string | null;
  url: string | null;
  language: string;
}

/** A labelled set's wire story as an index story: its one known text is its one write-through. */
function wireStory(dir: string): Story {
  const meta = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as WireMeta;
  const extracted = extractText(readFileSync(join(dir, 'wire.txt'), 'utf8'));
  if (!extracted.ok) throw new Error(`${dir}/wire.txt: no article (${extracted.reason})`);
  const corpus: CorpusStory = {
    id: meta.id,
    agency: meta.agency,
    date: meta.date,
    dateline: meta.dateline,
    bylines: [],
    headlines: [meta.headline],
    url: meta.url,
    versions: [
      {
        id: 'wire',
        file: 'wire.txt',
        outlet: meta.agency,
        url: meta.url,
        language: meta.language,
        shownDates: null,
        credits: null,
        relation: 'verbatim',
        writeThrough: 'wire',
      },
    ],
  };
  return buildStory(corpus, new Map([['wire', extracted.article]]));
}

export function readLabels(setDir: string): PageLabel[] {
  return readFileSync(join(setDir, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PageLabel);
}

/** The seed story (corpus/) and every wire story of the set, in one index. */
export function storiesIndex(setDir: string, corpusDir = 'corpus') {
  const seed = readdirSync(corpusDir).map((name) => readStory(join(corpusDir, name)));
  const wires = readdirSync(join(setDir, 'stories'))
    .sort()
    .map((name) => wireStory(join(setDir, 'stories', name)));
  return loadIndex({ format: 'wiretrace-index', schemaVersion: 1, stories: [...seed, ...wires] });
}

export function evaluateStories(
  setDir: string,
  corpusDir = 'corpus',
  lexicons: ReadonlyMap<string, Lexicon> = new Map(),
): PageOutcome[] {
  const index = storiesIndex(setDir, corpusDir);
  return readLabels(setDir).map((label) => {
    const extracted = extractText(readFileSync(join(setDir, label.file), 'utf8'));
    // A text excerpt has no metadata: its page's date is what the extension reads from the HTML.
    const article = extracted.ok ? { ...extracted.article, published: label.date ?? null } : null;
    const match = article ? matchArticle(index, article, { lexicons }).match : null;
    const story = match?.story.id ?? null;
    const relation = match?.relation ?? null;
    const isCopyRelation = relation !== null && COPY_RELATIONS.has(relation);
    const falseCopy = isCopyRelation && (label.label !== 'copy' || story !== label.story);
    const right =
      label.label === 'copy'
        ? isCopyRelation && story === label.story
        : label.label === 'same-event'
          ? relation === 'same-event' && story === label.story
          : match === null;
    return { label, story, relation, why: match?.evidence.why ?? '', falseCopy, right };
  });
}

/** Which row of the table a page counts in: copies by kind and language, reports, related stories. */
export function pageKind(label: PageLabel): string {
  if (label.label === 'copy')
    return label.copy_kind === 'translated' ? 'copy, translated' : `copy, ${label.copy_kind} (English)`;
  if (label.label === 'same-event') return label.language === 'en' ? 'same-event (English)' : 'same-event (other)';
  return 'related story';
}

/** The table: per story and per kind, right answers of all, and every false copy claim. */
export function outcomeTable(outcomes: readonly PageOutcome[]): string {
  const rows = new Map<string, { right: number; all: number; falseCopies: number }>();
  const count = (key: string, o: PageOutcome) => {
    const row = rows.get(key) ?? { right: 0, all: 0, falseCopies: 0 };
    row.all++;
    if (o.right) row.right++;
    if (o.falseCopy) row.falseCopies++;
    rows.set(key, row);
  };
  for (const o of outcomes) {
    count(`story ${o.label.story}`, o);
    count(`kind  ${pageKind(o.label)}`, o);
  }
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, r]) =>
        `${key.padEnd(48)} ${String(r.right).padStart(3)}/${String(r.all).padEnd(3)} right` +
        (r.falseCopies ? `   ${r.falseCopies} FALSE COPY CLAIM(S)` : ''),
    );
  return lines.join('\n');
}
