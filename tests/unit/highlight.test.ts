import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../lib/extract';
import { applyHighlights, HIGHLIGHT_CLASSES, planHighlights } from '../../lib/highlight';
import { openIndexFile } from '../../lib/index-file';
import { matchArticle } from '../../lib/match';
import { parseHtml } from '../../scripts/node-dom';

const { index } = openIndexFile(readFileSync('assets/index.json'));

function setup(fixture: string) {
  const doc = parseHtml(readFileSync(`tests/fixtures/pages/${fixture}/source.html`, 'utf8'));
  const result = extractDocument(doc);
  if (!result.ok) throw new Error(result.reason);
  const match = matchArticle(index, result.article).match;
  return { doc, plan: planHighlights(doc, result.article.blocks, match?.evidence.passages ?? []) };
}

describe('highlighting wire text in the live page', () => {
  it('marks the wire paragraphs of the Investing.com copy and no ad', () => {
    const { plan } = setup('investing-article');
    expect(plan.filter((p) => p.kind === 'wire').length).toBeGreaterThanOrEqual(15);
    expect(plan.some((p) => p.element.closest('.ad, header, footer, .related, .most-read'))).toBe(false);
  });

  it('marks the reworded paragraphs of the VOI rewrite as reworded, not as wire text', () => {
    const { plan } = setup('voi-article');
    expect(plan.filter((p) => p.kind === 'reworded').length).toBeGreaterThanOrEqual(10);
  });

  it('marks the quote paragraphs of the VOI rewrite as quotes, and only paragraphs with quotation marks', () => {
    const { plan } = setup('voi-article');
    const quotes = plan.filter((p) => p.kind === 'quote').map((p) => p.element.textContent ?? '');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((t) => /["“”]/.test(t))).toBe(true);
  });

  it('leaves the page byte for byte as it was when turned off', () => {
    const { doc, plan } = setup('cgtn-article');
    const before = doc.documentElement.outerHTML;
    const undo = applyHighlights(doc, plan);
    const marked = Object.values(HIGHLIGHT_CLASSES)
      .map((c) => `.${c}`)
      .join(', ');
    expect(doc.querySelectorAll(marked).length).toBe(plan.length);
    expect(doc.documentElement.outerHTML).not.toBe(before);
    undo();
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
