import agencies from './rules/agencies.json';
import { normalizeText, STOPWORDS, wordCount } from './text';
import { alternation, anyOf, literal, wordList, type Language } from './words';

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

const NAME = String.raw`((?:[A-Z][\p{L}.'-]*\s+|of\s+){0,7}[A-Z][\p{L}'-]+)`;
/**
 * A name with up to three lower-case words describing the person first, as wire style writes them
 * next to a quote: "…," said grower Vasile Munteanu / "…," union president Dale Horrigan told
 * reporters. Function words among them ("said a spokesman for Gazprom", "said on Monday") make
 * it no name: see personOf.
 */
const DESCRIBED_NAME = String.raw`((?:\p{Ll}[\p{Ll}'-]*\s+){0,3}(?:[A-Z][\p{L}.'-]*\s+|of\s+){0,7}[A-Z][\p{L}'-]+)`;
/** A capitalised run of words, as a place after a place lead stands ("in West Germany"), possessives left out. */
const CAPITALISED_RUN = String.raw`((?:[A-Z][\p{L}-]+\s+)*[A-Z][\p{L}-]+)\b(?!')`;
/** A wire agency is a source, never a speaker ("A Fiat spokesman contacted by Reuters said"). */
const AGENCY = new RegExp(`^(?:${agencies.map((a) => a.pattern).join('|')})$`, 'u');

/**
 * The word lists attribution reads (lib/rules/words/<language>.json): speech
 * verbs ("said", "as saying"), pronouns that name the person named before
 * ("he said"), role words before a name ("Russian Deputy Foreign Minister"),
 * capitalised words that are never a speaker on their own ("On Monday"), and
 * the words after which a capitalised word is a place ("in Moscow", so "Moscow
 * said" names no person).
 */
export interface QuoteWords {
  speechVerbs: readonly string[];
  pronouns: readonly string[];
  roleWords: readonly string[];
  notNames: readonly string[];
  placeLeads: readonly string[];
}

/** The attribution word lists of a language. */
export function quoteWords(language: Language): QuoteWords {
  return {
    speechVerbs: wordList(language, 'speechVerbs'),
    pronouns: wordList(language, 'pronouns'),
    roleWords: wordList(language, 'roleWords'),
    notNames: wordList(language, 'notNames'),
    placeLeads: wordList(language, 'placeLeads'),
  };
}

const ENGLISH = quoteWords('en');

/** What a set of word lists compiles to: once per set (the English one at the first quote). */
interface Grammar {
  /** An attribution right after a quote: "…," he said / Stoltenberg said / said Stoltenberg / - Stoltenberg. */
  after: RegExp;
  /** An attribution in the sentence before a quote, quote marks removed first, so "quoted X as saying NATO's "ignoring" of…" still reads. */
  before: RegExp;
  roleWords: ReadonlySet<string>;
  notNames: ReadonlySet<string>;
  places: RegExp;
}

const GRAMMARS = new WeakMap<QuoteWords, Grammar>();

function grammarOf(words: QuoteWords): Grammar {
  let grammar = GRAMMARS.get(words);
  if (!grammar) {
    const verbs = alternation(words.speechVerbs);
    const pronouns = alternation(words.pronouns);
    // Before a quote the pronoun may open the sentence ("He said"); after one it is lower case ("…," he said).
    const sentencePronouns = anyOf(
      words.pronouns.map((p) => `[${literal(p.charAt(0).toUpperCase())}${literal(p.charAt(0))}]${literal(p.slice(1))}`),
    );
    grammar = {
      after: new RegExp(
        String.raw`^[\s,:-]*(?:(${pronouns})|${DESCRIBED_NAME})\s+(?:${verbs})\b|^[\s,:-]*(?:${verbs})\s+${DESCRIBED_NAME}|^\s*-\s*${NAME}\s*$`,
        'u',
      ),
      before: new RegExp(String.raw`(?:\b(${sentencePronouns})|${NAME})\s+(?:${verbs})\b[^.]*$`, 'u'),
      roleWords: new Set(words.roleWords),
      notNames: new Set(words.notNames),
      places: new RegExp(String.raw`\b(?:${alternation(words.placeLeads)})\s+${CAPITALISED_RUN}`, 'gu'),
    };
    GRAMMARS.set(words, grammar);
  }
  return grammar;
}

