import { isProbablyReaderable } from '@mozilla/readability';

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

function scriptsJson(doc: Document): unknown[] {
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

function typesOf(node: unknown, out: string[], depth = 0): void {
  if (depth > 4 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) typesOf(item, out, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  if (typeof type === 'string') out.push(type.toLowerCase());
  else if (Array.isArray(type)) for (const t of type) if (typeof t === 'string') out.push(t.toLowerCase());
  if (record['@graph']) typesOf(record['@graph'], out, depth + 1);
}

/** schema.org types declared in the page's JSON-LD, lower-cased; broken JSON is ignored. */
export function jsonLdTypes(doc: Document): string[] {
  const out: string[] = [];
  for (const json of scriptsJson(doc)) typesOf(json, out);
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

export function jsonLdArticle(doc: Document): JsonLdArticle {
  for (const json of scriptsJson(doc)) {
    const node = findArticleNode(json);
    if (node) {
      return {
        author: stringOf(node.author),
        datePublished: stringOf(node.datePublished),
        dateModified: stringOf(node.dateModified),
      };
    }
  }
  return { author: null, datePublished: null, dateModified: null };
}

export type DetectReason = 'json-ld' | 'og-type' | 'readerable' | 'none';

/**
 * Cheap decision whether a page is an article worth extracting: structured
 * data first, then Readability's own pre-check (paragraph lengths only).
 */
export function detectArticle(doc: Document): DetectReason {
  if (jsonLdTypes(doc).some((t) => ARTICLE_TYPES.has(t))) return 'json-ld';
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.toLowerCase();
  if (ogType === 'article') return 'og-type';
  // Home pages and tickers declare og:type=website; Readability's check is the last word.
  if (isProbablyReaderable(doc, { minContentLength: 140, minScore: 40 })) return 'readerable';
  return 'none';
}
