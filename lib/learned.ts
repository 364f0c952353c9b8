/**
 * Stories learned from reading, and added by hand: what one stored record
 * holds, how a page joins a story already learned (a write-through) or
 * starts a new one, how copies met elsewhere are remembered, which stories
 * the cap evicts first, how a damaged record is told from a good one, and
 * the index file they are exported as. Pure: utils/learned-store.ts keeps
 * the records in IndexedDB and the background's index in step.
 */
import { webUrl } from './hosts';
import { storyParagraphs, type Article } from './article';
import { wireQuotes } from './build-index';
import { readText, sortedDistinct } from './fingerprint';
import { INDEX_FORMAT, INDEX_SCHEMA_VERSION, validateStory, type Relation, type Story } from './index-schema';
import type { LearnedEntry } from './learned-index';
import { decodePrints, storyPrints, versionPrints, withVersionPrints } from './story-prints';
import type { StorySource } from './story-source';
import { hash32 } from './text';

/**
 * A page of the same agency joins a story when their dates are at most this far apart and it
 * shares this much of its text: the share of the smaller text's fingerprints (content-word pairs)
 * found in the other. An update of an AP story keeps most of its sentences and adds a few at the
 * top (well over half shared); another AP story of the same day shares a stray phrase or two.
 */
const SAME_STORY_DAYS = 3;
const SAME_STORY_SHARE = 0.5;
/** Versions met elsewhere kept per story: the compare page lists them, and a story copied everywhere stays small. */
const MAX_MET_VERSIONS = 50;
/** Addresses (pages and canonicals) kept per story. */
const MAX_URLS = 20;
/**
 * When the cap is passed, stories are evicted down to this share under it, in one batch: the
 * index re-packs once per batch, not once per story learned at the cap (5,000 → 4,750).
 */
const EVICTION_SLACK = 0.05;
/** Stories learned this recently go last: copies of a wire story appear within days of it. */
const FRESH_DAYS = 7;
const DAY_MS = 86_400_000;

export type LearnedKind = 'learned' | 'added';

export interface LearnedRecord {
  id: string;
  kind: LearnedKind;
  /** The site it was read on ("apnews.com"; for a page added by hand, its host). */
  site: string;
  /** Addresses that are this story (pages and canonicals, as addressKey gives them): the same URL is the same story. */
  urls: string[];
  learnedAt: number;
  updatedAt: number;
  /** Distinct pages elsewhere that matched it, and when the last did: the cap keeps the useful ones. */
  matches: number;
  lastMatchedAt: number | null;
  story: Story;
  /** What matching needs of its text (lib/learned-index readStory), kept so that opening the store reads no text. */
  fingerprints: Uint32Array;
  prints: Uint32Array;
}

/** A page the reader read on an agency site, or asked to add. */
export interface PageToLearn {
  kind: LearnedKind;
  url: string;
  site: string;
  /** The agency or organisation the text is from ("Associated Press"; named by the reader for an added page). */
  agency: string;
  article: Article;
}

export type LearnChange = 'new' | 'write-through' | 'same';

/**
 * An address as stories are keyed by it: no scheme, no "www.", no fragment, no tracking
 * parameters, no trailing slash. A site's own query stays (bernama.com/en/news.php?id=1 is one
 * article, ?id=2 another).
 */
