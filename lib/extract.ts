import { Readability } from '@mozilla/readability';
import { plainArticle, type Block, type BlockKind, type ExtractResult, type MetaLine } from './article';
import { cleanBlocks, matchRule } from './clean';
import { findCredits } from './credits';
import { detectArticle, jsonLdArticle, readJsonLd } from './detect';
import { normalizeText, wordCount } from './text';
import { uniqueBy } from './unique';

/**
 * Past these, a page is refused as too large rather than parsed at the
 * reader's expense. Text is counted outside scripts and styles: news sites
 * ship megabytes of hydration JSON in scripts, which is not the page's text.
 */
const MAX_PAGE_ELEMENTS = 60_000;
export const MAX_TEXT_CHARS = 3_000_000;

/** Left out of the copy Readability works on: never the story's text (figcaptions are kept aside as metadata). */
const NEVER_BODY_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'SVG',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
  'EMBED',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'FIGCAPTION',
  'NAV',
  'ASIDE',
  'FOOTER',
  'LINK',
  'META',
]);
/** Past this depth the copy keeps only text: a 10,000-deep page keeps its words but not its nesting. */
const MAX_COPY_DEPTH = 100;

/** Elements whose whole text is one block of the body, unless they hold blocks themselves. */
const LEAF_BLOCK_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'DT', 'DD']);
/** Inline elements: their text joins the paragraph around them. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'OUTPUT',
  'IMG',
  'PICTURE',
  'LABEL',
]);
/** Inside a leaf candidate, any of these means it is a container after all (a layout table row, an li of paragraphs). */
const NESTED_BLOCK_SELECTOR = 'p, div, section, article, table, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre';
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Deeper than this, the walk stops descending (a 10,000-deep page must not blow the stack). */
const MAX_WALK_DEPTH = MAX_COPY_DEPTH + 10;

function metaContent(doc: Document, selector: string): string | null {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value ? normalizeText(value) : null;
}

function leafKind(el: Element): BlockKind {
  if (HEADING_TAGS.has(el.tagName)) return 'heading';
  if (el.tagName === 'LI') return 'bullet';
  return 'paragraph';
}

/** A table row reads as its cells separated by spaces ("1 Kyle Busch 5040"), not run together. */
function leafText(el: Element): string {
  if (el.tagName !== 'TR') return el.textContent ?? '';
  return Array.from(el.children)
    .map((cell) => cell.textContent ?? '')
    .join(' ');
}

/**
 * Text blocks of a container in document order. Paragraph elements are
 * blocks; text loose in a container (IGN's deal descriptions sit between an
 * h2 and a ul with no <p>) becomes a block of its own, ended by a line break
 * or the next block; table rows are blocks of their cells.
 */
function blocksOf(container: Element): Block[] {
  const out: Block[] = [];
  let run = '';
  const flush = () => {
    const text = normalizeText(run);
    if (text) out.push({ kind: 'paragraph', text });
    run = '';
  };
  const walk = (node: Element, depth: number): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        run += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'BR') {
        run += '\n';
        if (el.nextSibling?.nodeType === 1 && (el.nextSibling as Element).tagName.toUpperCase() === 'BR') flush();
        continue;
      }
      if (INLINE_TAGS.has(tag)) {
        run += el.textContent ?? '';
        continue;
      }
      flush();
      if (LEAF_BLOCK_TAGS.has(tag) && !el.querySelector(NESTED_BLOCK_SELECTOR)) {
        const text = normalizeText(leafText(el));
        if (text) out.push({ kind: leafKind(el), text });
      } else if (depth < MAX_WALK_DEPTH) {
        walk(el, depth + 1);
        flush();
      }
    }
  };
  walk(container, 0);
  flush();
  return out;
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
 * A document's body, or null. Readability can leave its copy without a root
 * element (a fuzzed variant of a benchmark page did), and linkedom's `body`
 * then throws where a browser's returns null.
 */
function bodyOf(doc: Document): HTMLElement | null {
  return doc.documentElement ? doc.body : null;
}

/**
 * The short lines right after the headline, in reading order, read before
 * Readability rewrites the copy: candidates for the header's byline and date
 * lines (headerMetaLines).
 */
