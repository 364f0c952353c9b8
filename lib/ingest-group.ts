/**
 * Groups ingested feed items into stories: the write-throughs of one wire
 * story become versions of one corpus story. An item joins a story by, in
 * order: the same key (ninjs uri, NewsML-G2 guid, RSS guid, Atom or JSON Feed
 * id), the same URL, or the same agency within a few days and mostly the same
 * text (at least half the smaller text's fingerprints, as a learned page
 * joins a learned story) when the item or the story has no key of its own.
 * The same text again adds nothing. Pure: the caller
 * keeps the stories between runs and writes the corpus.
 */
import type { FeedItem } from './feeds';
import { readText } from './fingerprint';

/** Write-throughs of one story run over hours, corrections over a day or two. */
const SAME_STORY_DAYS = 3;
/** Share of the smaller text's fingerprints a write-through shares with the story it updates. */
const SAME_TEXT_SHARE = 0.5;
/** Fingerprints kept per story for the text test: one in this many (by hash), so the state stays small. */
const FINGERPRINT_SAMPLE = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IngestVersion {
  /** Version id in the corpus (its file is versions/ID.txt). */
  id: string;
  key: string | null;
  version: number | null;
  url: string | null;
  title: string;
  date: string | null;
  bylines: string[];
  dateline: string | null;
  language: string | null;
  /** Hash of the paragraphs: the same text again is not a new write-through. */
  textHash: number;
}

export interface IngestStory {
  id: string;
  agency: string;
  keys: string[];
  urls: string[];
  /** Sampled fingerprints of the latest text, sorted. */
  fingerprints: number[];
  versions: IngestVersion[];
}

export type GroupResult =
  | { kind: 'new'; story: IngestStory; version: IngestVersion }
  | { kind: 'version'; story: IngestStory; version: IngestVersion }
  | { kind: 'same'; story: IngestStory };

function hashText(paragraphs: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const c of paragraphs.join('\n')) h = Math.imul(h ^ c.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}

function sampled(paragraphs: readonly string[]): number[] {
  return readText(paragraphs).fingerprints.filter((h) => h % FINGERPRINT_SAMPLE === 0);
}

function sharedShare(a: readonly number[], b: readonly number[]): number {
  if (!a.length || !b.length) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / Math.min(a.length, b.length);
}

/** Stories by key, URL and sampled fingerprint, per stories array (which only grows): look-ups, never scans. */
interface StoryIndex {
  byKey: Map<string, IngestStory>;
  byUrl: Map<string, IngestStory>;
  byFingerprint: Map<number, IngestStory[]>;
  indexed: number;
}
const storyIndexes = new WeakMap<IngestStory[], StoryIndex>();

function indexStory(index: StoryIndex, story: IngestStory): void {
  for (const k of story.keys) if (!index.byKey.has(k)) index.byKey.set(k, story);
  for (const u of story.urls) if (!index.byUrl.has(u)) index.byUrl.set(u, story);
  for (const h of story.fingerprints) {
    const list = index.byFingerprint.get(h);
    if (!list) index.byFingerprint.set(h, [story]);
    else if (!list.includes(story)) list.push(story);
  }
}

function storyIndex(stories: IngestStory[]): StoryIndex {
  let index = storyIndexes.get(stories);
  if (!index)
    storyIndexes.set(stories, (index = { byKey: new Map(), byUrl: new Map(), byFingerprint: new Map(), indexed: 0 }));
  for (; index.indexed < stories.length; index.indexed++) indexStory(index, stories[index.indexed]!);
  return index;
}

/** Stories sharing any sampled fingerprint with a text: the only ones the text test can accept. */
function storiesSharingText(stories: IngestStory[], fingerprints: readonly number[]): IngestStory[] {
  const index = storyIndex(stories);
  const out = new Set<IngestStory>();
  for (const h of fingerprints) for (const story of index.byFingerprint.get(h) ?? []) out.add(story);
  return [...out];
}

