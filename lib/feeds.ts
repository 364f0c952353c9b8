/**
 * Reads a news feed into items: RSS 2.0, Atom, JSON Feed, IPTC ninjs (1.x
 * and 2.x), IPTC NewsML-G2 (a newsItem or a newsMessage of them), and news
 * sitemaps (which only name article pages: their links are returned to be
 * fetched and read as pages). Pure: bytes in, items out; HTML bodies are
 * turned into paragraphs by the caller's function (a DOM lives outside lib/).
 * Anything hostile or malformed is a FeedError that says what, in one
 * sentence: the caller reports it for that source and reads the others.
 */
import { XMLParser } from 'fast-xml-parser';

/** A feed larger than this is refused before it is decoded (a day of a wire's feed is a few MB). */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;

export class FeedError extends Error {
  override name = 'FeedError';
}

export type FeedKind = 'rss' | 'atom' | 'json-feed' | 'ninjs' | 'newsml-g2' | 'sitemap' | 'html';

export interface FeedItem {
  /** What names the story across write-throughs: ninjs uri, NewsML-G2 guid, RSS guid, Atom or JSON Feed id. */
  key: string | null;
  /** The write-through's number where the format has one (ninjs, NewsML-G2). */
  version: number | null;
  url: string | null;
  title: string;
  /** ISO time of this version (modified, else published), or null. */
  date: string | null;
  agency: string | null;
  bylines: string[];
  dateline: string | null;
  language: string | null;
  paragraphs: string[];
}

export interface FeedRead {
  kind: FeedKind;
  items: FeedItem[];
  /** Article pages the feed names without their text (a news sitemap): to be read as pages. */
  links: string[];
}

export interface FeedOptions {
  /** Paragraphs of an HTML fragment (a feed item's content). */
  htmlParagraphs(html: string): string[];
}

type Node = Record<string, unknown>;

const list = <T>(v: T | T[] | undefined | null): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** An element's text, whether the parser gave a string, a number or an object with #text. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Node)['#text']);
  return '';
}

const attr = (v: unknown, name: string): string => (v && typeof v === 'object' ? text((v as Node)[`@${name}`]) : '');

