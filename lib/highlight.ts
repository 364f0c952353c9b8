/**
 * Marks, in the live page, which paragraphs are wire text word for word,
 * which follow it reworded, which are quotes (compared one by one in the
 * panel's list, not as wire text), and which are the outlet's own. Only classes are
 * added (and one style element); turning it off removes exactly what was
 * added, so the page's markup is as it was. Elements that are not story text
 * (ads, menus, related links) are never touched: only blocks whose text is a
 * block of the extracted article are candidates.
 */
import type { Block } from './article';
import { MIN_SENTENCE_KEYS, readParagraph } from './fingerprint';
import { normalizeText } from './text';

export type HighlightKind = 'wire' | 'reworded' | 'quote' | 'own';

export const HIGHLIGHT_CLASSES: Record<HighlightKind, string> = {
  wire: 'wiretrace-hl-wire',
  reworded: 'wiretrace-hl-reworded',
  quote: 'wiretrace-hl-quote',
  own: 'wiretrace-hl-own',
};
const STYLE_ID = 'wiretrace-highlight-style';
const BLOCK_SELECTOR = 'p, li, blockquote, h2, h3, h4, h5, h6, td, dd';
/** Elements looked at, at most: a page with 100,000 nodes must not stall the reader's tab. */
const MAX_HIGHLIGHT_CANDIDATES = 5_000;

/*
 * Strong enough to read on a projector: a tint behind the text and a 6px bar at its side for every
 * kind, the outlet's own text included (a faint grey bar alone vanished on a classroom screen).
 * Tints stay pale so the page's own text colour keeps its contrast. Colours match the panel's legend.
 */
const STYLE = `
.wiretrace-hl-wire { background: rgb(255 216 77 / 0.45) !important; box-shadow: -6px 0 0 #c9a400; }
.wiretrace-hl-reworded { background: rgb(120 180 255 / 0.3) !important; box-shadow: -6px 0 0 #3b78c9; }
.wiretrace-hl-quote { background: rgb(110 200 140 / 0.3) !important; box-shadow: -6px 0 0 #2e8b57; }
.wiretrace-hl-own { background: rgb(215 140 215 / 0.25) !important; box-shadow: -6px 0 0 #a0459f; }
`;

export interface HighlightPlan {
  element: Element;
  kind: HighlightKind;
}

/**
 * Which live elements to mark. `passages` are the page's sentences that
 * align with the wire text and how (from the match evidence).
 */
export function planHighlights(
  doc: Document,
  blocks: readonly Block[],
  passages: ReadonlyArray<{ page: string; kind: 'wire' | 'reworded' }>,
  skip: Element | null = null,
): HighlightPlan[] {
  const bodyTexts = new Set(blocks.map((b) => normalizeText(b.text)));
  const sentenceKind = new Map(passages.map((p) => [normalizeText(p.page), p.kind] as const));
  const plan: HighlightPlan[] = [];
  const elements = Array.from(doc.body?.querySelectorAll(BLOCK_SELECTOR) ?? []).slice(0, MAX_HIGHLIGHT_CANDIDATES);
  for (const element of elements) {
    if (skip?.contains(element)) continue;
    // The innermost block carries the mark (an li holding a p is marked at the p).
    if (element.querySelector(BLOCK_SELECTOR)) continue;
    const text = normalizeText(element.textContent ?? '');
    if (!text || !bodyTexts.has(text)) continue;
    const read = readParagraph(text, 0).sentences;
    const kinds = read.map((s) => sentenceKind.get(normalizeText(s.text)));
    if (kinds.includes('wire')) plan.push({ element, kind: 'wire' });
    else if (kinds.includes('reworded')) plan.push({ element, kind: 'reworded' });
    // "Own" only where matching could have found wire text: a sentence with enough words outside quotes.
    else if (read.some((s) => s.print.keys.length >= MIN_SENTENCE_KEYS)) plan.push({ element, kind: 'own' });
    // A paragraph that is a quote ('"Our differences will not be easy to bridge," he said.'): the panel
    // compares it quote by quote. A subheading ('VULNERABILITIES') says nothing either way and stays unmarked.
    else if (text.includes('"')) plan.push({ element, kind: 'quote' });
  }
  return plan;
}

/** Applies a plan; returns the function that undoes it exactly. */
export function applyHighlights(doc: Document, plan: readonly HighlightPlan[]): () => void {
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLE;
  (doc.head ?? doc.documentElement).appendChild(style);
  const hadNoClass = new Set<Element>();
  for (const { element, kind } of plan) {
    if (!element.hasAttribute('class')) hadNoClass.add(element);
    element.classList.add(HIGHLIGHT_CLASSES[kind]);
  }
  return () => {
    style.remove();
    for (const { element, kind } of plan) {
      element.classList.remove(HIGHLIGHT_CLASSES[kind]);
      if (hadNoClass.has(element) && element.getAttribute('class') === '') element.removeAttribute('class');
    }
  };
}
