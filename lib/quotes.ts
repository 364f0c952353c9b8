import { normalizeText, wordCount } from './text';

/** A direct quote found in a text, with the speaker when the text supports one. */
export interface Quote {
  /** The quoted words, without quotation marks. */
  text: string;
  /** Full name as the text gives it, or null when the text does not say who spoke. */
  speaker: string | null;
  /** Role words the text puts before the speaker's name ("NATO Secretary General"). */
  role: string | null;
  /** The sentence the quote stands in. */
  context: string;
  /** Index of the paragraph it came from. */
  paragraph: number;
}

/** Quotes shorter than this are scare quotes ("non-starters"), not statements. */
const MIN_QUOTE_WORDS = 3;

const SPEECH_VERBS =
  'said|says|told|added|stressed|warned|asked|noted|explained|insisted|wrote|declared|continued|replied|argued|urged|tweeted|reiterated|as saying';
/** Words of a title or description that stand before a name ("Russian Deputy Foreign Minister"). */
const ROLE_WORDS = new Set(
  (
    'nato us u.s. un eu russian american british french german chinese ukrainian deputy foreign defence defense ' +
    'minister secretary general secretary-general state president prime vice chief spokesperson spokesman spokeswoman ' +
    'ambassador envoy senator representative director head leader chancellor commander colonel assistant under of ' +
    'the executive governor mr mrs ms dr former senior official alliance'
  ).split(' '),
);
/** Capitalised words that start sentences or name places and bodies, never a speaker on their own. */
const NOT_NAMES = new Set(
  (
    'the a an and but if in on at this that these those it its there he she they we i you despite however meanwhile ' +
    'nato russia moscow brussels europe ukraine washington geneva vienna kremlin interfax reuters west alliance ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december'
  ).split(' '),
);

const NAME = String.raw`((?:[A-Z][\p{L}.'-]*\s+|of\s+){0,7}[A-Z][\p{L}'-]+)`;
const AFTER_ATTRIBUTION = new RegExp(
  String.raw`^[\s,:-]*(?:(he|she)|${NAME})\s+(?:${SPEECH_VERBS})\b|^[\s,:-]*(?:${SPEECH_VERBS})\s+${NAME}|^\s*-\s*${NAME}\s*$`,
  'u',
);
/** Quote marks are removed from the text before the quote, so "quoted X as saying NATO's "ignoring" of…" still reads. */
const BEFORE_ATTRIBUTION = new RegExp(String.raw`(?:\b([Hh]e|[Ss]he)|${NAME})\s+(?:${SPEECH_VERBS})\b[^.]*$`, 'u');

interface Person {
  name: string;
  role: string | null;
}

