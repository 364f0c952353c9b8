/**
 * Words of a text in any script. Japanese, Chinese and Thai are written
 * without spaces between words: the browser's (and Node's) own word
 * segmenter, Intl.Segmenter, splits them ("東京都は12日" → 東京 | 都 | は | 12 | 日).
 * Other scripts split on letters and digits as the rest of the engine does.
 */
import { words } from './text';

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
/** Segmenters are costly to make and hold no state between texts: one per language and kind. */
const SEGMENTERS = new Map<string, Intl.Segmenter>();

function segmenter(language: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}:${language}`;
  let s = SEGMENTERS.get(key);
  if (!s) {
    s = new Intl.Segmenter(language, { granularity });
    SEGMENTERS.set(key, s);
  }
  return s;
}

/** The words of a text, lower case, in order. */
export function wordsOf(text: string, language: string | null): string[] {
  if (!UNSPACED.test(text) || typeof Intl.Segmenter !== 'function') return words(text);
  const out: string[] = [];
  for (const part of segmenter(language ?? 'und', 'word').segment(text.normalize('NFKC'))) {
    if (part.isWordLike) out.push(part.segment.toLowerCase());
  }
  return out;
}

/** Sentences of a text in any script (the segmenter knows "。" and "?" alike). */
export function sentencesOf(text: string, language: string | null): string[] {
  if (typeof Intl.Segmenter !== 'function') return [text];
  const out: string[] = [];
  for (const part of segmenter(language ?? 'und', 'sentence').segment(text)) {
    const s = part.segment.trim();
    if (s) out.push(s);
  }
  return out;
}

/**
 * What stands inside quotation marks, in the marks of any language: « », „ “,
 * “ ”, " ", 「 」, 『 』, ‹ ›. Quotes are evidence of the event, not of copying:
 * every report that heard the speaker carries them.
 */
const QUOTED = /«[^»]*»|„[^“”"]*[“”"]|“[^”]*”|"[^"]*"|「[^」]*」|『[^』]*』|‹[^›]*›/gu;

export function withoutQuotes(text: string): string {
  return text.replace(QUOTED, ' ');
}
