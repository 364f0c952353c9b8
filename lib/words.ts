/**
 * Word lists by language, read from lib/rules/words/<language>.json (each
 * entry with an example the tests run; the build leaves the examples out).
 * How a language adds its lists: lib/rules/README.md.
 */
import en from './rules/words/en.json';

const LANGUAGES = { en };

/** Languages that have word lists. */
export type Language = keyof typeof LANGUAGES;

/** The lists that are plain words or phrases (spelling folds are patterns: see spellingFolds). */
export type WordListName = Exclude<keyof (typeof LANGUAGES)[Language], 'spellingFolds'>;

/** Every list of one language, as its rule file holds it (the tests read the examples from here). */
export function wordRules(language: Language): (typeof LANGUAGES)[Language] {
  return LANGUAGES[language];
}

/** The words of one list, as the rule file spells them ("said", "as saying"). */
export function wordList(language: Language, list: WordListName): string[] {
  return wordsOf(LANGUAGES[language][list]);
}

/** The words of a list's entries. */
export function wordsOf(entries: ReadonlyArray<{ word: string }>): string[] {
  return entries.map((entry) => entry.word);
}

/** Spelling folds as patterns with their replacements ("defence" → "defense"). */
export function compileFolds(folds: ReadonlyArray<{ pattern: string; replacement: string }>): Array<[RegExp, string]> {
  return folds.map((fold) => [new RegExp(fold.pattern), fold.replacement]);
}

/** A word as a regex that matches it literally ("source(s)", "u.s."). */
export function literal(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regexes as one alternation; one that never matches when there are none (an empty one would match everywhere). */
export function anyOf(patterns: readonly string[]): string {
  return patterns.length === 0 ? '(?!)' : patterns.join('|');
}

/** Words as a regex alternation, each matched literally. */
export function alternation(words: readonly string[]): string {
  return anyOf(words.map(literal));
}