/** The story of the same agency, within days, whose text this one mostly shares (the most, if several). */
function sameText(
  stories: IngestStory[],
  item: FeedItem,
  agency: string,
  time: number,
  fingerprints: readonly number[],
): IngestStory | null {
  let best: { story: IngestStory; share: number } | null = null;
  for (const s of storiesSharingText(stories, fingerprints)) {
    if (s.agency !== agency) continue;
    // Two items whose feed gives each its own key are two stories by the agency's own account
    // (templated market reports share most of their words).
    if (item.key && s.keys.length) continue;
    const last = Date.parse(s.versions.at(-1)?.date ?? '');
    if (!Number.isNaN(time) && !Number.isNaN(last) && Math.abs(time - last) > SAME_STORY_DAYS * DAY_MS) continue;
    const share = sharedShare(s.fingerprints, fingerprints);
    if (share >= SAME_TEXT_SHARE && (!best || share > best.share)) best = { story: s, share };
  }
  return best?.story ?? null;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24) || 'wire';

const day = (iso: string | null) => (iso ?? '').slice(0, 10);

/** Write-throughs in order: by their number where both have one, else by time. */
function versionOrder(a: IngestVersion, b: IngestVersion): number {
  if (a.version !== null && b.version !== null && a.version !== b.version) return a.version - b.version;
  return (a.date ?? '').localeCompare(b.date ?? '');
}

/** The story date: the first write-through's day. */
function storyDate(story: IngestStory): string {
  return day([...story.versions].sort(versionOrder)[0]?.date ?? null) || '1970-01-01';
}

/**
 * Places one item among the stories (which it updates in place): a new story, a new
 * write-through of one, or the same text again.
 */
export function groupItem(stories: IngestStory[], item: FeedItem, defaultAgency: string): GroupResult {
  const agency = item.agency ?? defaultAgency;
  const fingerprints = sampled(item.paragraphs);
  const time = item.date ? Date.parse(item.date) : NaN;
  const story =
    (item.key && storyIndex(stories).byKey.get(item.key)) ||
    (item.url && storyIndex(stories).byUrl.get(item.url)) ||
    sameText(stories, item, agency, time, fingerprints) ||
    null;
  const textHash = hashText(item.paragraphs);
  const version = (id: string): IngestVersion => ({
    id,
    key: item.key,
    version: item.version,
    url: item.url,
    title: item.title,
    date: item.date,
    bylines: item.bylines,
    dateline: item.dateline,
    language: item.language,
    textHash,
  });
  if (!story) {
    const created: IngestStory = {
      id: `${slug(agency)}-${day(item.date) || 'undated'}-${(hashText([item.key ?? item.url ?? item.title, ...item.paragraphs.slice(0, 1)]) >>> 0).toString(16).padStart(8, '0')}`,
      agency,
      keys: item.key ? [item.key] : [],
      urls: item.url ? [item.url] : [],
      fingerprints,
      versions: [],
    };
    const v = version('w1');
    created.versions.push(v);
    stories.push(created);
    return { kind: 'new', story: created, version: v };
  }
  if (item.key && !story.keys.includes(item.key)) story.keys.push(item.key);
  if (item.url && !story.urls.includes(item.url)) story.urls.push(item.url);
  indexStory(storyIndex(stories), story);
  if (story.versions.some((v) => v.textHash === textHash)) return { kind: 'same', story };
  const v = version(`w${story.versions.length + 1}`);
  story.versions.push(v);
  story.fingerprints = fingerprints;
  indexStory(storyIndex(stories), story);
  return { kind: 'version', story, version: v };
}

/** The corpus story.json of a grouped story (docs/INDEX.md): the newest write-through is "latest". */
export function corpusStoryJson(story: IngestStory) {
  const ordered = [...story.versions].sort(versionOrder);
  const newest = ordered.at(-1)!;
  return {
    id: story.id,
    agency: story.agency,
    date: storyDate(story),
    dateline: newest.dateline,
    bylines: [...new Set(ordered.flatMap((v) => v.bylines))],
    headlines: [...new Set(ordered.map((v) => v.title).reverse())].filter(Boolean),
    url: newest.url,
    versions: ordered.map((v, i) => ({
      id: v.id,
      file: `versions/${v.id}.txt`,
      outlet: story.agency,
      url: v.url,
      language: v.language ?? 'en',
      shownDates: v.date,
      credits: story.agency,
      relation: 'verbatim',
      writeThrough: i === ordered.length - 1 ? 'latest' : `earlier-${ordered.length - 1 - i}`,
    })),
  };
}
