/** The article model every step after extraction works on. */

export type BlockKind = 'paragraph' | 'heading' | 'bullet';

export interface Block {
  kind: BlockKind;
  text: string;
}

export type MetaKind = 'byline' | 'caption' | 'credit' | 'date' | 'section' | 'standfirst';

export interface MetaLine {
  kind: MetaKind;
  text: string;
}

export interface Article {
  title: string;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  language: string | null;
  canonicalUrl: string | null;
  /** Body in reading order, boilerplate removed. */
  blocks: Block[];
  /** Lines taken out of the body because they describe it (dates, bylines, captions, credits). */
  meta: MetaLine[];
}

/** Why extraction gave no article: callers show nothing and say why in logs or the CLI. */
export type NoArticle = { reason: 'not-article' | 'too-large' | 'empty' };

export type ExtractResult = { ok: true; article: Article } | ({ ok: false } & NoArticle);
