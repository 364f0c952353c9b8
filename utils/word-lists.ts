/**
 * The reader's word lists in the background: each read from the story store the first time a page in its language
 * is matched (a list takes 20–350 ms to read and 2–17 MiB in memory: only the languages the reader meets), then kept
 * until the options page changes the lists.
 */
import { storyParagraphs, type Article } from '../lib/article';
import { detectLanguage } from '../lib/language';
import { parseLexicon, type Lexicon } from '../lib/lexicon';
import type { StoredWordList } from './story-db';

/** Text enough to tell a page's language (lib/language reads no more than its first few thousand characters). */
const SAMPLE_PARAGRAPHS = 8;

export interface WordListsInUse {
  /** The lists a page needs, read on demand (a page in English, or with no list for its language, reads none). */
  forArticle(article: Article): Promise<ReadonlyMap<string, Lexicon>>;
  /** Forgets what was read: the reader added or removed a list. */
  reset(): void;
}

export function wordListsInUse(read: (language: string) => Promise<StoredWordList | undefined>): WordListsInUse {
  const loaded = new Map<string, Lexicon>();
  const absent = new Set<string>();
  return {
    async forArticle(article) {
      const sample = [article.title, ...storyParagraphs(article).slice(0, SAMPLE_PARAGRAPHS)].join('\n');
      const language = detectLanguage(sample, article.language);
      if (!language || language === 'en' || loaded.has(language) || absent.has(language)) return loaded;
      const list = await read(language);
      if (!list) absent.add(language);
      else {
        try {
          loaded.set(language, parseLexicon(language, list.text));
        } catch (error) {
          // Checked when it was stored; a list damaged since is left unused, and the page matched as written.
          absent.add(language);
          console.warn(`Wiretrace: the ${language} word list cannot be read:`, error);
        }
      }
      return loaded;
    },
    reset() {
      loaded.clear();
      absent.clear();
    },
  };
}
