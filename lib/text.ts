/**
 * Text primitives shared by every step: normalisation, tokens, sentences,
 * hashing. Pure: no DOM, no browser.
 */
import { BoundedCache } from './bounded-cache';
import { abbreviations, spellingFolds, stopwords } from './rules/words/en.json';
import { alternation, compileFolds, wordsOf } from './words';

/** Curly quotes, primes and guillemets folded to their ASCII forms; dashes to "-"; odd spaces to " ". */
const FOLD_PATTERN = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2018\u2019\u201A\u201B\u2032\u2010-\u2015\u2212]/g;
const FOLDS: Record<string, string> = {};
for (const c of '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB') FOLDS[c] = '"';
for (const c of '\u2018\u2019\u201A\u201B\u2032') FOLDS[c] = "'";
for (let c = 0x2010; c <= 0x2015; c++) FOLDS[String.fromCharCode(c)] = '-';
FOLDS['\u2212'] = '-';
/** \s covers no-break and the other odd spaces (\u00A0, \u2000-\u200A, \u202F, \u205F, \u3000); \u200B is added. */
const SPACES = /[\s\u200B]+/g;

/**
 * Text with typographic quotes and dashes folded and spaces collapsed. Letters
 * are kept as the page has them (no NFKC here: Arabic presentation forms and
 * "½" are what the reader sees); comparisons fold compatibility forms in words().
 * One pass per pattern: this runs on every block of every page.
 */
export function normalizeText(text: string): string {
  return text
    .replace(FOLD_PATTERN, (c) => FOLDS[c]!)
    .replace(SPACES, ' ')
    .trim();
}

/**
 * British and American spellings that wire copies swap freely
 * ("defence"/"defense", "neutralise"/"neutralize" in the seed story).
 */
const SPELLING_FOLDS = compileFolds(spellingFolds);

/** Keys already computed: news text repeats its words, and the folds below are regex work. */
const KEY_CACHE = new BoundedCache<string, string>(200_000);

/** A word's comparison key: lower case, spelling variants folded, plural and possessive "s" dropped. */
export function wordKey(word: string): string {
  return KEY_CACHE.getOrCompute(word, foldWord);
}

function foldWord(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 4) for (const [pattern, replacement] of SPELLING_FOLDS) w = w.replace(pattern, replacement);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is what "ASCII only" means.
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cased words of a text, punctuation dropped. */
export function words(text: string): string[] {
  // Plain ASCII needs neither compatibility folding nor quote folding (most English text: a fast path).
  // ASCII lower-cases as a whole: one string instead of one per word. Elsewhere per word, since
  // lower-casing can add marks the word pattern does not take ("İ" becomes "i" and a dot above).
  if (ASCII_ONLY.test(text)) return text.toLowerCase().match(WORD_PATTERN) ?? [];
  const clean = normalizeText(text.normalize('NFKC'));
  return (clean.match(WORD_PATTERN) ?? []).map((w) => w.toLowerCase());
}

/** Function words that carry no content: ignored when comparing reworded text. */
export const STOPWORDS: ReadonlySet<string> = new Set(wordsOf(stopwords));

/** Comparison keys of the content words of a text, in order. */
export function contentKeys(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(wordKey);
}

/** 32-bit FNV-1a: small, fast and stable across runs, so index files are reproducible. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One hash for a run of hashes (a word window), order-sensitive. */
export function mixHashes(hashes: ArrayLike<number>, from: number, count: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + count; i++) {
    h = Math.imul(h ^ hashes[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Hashes of the n-wide windows of a hash list (order-aware fingerprints of hashed words). */
export function hashWindows(hashes: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + n <= hashes.length; i++) out.push(mixHashes(hashes, i, n));
  return out;
}

/** A full stop that ends an initial or an abbreviation ("U.S.", "Jan."), not a sentence. */
const ABBREVIATION_END = new RegExp(String.raw`(?:\b[A-Z]|\b(?:${alternation(wordsOf(abbreviations))}))\.$`);

/**
 * Sentence split that keeps a closing quote with its sentence and does not
 * break after initials or common abbreviations ("U.S.", "Jan.").
 */
export function sentences(text: string): string[] {
  const clean = normalizeText(text);
  const parts = clean.split(/(?<=[.!?]["')]?)\s+(?=["'(]?[A-Z0-9])/u);
  const out: string[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && ABBREVIATION_END.test(prev)) {
      out[out.length - 1] = `${prev} ${part}`;
    } else if (part) {
      out.push(part);
    }
  }
  return out;
}

/** Word count of a text. */
/** Scripts written without spaces between words: a run of them is many words, not one. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
/** Characters per word in those scripts (Japanese and Chinese words average about two). */
const UNSPACED_CHARS_PER_WORD = 2;

/** Words of a text; in Japanese, Chinese or Thai, estimated from the character count. */
export function wordCount(text: string): number {
  const unspaced = text.match(UNSPACED_SCRIPT)?.length ?? 0;
  // Counting needs no normalisation: this runs on every block of every page.
  if (unspaced === 0) return text.match(WORD_PATTERN)?.length ?? 0;
  const spaced = text.replace(UNSPACED_SCRIPT, ' ').match(WORD_PATTERN)?.length ?? 0;
  return spaced + Math.ceil(unspaced / UNSPACED_CHARS_PER_WORD);
}

/** Ends like a sentence (Latin or CJK full stop, question or exclamation mark, ellipsis). */
export function endsSentence(text: string): boolean {
  return /[.!?。！？…]["'”’)）」』]?$/u.test(text);
}

/**
 * Text reduced to what two copies of the same line share: lower case, letters
 * and digits, single spaces. "Read more:" and "READ MORE" are one line; a
 * quote with curly or straight marks is one quote.
 */
export function comparableText(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
