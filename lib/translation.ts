/**
 * A page in another language than the wire's, read through a word list: each
 * of its sentences as the English words it may stand for, then aligned with
 * the wire's sentences one to one and in order. Names and numbers alone are
 * shared by every report of an event; what a translation adds is that
 * correspondence, sentence after sentence.
 */
import type { Lexicon } from './lexicon';
import type { HashList, WireVersionIndex } from './match-index';
import { keysAtPrecision, type PrintPrecision } from './print-precision';
import { sentencesOf, withoutQuotes, wordsOf } from './segment';
import type { StoryQuote } from './index-schema';
import type { QuoteCheck } from './quote-check';
import { hash32, mixHashes, STOPWORDS, wordKey, words } from './text';

/** A sentence says too little to align with fewer translated content words than this. */
const MIN_SLOTS = 3;
/** Senses of a word paired into candidate fingerprints (all senses still count in alignment). */
const FINGERPRINT_SENSES = 3;
/**
 * A word is paired with each of the next this many words: a translation puts a word between two
 * the wire has side by side ("the Polish government" → "rząd polski", "da Polónia" in Portuguese,
 * a particle in Japanese). Measured on ../shared/ntrex against the compact build, which lists one
 * pair in four: 371 → 384 of 434 translations found, none matched to another document.
 */
const FINGERPRINT_REACH = 2;
/**
 * A pair of sentences corresponds when this share of their content words match (Dice over the
 * senses a word list gives) and at least this many matched words came from the list: names and
 * numbers alone show the same event, not a translation. Calibrated on ../shared/ntrex (62
 * documents, seven languages): a translated sentence scores 0.2-0.7 against its original.
 */
const TRANSLATED_PAIR = 0.2;
const MIN_TRANSLATED_WORDS = 2;
/**
 * A translation: at least this many corresponding pairs, covering this share of the page's
 * sentences and of the wire's. Both: a short report of the same event translated from another
 * agency covers most of itself but little of a long wire story, and the reverse.
 */
const MIN_TRANSLATED_PAIRS = 3;
const TRANSLATED_COVERAGE = 0.3;
/**
 * A translated excerpt (the lead and a paragraph or two, what syndication keeps): nearly every
 * sentence of the page corresponds, from the wire's opening on, each closely. Reports of the same
 * event translated from another agency correspond loosely (0.2-0.3 on ../shared/ntrex).
 */
const MIN_EXCERPT_PAIRS = 2;
const EXCERPT_PAGE_COVERAGE = 0.8;
const EXCERPT_OPENING = 1;
const EXCERPT_PAIR = 0.4;

export interface ForeignSentence {
  text: string;
  /** Translated content words: how many, and the English key hashes any of them may stand for. */
  slots: number;
  senses: ReadonlySet<number>;
  /** Of those, the keys that came from the word list (not names or numbers read as written). */
  translated: ReadonlySet<number>;
}

export interface ForeignRead {
  language: string;
  sentences: ForeignSentence[];
  /** Candidate fingerprints: pairs of near words' senses, both orders (word order differs across languages). */
  fingerprints: number[];
}

const NUMBER = /^\p{N}+$/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACED_WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}]+)*/gu;

/**
 * A sentence's own words (quotes left out), case kept where the script has it: an unlisted
 * capitalised word is read as a name. Unspaced scripts go through the word segmenter.
 */
