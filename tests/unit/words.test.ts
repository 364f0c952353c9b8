import { describe, expect, it } from 'vitest';
import type { Block } from '../../lib/article';
import { findCredits } from '../../lib/credits';
import { extractQuotes, quoteWords, type QuoteWords } from '../../lib/quotes';
import { contentKeys, sentences, wordKey, words } from '../../lib/text';
import { literal, wordRules } from '../../lib/words';

// Each entry of the English word lists, shown at work on its example (lib/rules/words/en.json).
const EN = wordRules('en');
const ENGLISH = quoteWords('en');
const byWord = <T extends { word: string }>(entries: readonly T[]) => entries.map((e) => [e.word, e] as const);

/** Who the text's quotes are given to, as the overlay shows them. */
const speakers = (text: string, lists: QuoteWords = ENGLISH) =>
  extractQuotes([text], lists).map((q) => ({ speaker: q.speaker, role: q.role }));
/** The English attribution lists with one entry left out. */
const without = (list: keyof QuoteWords, word: string): QuoteWords => ({
  ...ENGLISH,
  [list]: ENGLISH[list].filter((w) => w !== word),
});

describe('quote attribution words', () => {
  it.each(byWord(EN.speechVerbs))('speech verb "%s" gives its quote a speaker', (word, { example }) => {
    expect(speakers(example)[0]?.speaker).toBeTruthy();
    expect(speakers(example, without('speechVerbs', word))[0]?.speaker).toBeNull();
  });

  it.each(byWord(EN.pronouns))('pronoun "%s" gives the quote the person named before', (word, { example }) => {
    expect(speakers(example)[0]?.speaker).toBeTruthy();
    expect(speakers(example, without('pronouns', word))[0]?.speaker).toBeNull();
  });

  it.each(byWord(EN.roleWords))('role word "%s" is read as part of a title, not a name', (word, { example }) => {
    expect(speakers(example)).not.toEqual(speakers(example, without('roleWords', word)));
  });

  it.each(byWord(EN.notNames))('"%s" is never a speaker on its own', (word, { example }) => {
    expect(speakers(example).map((s) => s.speaker)).toEqual([null]);
    expect(speakers(example, without('notNames', word))[0]?.speaker).toBeTruthy();
  });

  it.each(byWord(EN.placeLeads))('a capitalised word after "%s" is a place, not a speaker', (word, { example }) => {
    expect(speakers(example).map((s) => s.speaker)).toEqual([null]);
    expect(speakers(example, without('placeLeads', word))[0]?.speaker).toBeTruthy();
  });
});

describe('quote attribution without story-specific names', () => {
  it.each([
    ['a place the text names after "in"', 'The talks ended in Geneva. Geneva said: "The door remains open."'],
    ['a place given in full', 'He spoke in South Korea. South Korea said: "We see a real risk."'],
    ['a wire agency', 'A Fiat spokesman contacted by Reuters said the report was "one of the typical rumours".'],
  ])('gives no speaker to %s', (_case, text) => {
    expect(speakers(text).map((s) => s.speaker)).toEqual([null]);
  });

  it('still names a person the text also mentions after "in" as a possessive ("in Stoltenberg\'s view")', () => {
    const text = 'In Stoltenberg\'s view, and in Stoltenberg\'s words: "There is a real risk," Stoltenberg said.';
    expect(speakers(text).map((s) => s.speaker)).toEqual(['Stoltenberg']);
  });
});

describe('sentence and word words', () => {
  it.each(byWord(EN.abbreviations))('"%s." does not end a sentence', (word, { example }) => {
    // The example has a split point right after the abbreviation: only the list keeps it whole.
    expect(example).toMatch(new RegExp(String.raw`\b${literal(word)}\.\s+["'(]?[A-Z0-9]`));
    expect(sentences(example)).toEqual([example]);
  });

  it.each(EN.spellingFolds.map((f) => [f.pattern, f] as const))(
    'spelling fold /%s/ gives both spellings one key',
    (pattern, { example: [british, american] }) => {
      expect(new RegExp(pattern).test(british!)).toBe(true);
      expect(british).not.toBe(american);
      expect(wordKey(british!)).toBe(wordKey(american!));
    },
  );

  it.each(byWord(EN.stopwords))(
    'stopword "%s" carries no content: a copy without it compares the same',
    (word, { example }) => {
      expect(words(example)).toContain(word);
      const dropped = example.replace(
        new RegExp(String.raw`(?<![\p{L}\p{N}'])${literal(word)}(?![\p{L}\p{N}'])`, 'giu'),
        '',
      );
      expect(contentKeys(dropped)).toEqual(contentKeys(example));
    },
  );
});

describe('credit words', () => {
  const p = (text: string): Block => ({ kind: 'paragraph', text });
  const BODY = [p('The talks lasted four hours.'), p('Both sides agreed to meet again.'), p('No date was set.')];
  const leading = (word: string) => (text: string) => text.toLowerCase().startsWith(word);

  it.each(byWord(EN.bylineLeads))('"%s" leads a byline that credits the agency', (word, { example }) => {
    const credits = findCredits({ byline: example, blocks: BODY, meta: [] });
    expect(credits.filter((c) => c.place === 'byline').map((c) => c.text)).toEqual([example]);
    expect(leading(word)(example)).toBe(true);
  });

  it.each(byWord(EN.endNoteLeads))('"%s" leads an end note that credits the agency', (word, { example }) => {
    const credits = findCredits({ byline: null, blocks: [...BODY, p(example)], meta: [] });
    const endNotes = credits.filter((c) => c.place === 'end-note');
    expect(endNotes.length).toBeGreaterThan(0);
    expect(endNotes.filter((c) => c.text !== example)).toEqual([]);
    expect(leading(word)(example)).toBe(true);
  });

  it.each(byWord(EN.citing))('"%s" credits the agency inside a sentence', (word, { example }) => {
    const credits = findCredits({ byline: null, blocks: [p(example), ...BODY], meta: [] });
    expect(
      credits
        .filter((c) => c.place === 'sentence')
        .map((c) => c.text)
        .filter(leading(word)),
    ).toHaveLength(1);
  });
});
