import { plainArticle, type Block, type ExtractResult, type MetaLine } from './article';
import { cleanBlocks, matchRule } from './clean';
import { findCredits } from './credits';
import { detectArticle, jsonLdArticle, readJsonLd } from './detect';
import { articleBlocks, modelOf } from './main-content';
import { isSkippedTag, MAX_TEXT_CHARS, walkPage } from './page-walk';
import { normalizeText, wordCount } from './text';
import { uniqueBy } from './unique';

/** Past this, a page is refused as too large rather than read at the reader's expense. */
const MAX_PAGE_ELEMENTS = 60_000;
export { MAX_TEXT_CHARS };

function metaContent(doc: Document, selector: string): string | null {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value ? normalizeText(value) : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Headline - VOI", "CGTN | Headline": the site's name is not part of the headline. */
function withoutSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const name = escapeRegExp(siteName);
  return title
    .replace(new RegExp(`\\s+[-|–—:·]\\s+${name}$`, 'i'), '')
    .replace(new RegExp(`^${name}\\s+[-|–—:·]\\s+`, 'i'), '')
    .trim();
}

function pageTitle(doc: Document, siteName: string | null): string {
  const h1 = normalizeText(doc.querySelector('h1')?.textContent ?? '');
  const candidates = [metaContent(doc, 'meta[property="og:title"]'), normalizeText(doc.title ?? '')]
    .filter((t): t is string => !!t)
    .map((t) => withoutSiteName(t, siteName));
  // The page's own h1 is the headline without decoration when the metadata merely adds to it.
  if (h1 && wordCount(h1) >= 2 && candidates.some((t) => t.startsWith(h1))) return h1;
  return [...candidates.slice(0, 1), h1, ...candidates.slice(1)].find((t) => t && wordCount(t) >= 2) ?? '';
}

/** How far after the headline we look for the byline and date lines Readability drops as too short. */
const HEADER_SCAN_ELEMENTS = 60;
const HEADER_LINE_MAX_WORDS = 15;

function nextInOrder(el: Element, root: Element): Element | null {
  if (el.firstElementChild) return el.firstElementChild;
  for (let at: Element | null = el; at && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) return at.nextElementSibling;
  }
  return null;
}

/**
 * The short lines right after the headline, in reading order: candidates for
 * the header's byline and date lines (headerMetaLines). Read element by
 * element, not block by block: a byline and a date in spans of one line are
 * two lines here ("By Robin Emmott", "Published 12/01/2022, 13:09").
 */