function tokensOf(text: string, language: string): string[] {
  const own = withoutQuotes(text);
  return UNSPACED.test(own) ? wordsOf(own, language) : (own.match(SPACED_WORD) ?? []);
}
const LATIN_NAME = /^\p{Lu}[\p{Ll}\p{Lu}'-]{2,}$/u;

/** The English keys a page word may stand for: its senses, a number as written, a Latin-script name as spelled. */
function sensesOfWord(word: string, lexicon: Lexicon | null): { keys: readonly number[]; listed: boolean } {
  const lower = word.toLowerCase();
  if (NUMBER.test(word)) return { keys: [hash32(wordKey(lower))], listed: false };
  const listed = lexicon?.senses(lower) ?? [];
  if (listed.length) return { keys: listed, listed: true };
  // Unlisted capitalised Latin-script words are mostly names: "Stoltenberg", "NATO" read the same in English.
  return { keys: LATIN_NAME.test(word) ? [hash32(wordKey(lower))] : [], listed: false };
}

export function readForeignPage(body: readonly string[], language: string, lexicon: Lexicon | null): ForeignRead {
  const sentences: ForeignSentence[] = [];
  const fingerprints = new Set<number>();
  for (const paragraph of body) {
    for (const text of sentencesOf(paragraph, language)) {
      const read = tokensOf(text, language)
        .map((w) => sensesOfWord(w, lexicon))
        .filter((s) => s.keys.length > 0);
      const slots = read.map((s) => s.keys);
      for (let i = 0; i + 1 < slots.length; i++) {
        for (let j = i + 1; j <= i + FINGERPRINT_REACH && j < slots.length; j++) {
          for (const a of slots[i]!.slice(0, FINGERPRINT_SENSES)) {
            for (const b of slots[j]!.slice(0, FINGERPRINT_SENSES)) {
              fingerprints.add(mixHashes([a, b], 0, 2));
              fingerprints.add(mixHashes([b, a], 0, 2));
            }
          }
        }
      }
      if (slots.length >= MIN_SLOTS)
        sentences.push({
          text,
          slots: slots.length,
          senses: new Set(slots.flat()),
          translated: new Set(read.filter((s) => s.listed).flatMap((s) => s.keys)),
        });
    }
  }
  return { language, sentences, fingerprints: [...fingerprints].sort((a, b) => a - b) };
}

const reducedSenses = new WeakMap<ForeignRead, Map<number, ForeignRead>>();

/** A foreign page's senses reduced to a compact index's key precision, once per page. */
function sensesAtPrecision(read: ForeignRead, precision: PrintPrecision | undefined): ForeignRead {
  if (!precision) return read;
  let byBits = reducedSenses.get(read);
  if (!byBits) reducedSenses.set(read, (byBits = new Map()));
  let reduced = byBits.get(precision.keyBits);
  if (!reduced) {
    reduced = {
      ...read,
      sentences: read.sentences.map((s) => ({
        ...s,
        senses: keysAtPrecision(s.senses, precision),
        translated: keysAtPrecision(s.translated, precision),
      })),
    };
    byBits.set(precision.keyBits, reduced);
  }
  return reduced;
}

/** How well a page sentence stands for a wire sentence: its translated words matching the wire's (Dice). */
function pairScore(page: ForeignSentence, wireKeys: HashList): number {
  let matched = 0;
  let translated = 0;
  for (const k of wireKeys) {
    if (!page.senses.has(k)) continue;
    matched++;
    if (page.translated.has(k)) translated++;
  }
  // Names and numbers alone show the same event, not a translation: a pair needs translated words too.
  if (translated < MIN_TRANSLATED_WORDS) return 0;
  return (2 * Math.min(matched, page.slots)) / (page.slots + wireKeys.length);
}

export interface TranslatedAlignment {
  version: string;
  /** Page sentence index, wire sentence index and score of each corresponding pair, in order. */
  pairs: Array<{ page: number; wire: number; score: number }>;
  /** Wire sentences that can correspond to anything (enough content words). */
  wireSentences: number;
}

/**
 * The one-to-one, in-order correspondence of page and wire sentences that
 * matches the most (dynamic programming over both sequences, as sentence
 * aligners of parallel texts do): a translation keeps the wire's order,
 * sentence after sentence; a report of the same event in another language
 * matches here and there, out of order, and gets few pairs.
 */
export function alignTranslation(foreign: ForeignRead, version: WireVersionIndex): TranslatedAlignment {
  // A compact index's story holds reduced key hashes: the page's senses are reduced the same way.
  const page = sensesAtPrecision(foreign, version.precision);
  const wire = version.sentences.filter((s) => s.keys.length >= MIN_SLOTS);
  const n = page.sentences.length;
  const m = wire.length;
  const best = new Float64Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  const score = (i: number, j: number) => pairScore(page.sentences[i - 1]!, wire[j - 1]!.keys);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = score(i, j);
      const pair = s >= TRANSLATED_PAIR ? best[at(i - 1, j - 1)]! + s : 0;
      best[at(i, j)] = Math.max(best[at(i - 1, j)]!, best[at(i, j - 1)]!, pair);
    }
  }
  const pairs: TranslatedAlignment['pairs'] = [];
  for (let i = n, j = m; i > 0 && j > 0;) {
    if (best[at(i, j)] === best[at(i - 1, j)]) i--;
    else if (best[at(i, j)] === best[at(i, j - 1)]) j--;
    else {
      pairs.unshift({ page: i - 1, wire: version.sentences.indexOf(wire[j - 1]!), score: score(i, j) });
      i--;
      j--;
    }
  }
  return { version: version.version, pairs, wireSentences: m };
}

