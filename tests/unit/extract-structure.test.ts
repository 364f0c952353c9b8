import { describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article';
import { extractDocument } from '../../lib/extract';
import { parseHtml } from '../../scripts/node-dom';

/**
 * The kinds of page that extraction got wrong on the 2025–26 web, each as a
 * small page of its own markup (no site's): what the reader's article keeps
 * and what it leaves out.
 */

const STORY = [
  'The city council voted on Tuesday to expand the bus network, adding four routes that will serve the eastern districts from next spring.',
  'Officials said the new routes would cut the average commute by twelve minutes, according to a study the council commissioned last year.',
  'The plan, which had been debated for months, drew support from residents who said the current service left whole neighbourhoods without a stop.',
  'Opponents argued that the cost, estimated at forty million over five years, would be better spent on repairing the roads the buses use.',
  'The transport director said the first two routes would open in March, and the other two once the new depot is finished in the autumn.',
  'Drivers will be hired from next month, she said, and the council expects to need about sixty of them, most of them working full time.',
  'A public consultation on the timetables will run until the end of January, with meetings in each of the districts the routes will serve.',
  'The council will publish the results of the consultation in February, before the final timetables are set and printed for the spring.',
];
const TITLE = 'Council votes to expand the bus network';

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta property="og:type" content="article"><title>${TITLE}</title></head>` +
  `<body><header><a href="/">The Daily Example</a></header><main>${body}</main></body></html>`;
const paragraphs = (lines: readonly string[]) => lines.map((p) => `<p>${p}</p>`).join('');

function article(html: string): Article {
  const result = extractDocument(parseHtml(html));
  if (!result.ok) throw new Error(`no article: ${result.reason}`);
  return result.article;
}
const bodyOf = (a: Article) => a.blocks.map((b) => b.text);

describe('extraction keeps the story and only the story', () => {
  it('keeps the story after an inline "More from …" box in its middle, without the box', () => {
    const a = article(
      page(
        `<article><h1>${TITLE}</h1><div class="body">${paragraphs(STORY.slice(0, 2))}` +
          '<div class="inline-box"><h3>More from City Hall</h3><ul>' +
          '<li><a href="/a">Mayor opens new library</a></li><li><a href="/b">Parking fees to rise</a></li></ul></div>' +
          `${paragraphs(STORY.slice(2))}</div></article>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
  });

  it('cuts at a comments heading even when the comments are long', () => {
    const comments = STORY.slice(0, 3).map((c) => `I read this and ${c.toLowerCase()}`);
    const a = article(
      page(
        `<article><h1>${TITLE}</h1><div class="body">${paragraphs(STORY)}<h3>Comments</h3>${paragraphs(comments)}</div></article>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
  });

  it('keeps a short post, not the teasers of other posts listed under it', () => {
    const teaser = (n: number) =>
      `<div class="post-item"><h3 class="title"><a href="/post-${n}">Another post number ${n} on this site</a></h3>` +
      `<p>${STORY[n]}</p><span class="date">Dec ${n}, 2025</span></div>`;
    const a = article(
      page(
        `<div class="section"><div class="single"><h1>${TITLE}</h1><div id="body-content">${paragraphs(STORY.slice(0, 3))}</div></div></div>` +
          `<div class="section"><div class="post-list">${[3, 4, 5, 6, 7].map(teaser).join('')}</div></div>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY.slice(0, 3));
  });

  it('keeps the sections of an article laid out one box per row, headings included', () => {
    const row = (inner: string) => `<div class="row"><div class="col">${inner}</div></div>`;
    const a = article(
      page(
        `<h1>${TITLE}</h1>${row(`<div class="text-block">${paragraphs(STORY.slice(0, 2))}</div>`)}` +
          `${row('<h2>The cost</h2>')}${row(`<div class="text-block">${paragraphs(STORY.slice(2, 5))}</div>`)}` +
          `${row('<h2>What comes next</h2>')}${row(`<div class="text-block">${paragraphs(STORY.slice(5))}</div>`)}` +
          '<div class="footer-links"><a href="/about">About us</a></div>',
      ),
    );
    expect(bodyOf(a)).toEqual([
      ...STORY.slice(0, 2),
      'The cost',
      ...STORY.slice(2, 5),
      'What comes next',
      ...STORY.slice(5),
    ]);
  });

  it('takes a photo caption shown again far below as a caption, not as the story', () => {
    const caption = 'Buses wait at the central station on Tuesday morning, before the council met to vote on the plan.';
    const a = article(
      page(
        `<article><h1>${TITLE}</h1><div class="body">${paragraphs(STORY.slice(0, 2))}` +
          `<figure><img src="bus.jpg" alt=""><figcaption>${caption}</figcaption></figure>` +
          `${paragraphs(STORY.slice(2))}<p>${caption}</p></div></article>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
    expect(a.meta).toContainEqual(expect.objectContaining({ kind: 'caption', text: caption }));
  });

  it('leaves out image credits, tag lines, promos, moderation notices and the author bio', () => {
    const a = article(
      page(
        `<article><h1>${TITLE}</h1><div class="body">${paragraphs(STORY.slice(0, 4))}` +
          '<div class="image"><img src="a.jpg" alt=""><span class="image-credit">Photo: Jane Doe / Example Agency</span></div>' +
          `${paragraphs(STORY.slice(4))}` +
          '<p>Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.</p>' +
          '<div class="post-tags">Tags <a href="/t/bus">buses</a> <a href="/t/council">council</a></div>' +
          '<div class="author-box"><p>Sam Writer is a staff reporter covering transport and the city council for the paper.</p></div>' +
          '<p>Comments are moderated and will appear once approved by our team.</p>' +
          '<p>Sam Writer is a staff reporter covering transport and city hall since 2019, and before that covered schools.</p>' +
          '</div></article>',
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
  });

  it('reads a story a lenient parser left after the end of the page’s html', () => {
    const a = article(
      `<!doctype html><html><head><meta property="og:type" content="article"><title>${TITLE}</title></head>` +
        `<body><nav><a href="/">Home</a></nav></body></html><div class="post"><h1>${TITLE}</h1>${paragraphs(STORY)}</div>`,
    );
    expect(bodyOf(a)).toEqual(STORY);
  });

  it('reads a post that pasted a whole page, html and body tags included, into its body', () => {
    const a = article(
      page(
        `<article><h1>${TITLE}</h1><div class="entry"><html><body>${paragraphs(STORY)}</body></html></div></article>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
  });

  it('prefers the prose inside a link-heavy container that wins on its class names', () => {
    const links = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/n/${i}">Other headline number ${i} of the day</a></li>`,
    );
    const a = article(
      page(
        `<div class="content-primary" id="main"><h1>${TITLE}</h1><div class="story-text">${paragraphs(STORY)}</div>` +
          `<div class="more"><ul>${links.join('')}</ul></div></div>`,
      ),
    );
    expect(bodyOf(a)).toEqual(STORY);
  });
});