function linesAfterHeadline(copy: Document): string[] {
  const h1 = copy.querySelector('h1');
  const root = bodyOf(copy);
  if (!h1 || !root) return [];
  const out: string[] = [];
  let el: Element | null = h1;
  for (let seen = 0; seen < HEADER_SCAN_ELEMENTS && el; seen++) {
    el = nextInOrder(el, root);
    if (!el || el.firstElementChild) continue;
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
 * The copy of the page extraction works on. Readability rewrites the tree it
 * is given, and the reader's page must stay as it is, so it gets this copy:
 * built node by node without the elements that are never body text (cheaper
 * than a deep clone followed by removals), iteratively so no nesting depth
 * can overflow the stack. Figure captions are returned aside.
 */
function copyForExtraction(doc: Document): { copy: Document; captions: string[] } | null {
  const copy = doc.cloneNode(false) as Document;
  const captions: string[] = [];
  const rootCopy = copy.importNode(doc.documentElement, false);
  copy.appendChild(rootCopy);
  const stack: Array<{ from: Node; to: Node; depth: number }> = [{ from: doc.documentElement, to: rootCopy, depth: 0 }];
  let textChars = 0;
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    for (let child = from.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        textChars += child.nodeValue?.length ?? 0;
        if (textChars > MAX_TEXT_CHARS) return null;
        to.appendChild(copy.importNode(child, false));
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = (child as Element).tagName.toUpperCase();
      if (NEVER_BODY_TAGS.has(tag)) {
        if (tag === 'FIGCAPTION') captions.push(normalizeText(child.textContent ?? ''));
        continue;
      }
      if (depth >= MAX_COPY_DEPTH) {
        const text = child.textContent ?? '';
        textChars += text.length;
        if (textChars > MAX_TEXT_CHARS) return null;
        to.appendChild(copy.createTextNode(text));
        continue;
      }
      const el = copy.importNode(child, false);
      to.appendChild(el);
      stack.push({ from: child, to: el, depth: depth + 1 });
    }
  }
  return { copy, captions };
}

type ReadabilityResult = ReturnType<Readability<Element>['parse']>;

/**
 * Where an article's metadata can come from, most trusted first: the page's
 * meta tags, its JSON-LD, Readability's reading, then the lines under the
 * headline (Investing.com shows "By Robin Emmott" and "Published …" only there).
 */
interface MetadataSources {
  doc: Document;
  ld: ReturnType<typeof jsonLdArticle>;
  parsed: ReadabilityResult;
  header: readonly MetaLine[];
}

function bylineFrom({ doc, ld, parsed, header }: MetadataSources): string | null {
  const line =
    metaContent(doc, 'meta[name="author"]') ??
    ld.author ??
    (parsed?.byline ? normalizeText(parsed.byline) : null) ??
    header.find((m) => m.kind === 'byline')?.text ??
    null;
  return line ? withoutBy(line) : null;
}

function publishedFrom({ doc, ld, parsed, header }: MetadataSources): string | null {
  return (
    metaContent(doc, 'meta[property="article:published_time"]') ??
    ld.datePublished ??
    parsed?.publishedTime ??
    shownDate(header, 'published') ??
    null
  );
}

function updatedFrom({ doc, ld, header }: MetadataSources): string | null {
  return metaContent(doc, 'meta[property="article:modified_time"]') ?? ld.dateModified ?? shownDate(header, 'updated');
}

/**
 * Extracts the article of a document. Works on a copy (copyForExtraction): Readability
 * rewrites the tree it is given, and the reader's page must stay as it is.
 */
export function extractDocument(doc: Document, options: { skipDetect?: boolean } = {}): ExtractResult {
  const root = doc.documentElement;
  if (!root) return { ok: false, reason: 'empty' };
  if (doc.getElementsByTagName('*').length > MAX_PAGE_ELEMENTS) return { ok: false, reason: 'too-large' };
  const jsonLd = readJsonLd(doc);
  if (!options.skipDetect && detectArticle(doc, jsonLd) === 'none') return { ok: false, reason: 'not-article' };

  const siteName = metaContent(doc, 'meta[property="og:site_name"]');
  const title = pageTitle(doc, siteName);
  const copied = copyForExtraction(doc);
  if (!copied) return { ok: false, reason: 'too-large' };
  const { copy, captions } = copied;
  const linesAtTop = linesAfterHeadline(copy);

  let parsed: ReadabilityResult;
  try {
    parsed = new Readability<Element>(copy, { serializer: (el) => el as Element, charThreshold: 300 }).parse();
  } catch {
    parsed = null;
  }
  const container = parsed?.content ?? bodyOf(copy);
  if (!container) return { ok: false, reason: 'empty' };
  const { blocks, meta } = cleanBlocks(blocksOf(container), title);
  if (blocks.length === 0) return { ok: false, reason: 'empty' };
  const header = headerMetaLines(linesAtTop, blocks);
  for (const caption of captions) if (caption) meta.push({ kind: 'caption', text: caption });
  meta.unshift(...header);
  // A caption shown as a figcaption and again as text (CGTN) is one caption.
  const uniqueMeta = uniqueBy(meta, (m) => `${m.kind}\u0000${m.text}`);

  const sources: MetadataSources = { doc, ld: jsonLdArticle(jsonLd), parsed, header };
  const byline = bylineFrom(sources);
  return {
    ok: true,
    article: {
      title: title || normalizeText(parsed?.title ?? ''),
      byline,
      published: publishedFrom(sources),
      updated: updatedFrom(sources),
      siteName: siteName ?? parsed?.siteName ?? null,
      language: root.getAttribute('lang') || parsed?.lang || null,
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
