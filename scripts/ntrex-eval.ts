/**
 * Translations recognised: ../shared/ntrex (62 English news documents with
 * professional translations into es, pt, ru, pl, fa, ja, id). The English
 * originals are the index; every translation is a page that must match its
 * own original (relation rewritten) and no other. Read by
 * `npm run eval:translations` and tests/unit/translations.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainArticle, type Article } from '../lib/article';
import type { Story } from '../lib/index-schema';
import { encodeCompactIndex, openCompactIndex } from '../lib/index-compact';
import { loadIndex } from '../lib/index-full';
import type { Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';

export const NTREX_LANGUAGES = ['es', 'pt', 'pl', 'ru', 'id', 'fa', 'ja'] as const;

export interface LanguageOutcome {
  language: string;
  documents: number;
  /** Matched to their own original with a copy relation. */
  own: number;
  /** Matched to another document (the worst error). */
  other: number;
  /** Milliseconds per page, median. */
  p50: number;
}

function lines(dir: string, id: string, language: string): string[] {
  return readFileSync(join(dir, id, `${language}.txt`), 'utf8')
    .trim()
    .split('\n');
}

/** A document as a page: its first line the title, the rest paragraphs, its language not declared. */
function asArticle([title, ...paragraphs]: string[]): Article {
  return plainArticle(title ?? '', paragraphs);
}

/** The originals as an index: the full build, or (compact) the compact build a publisher ships. */
export function ntrexIndex(dir: string, compact = false, postingSample?: number) {
  const ids = readdirSync(dir).sort();
  const stories: Story[] = ids.map((id) => {
    const [title, ...paragraphs] = lines(dir, id, 'en');
    return {
      id,
      agency: id.split('.')[0]!,
      date: '2019-01-01',
      dateline: null,
      bylines: [],
      headlines: [title!],
      url: null,
      versions: [],
      wire: [{ version: 'en', paragraphs }],
      quotes: [],
    };
  });
  const index = compact
    ? openCompactIndex(encodeCompactIndex(stories, { postingSample }))
    : loadIndex({ format: 'wiretrace-index', schemaVersion: 1, stories });
  return { ids, index };
}

export function evaluateTranslations(
  dir: string,
  lexicons: ReadonlyMap<string, Lexicon>,
  languages: readonly string[] = NTREX_LANGUAGES,
  compact = false,
  postingSample?: number,
): { english: { own: number; documents: number }; languages: LanguageOutcome[] } {
  const { ids, index } = ntrexIndex(dir, compact, postingSample);
  const english = ids.filter(
    (id) => matchArticle(index, asArticle(lines(dir, id, 'en'))).match?.story.id === id,
  ).length;
  const out = languages.map((language) => {
    let own = 0;
    let other = 0;
    const times: number[] = [];
    for (const id of ids) {
      const article = asArticle(lines(dir, id, language));
      const t = performance.now();
      const { match } = matchArticle(index, article, { lexicons });
      times.push(performance.now() - t);
      if (!match || match.relation === 'same-event') continue;
      if (match.story.id === id) own++;
      else other++;
    }
    times.sort((a, b) => a - b);
    return { language, documents: ids.length, own, other, p50: times[Math.floor(times.length / 2)]! };
  });
  return { english: { own: english, documents: ids.length }, languages: out };
}
