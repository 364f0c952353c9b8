/**
 * Renders the seed texts as HTML pages shaped like the real Investing.com and
 * TBS article pages (ads between paragraphs, risk disclaimer, related and
 * most-read lists, repeated headline and captions), for the browser tests and
 * golden files:  npm run fixtures
 * The unrelated article and the home page are written for the tests: no seed
 * text, no invented facts about the story.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli-args';

parseCli({
  command: 'fixtures',
  usage: `(no arguments)
  regenerates the HTML fixture pages in tests/fixtures/pages/ from the seed texts in corpus/
  -h, --help   this text`,
  options: {},
  allowPositionals: false,
});

const CORPUS = 'corpus/reuters-2022-01-12-nato-russia-council';
const OUT = 'tests/fixtures/pages';

interface Line {
  line: number;
  tag: 'T' | 'M' | 'S' | 'H' | 'B' | 'X';
  text: string;
}

const esc = (s: string) =>
  s
    .replace(/&(?![#a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** A version's URL as the corpus records it (copied from seeds.json, never made up). */
function versionUrl(version: string): string {
  const story = JSON.parse(readFileSync(join(CORPUS, 'story.json'), 'utf8')) as {
    versions: Array<{ id: string; url: string | null }>;
  };
  const url = story.versions.find((v) => v.id === version)?.url;
  if (!url) throw new Error(`no URL recorded for ${version}`);
  return url;
}

