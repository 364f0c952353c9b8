/**
 * The engine from the command line, the same steps and the same words as the overlay:
 *   npm run check -- [--json] [--index FILE | --subscription URL --key FILE] [--lexicons DIR] FILE...
 * FILE is an HTML page or a plain-text page (a reader's copy-paste), gzipped or not.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/article';
import { storyParagraphs } from '../lib/article';
import type { Credit } from '../lib/credits';
import type { Relation, StoryVersion } from '../lib/index-schema';
import { openIndexFile } from '../lib/index-file';
import {
  creditSentence,
  FIDELITY_LABELS,
  NAMES_ANOTHER_SPEAKER,
  originLine,
  RELATION_NAMES,
  relationLine,
  sourceLine,
  speakerLabel,
  URL_UNKNOWN,
} from '../lib/labels';
import type { Lexicon } from '../lib/lexicon';
import { matchArticle } from '../lib/match';
import type { MatchIndex } from '../lib/match-index';
import type { DiffPart, Fidelity } from '../lib/quote-check';
import { extractQuotes } from '../lib/quotes';
import { BUNDLED, type StorySource } from '../lib/story-source';
import { toView, type ResultView } from '../lib/view';
import { parseCli, printable, reasonOf, usageError, userPath } from './cli-args';
import { subscribedIndex } from './subscribed-index';
import { readLexicons } from './lexicon-files';
import { extractFile } from './node-dom';
import { readPageFile } from './page-file';

const BUNDLED_INDEX = 'assets/index.json';
/** Found from this file, so the script also runs when started from another folder. */
const BUNDLED_INDEX_PATH = fileURLToPath(new URL(`../${BUNDLED_INDEX}`, import.meta.url));

export const CHECK_CLI = {
  command: 'check',
  usage: `[--json] [--index FILE | --subscription URL --key FILE] [--lexicons DIR] FILE...
  FILE             an HTML page (.html, .htm) or a page's text (any other name); .gz is unpacked
  --json           one JSON object per file instead of the readable report
  --index FILE     match against this index (.json or .wtix) instead of the bundled ${BUNDLED_INDEX}
  --subscription URL  match against a published index: its manifest's address, fetched and verified
                   (signature, every file's SHA-256) as the extension does; needs --key
  --key FILE       the publisher's public key (one line, from npm run keygen)
  --lexicons DIR   read pages in other languages through every <lang>-en.tsv word list in DIR
  -h, --help       this text
Paths are read from the folder you are in. A file that cannot be read is named on stderr,
the others are still checked, and the exit status is then 1.`,
  options: {
    json: { type: 'boolean', default: false },
    index: { type: 'string' },
    subscription: { type: 'string' },
    key: { type: 'string' },
    lexicons: { type: 'string' },
  },
  allowPositionals: true,
} as const;

/** Why the extractor found no article, in words. */
const NO_ARTICLE: Record<string, string> = {
  'not-article': 'no article on this page (a home page, a list or a form?)',
  'too-large': 'too large to read as one article',
  empty: 'no article text found in it',
};

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
    /** Where the story came from, as the overlay says it ("Bundled with Wiretrace"). */
    source: string;
    why: string;
    /** Share of the page's sentences that are wire text word for word / that follow it in order. */
    verbatimShare: number;
    rewordedShare: number;
    alignedSentences: number;
    pageSentences: number;
    /** Where the page credits the story's agency, and the finding in words. */
    credits: Credit[];
    creditFinding: string;
    /** The story's other known versions, as the overlay lists them. */
    siblings: { outlet: string; url: string | null; relation: Relation }[];
  };
  /** Every wire-agency credit on the page, matched or not. */
  credits: Credit[];
  /** The page's quotes: checked against the story's when it matched, as found (`unmatched`) when not. */
  quotes: {
    text: string;
    speaker: string | null;
    original: string | null;
    fidelity: Fidelity;
    originalSpeaker: string | null;
    speakerDiffers: boolean;
    /** Word diff from the original's wording to the page's (empty when unmatched). */
    diff: DiffPart[];
  }[];
  view?: ResultView;
}

const sibling = (v: StoryVersion) => ({ outlet: v.outlet, url: v.url, relation: v.relation });

/** The page's quotes as the extractor finds them, for a page that carries no known story. */
function foundQuotes(article: Article): CheckOutput['quotes'] {
  return extractQuotes(storyParagraphs(article)).map((q) => ({
    text: q.text,
    speaker: q.speaker,
    original: null,
    fidelity: 'unmatched',
    originalSpeaker: null,
    speakerDiffers: false,
    diff: [],
  }));
}

