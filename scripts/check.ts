/**
 * The engine from the command line, the same steps as the overlay:
 *   npm run check -- [--json] [--index assets/index.json|FILE.wtix] FILE...
 * FILE is an HTML page or a plain-text page (a reader's copy-paste).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Credit } from '../lib/credits';
import { openIndexFile } from '../lib/index-file';
import type { Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';
import type { MatchIndex } from '../lib/match-index';
import { creditSentence, FIDELITY_LABELS, originLine, relationLine, speakerLabel, URL_UNKNOWN } from '../lib/labels';
import type { Relation } from '../lib/index-schema';
import type { Fidelity } from '../lib/quote-check';
import { toView, type ResultView } from '../lib/view';
import type { Article } from '../lib/article';
import { readLexicons } from './lexicon-files';
import { extractFile } from './node-dom';

export interface CheckOutput {
  file: string;
  article: { title: string; body: string[] } | null;
  /** Why no article was found (not an article, too large, empty); absent when one was. */
  error?: string;
  match: null | {
    story: string;
    relation: Relation;
    score: number;
    headline: string;
    agency: string;
    /** The story's origin line as the overlay shows it, and the original's URL (null: unknown). */
    origin: string;
    url: string | null;
    why: string;
    /** Share of the page's sentences that are wire text word for word / that follow it in order. */
    verbatimShare: number;
    rewordedShare: number;
    /** Where the page credits the story's agency, and the finding in words. */
    credits: Credit[];
    creditFinding: string;
  };
  /** Every wire-agency credit on the page, matched or not. */
  credits: Credit[];
  quotes: {
    text: string;
    speaker: string | null;
    original: string | null;
    fidelity: Fidelity;
    originalSpeaker: string | null;
  }[];
  view?: ResultView;
}

export function checkFile(
  file: string,
  content: string,
  index: MatchIndex,
  lexicons: ReadonlyMap<string, Lexicon> = new Map(),
): CheckOutput {
  const name = file.replace(/\.gz$/, '');
  const extracted = extractFile(name, content, { skipDetect: true });
  if (!extracted.ok) return { file, article: null, error: extracted.reason, match: null, credits: [], quotes: [] };
  const article: Article = extracted.article;
  const view = toView(matchArticle(index, article, { lexicons }), article.canonicalUrl, article.credits);
  return {
    file,
    article: { title: article.title, body: article.blocks.map((b) => b.text) },
    match: view.match && {
      story: view.match.story.id,
      relation: view.match.relation,
      score: view.match.score,
      headline: view.match.story.headline,
      agency: view.match.story.agency,
      origin: originLine(view.match.story),
      url: view.match.story.url,
      why: view.match.evidence.why,
      verbatimShare: view.match.evidence.verbatimShare,
      rewordedShare: view.match.evidence.rewordedShare,
      credits: view.match.credits,
      creditFinding: creditSentence(view.match.story.agency, view.match.credits),
    },
    credits: article.credits,
    quotes: view.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      original: q.original,
      fidelity: q.fidelity,
      originalSpeaker: q.originalSpeaker,
    })),
  };
}

/** The readable report: the same words as the overlay (lib/labels), one finding a line. */
export function readable(out: CheckOutput): string {
  const lines = [`== ${out.file}`];
  if (!out.article) return [...lines, `no article (${out.error})`].join('\n');
  lines.push(`title: ${out.article.title}`, `body: ${out.article.body.length} blocks`);
  if (!out.match) lines.push('match: none');
  else {
    lines.push(
      `match: ${out.match.agency} "${out.match.headline}" [${out.match.story}]`,
      `origin: ${out.match.origin} · ${out.match.url ?? URL_UNKNOWN}`,
      `relation: ${relationLine(out.match.relation)}, score ${out.match.score}`,
      `why: ${out.match.why}`,
      `wire text: ${Math.round(out.match.verbatimShare * 100)}% word for word, ${Math.round(out.match.rewordedShare * 100)}% in order`,
      `credits: ${out.match.creditFinding}`,
    );
    for (const q of out.quotes) {
      lines.push(`  "${q.text}" (${speakerLabel(q.speaker)}): ${FIDELITY_LABELS[q.fidelity]}`);
      if (q.original && q.fidelity !== 'exact')
        lines.push(`      original: "${q.original}" (${speakerLabel(q.originalSpeaker)})`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      index: { type: 'string', default: 'assets/index.json' },
      // Every <lang>-en.tsv in DIR: pages in those languages are read through them (translations).
      lexicons: { type: 'string' },
    },
  });
  if (positionals.length === 0) {
    console.error('usage: npm run check -- [--json] [--index FILE] [--lexicons DIR] FILE...');
    process.exit(2);
  }
  /** A reader's mistake (a missing file, a broken index or word list) is a sentence, never a stack trace. */
  const orExit = <T>(what: string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      console.error(`check: ${what}: ${reason}`);
      process.exit(1);
    }
  };
  const { index } = orExit(`the index ${values.index}`, () => openIndexFile(readFileSync(values.index!)));
  const lexicons = orExit(`the word lists in ${values.lexicons}`, () => readLexicons(values.lexicons));
  const results = positionals.map((file) => {
    const bytes = orExit(file, () => readFileSync(file));
    return checkFile(file, (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'), index, lexicons);
  });
  console.log(values.json ? JSON.stringify(results, null, 2) : results.map(readable).join('\n\n'));
}