function labels(version: string): Line[] {
  return readFileSync(join(CORPUS, 'versions', `${version}.labels.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

function page(head: { title: string; ogType: string; canonical: string; site: string; jsonLd?: object }, body: string) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(head.title)}</title>
<meta property="og:type" content="${head.ogType}">
<meta property="og:title" content="${esc(head.title.split(' | ')[0]!)}">
<meta property="og:site_name" content="${esc(head.site)}">
<link rel="canonical" href="${head.canonical}">
${head.jsonLd ? `<script type="application/ld+json">${JSON.stringify(head.jsonLd)}</script>` : ''}
<style>body{font-family:Georgia,serif;max-width:960px;margin:0 auto}.ad{background:#eee;height:90px}aside{float:right;width:280px}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function investingArticle(): string {
  const lines = labels('investing-uk');
  const title = lines.find((l) => l.tag === 'T')!.text;
  const parts: string[] = [];
  const promos = lines.filter((l) => l.tag === 'X' && l.line < 4);
  parts.push(
    `<header><nav><a href="/">Investing.com</a> <a href="/news/">News</a></nav>${promos.map((p) => `<div class="promo">${esc(p.text)}</div>`).join('')}</header>`,
  );
  parts.push('<main><article class="article">');
  parts.push(`<h1 class="articleHeader">${esc(title)}</h1>`);
  for (const l of lines.filter((x) => x.tag === 'M')) {
    if (l.text.startsWith('©'))
      parts.push(`<figure><img src="data:," alt=""><figcaption>${esc(l.text)}</figcaption></figure>`);
    else parts.push(`<div class="contentSectionDetails"><span>${esc(l.text)}</span></div>`);
  }
  parts.push('<div class="WYSIWYG articlePage">');
  for (const l of lines.filter((x) => x.line > 10 && x.line < 60)) {
    if (l.tag === 'B') parts.push(`<p>${esc(l.text)}</p>`);
    else if (l.tag === 'H') parts.push(`<h2>${esc(l.text)}</h2>`);
    else parts.push(`<div class="ad"><span>${esc(l.text)}</span></div>`);
  }
  parts.push('</div></article>');
  parts.push(
    `<section class="related"><h3>Related Articles</h3><ul><li><a href="/news/world-news/a">${esc(title)}</a></li><li><a href="/news/stock-market-news/b">Stocks edge higher as investors weigh earnings</a></li><li><a href="/news/economy/c">Dollar steadies ahead of inflation figures</a></li></ul></section>`,
  );
  parts.push(
    '<section class="most-read"><h3>Most Popular</h3><ol><li><a href="/news/d">Oil prices climb on supply worries</a></li><li><a href="/news/e">Gold slips as yields rise</a></li></ol></section>',
  );
  const tail = lines.filter((x) => x.line >= 60);
  parts.push(`<section class="comments"><h3>${esc(tail[0]!.text)}</h3></section></main>`);
  parts.push(
    `<footer class="disclaimer">${tail
      .slice(1)
      .map((l) => `<p>${esc(l.text)}</p>`)
      .join('')}</footer>`,
  );
  return page(
    {
      title,
      ogType: 'article',
      site: 'Investing.com UK',
      canonical:
        'https://uk.investing.com/news/world-news/no-ultimatums-russia-sets-out-security-demands-at-nato-meeting-2560408',
      jsonLd: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: title },
    },
    parts.join('\n'),
  );
}

function tbsArticle(): string {
  const lines = labels('tbsnews');
  const title = lines.find((l) => l.tag === 'T')!.text;
  const body = lines.filter((l) => l.line >= 21 && l.line <= 63);
  const tail = lines.filter((l) => l.line > 63);
  const parts: string[] = [];
  parts.push('<header><nav><a href="/">The Business Standard</a> <a href="/world">World+Biz</a></nav></header>');
  parts.push('<aside class="related"><h3>Related News</h3><ul>');
  parts.push(`<li><a href="/x">${esc(title)}</a></li></ul></aside>`);
  parts.push('<main><article>');
  parts.push(`<div class="section">Politics</div><h1>${esc(title)}</h1><div class="author">Reuters</div>`);
  parts.push(
    '<div class="date">12 January, 2022, 09:50 pm</div><div class="date">Last modified: 12 January, 2022, 09:57 pm</div>',
  );
  const caption = lines.find((l) => l.line === 19)!.text;
  parts.push(`<figure><img src="data:," alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>`);
  parts.push('<div class="section-content">');
  const bullets = body.filter((l) => l.tag === 'S' && l.text.startsWith('•'));
  parts.push(
    `<p><strong>Summary:</strong></p><ul>${bullets.map((b) => `<li>${esc(b.text.replace(/^•\s*/, ''))}</li>`).join('')}</ul>`,
  );
  body
    .filter((l) => l.tag === 'B' || l.tag === 'H')
    .forEach((l, i) => {
      parts.push(l.tag === 'H' ? `<h2>${esc(l.text)}</h2>` : `<p>${esc(l.text)}</p>`);
      if (i === 4) parts.push('<div class="ad"><span>Advertisement</span></div>');
    });
  parts.push('</div>');
  parts.push(`<div class="tags">${esc(tail.find((l) => l.line === 67)!.text)}</div></article>`);
  parts.push(
    `<section class="comments"><h3>Comments</h3><p>${esc(tail.find((l) => l.line === 71)!.text)}</p></section></main>`,
  );
  const sidebar = tail.filter((l) => l.line >= 73);
  parts.push(`<aside class="most-read">${sidebar.map((l) => `<div>${esc(l.text)}</div>`).join('')}</aside>`);
  return page(
    {
      title: `${title} | The Business Standard`,
      ogType: 'article',
      site: 'The Business Standard',
      canonical:
        'https://www.tbsnews.net/worldbiz/politics/nato-offers-arms-talks-russia-avert-real-risk-conflict-356629',
    },
    parts.join('\n'),
  );
}

/**
 * A seed as a plain article page of a generic publishing system, for the seeds
 * whose real markup we have never seen (gettotext, VOI, CGTN): lines before the
 * headline become the site header, metadata lines become byline, date and
 * figure elements, boilerplate inside the story stays inside it (as the page
 * text shows it), and boilerplate after the story becomes a sidebar.
 */
function genericSeedArticle(version: string, site: { name: string; lang: string }): () => string {
  return () => {
    const lines = labels(version);
    const title = lines.find((l) => l.tag === 'T')!.text;
    const titleAt = lines.findIndex((l) => l.tag === 'T');
    const story = lines.map((l, i) => ({ ...l, i })).filter((l) => 'SHB'.includes(l.tag));
    const first = story[0]!.i;
    const last = story[story.length - 1]!.i;
    const header = lines.slice(0, titleAt).map((l) => `<a href="#">${esc(l.text)}</a>`);
    const parts: string[] = [`<header><nav><a href="/">${esc(site.name)}</a> ${header.join(' ')}</nav></header>`];
    parts.push('<main><article>', `<h1>${esc(title)}</h1>`);
    const captions = new Set<string>();
    const renderMeta = (text: string) => {
      if (/^by\s/i.test(text) || text.split(' ').length <= 3) return `<div class="byline">${esc(text)}</div>`;
      if (captions.has(text)) return `<div class="image-description">${esc(text)}</div>`;
      captions.add(text);
      return `<figure><img src="data:," alt=""><figcaption>${esc(text)}</figcaption></figure>`;
    };
    for (const l of lines.slice(titleAt + 1, first)) {
      parts.push(l.tag === 'M' ? renderMeta(l.text) : `<div class="share">${esc(l.text)}</div>`);
    }
    parts.push('<div class="entry-content">');
    let inList = false;
    for (const l of lines.slice(first, last + 1)) {
      const bullet = /^[*•]\s+/.test(l.text);
      if (inList && !bullet) {
        parts.push('</ul>');
        inList = false;
      }
      if (l.tag === 'S' && bullet) {
        if (!inList) parts.push('<ul class="summary">');
        inList = true;
        parts.push(`<li>${esc(l.text.replace(/^[*•]\s+/, ''))}</li>`);
      } else if (l.tag === 'H') parts.push(`<h2>${esc(l.text)}</h2>`);
      else if (l.tag === 'M') parts.push(renderMeta(l.text));
      else parts.push(`<p>${esc(l.text)}</p>`);
    }
    if (inList) parts.push('</ul>');
    const after = lines.slice(last + 1);
    for (const l of after.filter((x) => x.tag === 'M')) parts.push(`<p>${esc(l.text)}</p>`);
    parts.push('</div></article>');
    const sidebar = after.filter((x) => x.tag === 'X');
    if (sidebar.length) {
      parts.push(
        `<section class="widget"><h3>${esc(sidebar[0]!.text)}</h3>${sidebar
          .slice(1)
          .map((l) => `<p>${esc(l.text)}</p>`)
          .join('')}</section>`,
      );
    }
    parts.push('</main>');
    return page(
      { title: `${title} - ${site.name}`, ogType: 'article', site: site.name, canonical: versionUrl(version) },
      parts.join('\n'),
    ).replace('<html lang="en">', `<html lang="${site.lang}">`);
  };
}

/** An article on the same site about something else: must show no match. */
function unrelatedArticle(): string {
  const paragraphs = [
    'Shares of regional lenders rose on Tuesday after quarterly results showed deposits holding steady, easing worries that had weighed on the sector for weeks.',
    'Analysts said the figures suggested customers were not moving money out of smaller banks at the pace some investors had feared earlier in the year.',
    'Net interest margins narrowed slightly as funding costs climbed, but loan growth in commercial property and consumer credit offset part of the pressure.',
    '"The numbers are better than the market was bracing for," one portfolio manager said in a note to clients, adding that valuations remained undemanding.',
    'Trading volumes were above their monthly average, and the sector index closed at its highest level since the start of the quarter.',
  ];
  const title = 'Regional bank shares rise as deposits hold steady';
  return page(
    {
      title,
      ogType: 'article',
      site: 'Investing.com UK',
      canonical: 'https://uk.investing.com/news/stock-market-news/regional-banks-1',
    },
    `<header><nav><a href="/">Investing.com</a></nav></header><main><article><h1>${title}</h1><div class="WYSIWYG articlePage">${paragraphs
      .map(
        (p, i) =>
          `<p>${esc(p)}</p>${i === 2 ? '<div class="ad"><span>3rd party Ad. Not an offer or recommendation by Investing.com. See disclosure here or remove ads .</span></div>' : ''}`,
      )
      .join('')}</div></article></main>`,
  );
}

/** A site's home page: headlines and tickers, no article. */
function homePage(): string {
  const items = [
    'NATO offers arms talks as Russia warns of dangers',
    'Stocks edge higher as investors weigh earnings',
    'Dollar steadies ahead of inflation figures',
    'Oil prices climb on supply worries',
  ];
  return page(
    {
      title: 'Investing.com UK - Stock Market Quotes & Financial News',
      ogType: 'website',
      site: 'Investing.com UK',
      canonical: 'https://uk.investing.com/',
    },
    `<header><nav><a href="/">Investing.com</a></nav></header><main><h2>Top News</h2><ul>${items
      .map((t, i) => `<li><a href="/news/${i}">${esc(t)}</a></li>`)
      .join(
        '',
      )}</ul><table><tr><td>FTSE 100</td><td>7,563.85</td></tr><tr><td>EUR/USD</td><td>1.1445</td></tr></table></main>`,
  );
}

const PAGES: Record<string, () => string> = {
  'investing-article': investingArticle,
  'tbs-article': tbsArticle,
  'gettotext-article': genericSeedArticle('gettotext', { name: 'gettotext.com', lang: 'en' }),
  'voi-article': genericSeedArticle('voi', { name: 'VOI', lang: 'en' }),
  'cgtn-article': genericSeedArticle('cgtn', { name: 'CGTN', lang: 'en' }),
  'investing-unrelated': unrelatedArticle,
  'investing-home': homePage,
};

for (const [name, render] of Object.entries(PAGES)) {
  mkdirSync(join(OUT, name), { recursive: true });
  writeFileSync(join(OUT, name, 'source.html'), render());
  console.log(`${OUT}/${name}/source.html`);
}
