import type { Block, MetaLine } from './article';
import agencyData from './rules/agencies.json';
import creditPhrases from './rules/credit-phrases.json';
import { bylineLeads, citing, endNoteLeads } from './rules/words/en.json';
import { uniqueBy } from './unique';
import { alternation, wordsOf } from './words';

/**
 * Where a page credits a wire agency. Reported neutrally: subscribers may
 * reuse wire text without credit, so a missing credit is information, not
 * an accusation.
 * - byline: the author line names the agency (TBS's "Reuters");
 * - dateline: "BRUSSELS (Reuters) -" opening the story;
 * - end-note: a closing "Source(s): Reuters" (CGTN) or "Reporting by ..." line;
 * - sentence: only inside the text ("citing Reuters on January 13", VOI);
 * - photo: only a picture is credited ("© Reuters." before a caption): says nothing about the text.
 */
export type CreditPlace = 'byline' | 'dateline' | 'end-note' | 'sentence' | 'photo';

export interface Credit {
  agency: string;
  place: CreditPlace;
  /** The words that carry the credit, as the page shows them. */
  text: string;
}

interface AgencyRule {
  name: string;
  short: string;
  pattern: string;
  /** The agency's name in other languages and scripts ("ロイター", "路透社", "Рейтер", "رویترز"). */
  abroad?: Array<{ name: string; language: string }>;
}

export const AGENCIES: readonly AgencyRule[] = agencyData;

/** Words that credit an agency inside a sentence, in other languages ("según", "сообщает", "によると"). */
const ABROAD_CITING = caseless(
  alternation(
    Object.values(creditPhrases as Record<string, Array<{ phrase: string }>>).flatMap((list) =>
      list.map((p) => p.phrase),
    ),
  ),
);
/** How far such a word may stand from the agency's name ("según informó la agencia Reuters"). */
const CITING_REACH = 24;
/** Case endings a Latin-script name takes in other languages (Polish "według Reutersa"). */
const NAME_ENDINGS = '(?:a|u|em|owi)?';

/** Longest credit text kept for display. */
const MAX_CREDIT_TEXT = 160;
/** The dateline opens one of the first paragraphs (after any summary bullets). */
const DATELINE_PARAGRAPHS = 2;
/** End notes are among the last blocks. */
const END_NOTE_BLOCKS = 3;

