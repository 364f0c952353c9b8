import { storyParagraphs, type Article } from './article';
import type { Story, StoryQuote, StoryVersion } from './index-schema';
import { extractQuotes } from './quotes';
import { normalizeText } from './text';

/** A story's metadata as the corpus folder gives it (`story.json`). */
export interface CorpusStory {
  id: string;
  agency: string;
  date: string;
  dateline: string | null;
  bylines: string[];
  headlines: string[];
  url: string | null;
  versions: (Omit<StoryVersion, 'title'> & { file: string })[];
}

function quoteKey(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Builds one story from its metadata and the extracted article of each version.
 * Write-throughs (versions that carry the agency's text verbatim) become the
 * wire text and give the story its quotes; the others are listed as siblings.
 */
export function buildStory(meta: CorpusStory, articles: ReadonlyMap<string, Article>): Story {
  const versions: StoryVersion[] = meta.versions.map(({ file: _file, ...v }) => ({
    ...v,
    title: articles.get(v.id)?.title ?? '',
  }));
  const wire = meta.versions
    .filter((v) => v.writeThrough !== null)
    .map((v) => ({ version: v.id, paragraphs: storyParagraphs(articles.get(v.id)!) }));
  const quotes: StoryQuote[] = [];
  const seen = new Set<string>();
  for (const w of wire) {
    for (const q of extractQuotes(w.paragraphs)) {
      const key = quoteKey(q.text);
      if (seen.has(key)) continue;
      seen.add(key);
      quotes.push({ text: q.text, speaker: q.speaker, role: q.role, context: q.context, version: w.version });
    }
  }
  return {
    id: meta.id,
    agency: meta.agency,
    date: meta.date,
    dateline: meta.dateline,
    bylines: meta.bylines,
    headlines: meta.headlines,
    url: meta.url,
    versions,
    wire,
    quotes,
    siblingTexts: meta.versions
      .filter((v) => v.writeThrough === null)
      .map((v) => ({ version: v.id, paragraphs: storyParagraphs(articles.get(v.id)!) })),
  };
}
