import { describe, expect, it } from 'vitest';
import { readLexicons } from '../../scripts/lexicon-files';
import { evaluateTranslations, type LanguageOutcome } from '../../scripts/ntrex-eval';
import { sharedData } from './seed-data';

/**
 * Translations recognised (../shared/ntrex: 62 English news documents, each
 * professionally translated into seven languages; the word lists of
 * ../shared/lexicons stand for the lists a reader or publisher adds). The
 * floors are the targets where met, and today's figures where not
 * (Russian and Indonesian: 94% against 95%): a change that loses
 * ground fails. A translation matched to another document fails at once.
 */
const { dir, present } = sharedData('ntrex/docs', 'the translation floors', '.');
const lexicons = sharedData('lexicons', 'the translation floors with word lists', 'es-en.tsv');

const FLOORS: Record<string, number> = { es: 0.95, pt: 0.95, pl: 0.95, ru: 0.92, id: 0.92, fa: 0.85, ja: 0.85 };
/**
 * Against the compact build (what subscriptions and imported files hold), which lists one
 * candidate fingerprint in four: today's figures (es 100%, pt 97%, pl 90%, ru 84%, id 92%, fa 79%,
 * ja 77%) less a document.
 */
const COMPACT_FLOORS: Record<string, number> = { es: 0.98, pt: 0.95, pl: 0.88, ru: 0.82, id: 0.9, fa: 0.77, ja: 0.75 };

describe.skipIf(!present || !lexicons.present)('translations of 62 news documents (../shared/ntrex)', () => {
  const run = present && lexicons.present ? evaluateTranslations(dir, readLexicons(lexicons.dir)) : null;
  const bare = present ? evaluateTranslations(dir, new Map()) : null;
  const compact =
    present && lexicons.present ? evaluateTranslations(dir, readLexicons(lexicons.dir), undefined, true) : null;

  it('still matches every English original to itself', () => {
    expect(run!.english.own).toBe(run!.english.documents);
  });

  it.each(Object.entries(FLOORS))(
    'with a word list, finds %s translations of their own original',
    (language, floor) => {
      const outcome = run!.languages.find((l) => l.language === language) as LanguageOutcome;
      console.log(`${language}: ${outcome.own}/${outcome.documents}, another document ${outcome.other}`);
      expect(outcome.own / outcome.documents).toBeGreaterThanOrEqual(floor);
    },
  );

  it.each(Object.entries(COMPACT_FLOORS))(
    'with a word list, finds %s translations in the compact build',
    (language, floor) => {
      const outcome = compact!.languages.find((l) => l.language === language) as LanguageOutcome;
      console.log(`compact ${language}: ${outcome.own}/${outcome.documents}, another document ${outcome.other}`);
      expect(outcome.own / outcome.documents).toBeGreaterThanOrEqual(floor);
    },
  );

  it('never matches a translation to another document, with or without word lists, full or compact', () => {
    const all = [...run!.languages, ...bare!.languages, ...compact!.languages];
    expect(all.map((l) => [l.language, l.other])).toEqual(all.map((l) => [l.language, 0]));
  });
});
