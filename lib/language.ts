/**
 * The language of a page: what the document declares, checked against the
 * script its text is written in, and for Latin-script text the language
 * whose most frequent function words it uses (lib/rules/languages.json).
 * A Russian page that declares lang="en" (a template default) is Russian.
 */
import markerData from './rules/languages.json';

interface LanguageMarkers {
  name: string;
  example: string;
  words: string[];
}

const MARKERS = markerData as Record<string, LanguageMarkers>;
const MARKER_WORDS = new Map<string, string[]>();
for (const [code, { words }] of Object.entries(MARKERS)) {
  for (const w of words) MARKER_WORDS.set(w, [...(MARKER_WORDS.get(w) ?? []), code]);
}

/** Characters looked at: enough to tell a script or language, bounded on a huge page. */
const SAMPLE_CHARS = 5_000;
/** A Latin-script text needs this many function words of one language to be named. */
const MIN_MARKER_WORDS = 3;

/** Scripts by what their letters say of the language, most specific first. */
const SCRIPTS: ReadonlyArray<readonly [RegExp, (sample: string) => string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, () => 'ja'],
  [/\p{Script=Hangul}/u, () => 'ko'],
  [/\p{Script=Thai}/u, () => 'th'],
  [/\p{Script=Han}/u, () => 'zh'],
  [/\p{Script=Cyrillic}/u, (s) => (/[іїєґ]/iu.test(s) ? 'uk' : 'ru')],
  // Persian writes four letters Arabic does not (پ چ ژ گ) and its own kaf and yeh (ک ی).
  [/\p{Script=Arabic}/u, (s) => (/[پچژگکی]/u.test(s) ? 'fa' : 'ar')],
  [/\p{Script=Greek}/u, () => 'el'],
  [/\p{Script=Hebrew}/u, () => 'he'],
  [/\p{Script=Devanagari}/u, () => 'hi'],
];

/** Every language a page can be told to be in (by its script or its function words), but the wire's own: a word list can be given for each. */
export const LANGUAGES_TOLD: readonly string[] = [
  ...new Set([...Object.keys(MARKERS), 'ja', 'ko', 'th', 'zh', 'ru', 'uk', 'fa', 'ar', 'el', 'he', 'hi']),
]
  .filter((code) => code !== 'en')
  .sort();

/** The script a text is mostly written in, as the language it implies; null for Latin script. */
function languageOfScript(sample: string): string | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  for (const [script, language] of SCRIPTS) {
    const count = sample.match(new RegExp(script.source, 'gu'))?.length ?? 0;
    // Japanese mixes kana with Han: a little kana is enough to say Japanese.
    if (count >= letters * (script.source.includes('Hiragana') ? 0.05 : 0.3)) return language(sample);
  }
  return null;
}

/** The Latin-script language whose function words the text uses most; null when none clearly. */
function languageOfWords(sample: string): string | null {
  const counts = new Map<string, number>();
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const code of MARKER_WORDS.get(word) ?? []) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= MIN_MARKER_WORDS ? best[0] : null;
}

/**
 * The page's language as a two-letter code, or null when it cannot be told.
 * `declared` is what the document says (`<html lang>`, og:locale): trusted
 * when the text's script agrees with it.
 */
export function detectLanguage(text: string, declared: string | null = null): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const fromScript = languageOfScript(sample);
  if (fromScript) return fromScript;
  const said = declared?.toLowerCase().split(/[-_]/)[0] || null;
  if (
    said &&
    /^[a-z]{2,3}$/.test(said) &&
    !['ja', 'ko', 'th', 'zh', 'ru', 'uk', 'fa', 'ar', 'el', 'he', 'hi'].includes(said)
  )
    return said;
  return languageOfWords(sample);
}

const NAMES = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

/** "pl" → "Polish", for "a translation into Polish". */
export function languageName(code: string): string {
  return MARKERS[code]?.name ?? NAMES?.of(code) ?? code;
}
