/**
 * A page quote and its original as the reader sees them: each as written (case, punctuation and
 * spacing kept), cut into runs, the words changed between them marked in place. The overlay shows
 * "If flaws in the Russian defense system are sought…" with "flaws", "defense", "are sought"
 * marked, and under it the original with "there is a search for", "vulnerabilities", "defence"
 * marked: the reader reads two sentences, not a word list glued to the speaker's name.
 */
import { STOPWORDS } from './text';

/** A stretch of a quote as written; `changed`: not in the other wording (added on the page, or left out of the original). */
export interface QuoteRun {
  text: string;
  changed: boolean;
}

export interface QuoteMarks {
  page: QuoteRun[];
  original: QuoteRun[];
}

/**
 * What a shared word counts for in the alignment. A plain longest common subsequence ties
 * "Is this an invasion? Is it an intimidation?" against Sherman's "…Is this about intimidation?
 * … I don't know, but it is not conducive…" between keeping "intimidation" and keeping the "it" of
 * "but it is": content words weigh more, so the alignment keeps the word that carries the meaning.
 */
const CONTENT_WEIGHT = 3;
const FUNCTION_WEIGHT = 1;

/** Words as the quote comparison reads them (lib/text.ts): letters and digits, with inner apostrophes. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

interface Token {
  key: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (m) => ({
    // "Don’t" and "don't" are the same word; case is the writer's, not a change of wording.
    key: m[0].toLowerCase().replace(/’/g, "'"),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Pairs [i, j] of shared words, in order, of the heaviest common subsequence (weights above). */
function align(a: readonly Token[], b: readonly Token[]): Array<[number, number]> {
  const width = b.length + 1;
  // best[i * width + j]: the heaviest alignment of a[i..] with b[j..].
  const best = new Float64Array((a.length + 1) * width);
  const weight = (t: Token) => (STOPWORDS.has(t.key) ? FUNCTION_WEIGHT : CONTENT_WEIGHT);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) {
      const skip = Math.max(best[(i + 1) * width + j]!, best[i * width + j + 1]!);
      const take = a[i]!.key === b[j]!.key ? weight(a[i]!) + best[(i + 1) * width + j + 1]! : 0;
      best[i * width + j] = Math.max(skip, take);
    }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const here = best[i * width + j]!;
    if (a[i]!.key === b[j]!.key && here === weight(a[i]!) + best[(i + 1) * width + j + 1]!) pairs.push([i++, j++]);
    else if (best[(i + 1) * width + j] === here) i++;
    else j++;
  }
  return pairs;
}

/**
 * The text cut into runs at word boundaries: the words flagged changed (and the spaces or
 * punctuation between two changed words) in changed runs, everything else plain.
 */
function runs(text: string, words: readonly Token[], changed: readonly boolean[]): QuoteRun[] {
  const out: QuoteRun[] = [];
  const push = (piece: string, mark: boolean) => {
    if (!piece) return;
    const last = out[out.length - 1];
    if (last && last.changed === mark) last.text += piece;
    else out.push({ text: piece, changed: mark });
  };
  let at = 0;
  words.forEach((w, i) => {
    push(text.slice(at, w.start), false);
    push(text.slice(w.start, w.end), changed[i]!);
    const next = words[i + 1];
    const gap = text.slice(w.end, next ? next.start : text.length);
    push(gap, Boolean(next && changed[i] && changed[i + 1]));
    at = next ? next.start : text.length;
  });
  push(text.slice(at), false);
  return out;
}

/**
 * Marks what differs between a page quote and its original. Only the part of the original the
 * page quotes is compared (quoting half a sentence is not a change), as in lib/quote-check.ts:
 * the original's words before the first and after the last word the page shares with it stay
 * plain.
 */
export function markQuote(pageText: string, original: string): QuoteMarks {
  const page = tokens(pageText);
  const orig = tokens(original);
  const pairs = align(orig, page);
  const pageChanged = page.map(() => true);
  const origChanged = orig.map(() => false);
  for (const [, j] of pairs) pageChanged[j] = false;
  if (pairs.length > 0) {
    const shared = new Set(pairs.map(([i]) => i));
    for (let i = pairs[0]![0]; i <= pairs[pairs.length - 1]![0]; i++) origChanged[i] = !shared.has(i);
  }
  return { page: runs(pageText, page, pageChanged), original: runs(original, orig, origChanged) };
}
