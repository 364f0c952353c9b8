/**
 * Bilingual word lists: the way from a page's language to the wire's. A list
 * is one `word<TAB>english` pair a line (the format of Wiktionary-derived
 * lists and of FreeDict exports), read once per language in the background.
 * Lists give lemmas ("говорить", "negociación") and pages inflect them
 * ("говорит", "negociaciones"): a word not found as it stands is looked up by
 * its first letters, which in Slavic and Romance languages carry the lemma.
 */
import { hash32, STOPWORDS, wordKey, words } from './text';

/** Letters of a word that stand for its lemma when the word itself is not listed. */
const STEM_LETTERS = 5;
/** English senses kept per word: the first listed are the common ones, the rest mostly noise. */
const MAX_SENSES = 6;
/** A list larger than this is refused rather than read (the largest real list is about 2 MB). */
export const MAX_LEXICON_BYTES = 20_000_000;
/** Lines that are not pairs, at most, as a share of all: more, and the file is not a word list. */
const MAX_BAD_SHARE = 0.1;
/** The content-word keys of an English side ("to speak out" → speak, out): most sides are plain ASCII. */
function englishKeys(side: string): number[] {
  const list = /^[\x20-\x7e]*$/.test(side) ? (side.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)*/g) ?? []) : words(side);
  const out: number[] = [];
  for (const w of list) if (!STOPWORDS.has(w)) out.push(hash32(wordKey(w)));
  return out;
}

/** Scripts whose words are not inflected by endings (looked up only as they stand). */
const NO_STEMS = new Set(['ja', 'zh', 'th']);

export class LexiconError extends Error {
  override name = 'LexiconError';
}

export interface Lexicon {
  readonly language: string;
  /** Pairs read. */
  readonly pairs: number;
  /** English content-word key hashes for a page word (lower case); empty when unknown. */
  senses(word: string): readonly number[];
}

function addSense(map: Map<string, number[]>, key: string, hash: number) {
  const list = map.get(key);
  if (!list) map.set(key, [hash]);
  else if (list.length < MAX_SENSES && !list.includes(hash)) list.push(hash);
}

/**
 * Reads a word list. Refuses, naming the line, what is not one: a list must be
 * text with a tab on every non-empty line, within the size limit.
 */
export function parseLexicon(language: string, text: string): Lexicon {
  if (!/^[a-z]{2,3}$/.test(language))
    throw new LexiconError(`"${language}" is not a language code (like "es" or "ja").`);
  if (text.length > MAX_LEXICON_BYTES) throw new LexiconError('The word list is too large.');
  const exact = new Map<string, number[]>();
  const stems = new Map<string, number[]>();
  const stemmed = !NO_STEMS.has(language);
  let pairs = 0;
  let lineNo = 0;
  let firstBad = 0;
  let bad = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    // Real lists carry the odd entry with no English side ("skúa<TAB>"): skipped, unless most are.
    if (tab <= 0 || !line.slice(tab + 1).trim()) {
      bad++;
      firstBad ||= lineNo;
      continue;
    }
    const word = line.slice(0, tab).trim().toLowerCase();
    pairs++;
    const stem = stemmed && word.length > STEM_LETTERS ? word.slice(0, STEM_LETTERS) : null;
    for (const hash of englishKeys(line.slice(tab + 1))) {
      addSense(exact, word, hash);
      if (stem) addSense(stems, stem, hash);
    }
  }
  if (bad > MAX_BAD_SHARE * (pairs + bad))
    throw new LexiconError(`Line ${firstBad} of the word list is not "word<TAB>english" (nor are ${bad - 1} others).`);
  if (pairs === 0) throw new LexiconError('The word list is empty.');
  const none: readonly number[] = [];
  return {
    language,
    pairs,
    senses: (word) =>
      exact.get(word) ??
      (stemmed && word.length > STEM_LETTERS ? stems.get(word.slice(0, STEM_LETTERS)) : undefined) ??
      none,
  };
}