/** Capitalised words the text puts after a place lead ("in Moscow", "in West Germany"): places, not people. */
function placesIn(texts: readonly string[], grammar: Grammar): Set<string> {
  const places = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(grammar.places)) for (const word of m[1]!.split(/\s+/)) places.add(word);
  }
  return places;
}

interface Person {
  name: string;
  role: string | null;
}

/** Splits a capitalised phrase into role words and the name after them. */
function personOf(phrase: string, grammar: Grammar, places: ReadonlySet<string>): Person | null {
  const tokens = phrase.trim().split(/\s+/);
  while (tokens[0] === 'of' || tokens[0] === 'the') tokens.shift();
  // Lower-case words before the name describe the person ("union president"); a function word among them
  // means they are not a description: "said a spokesman for Gazprom" names an organisation, "said on Monday" a day.
  const described: string[] = [];
  while (tokens.length > 1 && /^\p{Ll}/u.test(tokens[0]!) && tokens[0] !== 'of') described.push(tokens.shift()!);
  if (described.some((w) => STOPWORDS.has(w))) return null;
  // A possessive ("of Russia's making") is never the speaker.
  if (tokens.some((t) => /'s$/.test(t))) return null;
  // "Russia. Ukraine" is two sentences, not a name.
  if (tokens.some((t) => /\p{Ll}{2}\.$/u.test(t))) return null;
  let i = 0;
  while (i < tokens.length && grammar.roleWords.has(tokens[i]!.toLowerCase())) i++;
  const nameTokens = tokens.slice(i).filter((t) => /^[A-Z]/.test(t));
  if (nameTokens.length === 0 || nameTokens.length > 3) return null;
  // "On Monday", and "Moscow said" in a text that reports talks "in Moscow": a government or a day, not a person.
  if (nameTokens.every((t) => grammar.notNames.has(t.toLowerCase()) || places.has(t))) return null;
  if (AGENCY.test(nameTokens.join(' '))) return null;
  const role = [...described, ...tokens.slice(0, i)].join(' ');
  return { name: nameTokens.join(' '), role: role || null };
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
    const known = this.bySurname.get(person.name.split(' ').pop()!);
    if (known && !known.role && person.role) known.role = person.role;
    return known ?? person;
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
function collectPeople(paragraphs: readonly string[], grammar: Grammar, places: ReadonlySet<string>): People {
  const people = new People();
  const roleName = new RegExp(String.raw`\b${NAME}`, 'gu');
  for (const p of paragraphs) {
    for (const m of p.matchAll(roleName)) {
      const person = personOf(m[1]!, grammar, places);
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
export function extractQuotes(paragraphs: readonly string[], words: QuoteWords = ENGLISH): Quote[] {
  const texts = paragraphs.map((p) => normalizeText(p));
  // No quotation mark, no quote: skip the name scan (most of the work) entirely.
  if (!texts.some((t) => t.includes('"'))) return [];
  const grammar = grammarOf(words);
  let places: Set<string> | null = null;
  let known: People | null = null;
  // The place and name scans run once, and only when an attribution needs them.
  const placesOf = () => (places ??= placesIn(texts, grammar));
  const people = {
    lastIn: (text: string) => (known ??= collectPeople(texts, grammar, placesOf())).lastIn(text),
    resolve: (person: Person) => (known ??= collectPeople(texts, grammar, placesOf())).resolve(person),
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
      // "…," she said / "…," said Jens Stoltenberg: the attribution after the quote comes first.
      const attributionAfter = grammar.after.exec(after);
      const lastSentence =
        before
          .replace(/"/g, '')
          .split(/(?<=[.!?])\s+/)
          .pop() ?? '';
      const m = attributionAfter ?? grammar.before.exec(lastSentence);
      if (m) {
        const pronoun = m[1];
        const phrase = m[2] ?? m[3] ?? m[4];
        if (pronoun) speaker = people.lastIn(texts.slice(Math.max(0, index - 2), index).join(' ') + ' ' + before);
        else if (phrase) {
          const person = personOf(phrase, grammar, placesOf());
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
