import { Readability } from '@mozilla/readability';
import type { Block, BlockKind, ExtractResult } from './article';
import { cleanBlocks, matchRule } from './clean';
import { detectArticle } from './detect';
import { normalizeText, wordCount } from './text';

/** Past these, a page is refused as too large rather than parsed at the reader's expense. */
export const MAX_ELEMENTS = 60_000;
export const MAX_TEXT_CHARS = 3_000_000;

/** Elements whose text is one block of the body. */
const BLOCK_SELECTOR = 'p, h2, h3, h4, h5, h6, li, blockquote, pre';
const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
/** Removed from the copy before Readability sees it: never the story's text. */
const NEVER_BODY_SELECTOR =
  'script, style, noscript, template, iframe, svg, form, button, figcaption, nav, aside, footer';

function metaContent(doc: Document, selector: string): string | null {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value ? normalizeText(value) : null;
}

function blockKind(el: Element): BlockKind {
  if (HEADING_TAGS.has(el.tagName)) return 'heading';
  if (el.tagName === 'LI') return 'bullet';
  return 'paragraph';
}

/** Text blocks of a container in document order, skipping blocks nested in blocks. */
export function blocksOf(container: Element): Block[] {
  const out: Block[] = [];
  for (const el of Array.from(container.querySelectorAll(BLOCK_SELECTOR))) {
    if (el.parentElement?.closest(BLOCK_SELECTOR)) continue;
    const text = normalizeText(el.textContent ?? '');
    if (text) out.push({ kind: blockKind(el), text });
  }
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
  const copy = doc.cloneNode(true) as Document;
  const captions = Array.from(copy.querySelectorAll('figcaption')).map((el) => normalizeText(el.textContent ?? ''));
  for (const el of Array.from(copy.querySelectorAll(NEVER_BODY_SELECTOR))) el.remove();

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

  return {
    ok: true,
    article: {
      title: title || normalizeText(parsed?.title ?? ''),
      byline: metaContent(doc, 'meta[name="author"]') ?? (parsed?.byline ? normalizeText(parsed.byline) : null),
      published: metaContent(doc, 'meta[property="article:published_time"]') ?? parsed?.publishedTime ?? null,
      siteName: metaContent(doc, 'meta[property="og:site_name"]') ?? parsed?.siteName ?? null,
      language: doc.documentElement.getAttribute('lang') || parsed?.lang || null,
      canonicalUrl: doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
      blocks,
      meta,
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
    article: { title, byline: null, published: null, siteName: null, language: null, canonicalUrl: null, blocks, meta },
  };
}
