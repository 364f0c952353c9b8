/**
 * The compare page's content: every version of a story set against the wire
 * text paragraph by paragraph, with word diffs; the quote drift table; each
 * version's credits. Pure, so it is tested like the rest of lib/.
 */
import { diffWords } from 'diff';
import type { Relation, Story } from './index-schema';
import { checkQuotes, diffPart, type DiffPart, type Fidelity } from './quote-check';
import { extractQuotes } from './quotes';
import { contentKeys } from './text';

/** A paragraph counts as this wire paragraph's version when this many of its content words are shared (Dice). */
const PARAGRAPH_MATCH = 0.3;

export interface VersionColumn {
  id: string;
  outlet: string;
  language: string;
  relation: Relation | 'wire';
  url: string | null;
  credits: string | null;
  shownDates: string | null;
}

export interface CompareRow {
  wire: string;
  /** Per version (same order as `versions`): its closest paragraph as a diff against the wire paragraph, or null. */
  cells: Array<{ similarity: number; diff: DiffPart[] } | null>;
}

export interface QuoteDrift {
  original: string;
  speaker: string | null;
  /** Per version: how it renders the quote. */
  cells: Array<{ fidelity: Fidelity; text: string | null; speakerDiffers: boolean }>;
}

export interface CompareView {
  story: Pick<Story, 'id' | 'agency' | 'date' | 'dateline' | 'bylines' | 'headlines' | 'url'>;
  wireVersion: string;
  versions: VersionColumn[];
  rows: CompareRow[];
  quotes: QuoteDrift[];
  /** Versions whose text the index does not carry (a compact build, or a version without text). */
  missing: string[];
}

/** Content words of a paragraph, quotes included: a quote-only paragraph must find its version too. */
function keysOf(paragraph: string): Set<string> {
  return new Set(contentKeys(paragraph));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const k of a) if (b.has(k)) common++;
  return (2 * common) / (a.size + b.size);
}

export function compareStory(story: Story): CompareView {
  // The latest write-through is the reference text (the version the agency ended the day with).
  const wire =
    story.wire.find((w) => story.versions.find((v) => v.id === w.version)?.writeThrough === 'latest') ?? story.wire[0];
  const texts = new Map([...story.wire, ...(story.siblingTexts ?? [])].map((t) => [t.version, t.paragraphs]));
  const others = story.versions.filter((v) => v.id !== wire?.version);
  const versions: VersionColumn[] = others.map((v) => ({
    id: v.id,
    outlet: v.outlet,
    language: v.language,
    relation: v.writeThrough ? 'wire' : v.relation,
    url: v.url,
    credits: v.credits,
    shownDates: v.shownDates,
  }));
  const missing = others.filter((v) => !texts.get(v.id)?.length).map((v) => v.outlet);
  const wireParagraphs = wire?.paragraphs ?? [];
  const versionKeys = others.map((v) => (texts.get(v.id) ?? []).map((p) => ({ text: p, keys: keysOf(p) })));
  const rows: CompareRow[] = wireParagraphs.map((paragraph) => {
    const keys = keysOf(paragraph);
    return {
      wire: paragraph,
      cells: versionKeys.map((candidates) => {
        let best: { text: string; similarity: number } | null = null;
        for (const c of candidates) {
          const similarity = dice(keys, c.keys);
          if (similarity >= PARAGRAPH_MATCH && (!best || similarity > best.similarity))
            best = { text: c.text, similarity };
        }
        if (!best) return null;
        return {
          similarity: Math.round(best.similarity * 100) / 100,
          diff: diffWords(paragraph, best.text).map((part) => diffPart(part, part.value)),
        };
      }),
    };
  });
  const versionQuotes = others.map((v) => checkQuotes(extractQuotes(texts.get(v.id) ?? []), story.quotes));
  const quotes: QuoteDrift[] = story.quotes.map((q) => ({
    original: q.text,
    speaker: q.speaker,
    cells: versionQuotes.map((checks) => {
      const found = checks.find((c) => c.original === q.text);
      return found
        ? { fidelity: found.fidelity, text: found.text, speakerDiffers: found.speakerDiffers }
        : { fidelity: 'unmatched' as const, text: null, speakerDiffers: false };
    }),
  }));
  return {
    story: {
      id: story.id,
      agency: story.agency,
      date: story.date,
      dateline: story.dateline,
      bylines: story.bylines,
      headlines: story.headlines,
      url: story.url,
    },
    wireVersion: wire?.version ?? '',
    versions,
    rows,
    quotes,
    missing,
  };
}