export function addressKey(url: string): string | null {
  const parsed = webUrl(url);
  if (!parsed) return null;
  for (const key of [...parsed.searchParams.keys()])
    if (/^utm_|^(fbclid|gclid|ref)$/.test(key)) parsed.searchParams.delete(key);
  const query = parsed.searchParams.toString();
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  return `${host}${parsed.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
}

/** The page's address and its canonical (resolved against the page), as keys. */
function pageAddresses(page: PageToLearn): string[] {
  const keys = [addressKey(page.url)];
  const canonical = page.article.canonicalUrl;
  if (canonical) {
    try {
      keys.push(addressKey(new URL(canonical, page.url).href));
    } catch {
      // A broken canonical says nothing: the page's own address stays.
    }
  }
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/** YYYY-MM-DD of a date a page shows (ISO or anything Date reads), or null. */
function dayOf(text: string | null): string | null {
  if (!text) return null;
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(text);
  if (iso) return iso[0];
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

const dayOfTime = (time: number) => new Date(time).toISOString().slice(0, 10);

/** "PORT ELLIS, Maine (AP) —" opening the first paragraph: the place, a capitalised word first, then the credit. */
const OPENING_DATELINE = /^(\p{Lu}[\p{Lu}\p{M} .'-]+(?:,\s*[\p{L}. ]{2,30})?)\s*\([^()]{1,40}\)\s*[-–—:]/u;

/** "WASHINGTON (AP) —" → "WASHINGTON": the dateline the story opens with, if any. */
function datelineOf(article: Article, paragraphs: readonly string[]): string | null {
  const credit = article.credits.find((c) => c.place === 'dateline');
  const place = credit?.text.replace(/\s*\(.*$/, '').trim() || OPENING_DATELINE.exec(paragraphs[0] ?? '')?.[1];
  return place?.trim() || null;
}

/** "By Jane Roe and John Doe" → ["Jane Roe", "John Doe"]; the agency's own name is not a byline. */
function bylinesOf(article: Article, agency: string): string[] {
  if (!article.byline) return [];
  return article.byline
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|&|\band\b)\s*/)
    .map((name) => name.trim())
    .filter((name) => name && name.toLowerCase() !== agency.toLowerCase());
}

/** Share of the smaller set found in the other (both sorted, distinct). */
function sharedShare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      common++;
      i++;
      j++;
    }
  }
  return common / Math.min(a.length, b.length);
}

function sameParagraphs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** What the page brings, read once: its addresses, text, fingerprints, sentence prints and date. */
interface ReadPage {
  page: PageToLearn;
  addresses: string[];
  paragraphs: string[];
  fingerprints: number[];
  prints: number[];
  day: string;
}

function readPage(page: PageToLearn, now: number): ReadPage {
  const paragraphs = storyParagraphs(page.article);
  const read = readText(paragraphs);
  return {
    page,
    addresses: pageAddresses(page),
    paragraphs,
    fingerprints: read.fingerprints,
    prints: versionPrints(read.sentences.map((s) => s.print)),
    day: dayOf(page.article.published) ?? dayOf(page.article.updated) ?? dayOfTime(now),
  };
}

/** The story a page belongs to: the same address, or the same agency within days with mostly the same text. */
function sameStory(records: Iterable<LearnedRecord>, read: ReadPage): LearnedRecord | null {
  let best: { record: LearnedRecord; share: number } | null = null;
  const day = Date.parse(read.day);
  for (const record of records) {
    if (read.addresses.some((a) => record.urls.includes(a))) return record;
    if (record.story.agency !== read.page.agency) continue;
    if (Math.abs(Date.parse(record.story.date) - day) > SAME_STORY_DAYS * DAY_MS) continue;
    const share = sharedShare(read.fingerprints, record.fingerprints);
    if (share >= SAME_STORY_SHARE && (!best || share > best.share)) best = { record, share };
  }
  return best?.record ?? null;
}

function outletOf(page: PageToLearn): string {
  return `${page.agency} (${page.site})`;
}

function newRecord(read: ReadPage, now: number): LearnedRecord {
  const { page, paragraphs } = read;
  const id = `${page.kind}-${page.site}-${(hash32(read.addresses[0] ?? page.url) >>> 0).toString(36)}`;
  const version = `${id}-1`;
  const wire = [{ version, paragraphs }];
  const story: Story = {
    id,
    agency: page.agency,
    date: read.day,
    dateline: datelineOf(page.article, paragraphs),
    bylines: bylinesOf(page.article, page.agency),
    headlines: page.article.title ? [page.article.title] : [],
    url: page.url,
    versions: [
      {
        id: version,
        outlet: outletOf(page),
        url: page.url,
        language: page.article.language ?? 'und',
        shownDates: page.article.published ?? null,
        credits: null,
        relation: 'verbatim',
        writeThrough: 'latest',
        title: page.article.title,
      },
    ],
    wire,
    quotes: wireQuotes(wire),
  };
  return {
    id,
    kind: page.kind,
    site: page.site,
    urls: read.addresses,
    learnedAt: now,
    updatedAt: now,
    matches: 0,
    lastMatchedAt: null,
    story,
    fingerprints: Uint32Array.from(read.fingerprints),
    prints: storyPrints([read.prints]),
  };
}

/**
 * A new write-through of a story: its text becomes the latest, the ones before stay as earlier
 * updates (a copy that ran the earlier text still matches it word for word), the headline joins
 * the day's headlines, quotes are read again from every write-through.
 */
function withWriteThrough(record: LearnedRecord, read: ReadPage, now: number): LearnedRecord {
  const { page } = read;
  const { story } = record;
  const count = story.versions.filter((v) => v.writeThrough !== null).length;
  const version = `${record.id}-${count + 1}`;
  const wire = [...story.wire, { version, paragraphs: read.paragraphs }];
  const title = page.article.title;
  return {
    ...record,
    urls: [...new Set([...record.urls, ...read.addresses])].slice(0, MAX_URLS),
    updatedAt: now,
    story: {
      ...story,
      headlines: title && !story.headlines.includes(title) ? [...story.headlines, title] : story.headlines,
      versions: [
        ...story.versions.map((v) => (v.writeThrough === 'latest' ? { ...v, writeThrough: 'earlier' } : v)),
        {
          id: version,
          outlet: outletOf(page),
          url: page.url,
          language: page.article.language ?? 'und',
          shownDates: page.article.updated ?? page.article.published ?? null,
          credits: null,
          relation: 'verbatim',
          writeThrough: 'latest',
          title,
        },
      ],
      wire,
      quotes: wireQuotes(wire),
    },
    fingerprints: Uint32Array.from(sortedDistinct([...record.fingerprints, ...read.fingerprints])),
    prints: withVersionPrints(record.prints, read.prints),
  };
}

/**
 * What a page read on an agency site (or added by hand) does to the stories learned so far: a new
 * story; a new write-through of one (the same address or canonical with another text, or the
 * same agency within days with mostly the same text); or nothing new (the same text again, from
 * this or another of its addresses, which is remembered).
 */
export function learnPage(
  records: Iterable<LearnedRecord>,
  page: PageToLearn,
  now: number,
): { record: LearnedRecord; change: LearnChange } {
  const read = readPage(page, now);
  const same = sameStory(records, read);
  if (!same) return { record: newRecord(read, now), change: 'new' };
  if (same.story.wire.some((w) => sameParagraphs(w.paragraphs, read.paragraphs))) {
    const urls = [...new Set([...same.urls, ...read.addresses])].slice(0, MAX_URLS);
    return { record: urls.length === same.urls.length ? same : { ...same, urls }, change: 'same' };
  }
  return { record: withWriteThrough(same, read, now), change: 'write-through' };
}

/** A page elsewhere that carries a learned story. */
export interface MetCopy {
  url: string;
  outlet: string;
  title: string;
  language: string;
  relation: Relation;
}

/**
 * The story after a page elsewhere matched it: counted once per page, and listed among its
 * versions (what the overlay on the agency's own page shows as "met elsewhere"). Null when
 * nothing changes: the page is the story's own, or was met before.
 */
export function withMetCopy(record: LearnedRecord, met: MetCopy, now: number): LearnedRecord | null {
  const key = addressKey(met.url);
  if (!key || record.urls.includes(key)) return null;
  const { story } = record;
  if (story.versions.some((v) => v.url !== null && addressKey(v.url) === key)) return null;
  const metCount = story.versions.filter((v) => v.writeThrough === null).length;
  const versions =
    metCount >= MAX_MET_VERSIONS
      ? story.versions
      : [
          ...story.versions,
          {
            id: `${record.id}-met-${(hash32(key) >>> 0).toString(36)}`,
            outlet: met.outlet,
            url: met.url,
            language: met.language,
            shownDates: null,
            credits: null,
            relation: met.relation,
            writeThrough: null,
            title: met.title,
          },
        ];
  return { ...record, matches: record.matches + 1, lastMatchedAt: now, story: { ...story, versions } };
}

/** Where a record came from, as every screen names it. */
export function sourceOf(record: LearnedRecord): StorySource {
  return { kind: record.kind, site: record.site, date: dayOfTime(record.learnedAt) };
}

/** A record as the learned index holds it. */
export function entryOf(record: LearnedRecord): LearnedEntry {
  return { story: record.story, fingerprints: record.fingerprints, prints: record.prints, source: sourceOf(record) };
}

/**
 * Learned stories to evict so that at most `cap` remain, in the order they go: stories learned
 * more than a week ago before recent ones (a wire story's copies appear within days), then the
 * least matched, then the longest unused. Stories the reader added by hand are never evicted.
 */
export function evictions(records: readonly LearnedRecord[], cap: number, now: number): string[] {
  const learned = records.filter((r) => r.kind === 'learned');
  if (learned.length <= cap) return [];
  const keep = cap - Math.floor(cap * EVICTION_SLACK);
  const fresh = (r: LearnedRecord) => (now - r.learnedAt < FRESH_DAYS * DAY_MS ? 1 : 0);
  const used = (r: LearnedRecord) => Math.max(r.updatedAt, r.lastMatchedAt ?? 0);
  return [...learned]
    .sort((a, b) => fresh(a) - fresh(b) || a.matches - b.matches || used(a) - used(b) || a.id.localeCompare(b.id))
    .slice(0, learned.length - keep)
    .map((r) => r.id);
}

export type RecordCheck = { ok: true; record: LearnedRecord } | { ok: false; error: string };

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * A stored value checked field by field before it is used: a damaged record (a browser crash
 * mid-write, a disk error, an older or newer Wiretrace) is refused with the reason, and only it.
 */
export function checkRecord(value: unknown): RecordCheck {
  const fail = (error: string): RecordCheck => ({ ok: false, error });
  if (value === null || typeof value !== 'object') return fail('not an object');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return fail('no id');
  if (r.kind !== 'learned' && r.kind !== 'added') return fail(`"${r.id}": kind must be learned or added`);
  if (typeof r.site !== 'string' || !r.site) return fail(`"${r.id}": no site`);
  if (!Array.isArray(r.urls) || !r.urls.every((u) => typeof u === 'string'))
    return fail(`"${r.id}": urls must be a list of addresses`);
  if (!isTime(r.learnedAt) || !isTime(r.updatedAt)) return fail(`"${r.id}": bad learnedAt or updatedAt`);
  if (!Number.isInteger(r.matches) || (r.matches as number) < 0) return fail(`"${r.id}": bad matches`);
  if (r.lastMatchedAt !== null && !isTime(r.lastMatchedAt)) return fail(`"${r.id}": bad lastMatchedAt`);
  if (!(r.fingerprints instanceof Uint32Array)) return fail(`"${r.id}": fingerprints must be a Uint32Array`);
  if (!(r.prints instanceof Uint32Array)) return fail(`"${r.id}": prints must be a Uint32Array`);
  let story: Story;
  try {
    story = validateStory(r.story, 'story');
  } catch (error) {
    return fail(`"${r.id}": ${(error as Error).message}`);
  }
  if (story.id !== r.id) return fail(`"${r.id}": its story is "${story.id}"`);
  if (story.wire.length === 0) return fail(`"${r.id}": no text`);
  // Walked once here, so that a damaged stream is dropped now, not met by a page later.
  try {
    decodePrints(r.prints, 0, r.prints.length, story.wire, (problem) => {
      throw new Error(problem === 'truncated' ? 'its prints are truncated' : 'its prints do not match its texts');
    });
  } catch (error) {
    return fail(`"${r.id}": ${(error as Error).message}`);
  }
  return { ok: true, record: value as LearnedRecord };
}

/** The stored size of a record, about: its story as JSON, its fingerprints and prints. */
export function recordBytes(record: LearnedRecord): number {
  return (
    new TextEncoder().encode(JSON.stringify(record.story)).length +
    record.fingerprints.byteLength +
    record.prints.byteLength
  );
}

/**
 * The reader's stories as an index file (the full build, lib/index-schema.ts): a trainer exports
 * the week's stories and the class imports them, through the same checks as any index file.
 */
export function exportIndex(records: Iterable<LearnedRecord>): string {
  const lines = [...records].map((r) => JSON.stringify(r.story));
  return `{"format":"${INDEX_FORMAT}","schemaVersion":${INDEX_SCHEMA_VERSION},"stories":[\n${lines.join(',\n')}\n]}\n`;
}

/** The export's file name: the day it was made ("wiretrace-my-stories-2024-11-03.json"). */
export function exportFileName(now: number): string {
  return `wiretrace-my-stories-${dayOfTime(now)}.json`;
}