function linesAfterHeadline(doc: Document): string[] {
  const h1 = doc.querySelector('h1');
  const root = doc.documentElement;
  if (!h1 || !root) return [];
  const out: string[] = [];
  let el: Element | null = h1;
  for (let seen = 0; seen < HEADER_SCAN_ELEMENTS && el; seen++) {
    el = nextInOrder(el, root);
    if (!el || el.firstElementChild || isSkippedTag(el.tagName.toUpperCase())) continue;
    const text = normalizeText(el.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

/**
 * Byline and date lines right after the headline ("By Robin Emmott, ...",
 * "Published 12/01/2022, 13:09" on Investing.com): short, so Readability
 * drops them, but they say who wrote the story and when. Recognised by the
 * same boilerplate rules that move such lines to metadata in the body.
 */
function headerMetaLines(lines: readonly string[], blocks: readonly Block[]): MetaLine[] {
  // Summary bullets may stand above the byline (Reuters' "Summary" list): the story begins at its first paragraph.
  const bodyTexts = new Set(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text));
  const out: MetaLine[] = [];
  for (const text of lines) {
    // The story has begun: lines below its text are not the header's (CGTN's closing
    // "Source(s): Reuters" lies within the scan of a short page and is an end note, not a byline).
    if (bodyTexts.has(text)) break;
    if (wordCount(text) > HEADER_LINE_MAX_WORDS) continue;
    const rule = matchRule(text);
    if (rule?.action === 'meta' && (rule.meta === 'byline' || rule.meta === 'date' || rule.meta === 'credit')) {
      out.push({ kind: rule.meta, text, bodyIndex: 0 });
    }
  }
  return out;
}

/** "By Robin Emmott, Sabine Siebold" → "Robin Emmott, Sabine Siebold". */
function withoutBy(line: string): string {
  return line.replace(/^by\s+/i, '');
}

const UPDATED_PREFIX = /^(?:updated|last updated|last modified)(?:\s+on)?:?\s+/i;
const PUBLISHED_PREFIX = /^(?:published|posted)(?:\s+on)?:?\s+/i;

/**
 * The date as the page shows it: "Published 12/01/2022, 13:09" → "12/01/2022, 13:09".
 * A date line without a prefix is the publication date (TBS's "12 January, 2022, 09:50 pm").
 */
function shownDate(lines: readonly MetaLine[], kind: 'published' | 'updated'): string | null {
  const dates = lines.filter((m) => m.kind === 'date');
  const line =
    kind === 'updated'
      ? dates.find((m) => UPDATED_PREFIX.test(m.text))
      : (dates.find((m) => PUBLISHED_PREFIX.test(m.text)) ?? dates.find((m) => !UPDATED_PREFIX.test(m.text)));
  return line ? line.text.replace(kind === 'updated' ? UPDATED_PREFIX : PUBLISHED_PREFIX, '') : null;
}

/**
 * Where an article's metadata can come from, most trusted first: the page's
 * meta tags, its JSON-LD, the element its class calls the byline, then the
 * lines under the headline (Investing.com shows "By Robin Emmott" and
 * "Published …" only there).
 */
interface MetadataSources {
  doc: Document;
  ld: ReturnType<typeof jsonLdArticle>;
  bylineElement: string | null;
  header: readonly MetaLine[];
}

function bylineFrom({ doc, ld, bylineElement, header }: MetadataSources): string | null {
  const line =
    metaContent(doc, 'meta[name="author"]') ??
    ld.author ??
    bylineElement ??
    header.find((m) => m.kind === 'byline')?.text ??
    null;
  return line ? withoutBy(line) : null;
}

function publishedFrom({ doc, ld, header }: MetadataSources): string | null {
  return (
    metaContent(doc, 'meta[property="article:published_time"]') ??
    ld.datePublished ??
    shownDate(header, 'published') ??
    null
  );
}

function updatedFrom({ doc, ld, header }: MetadataSources): string | null {
  return metaContent(doc, 'meta[property="article:modified_time"]') ?? ld.dateModified ?? shownDate(header, 'updated');
}

/**
 * Extracts the article of a document. Reads the page once (walkPage) and never
 * changes it: the reader's page stays as it is.
 */
export function extractDocument(doc: Document, options: { skipDetect?: boolean } = {}): ExtractResult {
  const root = doc.documentElement;
  if (!root) return { ok: false, reason: 'empty' };
  if (doc.getElementsByTagName('*').length > MAX_PAGE_ELEMENTS) return { ok: false, reason: 'too-large' };
  const jsonLd = readJsonLd(doc);
  if (!options.skipDetect && detectArticle(doc, jsonLd) === 'none') return { ok: false, reason: 'not-article' };

  const siteName = metaContent(doc, 'meta[property="og:site_name"]');
  const title = pageTitle(doc, siteName);
  const walk = walkPage(doc, doc.getElementsByTagName('body')[0] ?? root);
  if (!walk) return { ok: false, reason: 'too-large' };
  const model = modelOf(walk);
  const article = articleBlocks(model);
  const picked: Block[] = article.blocks.map((i) => ({ kind: walk.blocks[i]!.kind, text: walk.blocks[i]!.text }));
  const { blocks, meta } = cleanBlocks(picked, title, article.captionTexts);
  for (const i of article.captions) meta.push({ kind: 'caption', text: walk.blocks[i]!.text });
  if (blocks.length === 0) return { ok: false, reason: 'empty' };
  const header = headerMetaLines(linesAfterHeadline(doc), blocks);
  for (const caption of walk.captions) if (caption) meta.push({ kind: 'caption', text: caption });
  meta.unshift(...header);
  // A caption shown as a figcaption and again as text (CGTN) is one caption.
  const uniqueMeta = uniqueBy(meta, (m) => `${m.kind}\u0000${m.text}`);

  const bylineBox = model.byline;
  const bylineElement = bylineBox
    ? walk.blocks
        .slice(bylineBox.firstBlock, bylineBox.endBlock)
        .map((b) => b.text)
        .join(' ')
    : null;
  const sources: MetadataSources = { doc, ld: jsonLdArticle(jsonLd), bylineElement, header };
  const byline = bylineFrom(sources);
  return {
    ok: true,
    article: {
      title,
      byline,
      published: publishedFrom(sources),
      updated: updatedFrom(sources),
      siteName,
      language: root.getAttribute('lang') || null,
      canonicalUrl: doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
      blocks,
      meta: uniqueMeta,
      credits: findCredits({ byline, blocks, meta: uniqueMeta }),
    },
  };
}

/** The title of a plain-text page: the first line that reads like a headline. */
function textTitle(lines: readonly string[]): string {
  for (const line of lines) {
    if (matchRule(line)) continue;
    const n = wordCount(line);
    if (n >= 3 && n <= 30 && !/[.]$/.test(line)) return line;
  }
  return '';
}

/** Extracts the article of a plain-text page (a reader's copy-paste of a whole page). */
export function extractText(text: string): ExtractResult {
  if (text.length > MAX_TEXT_CHARS) return { ok: false, reason: 'too-large' };
  const lines = text
    .split(/\r?\n/)
    .map((l) => normalizeText(l))
    .filter(Boolean);
  const title = textTitle(lines);
  const { blocks, meta } = cleanBlocks(
    lines.map((l) => ({ kind: 'paragraph' as const, text: l })),
    title,
  );
  if (blocks.length === 0) return { ok: false, reason: 'empty' };
  return {
    ok: true,
    article: plainArticle(title, [], { blocks, meta, credits: findCredits({ byline: null, blocks, meta }) }),
  };
}
