import { storyParagraphs, type Article } from './article';
import type { Story, StoryQuote, StoryVersion, WireText } from './index-schema';
import { extractQuotes } from './quotes';
import { comparableText } from './text';
import { uniqueBy } from './unique';

/** A story's metadata as the corpus folder gives it (`story.json`): the story's own fields and its version files. */
export type CorpusStory = Pick<Story, 'id' | 'agency' | 'date' | 'dateline' | 'bylines' | 'headlines' | 'url'> & {
  versions: (Omit<StoryVersion, 'title'> & { file: string })[];
};

/**
 * The quotes of a story's write-throughs, each wording once (the first
 * write-through that carries it is named): what a page's quotes are checked
 * against. The corpus builder and the stories learned from reading use it.
 */
export function wireQuotes(wire: readonly WireText[]): StoryQuote[] {
  return uniqueBy(
    wire.flatMap((w) =>
      extractQuotes(w.paragraphs).map((q) => ({
        text: q.text,
        speaker: q.speaker,
        role: q.role,
        context: q.context,
        version: w.version,
      })),
    ),
    (q) => comparableText(q.text),
  );
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
  const quotes = wireQuotes(wire);
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
