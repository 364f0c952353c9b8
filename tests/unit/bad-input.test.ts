import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument, extractText, MAX_TEXT_CHARS } from '../../lib/extract';
import { extractFile, parseHtml } from '../../scripts/node-dom';

const STORY = readFileSync('tests/fixtures/pages/investing-article/source.html', 'utf8');
const PARAGRAPHS = [
  'NATO said on Wednesday it was willing to talk to Russia about arms control and missile deployments to avert the risk of war in Europe.',
  'The gulf between the two positions appeared as stark as ever after four hours of talks in Brussels on the second day of the meetings.',
  'Officials said they would meet again in Vienna on Thursday, when the security organisation takes up the same questions in a wider forum.',
  'Analysts said the talks had at least kept the channels open, which both sides described as a positive sign for the weeks ahead of them.',
  'The alliance said it would send written proposals in the coming days and expected a written answer from Moscow before any new meeting.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');
const article = (body: string, head = '<meta property="og:type" content="article">') =>
  `<!doctype html><html><head>${head}<title>A headline of several words</title></head><body><h1>A headline of several words</h1>${body}</body></html>`;

/** What a reader would get: the result, with the page as it was before extraction. */
function run(html: string) {
  const doc = parseHtml(html);
  const before = doc.documentElement?.outerHTML;
  const result = extractDocument(doc);
  return { result, untouched: doc.documentElement?.outerHTML === before };
}

describe('bad input: no exception escapes, work is bounded, the page is left as it was', () => {
  it.each([
    ['an empty document', ''],
    ['whitespace only', '   \n\t  '],
    ['a JSON document', '{"articles": [{"title": "x"}]}'],
    [
      'binary bytes read as text',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
    ],
    [
      'a page of only scripts',
      `<html><head>${'<script>var a = 1;</script>'.repeat(500)}</head><body><script>document.write("x")</script></body></html>`,
    ],
  ])('%s gives "no article", not an error', (_case, html) => {
    const { result, untouched } = run(html);
    expect(result.ok).toBe(false);
    expect(untouched).toBe(true);
  });

  it.each([
    ['cut off in the middle of a tag', STORY.slice(0, STORY.indexOf('Stoltenberg told a news conference') + 20)],
    ['with unclosed elements everywhere', article(PARAGRAPHS.replace(/<\/p>/g, '<div><span>'))],
  ])('a page %s still gives the text it has', (_case, html) => {
    const { result, untouched } = run(html);
    expect(untouched).toBe(true);
    expect(result.ok && result.article.blocks.map((b) => b.text).join(' ')).toMatch(
      /NATO said on Wednesday it was willing/,
    );
  });

  it('a page with 10,000 nested elements still gives its article', () => {
    const deep = `${'<div>'.repeat(10_000)}${PARAGRAPHS}${'</div>'.repeat(10_000)}`;
    const { result, untouched } = run(article(deep));
    expect(untouched).toBe(true);
    expect(result.ok && result.article.blocks.map((b) => b.text).join(' ')).toContain('NATO said on Wednesday');
  });

  it('a 5 MB page of text is refused as too large, with that reason', () => {
    const huge = `<p>${'word '.repeat(1_000_000)}</p>`;
    expect(huge.length).toBeGreaterThan(MAX_TEXT_CHARS);
    const { result, untouched } = run(article(huge));
    expect(result).toEqual({ ok: false, reason: 'too-large' });
    expect(untouched).toBe(true);
  });

  it('5 MB of scripts (hydration data) do not count against the page: its article is still read', () => {
    const script = `<script type="application/json">${JSON.stringify({ data: 'x'.repeat(5_000_000) })}</script>`;
    const { result } = run(article(PARAGRAPHS, `<meta property="og:type" content="article">${script}`));
    expect(result.ok).toBe(true);
  });

  it('a plain-text page larger than the budget is refused as too large', () => {
    expect(extractText('word '.repeat(1_000_000))).toEqual({ ok: false, reason: 'too-large' });
  });

  it('mixed encodings (mojibake, replacement characters, NUL, lone surrogates, BOM) keep the readable text', () => {
    const mixed = [
      '\uFEFF<p>CafÃ© owners in MÃ¼nchen said the talks were â€œvery dangerousâ€\u009d for the region and its economy.</p>',
      '<p>The minister\u0000 said the offer was \uFFFD\uFFFD welcome, but that Moscow wanted written answers to its proposals.</p>',
      '<p>A lone surrogate \uD800 here and there \uDC00 must not break the extraction of this paragraph of text.</p>',
      '<p>Смесь кириллицы, 日本語のテキスト and English in one paragraph that readers copy from many sites.</p>',
      PARAGRAPHS,
    ].join('');
    const { result, untouched } = run(article(mixed));
    expect(untouched).toBe(true);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = result.article.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('Moscow wanted written answers');
    expect(text).toContain('日本語のテキスト');
  });

  it('a real article page is left byte for byte as it was', () => {
    const { result, untouched } = run(STORY);
    expect(result.ok).toBe(true);
    expect(untouched).toBe(true);
  });

  it('a .txt file of markup is read as text, not as HTML', () => {
    const result = extractFile(
      'page.txt',
      `NATO offers arms talks\n${'<img src=x onerror=alert(1)> said the minister in a long sentence. '.repeat(3)}`,
    );
    expect(result.ok && result.article.blocks.some((b) => b.text.includes('<img src=x onerror=alert(1)>'))).toBe(true);
  });
});