function isoTime(value: string): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Plain text into paragraphs: blank lines part them (or single lines when there are no blank lines). */
function textParagraphs(value: string): string[] {
  const parts = value.includes('\n\n') ? value.split(/\n\s*\n/) : value.split('\n');
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const looksLikeHtml = (s: string) => /<\/?(p|div|br|span|a|b|i|em|strong)\b/i.test(s);

function decode(bytes: Uint8Array): string {
  if (bytes.length > MAX_FEED_BYTES)
    throw new FeedError(`The feed is ${bytes.length} bytes, more than the ${MAX_FEED_BYTES} read: refused.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new FeedError('The feed is not valid UTF-8.');
  }
}

function parseXml(source: string): Node {
  // Entity declarations are how "billion laughs" expands a few hundred bytes into gigabytes: no
  // news feed needs them, so a document that declares any is refused before it is parsed.
  if (/<!ENTITY/i.test(source))
    throw new FeedError('The feed declares XML entities (refused: entity expansion attack).');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    trimValues: true,
    // Inline XHTML (NewsML-G2) is mixed content ("its <em>first</em> signals"): kept as markup and
    // read as HTML, so words stay in order.
    stopNodes: ['*.inlineXML'],
  });
  try {
    return parser.parse(source, true) as Node;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 120) : 'parse error';
    throw new FeedError(`The feed is not well-formed XML (${reason}).`);
  }
}

function body(value: string, options: FeedOptions): string[] {
  return looksLikeHtml(value) ? options.htmlParagraphs(value) : textParagraphs(value);
}

function rssItems(rss: Node, options: FeedOptions): FeedItem[] {
  const channel = (rss.channel ?? {}) as Node;
  const agency = text(channel.title) || null;
  const language = text(channel.language) || null;
  return list(channel.item as Node[]).map((item) => {
    const guid = text(item.guid);
    const link = text(item.link) || (attr(item.guid, 'isPermaLink') !== 'false' && /^https?:/.test(guid) ? guid : '');
    const content = text(item.encoded) || text(item.description);
    return {
      key: guid || null,
      version: null,
      url: link || null,
      title: text(item.title),
      date: isoTime(text(item.pubDate) || text(item.date)),
      agency: text(item.source) || agency,
      bylines: [text(item.creator) || text(item.author)].filter(Boolean),
      dateline: null,
      language,
      paragraphs: body(content, options),
    };
  });
}

function atomItems(feed: Node, options: FeedOptions): FeedItem[] {
  const agency = text(feed.title) || null;
  const language = attr(feed, 'lang') || null;
  return list(feed.entry as Node[]).map((entry) => {
    const links = list(entry.link as Node[]);
    const alternate = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate');
    const content = entry.content ?? entry.summary;
    return {
      key: text(entry.id) || null,
      version: null,
      url: alternate ? attr(alternate, 'href') || null : null,
      title: text(entry.title),
      date: isoTime(text(entry.updated) || text(entry.published)),
      agency: text((entry.source as Node | undefined)?.title) || agency,
      bylines: list(entry.author as Node[])
        .map((a) => text(a.name))
        .filter(Boolean),
      dateline: null,
      language: attr(entry, 'lang') || language,
      paragraphs: attr(content, 'type') === 'text' ? textParagraphs(text(content)) : body(text(content), options),
    };
  });
}

function jsonFeedItems(feed: Node, options: FeedOptions): FeedItem[] {
  const agency = typeof feed.title === 'string' ? feed.title : null;
  return list(feed.items as Node[]).map((item) => ({
    key: item.id === undefined ? null : String(item.id),
    version: null,
    url: typeof item.url === 'string' ? item.url : null,
    title: typeof item.title === 'string' ? item.title : '',
    date: isoTime(String(item.date_modified ?? item.date_published ?? '')),
    agency,
    bylines: list((item.authors ?? item.author) as Node[])
      .map((a) => (typeof a?.name === 'string' ? a.name : ''))
      .filter(Boolean),
    dateline: null,
    language:
      typeof item.language === 'string' ? item.language : typeof feed.language === 'string' ? feed.language : null,
    paragraphs:
      typeof item.content_text === 'string'
        ? textParagraphs(item.content_text)
        : typeof item.content_html === 'string'
          ? options.htmlParagraphs(item.content_html)
          : [],
  }));
}

/** ninjs 1.x (headline, body_text, body_html) and 2.x (headlines[], bodies[]). */
function ninjsItem(item: Node, options: FeedOptions): FeedItem {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const headlines = list(item.headlines as Node[]);
  const bodies = list(item.bodies as Node[]);
  const html = str(item.body_html) || str(bodies.find((b) => /html/.test(str(b.contenttype)))?.value);
  const plain = str(item.body_text) || str(bodies.find((b) => !/html/.test(str(b.contenttype)))?.value);
  const version = Number(item.version);
  const by = list(item.by as Node[]).map((b) => str(b.name));
  return {
    key: str(item.uri) || null,
    version: Number.isFinite(version) ? version : null,
    url:
      list(item.renditions as Node[])
        .map((r) => str(r.href))
        .find(Boolean) ?? (str(item.uri).startsWith('http') ? str(item.uri) : null),
    title: str(item.headline) || str(headlines[0]?.value),
    date: isoTime(str(item.versioncreated) || str(item.firstcreated)),
    agency:
      str((item.copyrightholder as Node | undefined)?.name) ||
      str(list(item.infosources as Node[])[0]?.name) ||
      str(item.copyrightholder) ||
      null,
    bylines: [str(item.byline), ...by].filter(Boolean),
    dateline: str(item.located) || null,
    language: str(item.language) || null,
    paragraphs: html ? options.htmlParagraphs(html) : textParagraphs(plain),
  };
}

/** NewsML-G2 newsItem: guid and version on the element, text in contentSet (inline XHTML or data). */
function newsmlItem(item: Node, options: FeedOptions): FeedItem {
  const meta = (item.contentMeta ?? {}) as Node;
  const itemMeta = (item.itemMeta ?? {}) as Node;
  const content = (item.contentSet ?? {}) as Node;
  const inline = list(content.inlineXML as Node[])[0];
  const data = list(content.inlineData as Node[])[0];
  const paragraphs = inline ? options.htmlParagraphs(text(inline)) : [];
  if (!paragraphs.length && data) paragraphs.push(...textParagraphs(text(data)));
  const version = Number(attr(item, 'version'));
  return {
    key: attr(item, 'guid') || null,
    version: Number.isFinite(version) ? version : null,
    url:
      list(itemMeta.link as Node[])
        .map((l) => attr(l, 'href'))
        .find(Boolean) ?? null,
    title: text(meta.headline),
    date: isoTime(text(itemMeta.versionCreated) || text(itemMeta.firstCreated) || text(meta.contentCreated)),
    agency:
      text(list(itemMeta.provider as Node[])[0]?.name) ||
      attr(list(itemMeta.provider as Node[])[0], 'literal') ||
      attr(list(itemMeta.provider as Node[])[0], 'qcode').replace(/^\w+:/, '') ||
      null,
    bylines: list(meta.by as Node[])
      .map(text)
      .filter(Boolean),
    dateline: text(meta.dateline) || null,
    language: attr(list(meta.language as Node[])[0], 'tag') || attr(item, 'lang') || null,
    paragraphs: paragraphs.filter(Boolean),
  };
}

function readJson(source: string, options: FeedOptions): FeedRead {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    throw new FeedError('The feed is not valid JSON.');
  }
  const node = data as Node;
  if (
    node &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    String(node.version ?? '').startsWith('https://jsonfeed.org/version/')
  )
    return { kind: 'json-feed', items: jsonFeedItems(node, options), links: [] };
  const items = Array.isArray(data) ? data : Array.isArray(node?.items) ? (node.items as unknown[]) : [data];
  if (!items.every((i) => i && typeof i === 'object' && typeof (i as Node).uri === 'string'))
    throw new FeedError('The JSON is neither a JSON Feed nor IPTC ninjs (items with a "uri").');
  return { kind: 'ninjs', items: items.map((i) => ninjsItem(i as Node, options)), links: [] };
}

/**
 * Reads a feed of any supported kind; an HTML page is answered with kind "html" and no items (the
 * caller reads it with the page extraction).
 */
export function readFeed(bytes: Uint8Array, options: FeedOptions): FeedRead {
  const source = decode(bytes);
  const start = source.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return readJson(source, options);
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|^<html/i.test(start)) return { kind: 'html', items: [], links: [] };
  if (!start.startsWith('<')) throw new FeedError('The source is neither XML, JSON nor HTML.');
  const doc = parseXml(source);
  if (doc.rss) return { kind: 'rss', items: rssItems(doc.rss as Node, options), links: [] };
  if (doc.feed) return { kind: 'atom', items: atomItems(doc.feed as Node, options), links: [] };
  if (doc.newsItem)
    return { kind: 'newsml-g2', items: list(doc.newsItem as Node[]).map((i) => newsmlItem(i, options)), links: [] };
  if (doc.newsMessage) {
    const items = list(((doc.newsMessage as Node).itemSet as Node | undefined)?.newsItem as Node[]);
    return { kind: 'newsml-g2', items: items.map((i) => newsmlItem(i, options)), links: [] };
  }
  if (doc.urlset) {
    const urls = list((doc.urlset as Node).url as Node[]);
    // A news sitemap marks its articles with news:news; a plain sitemap's pages are not all articles.
    const news = urls.filter((u) => u.news !== undefined);
    return { kind: 'sitemap', items: [], links: (news.length ? news : urls).map((u) => text(u.loc)).filter(Boolean) };
  }
  if (doc.sitemapindex) {
    const maps = list((doc.sitemapindex as Node).sitemap as Node[]);
    return { kind: 'sitemap', items: [], links: maps.map((m) => text(m.loc)).filter(Boolean) };
  }
  if (doc.html) return { kind: 'html', items: [], links: [] };
  throw new FeedError(
    `The XML is not a feed this reads (root element: ${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'none'}).`,
  );
}
