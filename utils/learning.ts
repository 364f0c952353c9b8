/**
 * What the background does with a page besides matching it: learns it when
 * it is an article on a wire agency's own site (and learning is on), makes
 * it a story when the reader asks ("Add this page to my stories"), and
 * remembers a page elsewhere that carries a learned story (the agency page's
 * overlay lists those). The page's text goes nowhere but the device's own
 * story store.
 */
import { agencyArticle, agencySiteOf } from '../lib/agency-sites';
import type { Article } from '../lib/article';
import { recordBytes, sourceOf, type LearnedRecord } from '../lib/learned';
import type { Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';
import type { Settings } from '../lib/settings';
import { toView, type ResultView } from '../lib/view';
import type { AddPageAnswer, LearnedList, LearnedSummary } from '../messaging/protocol';
import type { IndexInUse } from './index-lifecycle';

/**
 * The user-timing measure of each learning step (read by the benchmark and visible in the
 * browser's performance tools): page in, story stored and matchable.
 */
export const LEARN_MEASURE = 'wiretrace:learn';
/** The measure of opening the learned stories (every record read and checked, the segment built) when the worker starts. */
export const OPEN_LEARNED_MEASURE = 'wiretrace:open-learned';
/** Stories the options page lists at once (it searches the rest). */
const LIST_PAGE = 200;
/** Credits that say whose text a page is: a byline, a dateline or an end note (a photo credit does not). */
const TEXT_CREDITS = new Set(['byline', 'dateline', 'end-note']);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Runs `work`, recording how long it took as a user-timing measure. */
export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await work();
  performance.measure(name, { start, end: performance.now() });
  return value;
}

/** Learns the page if it is an agency's article and learning is on; timed as LEARN_MEASURE. */
async function learnIfAgencyArticle(inUse: IndexInUse, settings: Settings, article: Article, url: string, now: number) {
  const site = settings.learning ? agencyArticle(url) : null;
  if (!site) return;
  const start = performance.now();
  await inUse.learned.learn(
    { kind: 'learned', url, site: site.site, agency: site.agency, article },
    settings.learnedCap,
    now,
  );
  performance.measure(LEARN_MEASURE, { start, end: performance.now() });
}

/**
 * A page's result: learned first when it is an agency's article (so its own overlay shows the
 * story it just became), then matched against every source; a copy elsewhere of a learned story
 * is remembered with that story.
 */
export async function matchPage(
  inUse: IndexInUse,
  settings: Settings,
  article: Article,
  url: string,
  now = Date.now(),
  lexicons: ReadonlyMap<string, Lexicon> = new Map(),
): Promise<ResultView> {
  await learnIfAgencyArticle(inUse, settings, article, url, now);
  const page = matchArticle(inUse.index, article, { lexicons });
  if (!page.match) return toView(page, url, article.credits);
  inUse.positions.set(page.match.story.id, page.match.position);
  const source = inUse.index.sourceOf(page.match.position);
  const view = toView(page, url, article.credits, source);
  const own = source.kind === 'learned' || source.kind === 'added';
  if (settings.learning && own && !view.match!.original) {
    await inUse.learned.metCopy(
      page.match.story.id,
      {
        url,
        outlet: article.siteName ?? hostOf(url),
        title: article.title,
        language: article.language ?? 'und',
        relation: page.match.relation,
      },
      now,
    );
  }
  return view;
}

/**
 * "Add this page to my stories": the tab's article (extracted when it was checked) becomes a
 * story. Whose text it is comes from the reader, else from the page when evident (an agency's own
 * site, a wire credit in the byline, dateline or end note); otherwise the reader is asked.
 */
export async function addPage(
  inUse: IndexInUse,
  settings: Settings,
  checked: { article: Article; url: string } | undefined,
  named: string | null,
  now = Date.now(),
): Promise<AddPageAnswer> {
  if (!checked) return { added: false, reason: 'no-article', suggestion: '' };
  const { article, url } = checked;
  const site = hostOf(url);
  const agency =
    named?.trim() ||
    agencySiteOf(site)?.agency ||
    article.credits.find((c) => TEXT_CREDITS.has(c.place))?.agency ||
    null;
  if (!agency) return { added: false, reason: 'needs-source', suggestion: article.siteName ?? site };
  const { record, change } = await inUse.learned.learn(
    { kind: 'added', url, site, agency, article },
    settings.learnedCap,
    now,
  );
  const { story } = record;
  return { added: true, headline: story.headlines.at(-1) ?? story.id, change, source: sourceOf(record) };
}

const sizes = new WeakMap<LearnedRecord, number>();
const sizeOf = (record: LearnedRecord) => {
  let size = sizes.get(record);
  if (size === undefined) sizes.set(record, (size = recordBytes(record)));
  return size;
};

function summary(record: LearnedRecord): LearnedSummary {
  const { story } = record;
  return {
    id: record.id,
    kind: record.kind,
    agency: story.agency,
    headline: story.headlines.at(-1) ?? story.id,
    date: story.date,
    source: sourceOf(record),
    url: story.url,
    updates: story.wire.length,
    copies: story.versions.filter((v) => v.writeThrough === null).length,
  };
}

/** The learned and added stories whose headline, agency or site hold every word of the query, newest first. */
export function learnedList(records: readonly LearnedRecord[], query: string): LearnedList {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = records
    .filter((r) => {
      const text = `${r.story.headlines.join(' ')} ${r.story.agency} ${r.site}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => b.learnedAt - a.learnedAt || a.id.localeCompare(b.id));
  return {
    stories: found.slice(0, LIST_PAGE).map(summary),
    found: found.length,
    learned: records.filter((r) => r.kind === 'learned').length,
    added: records.filter((r) => r.kind === 'added').length,
    bytes: records.reduce((sum, r) => sum + sizeOf(r), 0),
  };
}
