import { Readability } from '@mozilla/readability';
import type { Block, BlockKind, ExtractResult } from './article';
import { cleanBlocks, matchRule } from './clean';
import { findCredits } from './credits';
import { detectArticle, jsonLdArticle } from './detect';
import { normalizeText, wordCount } from './text';

/** Past these, a page is refused as too large rather than parsed at the reader's expense. */
export const MAX_ELEMENTS = 60_000;
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
export function blocksOf(container: Element): Block[] {
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

function pageTitle(doc: Document): string {
  const candidates = [
    metaContent(doc, 'meta[property="og:title"]'),
    normalizeText(doc.querySelector('h1')?.textContent ?? ''),
    normalizeText(doc.title ?? ''),
  ];
  return candidates.find((t) => t && wordCount(t) >= 2) ?? '';
}

/**
 * The copy of the page extraction works on. Readability rewrites the tree it
 * is given, and the reader's page must stay as it is, so it gets this copy:
 * built node by node without the elements that are never body text (cheaper
 * than a deep clone followed by removals), iteratively so no nesting depth
 * can overflow the stack. Figure captions are returned aside.
 */
function copyForExtraction(doc: Document): { copy: Document; captions: string[] } {
  const copy = doc.cloneNode(false) as Document;
  const captions: string[] = [];
  const rootCopy = copy.importNode(doc.documentElement, false);
  copy.appendChild(rootCopy);
  const stack: Array<{ from: Node; to: Node; depth: number }> = [{ from: doc.documentElement, to: rootCopy, depth: 0 }];
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    for (let child = from.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
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
        to.appendChild(copy.createTextNode(child.textContent ?? ''));
        continue;
      }
      const el = copy.importNode(child, false);
      to.appendChild(el);
      stack.push({ from: child, to: el, depth: depth + 1 });
    }
  }
  return { copy, captions };
}

/**
 * Extracts the article of a document. Works on a deep clone: Readability
 * rewrites the tree it is given, and the reader's page must stay as it is.
 */
export function extractDocument(doc: Document, options: { skipDetect?: boolean } = {}): ExtractResult {
  const root = doc.documentElement;
  if (!root) return { ok: false, reason: 'empty' };
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS || (root.textContent?.length ?? 0) > MAX_TEXT_CHARS) {
    return { ok: false, reason: 'too-large' };
  }
  if (!options.skipDetect && detectArticle(doc) === 'none') return { ok: false, reason: 'not-article' };

  const title = pageTitle(doc);
  const { copy, captions } = copyForExtraction(doc);

  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    parsed = new Readability<Element>(copy, { serializer: (el) => el as Element, charThreshold: 300 }).parse();
  } catch {
    parsed = null;
  }
  const container = parsed?.content ?? copy.body;
  if (!container) return { ok: false, reason: 'empty' };
  const { blocks, meta } = cleanBlocks(blocksOf(container), title);
  if (blocks.length === 0) return { ok: false, reason: 'empty' };
  for (const caption of captions) if (caption) meta.push({ kind: 'caption', text: caption });

  const ld = jsonLdArticle(doc);
  const byline =
    metaContent(doc, 'meta[name="author"]') ?? ld.author ?? (parsed?.byline ? normalizeText(parsed.byline) : null);
  return {
    ok: true,
    article: {
      title: title || normalizeText(parsed?.title ?? ''),
      byline,
      published:
        metaContent(doc, 'meta[property="article:published_time"]') ??
        ld.datePublished ??
        parsed?.publishedTime ??
        null,
      updated: metaContent(doc, 'meta[property="article:modified_time"]') ?? ld.dateModified,
      siteName: metaContent(doc, 'meta[property="og:site_name"]') ?? parsed?.siteName ?? null,
      language: doc.documentElement.getAttribute('lang') || parsed?.lang || null,
      canonicalUrl: doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
      blocks,
      meta,
      credits: findCredits({ byline, blocks, meta }),
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
    article: {
      title,
      byline: null,
      published: null,
      updated: null,
      siteName: null,
      language: null,
      canonicalUrl: null,
      blocks,
      meta,
      credits: findCredits({ byline: null, blocks, meta }),
    },
  };
}
