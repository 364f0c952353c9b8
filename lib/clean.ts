import type { Block, MetaKind, MetaLine } from './article';
import rulesData from './rules/boilerplate.json';
import { comparableText, endsSentence, normalizeText, wordCount } from './text';

/**
 * What a boilerplate rule does with a block it matches:
 * - drop: remove the block;
 * - meta: move it to the article's metadata (byline, date, caption, credit);
 * - inset: remove it and the short headline-like lines after it (a read-more box);
 * - tail: once the body has begun, remove it and everything after (most-read lists), unless much
 *   of the story follows: then it is a box inside the story, removed like an inset;
 * - end: once the body has begun, remove it and everything after, always (comments, whose
 *   paragraphs read like a story's, and legal footers);
 * - closing: where little of the story follows, remove it and everything after (an author's
 *   bio under the story); elsewhere it is a sentence of the story and stays.
 */
export type RuleAction = 'drop' | 'meta' | 'inset' | 'tail' | 'end' | 'closing';

export interface BoilerplateRule {
  id: string;
  action: RuleAction;
  meta?: MetaKind;
  pattern: string;
  flags: string;
  why: string;
  example: string;
}

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = rulesData as BoilerplateRule[];

const COMPILED_RULES = BOILERPLATE_RULES.map((rule) => ({ rule, re: new RegExp(rule.pattern, rule.flags) }));

/** A paragraph this long means the story has begun (so a "Comments" heading later ends it). */
const BODY_START_WORDS = 15;
/** Lines of an inset (read-more box) are headlines: short and without closing punctuation. */
const INSET_LINE_MAX_WORDS = 14;
/** Short lines before the story begins are section names, author names or credits. */
const PRE_BODY_META_MAX_WORDS = 4;
/** Short lines inside the story are subheadings ('VULNERABILITIES', 'High price'). */
const HEADING_MAX_WORDS = 8;
/** A tail heading is an inset when this many paragraphs of the story follow it... */
const TAIL_MIN_PARAGRAPHS_AFTER = 3;
/** ...holding this many words for each word of the story before it. */
const TAIL_MIN_SHARE_AFTER = 0.25;
/** A standfirst sits among the first blocks of the body. */
const STANDFIRST_ZONE = 3;

const BULLET_MARKER = /^[•*·▪◦‣-]\s+/;
const HTML_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/** Entities left undecoded in copied text (TBS's "Alliance&#039;s"). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return HTML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The first rule a text matches, if any. */
export function matchRule(text: string): BoilerplateRule | null {
  for (const { rule, re } of COMPILED_RULES) if (re.test(text)) return rule;
  return null;
}

/** A read-more box ends at the first line that is not a teaser headline. */
function endsInset(text: string, rule: BoilerplateRule | null): boolean {
  return rule?.action === 'meta' || BULLET_MARKER.test(text) || wordCount(text) > INSET_LINE_MAX_WORDS;
}

export interface CleanResult {
  blocks: Block[];
  meta: MetaLine[];
}

/**
 * Removes boilerplate from blocks in reading order, moves descriptive lines to
 * metadata, and drops repeats (a headline repeated in the chrome, a standfirst
 * that repeats a body sentence, a caption shown twice). `captions` are the
 * page's photo captions, wherever they stand: a block repeating one is a caption.
 */
