import { DOMParser } from 'linkedom';
import { extractDocument, extractText } from '../lib/extract';
import type { ExtractResult } from '../lib/article';

/** Parses HTML outside a browser (CLI, builder, tests) with linkedom, the DOM WXT itself ships. */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Extracts a page file the way the content script would: HTML by its DOM, anything else as plain text. */
export function extractFile(name: string, content: string, options: { skipDetect?: boolean } = {}): ExtractResult {
  return /\.x?html?$/i.test(name) ? extractDocument(parseHtml(content), options) : extractText(content);
}
