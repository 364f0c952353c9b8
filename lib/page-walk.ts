import type { BlockKind } from './article';
import { normalizeText } from './text';

/**
 * One read-only pass over a page: its text as blocks in reading order, and
 * the block-level elements holding them ("boxes") with what later steps weigh
 * (link text, images, class names). Nothing of the page is changed or copied:
 * the reader's page stays as it is, and every later step works on these
 * records instead of asking the DOM again.
 */

/** Past this, a page is refused as too large rather than read at the reader's expense (hydration JSON in scripts is not counted). */
export const MAX_TEXT_CHARS = 3_000_000;
/** Deeper than this, an element's text is read whole: a 10,000-deep page keeps its words but not its nesting. */
const MAX_DEPTH = 100;

/** Never the story's text: not entered (figure captions are kept aside as metadata). */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TITLE',
  'IFRAME',
  'SVG',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
  'EMBED',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'FIGCAPTION',
  'NAV',
  'ASIDE',
  'FOOTER',
  'LINK',
  'META',
  'DIALOG',
]);
/** Counted where they stand (a box of embeds and inputs is a widget), though their text is not read. */
const EMBED_TAGS = new Set(['IFRAME', 'OBJECT', 'EMBED']);
/** Embedded players of video sites are part of a story (Readability's list). */
const VIDEO_SOURCE =
  /\/\/(?:www\.)?(?:(?:dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|(?:archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
/** Landmarks that are never the article (ARIA roles). */
const SKIPPED_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'dialog',
  'alertdialog',
  'alert',
  'search',
  'contentinfo',
]);

/** Inline elements: their text joins the paragraph around them. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'OUTPUT',
  'IMG',
  'PICTURE',
  'SOURCE',
  'LABEL',
]);
/** Class words of photo captions and credits, in any element. */
export const CAPTION_NAMES = /caption|credit/;
/** A page pasted whole into a post brings its own html and body tags: read as plain containers. */
const ROOT_TAGS = new Set(['HTML', 'HEAD', 'BODY']);
/** Screen-reader-only and invisible text: never on the page the reader sees. */
const UNSEEN_CLASS = /(?:^|\s)(?:visually-hidden|sr-only|screen-reader-text)(?:\s|$)/i;
/**
 * How the common CSS frameworks hide and show elements by class, per screen width
 * (Tailwind's "hidden md:block", Bootstrap's "d-none d-lg-block", "d-none d-print-block").
 */
const DISPLAY_CLASS =
  /^(?:(sm|md|lg|print):)?(hidden|block|flex|grid|inline|inline-block|inline-flex|table|contents)$|^d(?:-(sm|md|lg|print))?-(none|block|flex|grid|inline|inline-block|inline-flex|table)$/;
/** Screen widths up to a desktop's, narrowest first; print is not the screen. */
const BREAKPOINTS = ['', 'sm', 'md', 'lg'];

/**
 * Whether the classes hide the element on a desktop screen while showing it elsewhere: a
 * mobile-only copy of a table ("md:hidden"), a citation shown only in print. A plain "hidden"
 * is left alone: scripts take it off (a collapsed FAQ answer, an app hidden until it loads).
 */
function concealedByClass(cls: string): boolean {
  if (!cls) return false;
  let hidden = false;
  let at = -1;
  let elsewhere = false;
  for (const token of cls.split(/\s+/)) {
    const m = DISPLAY_CLASS.exec(token);
    if (!m) continue;
    const breakpoint = m[1] ?? m[3] ?? '';
    if (breakpoint) elsewhere = true;
    const width = BREAKPOINTS.indexOf(breakpoint);
    if (width < at) continue;
    at = width;
    hidden = (m[2] ?? m[4]) === 'hidden' || m[4] === 'none';
  }
  return hidden && elsewhere;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
/** A link to a place on the same page (a table of contents) weighs less than a link away. */
const SAME_PAGE_LINK_WEIGHT = 0.3;

export interface Box {
  el: Element;
  tag: string;
  parent: Box | null;
  /** Position in the walk (document order); every descendant comes after its box. */
  index: number;
  depth: number;
  /** The element's class and id, lower-cased, for the hints later steps read in them. */
  cls: string;
  id: string;
  /** Both, as one string to test a hint on. */
  names: string;
  childBoxes: number;
  /** Blocks [firstBlock, endBlock) lie inside the box. */
  firstBlock: number;
  endBlock: number;
  /** Images, embeds (apart from videos), videos and form inputs directly in the box (not in child boxes). */
  images: number;
  embeds: number;
  videos: number;
  inputs: number;
  /**
   * Hidden by a class as the page is served. A script may show it later (an app hidden until it
   * loads), so it is left out of the article unless it holds most of the page.
   */
  concealed: boolean;
  /** Links directly in the box that lead away (share buttons, cards): their count, not their text. */
  links: number;
}

export interface WalkBlock {
  text: string;
  kind: BlockKind;
  /** The innermost box the text stands in. */
  owner: Box;
  /** Characters of the text inside links (weighted: a same-page link counts less). */
  linkChars: number;
}

export interface PageWalk {
  boxes: Box[];
  blocks: WalkBlock[];
  /** Figure captions, in order, and the box each stands in. */
  captions: string[];
  captionBoxes: Box[];
  /** The blocks of the page's h1 elements, by index. */
  headlineBlocks: number[];
}

const kindOf = (tag: string): BlockKind =>
  tag.length === 2 && tag[0] === 'H' && tag[1]! >= '1' && tag[1]! <= '6'
    ? 'heading'
    : tag === 'LI'
      ? 'bullet'
      : 'paragraph';

function isHidden(el: Element, cls: string): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (cls && UNSEEN_CLASS.test(cls)) return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/**
 * The page's top level in order, as a browser reads it: html elements opened,
 * the head left out. A lenient parser can leave the story outside the body (a
 * stray `</html>` before the article, a page without an `<html>` tag); a
 * browser would have put it in the body, and so does the walk.
 */
function bodyParts(doc: Document): Node[] {
  const out: Node[] = [];
  const pending: Node[] = Array.from(doc.childNodes).reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (tag === 'HTML' || tag === 'BODY') pending.push(...Array.from(node.childNodes).reverse());
    else if (tag !== 'HEAD') out.push(node);
  }
  return out;
}

/** A node to read, or the end of a box (its text is then complete). */
type Frame = { node: Node; box: Box; link: number; depth: number } | { closes: Box };

/** Reads a page; null when its text is past MAX_TEXT_CHARS. */
export function walkPage(doc: Document, rootElement: Element): PageWalk | null {
  const boxes: Box[] = [];
  const blocks: WalkBlock[] = [];
  const captions: string[] = [];
  const captionBoxes: Box[] = [];
  const headlineBlocks: number[] = [];
  let run = '';
  let runLink = 0;
  let textChars = 0;

  function newBox(el: Element, tag: string, parent: Box | null, depth: number, className: string): Box {
    const cls = className.toLowerCase();
    const id = (el.getAttribute('id') ?? '').toLowerCase();
    const box: Box = {
      el,
      tag,
      parent,
      index: boxes.length,
      depth,
      cls,
      id,
      names: `${cls} ${id}`,
      concealed: concealedByClass(cls),
      childBoxes: 0,
      firstBlock: blocks.length,
      endBlock: blocks.length,
      images: 0,
      embeds: 0,
      videos: 0,
      inputs: 0,
      links: 0,
    };
    boxes.push(box);
    if (parent) parent.childBoxes++;
    return box;
  }
  const root = newBox(rootElement, 'BODY', null, 0, rootElement.getAttribute('class') ?? '');

  const flush = (owner: Box) => {
    if (!run) return;
    const text = normalizeText(run);
    if (text) {
      if (owner.tag === 'H1') headlineBlocks.push(blocks.length);
      blocks.push({ text, kind: kindOf(owner.tag), owner, linkChars: Math.min(runLink, text.length) });
    }
    run = '';
    runLink = 0;
  };

  /** A table row of plain cells reads as one line, its cells separated by spaces ("1 Kyle Busch 5040"). */
  const closeRow = (row: Box) => {
    if (blocks.length - row.firstBlock < 2) return;
    const cells = blocks.slice(row.firstBlock);
    if (!cells.every((b) => b.owner.parent === row && b.owner.childBoxes === 0)) return;
    blocks.length = row.firstBlock;
    // The cells now hold no block of their own: the row's line is the row's.
    for (let i = row.index + 1; i < boxes.length; i++) boxes[i]!.firstBlock = boxes[i]!.endBlock = row.firstBlock;
    blocks.push({
      text: cells.map((b) => b.text).join(' '),
      kind: 'paragraph',
      owner: row,
      linkChars: cells.reduce((sum, b) => sum + b.linkChars, 0),
    });
  };

  const stack: Frame[] = [];
  pushChildren(stack, bodyParts(doc), root, 0, 1);
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('closes' in frame) {
      const own = frame.closes;
      flush(own);
      if (own.tag === 'TR') closeRow(own);
      own.endBlock = blocks.length;
      continue;
    }
    const { node, box, link, depth } = frame;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      textChars += value.length;
      if (textChars > MAX_TEXT_CHARS) return null;
      run += value;
      if (link > 0) {
        const trimmed = value.trim().length;
        if (trimmed > 0) runLink += (trimmed + 1) * link;
      }
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) {
      if (EMBED_TAGS.has(tag)) {
        if (VIDEO_SOURCE.test(el.getAttribute('src') ?? el.getAttribute('data') ?? '')) box.videos++;
        else box.embeds++;
      } else if (tag === 'INPUT') box.inputs++;
      else if (tag === 'FIGCAPTION') {
        captions.push(normalizeText(el.textContent ?? ''));
        captionBoxes.push(box);
      }
      continue;
    }
    if (tag === 'BR') {
      run += '\n';
      const next = el.nextSibling;
      if (next?.nodeType === 1 && (next as Element).tagName.toUpperCase() === 'BR') flush(box);
      continue;
    }
    const className = el.getAttribute('class') ?? '';
    if (isHidden(el, className)) continue;
    const role = el.getAttribute('role');
    if (role && SKIPPED_ROLES.has(role)) continue;
    if (depth >= MAX_DEPTH) {
      const text = el.textContent ?? '';
      textChars += text.length;
      if (textChars > MAX_TEXT_CHARS) return null;
      run += ` ${text} `;
      continue;
    }
    // A credit or caption in a span is a line of its own ("Photo: Jane Doe / Agency" under an image).
    if (INLINE_TAGS.has(tag) && !(className && CAPTION_NAMES.test(className.toLowerCase()))) {
      if (concealedByClass(className)) continue;
      let inLink = link;
      if (tag === 'A') {
        const href = el.getAttribute('href');
        if (href !== null) {
          inLink = href.startsWith('#') ? SAME_PAGE_LINK_WEIGHT : 1;
          if (inLink === 1) box.links++;
        }
      } else if (tag === 'IMG') box.images++;
      pushChildren(stack, el.childNodes, box, inLink, depth + 1);
      continue;
    }
    // A block-level element: the text before it is a block of the box around it.
    flush(box);
    const child = newBox(el, ROOT_TAGS.has(tag) ? 'DIV' : tag, box, depth, className);
    stack.push({ closes: child });
    pushChildren(stack, el.childNodes, child, link, depth + 1);
  }
  flush(root);
  root.endBlock = blocks.length;
  return { boxes, blocks, captions, captionBoxes, headlineBlocks };
}

/** Queues nodes so the first is taken first. */
function pushChildren(stack: Frame[], nodes: ArrayLike<Node>, box: Box, link: number, depth: number): void {
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, box, link, depth });
}

/** Whether an element of this (upper-case) tag is never read as the story's text. */
export function isSkippedTag(tag: string): boolean {
  return SKIPPED_TAGS.has(tag);
}