/** Whether an alignment shows a translation: the one-to-one, in-order correspondence, on both sides. */
export function isTranslation(alignment: TranslatedAlignment, pageSentences: number): boolean {
  const { pairs } = alignment;
  const whole =
    pairs.length >= MIN_TRANSLATED_PAIRS &&
    pairs.length >= TRANSLATED_COVERAGE * pageSentences &&
    pairs.length >= TRANSLATED_COVERAGE * alignment.wireSentences;
  const excerpt =
    pairs.length >= MIN_EXCERPT_PAIRS &&
    pairs.length >= EXCERPT_PAGE_COVERAGE * pageSentences &&
    pairs[0]!.page === 0 &&
    pairs[0]!.wire <= EXCERPT_OPENING &&
    pairs.every((p) => p.score >= EXCERPT_PAIR);
  return whole || excerpt;
}

/** Quoted passages of a text, in the marks of any language, with their text inside the marks. */
const QUOTE_MARKS = /«([^»]+)»|„([^“”"]+)[“”"]|“([^”]+)”|"([^"]+)"|「([^」]+)」|『([^』]+)』/gu;
/** A quote of fewer words than this is a phrase, not a quote to compare ("tough", «historic»). */
const MIN_QUOTE_WORDS = 4;
/** Share of an original quote's content words the page quote's translated words must cover. */
const TRANSLATED_QUOTE = 0.4;

/**
 * The page's quotes against the story's originals, across languages: a quote whose translated
 * words cover enough of an original's is that original, translated. Never `exact`: the words are
 * not the speaker's words.
 */
export function checkTranslatedQuotes(
  body: readonly string[],
  language: string,
  lexicon: Lexicon | null,
  originals: readonly StoryQuote[],
): QuoteCheck[] {
  const out: QuoteCheck[] = [];
  for (const paragraph of body) {
    for (const m of paragraph.matchAll(QUOTE_MARKS)) {
      const text = (m.slice(1).find((g) => g !== undefined) ?? '').trim();
      const tokens = UNSPACED.test(text) ? wordsOf(text, language) : (text.match(SPACED_WORD) ?? []);
      if (tokens.length < MIN_QUOTE_WORDS) continue;
      const senses = new Set(tokens.flatMap((w) => sensesOfWord(w, lexicon).keys));
      let best: { quote: StoryQuote; share: number } | null = null;
      for (const original of originals) {
        const keys = [
          ...new Set(
            words(original.text)
              .filter((w) => !STOPWORDS.has(w))
              .map((w) => hash32(wordKey(w))),
          ),
        ];
        const share = keys.length ? keys.filter((k) => senses.has(k)).length / keys.length : 0;
        if (share >= TRANSLATED_QUOTE && (!best || share > best.share)) best = { quote: original, share };
      }
      out.push({
        text,
        speaker: null,
        original: best?.quote.text ?? null,
        originalSpeaker: best?.quote.speaker ?? null,
        originalRole: best?.quote.role ?? null,
        fidelity: best ? 'translated' : 'unmatched',
        speakerDiffers: false,
        diff: [],
      });
    }
  }
  return out;
}