/** Splits a capitalised phrase into role words and the name after them. */
function personOf(phrase: string): Person | null {
  const tokens = phrase.trim().split(/\s+/);
  while (tokens[0] === 'of' || tokens[0] === 'the') tokens.shift();
  // A possessive ("of Russia's making") is never the speaker.
  if (tokens.some((t) => /'s$/.test(t))) return null;
  // "Russia. Ukraine" is two sentences, not a name.
  if (tokens.some((t) => /\p{Ll}{2}\.$/u.test(t))) return null;
  let i = 0;
  while (i < tokens.length && ROLE_WORDS.has(tokens[i]!.toLowerCase())) i++;
  const nameTokens = tokens.slice(i).filter((t) => /^[A-Z]/.test(t));
  if (nameTokens.length === 0 || nameTokens.length > 3) return null;
  if (nameTokens.every((t) => NOT_NAMES.has(t.toLowerCase()))) return null;
  if (nameTokens.length === 1 && NOT_NAMES.has(nameTokens[0]!.toLowerCase())) return null;
  return { name: nameTokens.join(' '), role: i > 0 ? tokens.slice(0, i).join(' ') : null };
}

/** People the text names: role-prefixed or full names, keyed by surname for "Stoltenberg said". */
class People {
  private bySurname = new Map<string, Person>();

  add(person: Person): Person {
    const surname = person.name.split(' ').pop()!;
    const known = this.bySurname.get(surname);
    if (known && known.name.split(' ').length >= person.name.split(' ').length) {
      if (!known.role && person.role) known.role = person.role;
      return known;
    }
    const merged = { name: person.name, role: person.role ?? known?.role ?? null };
    this.bySurname.set(surname, merged);
    return merged;
  }

  resolve(person: Person): Person {
    return this.bySurname.get(person.name.split(' ').pop()!) ?? person;
  }

  /** The person named last in a text, if any. */
  lastIn(text: string): Person | null {
    let best: { at: number; person: Person } | null = null;
    for (const [surname, person] of this.bySurname) {
      const at = text.lastIndexOf(surname);
      if (at !== -1 && (!best || at > best.at)) best = { at, person };
    }
    return best?.person ?? null;
  }
}

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Spans between double quotes; an unclosed quote runs to the paragraph's end (it continues in the next). */
function segmentsOf(paragraph: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < paragraph.length) {
    const open = paragraph.indexOf('"', i);
    if (open === -1) break;
    const close = paragraph.indexOf('"', open + 1);
    const end = close === -1 ? paragraph.length : close;
    out.push({ start: open, end, text: paragraph.slice(open + 1, end) });
    i = end + 1;
  }
  return out;
}

function sentenceAround(paragraph: string, start: number, end: number): string {
  const before = paragraph.slice(0, start);
  const from = Math.max(before.lastIndexOf('. ') + 2, 0);
  const after = paragraph.slice(end).search(/[.!?]["']?(\s|$)/);
  return paragraph.slice(from === 1 ? 0 : from, after === -1 ? paragraph.length : end + after + 2).trim();
}

function cleanQuoteText(text: string): string {
  return text.replace(/^[\s,.-]+|[\s,-]+$/g, '').trim();
}

/** First pass: everyone the paragraphs name with a role or next to a speech verb. */
function collectPeople(paragraphs: readonly string[]): People {
  const people = new People();
  const roleName = new RegExp(String.raw`\b${NAME}`, 'gu');
  for (const p of paragraphs) {
    for (const m of p.matchAll(roleName)) {
      const person = personOf(m[1]!);
      if (person && (person.role || person.name.includes(' '))) people.add(person);
    }
  }
  return people;
}

/**
 * Direct quotes of a text with their speakers. Precision first: a speaker is
 * given only when an attribution names one ("X said", "said X", "he said"
 * with a person named just before, or a quote-only paragraph right after an
 * attributed quote, as wire style continues a speaker's remarks).
 */
export function extractQuotes(paragraphs: readonly string[]): Quote[] {
  const texts = paragraphs.map((p) => normalizeText(p));
  // No quotation mark, no quote: skip the name scan (most of the work) entirely.
  if (!texts.some((t) => t.includes('"'))) return [];
  let known: People | null = null;
  // The name scan runs once, and only when an attribution needs it.
  const people = {
    lastIn: (text: string) => (known ??= collectPeople(texts)).lastIn(text),
    resolve: (person: Person) => (known ??= collectPeople(texts)).resolve(person),
  };
  const out: Quote[] = [];
  let lastSpeaker: Person | null = null;
  let previousEndedWithQuote = false;

  texts.forEach((paragraph, index) => {
    const segments = segmentsOf(paragraph);
    let paragraphSpeaker: Person | null = null;
    const found: { seg: Segment; speaker: Person | null }[] = [];
    for (const seg of segments) {
      let speaker: Person | null = null;
      const after = paragraph.slice(seg.end + 1).split('"')[0] ?? '';
      const before = paragraph.slice(0, seg.start);
      const am = AFTER_ATTRIBUTION.exec(after);
      const lastSentence =
        before
          .replace(/"/g, '')
          .split(/(?<=[.!?])\s+/)
          .pop() ?? '';
      const bm = am ? null : BEFORE_ATTRIBUTION.exec(lastSentence);
      const m = am ?? bm;
      if (m) {
        const pronoun = m[1];
        const phrase = m[2] ?? m[3] ?? m[4];
        if (pronoun) speaker = people.lastIn(texts.slice(Math.max(0, index - 2), index).join(' ') + ' ' + before);
        else if (phrase) {
          const person = personOf(phrase);
          speaker = person ? people.resolve(person) : null;
        }
      }
      if (speaker) paragraphSpeaker = speaker;
      found.push({ seg, speaker });
    }
    const quoteOnly = segments.length > 0 && paragraph.trimStart().startsWith('"') && !found.some((f) => f.speaker);
    if (!paragraphSpeaker && quoteOnly && previousEndedWithQuote) paragraphSpeaker = lastSpeaker;
    for (const { seg, speaker } of found) {
      const text = cleanQuoteText(seg.text);
      if (wordCount(text) < MIN_QUOTE_WORDS) continue;
      const who = speaker ?? paragraphSpeaker;
      out.push({
        text,
        speaker: who?.name ?? null,
        role: who?.role ?? null,
        context: sentenceAround(paragraph, seg.start, seg.end),
        paragraph: index,
      });
    }
    const hasQuote = found.some((f) => wordCount(f.seg.text) >= MIN_QUOTE_WORDS);
    if (hasQuote) lastSpeaker = paragraphSpeaker;
    previousEndedWithQuote = hasQuote && paragraphSpeaker !== null;
  });
  return out;
}
