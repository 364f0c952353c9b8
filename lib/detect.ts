import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';

/** schema.org types that mark a page as one article (JSON-LD `@type`). */
const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'backgroundnewsarticle',
  'blogposting',
  'report',
]);

/** Largest JSON-LD script we parse: a bigger one is a data dump, not article metadata. */
const MAX_JSON_LD_CHARS = 200_000;

/** The page's JSON-LD blocks, parsed once per extraction; broken JSON is ignored. */
export function readJsonLd(doc: Document): unknown[] {
  const out: unknown[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS) continue;
    try {
      out.push(JSON.parse(text));
    } catch {
      // A site's broken JSON-LD is its problem, not a reason to fail.
    }
  }
  return out;
}

/** What the page's JSON-LD article says about itself: evidence, not gospel (only strings are taken). */
export interface JsonLdArticle {
  author: string | null;
  datePublished: string | null;
  dateModified: string | null;
}

function findArticleNode(node: unknown, depth = 0): Record<string, unknown> | null {
  if (depth > 4 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findArticleNode(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  if (types.some((t) => ARTICLE_TYPES.has(t.toLowerCase()))) return record;
  return record['@graph'] ? findArticleNode(record['@graph'], depth + 1) : null;
}

function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    const names = value.map(stringOf).filter((v): v is string => v !== null);
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return stringOf((value as Record<string, unknown>).name);
  return null;
}

/** The article node of the page's JSON-LD (a schema.org article type, also inside @graph), if any. */
function articleNode(jsonLd: readonly unknown[]): Record<string, unknown> | null {
  for (const json of jsonLd) {
    const node = findArticleNode(json);
    if (node) return node;
  }
  return null;
}

export function jsonLdArticle(jsonLd: readonly unknown[]): JsonLdArticle {
  const node = articleNode(jsonLd);
  return {
    author: stringOf(node?.author),
    datePublished: stringOf(node?.datePublished),
    dateModified: stringOf(node?.dateModified),
  };
}

export type DetectReason = 'json-ld' | 'og-type' | 'readerable' | 'none';

/**
 * Cheap decision whether a page is an article worth extracting: structured
 * data first, then Readability's own pre-check (paragraph lengths only).
 */
export function detectArticle(doc: Document, jsonLd: readonly unknown[] = readJsonLd(doc)): DetectReason {
  if (articleNode(jsonLd)) return 'json-ld';
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.toLowerCase();
  if (ogType === 'article') return 'og-type';
  // Home pages and tickers declare og:type=website; Readability's check is the last word.
  if (isProbablyReaderable(doc, { minContentLength: 140, minScore: 40 })) return 'readerable';
  return 'none';
}