export function cleanBlocks(raw: readonly Block[], title: string, captions: readonly string[] = []): CleanResult {
  const kept: Block[] = [];
  const meta: MetaLine[] = [];
  const titleKey = comparableText(title);
  const captionKeys = new Set(captions.map(comparableText).filter(Boolean));
  let bodyStarted = false;
  /** A paragraph of prose has been kept (a standfirst without a full stop does not count). */
  let storyBegun = false;
  let inInset = false;

  const texts = raw.map((block) => normalizeText(decodeEntities(block.text)));
  const rules = texts.map((text) => (text ? matchRule(text) : null));
  const proseAfter = proseWordsFrom(raw, texts, rules);
  for (let i = 0; i < raw.length; i++) {
    const block = raw[i]!;
    const text = texts[i]!;
    if (!text) continue;
    // A closing line with the story going on after it is the story's own sentence.
    const rule = rules[i]?.action === 'closing' && !(bodyStarted && !storyGoesOn(proseAfter, i)) ? null : rules[i]!;
    // A tail heading with much of the story still to come is a box inside the story (an inline
    // "More from …" box two paragraphs in): it is dropped like a read-more box, the story goes on.
    if (rule?.action === 'end' && bodyStarted) break;
    if (rule?.action === 'closing') break;
    if (rule?.action === 'tail' && bodyStarted && !storyGoesOn(proseAfter, i)) break;
    if (rule?.action === 'tail' || rule?.action === 'end' || rule?.action === 'inset') {
      inInset = true;
      continue;
    }
    if (inInset) {
      if (!endsInset(text, rule)) continue;
      inInset = false;
    }
    if (rule?.action === 'drop') continue;
    if (rule?.action === 'meta') {
      meta.push({ kind: rule.meta ?? 'section', text, bodyIndex: kept.length });
      continue;
    }
    const key = comparableText(text);
    if (titleKey && key === titleKey) continue;
    // A photo's caption repeated as text anywhere on the page (under the photo, again in a gallery).
    // Not the story's lead paragraph, which pages reuse as the caption of their lead video.
    if (storyBegun && captionKeys.has(key)) {
      meta.push({ kind: 'caption', text, bodyIndex: kept.length });
      continue;
    }
    const words = wordCount(text);
    if (BULLET_MARKER.test(text)) {
      kept.push({ kind: 'bullet', text: text.replace(BULLET_MARKER, '') });
      continue;
    }
    if (
      !bodyStarted &&
      block.kind === 'paragraph' &&
      words <= PRE_BODY_META_MAX_WORDS &&
      !/[:：]$/.test(text) &&
      !endsSentence(text)
    ) {
      meta.push({ kind: 'section', text });
      continue;
    }
    const kind =
      block.kind === 'paragraph' && words <= HEADING_MAX_WORDS && !/[.,;。，；、]$/.test(text) ? 'heading' : block.kind;
    kept.push({ kind, text });
    if (kind === 'paragraph' && words >= BODY_START_WORDS) bodyStarted = true;
    if (isProse(block, text, rule)) storyBegun = true;
  }
  return dropRepeats(kept, meta);
}

/** A paragraph of the story: long, a sentence, not boilerplate. */
function isProse(block: Block, text: string, rule: BoilerplateRule | null): boolean {
  return block.kind === 'paragraph' && !rule && wordCount(text) >= BODY_START_WORDS && endsSentence(text);
}

/** Words of prose paragraphs at each position and after it, and before it: [after, before] per index. */
function proseWordsFrom(raw: readonly Block[], texts: readonly string[], rules: readonly (BoilerplateRule | null)[]) {
  const after = new Array<number>(raw.length + 1).fill(0);
  const paragraphsAfter = new Array<number>(raw.length + 1).fill(0);
  for (let i = raw.length - 1; i >= 0; i--) {
    const prose = isProse(raw[i]!, texts[i]!, rules[i]!);
    after[i] = after[i + 1]! + (prose ? wordCount(texts[i]!) : 0);
    paragraphsAfter[i] = paragraphsAfter[i + 1]! + (prose ? 1 : 0);
  }
  return { after, paragraphsAfter, total: after[0]! };
}

/** Whether enough of the story follows position i for a tail heading there to be an inset instead. */
function storyGoesOn(prose: ReturnType<typeof proseWordsFrom>, i: number): boolean {
  const after = prose.after[i + 1]!;
  const before = prose.total - prose.after[i]!;
  return prose.paragraphsAfter[i + 1]! >= TAIL_MIN_PARAGRAPHS_AFTER && after >= before * TAIL_MIN_SHARE_AFTER;
}

function dropRepeats(blocks: Block[], meta: MetaLine[]): CleanResult {
  const keys = blocks.map((b) => comparableText(b.text));
  // Last position of each text, so "appears again later" is one lookup, not a scan (huge pages).
  const lastAt = new Map(keys.map((k, i) => [k, i]));
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const key = keys[i]!;
    const isLong = wordCount(block.text) >= BODY_START_WORDS;
    if (isLong && (keys[i + 1] === key || keys[i - 1] === key)) {
      if (keys[i - 1] !== key) meta.push({ kind: 'caption', text: block.text });
      continue;
    }
    // Only a summary at the top repeats the body (a standfirst); repeats further
    // down are the story's own (a meal plan listing the same salad twice, Beachbody).
    if (i < STANDFIRST_ZONE && lastAt.get(key)! > i) {
      if (isLong) meta.push({ kind: 'standfirst', text: block.text });
      continue;
    }
    out.push(block);
  }
  return { blocks: out, meta };
}
