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
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS) continue;
    try {
      typesOf(JSON.parse(text), out);
    } catch {
      // A site's broken JSON-LD is its problem, not a reason to fail.
    }
  }
  return out;
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
