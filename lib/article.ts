/** The article model every step after extraction works on. */
import type { Credit } from './credits';

export type BlockKind = 'paragraph' | 'heading' | 'bullet';

export interface Block {
  kind: BlockKind;
  text: string;
}

export type MetaKind = 'byline' | 'caption' | 'credit' | 'date' | 'section' | 'standfirst';

export interface MetaLine {
  kind: MetaKind;
  text: string;
  /** How many body blocks came before the line: tells a byline at the top from an end note at the bottom. */
  bodyIndex?: number;
}

export interface Article {
  title: string;
  byline: string | null;
  published: string | null;
  updated: string | null;
  siteName: string | null;
  language: string | null;
  canonicalUrl: string | null;
  /** Body in reading order, boilerplate removed. */
  blocks: Block[];
  /** Lines taken out of the body because they describe it (dates, bylines, captions, credits). */
  meta: MetaLine[];
  /** Where the page credits a wire agency (byline, dateline, end note, sentence, photo). */
  credits: Credit[];
}

/**
 * Blocks of the body that carry the story's sentences: paragraphs and summary
 * bullets, not subheadings. What is indexed, matched and searched for quotes.
 */
export function storyParagraphs(article: Article): string[] {
  return article.blocks.filter((b) => b.kind !== 'heading').map((b) => b.text);
}

/** An article of plain paragraphs with nothing known about it but its title (a text file, a test, a benchmark page). */
export function plainArticle(title: string, paragraphs: readonly string[], fields: Partial<Article> = {}): Article {
  return {
    title,
    byline: null,
    published: null,
    updated: null,
    siteName: null,
    language: null,
    canonicalUrl: null,
    blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })),
    meta: [],
    credits: [],
    ...fields,
  };
}

/** Why extraction gave no article: callers show nothing and say why in logs or the CLI. */
export type NoArticle = { reason: 'not-article' | 'too-large' | 'empty' };

export type ExtractResult = { ok: true; article: Article } | ({ ok: false } & NoArticle);