export function checkFile(
  file: string,
  content: string,
  index: MatchIndex,
  lexicons: ReadonlyMap<string, Lexicon> = new Map(),
  source: StorySource = BUNDLED,
): CheckOutput {
  const name = file.replace(/\.gz$/, '');
  const extracted = extractFile(name, content, { skipDetect: true });
  if (!extracted.ok) return { file, article: null, error: extracted.reason, match: null, credits: [], quotes: [] };
  const article: Article = extracted.article;
  const view = toView(matchArticle(index, article, { lexicons }), article.canonicalUrl, article.credits, source);
  const { match } = view;
  return {
    file,
    article: { title: article.title, body: article.blocks.map((b) => b.text) },
    match: match && {
      story: match.story.id,
      relation: match.relation,
      score: match.score,
      headline: match.story.headline,
      agency: match.story.agency,
      origin: originLine(match.story),
      url: match.story.url,
      source: sourceLine(match.source),
      why: match.evidence.why,
      verbatimShare: match.evidence.verbatimShare,
      rewordedShare: match.evidence.rewordedShare,
      alignedSentences: match.evidence.alignedSentences,
      pageSentences: match.evidence.pageSentences,
      credits: match.credits,
      creditFinding: creditSentence(match.story.agency, match.credits, match.relation),
      siblings: match.siblings.map(sibling),
    },
    credits: article.credits,
    quotes: match
      ? view.quotes.map((q) => ({
          text: q.text,
          speaker: q.speaker,
          original: q.original,
          fidelity: q.fidelity,
          originalSpeaker: q.originalSpeaker,
          speakerDiffers: q.speakerDiffers,
          diff: q.diff,
        }))
      : foundQuotes(article),
  };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The changed words of a quote, once: `"defence system" → "defense systems"; + "a"`, so the
 * page's wording and the original are each printed once, as written, and the change beside them.
 */
function changedWords(diff: readonly DiffPart[]): string {
  const changes: string[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const was = removed.join(' ');
    const now = added.join(' ');
    if (was && now) changes.push(`"${was}" → "${now}"`);
    else if (was) changes.push(`− "${was}"`);
    else if (now) changes.push(`+ "${now}"`);
    removed = [];
    added = [];
  };
  for (const part of diff) {
    if (part.kind === 'same') flush();
    else (part.kind === 'removed' ? removed : added).push(part.text.trim());
  }
  flush();
  return changes.join('; ');
}

function quoteLines(quotes: CheckOutput['quotes'], matched: boolean): string[] {
  const lines: string[] = [];
  for (const q of quotes) {
    const said = `"${q.text}" (${speakerLabel(q.speaker)})`;
    lines.push(matched ? `  ${said}: ${FIDELITY_LABELS[q.fidelity]}` : `  ${said}`);
    if (!q.original || (q.fidelity === 'exact' && !q.speakerDiffers)) continue;
    const flag = q.speakerDiffers ? ` (the page ${NAMES_ANOTHER_SPEAKER})` : '';
    lines.push(`      original: "${q.original}" (${speakerLabel(q.originalSpeaker)})${flag}`);
    const changed = q.fidelity === 'exact' || q.fidelity === 'translated' ? '' : changedWords(q.diff);
    if (changed) lines.push(`      changed: ${changed}`);
  }
  return lines;
}

/** Every agency the page credits, each in the overlay's credit sentence. */
function creditLines(credits: readonly Credit[]): string[] {
  const agencies = [...new Set(credits.map((c) => c.agency))];
  return agencies.map(
    (agency) =>
      `  ${creditSentence(
        agency,
        credits.filter((c) => c.agency === agency),
      )}`,
  );
}

/**
 * The readable report: what the overlay shows, in its words (lib/labels), one finding a line;
 * for a page without a known story, the agency credits and quotes found on it. Every string
 * from a page passes `printable`: a page never writes control sequences to the terminal.
 */
export function readable(out: CheckOutput): string {
  const lines = [`== ${out.file}`];
  if (!out.article) return printable([...lines, NO_ARTICLE[out.error ?? ''] ?? out.error].join('\n'));
  lines.push(`title: ${out.article.title}`, `body: ${out.article.body.length} blocks`);
  const { match } = out;
  if (!match) {
    lines.push('match: none of the stories Wiretrace knows');
    lines.push(out.credits.length > 0 ? 'agency credits:' : 'agency credits: none', ...creditLines(out.credits));
    lines.push(out.quotes.length > 0 ? 'quotes:' : 'quotes: none', ...quoteLines(out.quotes, false));
    return printable(lines.join('\n'));
  }
  lines.push(
    `match: ${match.agency} "${match.headline}" [${match.story}]`,
    `origin: ${match.origin} · ${match.url ?? URL_UNKNOWN}`,
    `source: ${match.source}`,
    `relation: ${relationLine(match.relation)}, score ${match.score}`,
    `wire text: ${percent(match.verbatimShare)} of the page's sentences word for word, ${percent(match.rewordedShare)} in order (${match.alignedSentences} of ${match.pageSentences} sentences, quotes aside)`,
  );
  // As in the overlay: for a verbatim copy the share line already says why.
  if (match.relation !== 'verbatim') lines.push(`why: ${match.why}`);
  lines.push(`credits: ${match.creditFinding}`);
  lines.push(match.siblings.length > 0 ? 'other versions:' : 'other versions: none');
  for (const v of match.siblings) lines.push(`  ${v.outlet} (${v.url ?? URL_UNKNOWN}): ${RELATION_NAMES[v.relation]}`);
  lines.push(out.quotes.length > 0 ? 'quotes:' : 'quotes: none', ...quoteLines(out.quotes, true));
  return printable(lines.join('\n'));
}

/** The index the pages are matched against: the bundled one, a file (--index), or a subscription (--subscription, --key). */
async function indexInUse(
  values: { index?: string; subscription?: string; key?: string },
  orExit: <T>(what: string, run: () => T) => T,
): Promise<{ index: MatchIndex; source: StorySource }> {
  if (values.subscription !== undefined) {
    if (values.index !== undefined) usageError('check', '--index and --subscription name two indexes: give one');
    if (values.key === undefined) usageError('check', "--subscription needs the publisher's public key: --key FILE");
    const keyText = orExit(`the key ${values.key}`, () => readFileSync(userPath(values.key!), 'utf8'));
    try {
      const { index, name } = await subscribedIndex(values.subscription, keyText);
      return { index, source: { kind: 'subscription', name } };
    } catch (error) {
      console.error(printable(`check: the subscription ${values.subscription}: ${reasonOf(error)}`));
      process.exit(1);
    }
  }
  if (values.key !== undefined) usageError('check', '--key goes with --subscription');
  const indexPath = values.index === undefined ? BUNDLED_INDEX_PATH : userPath(values.index);
  const source: StorySource = values.index === undefined ? BUNDLED : { kind: 'imported', name: basename(values.index) };
  const { index } = orExit(`the index ${values.index ?? BUNDLED_INDEX}`, () => openIndexFile(readFileSync(indexPath)));
  return { index, source };
}

/** Runs the CLI: every file checked that can be; each one that cannot is a line on stderr, and the status is 1. */
async function main(): Promise<void> {
  const { values, positionals } = parseCli(CHECK_CLI);
  if (positionals.length === 0) {
    console.error(`check: no page to check (npm run check -- --help for usage)`);
    process.exit(2);
  }
  /** A reader's mistake (a broken index or word list) is a sentence, never a stack trace. */
  const orExit = <T>(what: string, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      console.error(printable(`check: ${what}: ${reasonOf(error)}`));
      process.exit(1);
    }
  };
  const { index, source } = await indexInUse(values, orExit);
  const lexicons = orExit(`the word lists in ${values.lexicons}`, () =>
    readLexicons(values.lexicons === undefined ? undefined : userPath(values.lexicons)),
  );
  const results: CheckOutput[] = [];
  let failed = false;
  for (const file of positionals) {
    let page;
    try {
      page = readPageFile(userPath(file));
    } catch (error) {
      page = { ok: false as const, reason: reasonOf(error) };
    }
    if (!page.ok) {
      console.error(printable(`check: ${file}: ${page.reason}`));
      failed = true;
      continue;
    }
    const result = checkFile(file, page.text, index, lexicons, source);
    results.push(result);
    // Printed as each file is checked, so a long list shows progress and a late failure loses nothing.
    if (!values.json) console.log(readable(result) + '\n');
  }
  // JSON escapes every control character ("\u001b"), so nothing from a page reaches the terminal raw.
  if (values.json) console.log(JSON.stringify(results, null, 2));
  if (failed) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
