/**
 * A page quote and its original as the reader sees them: each as written (case, punctuation and
 * spacing kept), cut into runs, the words changed between them marked in place. The overlay shows
 * "If flaws in the Russian defense system are sought…" with "flaws", "defense", "are sought"
 * marked, and under it the original with "there is a search for", "vulnerabilities", "defence"
 * marked: the reader reads two sentences, not a word list glued to the speaker's name.
 */
import { diffArrays } from 'diff';

/** A stretch of a quote as written; `changed`: not in the other wording (added on the page, or left out of the original). */
export interface QuoteRun {
  text: string;
  changed: boolean;
}

export interface QuoteMarks {
  page: QuoteRun[];
  original: QuoteRun[];
}

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
  const changes = diffArrays(orig, page, { comparator: (a, b) => a.key === b.key });
  const pageChanged = page.map(() => false);
  const origChanged = orig.map(() => false);
  let i = 0;
  let j = 0;
  const firstShared = changes.findIndex((c) => !c.added && !c.removed);
  const lastShared = changes.length - 1 - [...changes].reverse().findIndex((c) => !c.added && !c.removed);
  changes.forEach((c, n) => {
    const count = c.count ?? c.value.length;
    if (c.added) {
      for (let k = 0; k < count; k++) pageChanged[j + k] = true;
      j += count;
    } else if (c.removed) {
      const quoted = firstShared >= 0 && n > firstShared && n < lastShared;
      for (let k = 0; k < count; k++) origChanged[i + k] = quoted;
      i += count;
    } else {
      i += count;
      j += count;
    }
  });
  return { page: runs(pageText, page, pageChanged), original: runs(original, orig, origChanged) };
}