/** A word list matched case-insensitively, while agency names keep their case ("AP" is not "ap" in "approval"). */
function anyCase(words: string): string {
  return words.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** The same in any script with case ("Według", "По данным" opening a sentence). */
function caseless(words: string): string {
  return words.replace(/\p{Ll}/gu, (c) => (c.toUpperCase() === c ? c : `[${c}${c.toUpperCase()}]`));
}

/** Words before the agency in a byline ("By Reuters"), a closing note ("Source(s): Reuters") or a sentence ("citing Reuters"). */
const BY = anyCase(alternation(wordsOf(bylineLeads)));
const END_NOTE_LEAD = anyCase(alternation(wordsOf(endNoteLeads)));
const CITING = anyCase(alternation(wordsOf(citing)));

/**
 * An agency's name: its Latin forms on word boundaries ("AP" is not in "APPLE"), its other
 * scripts' forms as they stand (Japanese and Chinese run words together: "ロイター通信によると").
 */
function namePattern(agency: AgencyRule): string {
  const latin = `(?<![\\p{L}\\p{N}])(?:${agency.pattern})${NAME_ENDINGS}(?![\\p{L}\\p{N}])`;
  const abroad = (agency.abroad ?? []).map((a) => a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return abroad.length ? `(?:${latin}|${abroad.join('|')})` : latin;
}

const COMPILED = AGENCIES.map((agency) => {
  const name = namePattern(agency);
  return {
    agency,
    anywhere: new RegExp(name, 'u'),
    dateline: new RegExp(
      `^\\p{Lu}[\\p{Lu}\\p{M} .,'-]{1,60}(?:,\\s*[\\p{L}.]+\\s+\\d{1,2})?\\s*\\((?:[^()]*\\s)?${name}\\)\\s*[-–—:]` +
        // Japanese and Chinese datelines: "[ブリュッセル 12日 ロイター]", "【ブリュッセル共同通信電】", "新华社布鲁塞尔1月12日电".
        `|^[\\[［【(（]\\s*[^\\]］】)）]{0,40}?${name}[^\\]］】)）]{0,4}[\\]］】)）]|^${name}[\\p{L}\\p{N} ]{0,20}电`,
      'u',
    ),
    byline: new RegExp(
      `^(?:${BY}\\s+)?(?:[^,;]{0,80}(?:,|\\sand|;)\\s*)?${name}(?:\\s+(?:staff|wire|news agency))?\\.?$`,
      'u',
    ),
    endNote: new RegExp(
      `^(?:\\(?(?:${END_NOTE_LEAD})\\b[^.]{0,200}${name}|\\(?${name}\\)?\\.?$|\\(${name}(?:/[\\p{L}. ]+)?\\)$)`,
      'u',
    ),
    sentence: new RegExp(
      `(?:${CITING})\\s+(?:the\\s+)?${name}|${name}\\s+(?:reported|said|reports|quoted|news agency)` +
        `|(?:${ABROAD_CITING})[^.。!?]{0,${CITING_REACH}}?${name}|${name}[^.。!?]{0,${CITING_REACH}}?(?:${ABROAD_CITING})`,
      'u',
    ),
    photo: new RegExp(`^©\\s*${name}|(?:/|via\\s+|[Pp]hoto:\\s*)${name}`, 'u'),
  };
});

const ANY_AGENCY = new RegExp(AGENCIES.map(namePattern).join('|'), 'gu');

function clip(text: string): string {
  return text.length > MAX_CREDIT_TEXT ? `${text.slice(0, MAX_CREDIT_TEXT - 1)}…` : text;
}

/**
 * Credits of wire agencies on an extracted page: byline, dateline, end note,
 * inside a sentence, or on a photo only. One entry per agency and place.
 */
export function findCredits(input: {
  byline: string | null;
  blocks: readonly Block[];
  meta: readonly MetaLine[];
}): Credit[] {
  const out: Credit[] = [];
  const add = (agency: string, place: CreditPlace, text: string) => out.push({ agency, place, text: clip(text) });
  // A credit line above the story is its byline (TBS's lone "Reuters"); below it, an end note (CGTN's "Source(s): Reuters").
  const isEndNote = (m: MetaLine) => m.kind === 'credit' && (m.bodyIndex ?? 0) >= input.blocks.length / 2;
  const isTopLine = (m: MetaLine) =>
    m.kind === 'byline' || m.kind === 'section' || (m.kind === 'credit' && !isEndNote(m));
  const bylines = [...(input.byline ? [input.byline] : []), ...input.meta.filter(isTopLine).map((m) => m.text)];
  const endNotes = [
    ...input.meta.filter(isEndNote).map((m) => m.text),
    ...input.blocks.slice(-END_NOTE_BLOCKS).map((b) => b.text),
  ];
  const openingParagraphs = input.blocks.filter((b) => b.kind === 'paragraph').slice(0, DATELINE_PARAGRAPHS);
  const captions = input.meta.filter((m) => m.kind === 'caption').map((m) => m.text);

  // One scan for any agency name; the detailed patterns run only for the agencies the page names.
  const named = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.matchAll(ANY_AGENCY)) named.add(m[0]);
  };
  for (const text of [...bylines, ...endNotes, ...captions]) scan(text);
  for (const block of input.blocks) scan(block.text);
  if (named.size === 0) return out;
  const present = COMPILED.filter(({ anywhere }) => [...named].some((name) => anywhere.test(name)));

  for (const { agency, anywhere, dateline, byline, endNote, sentence, photo } of present) {
    for (const text of bylines) if (byline.test(text)) add(agency.name, 'byline', text);
    for (const block of openingParagraphs) {
      const m = dateline.exec(block.text);
      if (m) add(agency.name, 'dateline', m[0].replace(/\s*[-–—:]$/, ''));
    }
    for (const text of endNotes) if (endNote.test(text)) add(agency.name, 'end-note', text);
    for (const block of input.blocks) {
      if (!anywhere.test(block.text)) continue;
      const m = sentence.exec(block.text);
      if (m) add(agency.name, 'sentence', m[0]);
    }
    for (const text of captions) if (photo.test(text)) add(agency.name, 'photo', text);
  }
  // One entry per agency and place, however often the page repeats it: the first found stays.
  return uniqueBy(out, (c) => `${c.agency}\u0000${c.place}`);
}
