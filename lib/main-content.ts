import { CAPTION_NAMES, type Box, type PageWalk, type WalkBlock } from './page-walk';

/**
 * Which blocks of a page are its article. The scoring is Readability's
 * (Mozilla's reader view, whose heuristics hold on most news pages): text
 * with commas scores for the elements around it, links count against them,
 * class names like "article" or "sidebar" weigh in; the best-scoring element
 * and its like siblings are the article, then widgets inside it (link lists,
 * share bars, forms) are dropped. It runs on the walk's records, not on a
 * copy of the page, so it reads the DOM once and never changes it.
 */

/** Readability's class and id hints (Readability.js REGEXPS, 0.6). */
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/;
const MAYBE = /and|article|body|column|content|main|shadow/;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/;
const SHARE = /(?:\b|_)(?:share|sharedaddy)(?:\b|_)/;
const AD_WORDS = /^(?:ad(?:vertising|vertisement)?|pub(?:licité)?|werb(?:ung)?|广告|реклама|anuncio)$/iu;
const LOADING_WORDS = /^(?:(?:loading|正在加载|загрузка|chargement|cargando)(?:…|\.\.\.)?)$/iu;
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;

/**
 * Class and id words of boxes inside an article that are not its story,
 * whatever the site: photo captions and credits, share and tag bars, author
 * bios, newsletter and subscription promos, related links, footnotes.
 */
const word = (words: string) => new RegExp(`(?:^|[\\s_-])(?:${words})(?:$|[\\s_-])`);
const NOT_BODY_NAMES = word(
  'share|sharing|social|tags|tag-list|post-tags|author|authors|author-bio|author-box|author-info|bio|about-author|about-the-author|newsletter|subscribe|signup|cta|promo|related|recommended|disclaimer|footnotes|comments|byline|post-meta|entry-meta|breadcrumbs?',
);
/**
 * The names a box's hints are read in: its class, and its id unless the id
 * is made from a heading's words ("h-why-use-social-shopping" is not a share bar).
 */
function hintNames(box: Box): string {
  return box.id.split(/[\s_-]/).length <= MAX_HINT_ID_WORDS ? box.names : box.cls;
}
const MAX_HINT_ID_WORDS = 2;
/** A caption is at most this long; a longer text in a figure is a quotation or an embed. */
/** Past this share of the article's text, a box is the article whatever its names say. */
const MAX_HINTED_SHARE = 0.5;

/** A paragraph of prose: this long, with few of its words in links. */
const PROSE_MIN_CHARS = 80;
const PROSE_MAX_LINK_DENSITY = 0.25;
/** A sibling this much made of prose paragraphs reads as more of the article. */
const PROSE_SHARE = 0.5;
/** A heading this much a link is a teaser card's, leading to another page. */
const CARD_HEADING_LINK_SHARE = 0.8;
/** A part between two parts of the article this short, without links, is one of its headings. */
const HEADING_ROW_MAX_CHARS = 200;
/** The article grows to its parent when no more than this was left out of the parent. */
const CLIMB_MAX_LEFT_CHARS = 50;
const CLIMB_MAX_LEFT_SHARE = 0;
const MAX_CLIMB = 4;

/** Elements whose text scores as a paragraph. */
const SCORED_TAGS = new Set(['SECTION', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'TD', 'PRE']);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const LIST_TAGS = new Set(['UL', 'OL']);
/** Cleaned conditionally, in this order (Readability's _prepArticle). */
const CONDITIONAL_PASSES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['FORM', 'FIELDSET']),
  new Set(['TABLE']),
  new Set(['UL']),
  new Set(['DIV']),
];
/** Shorter than this, a paragraph does not score. */
const MIN_SCORED_CHARS = 25;
/** Below this much text, the next, more lenient attempt is made. */
const MIN_ARTICLE_CHARS = 300;
const TOP_CANDIDATES = 5;
/** Runners-up scoring this close to the best are weighed against it (Readability's 0.75). */
const CLOSE_SCORE = 0.75;
/** A candidate with this much of its text in links is more page than article... */
const LINKY_CANDIDATE = 0.25;
/** ...when a box of prose inside it, with this little, scores close to it. */
const PROSE_CANDIDATE_LINK_DENSITY = 0.1;
/** A share widget is short; a longer element with "share" in its class is something else. */
const SHARE_MAX_CHARS = 500;
const BYLINE_MAX_CHARS = 100;
/** A box hidden by its class but holding this share of the page's text is the page, shown by a script. */
const MAX_CONCEALED_SHARE = 0.5;
const BYLINE = /byline|author|dateline|writtenby|p-author/;

interface Flags {
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}
const ATTEMPTS: readonly Flags[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];

/** Per-box sums over the blocks still in play. */
class Stats {
  chars: Float64Array;
  linkChars: Float64Array;
  commas: Float64Array;
  paragraphs: Float64Array;
  images: Float64Array;
  listItems: Float64Array;
  inputs: Float64Array;
  embeds: Float64Array;
  videos: Float64Array;
  headingChars: Float64Array;
  listChars: Float64Array;
  constructor(n: number) {
    this.chars = new Float64Array(n);
    this.linkChars = new Float64Array(n);
    this.commas = new Float64Array(n);
    this.paragraphs = new Float64Array(n);
    this.images = new Float64Array(n);
    this.listItems = new Float64Array(n);
    this.inputs = new Float64Array(n);
    this.embeds = new Float64Array(n);
    this.videos = new Float64Array(n);
    this.headingChars = new Float64Array(n);
    this.listChars = new Float64Array(n);
  }
  linkDensity(i: number): number {
    const chars = this.chars[i]!;
    return chars > 0 ? this.linkChars[i]! / chars : 0;
  }
}

const countCommas = (text: string) => text.match(COMMAS)?.length ?? 0;

function classWeight(box: Box): number {
  let weight = 0;
  for (const name of [box.cls, box.id]) {
    if (!name) continue;
    if (NEGATIVE.test(name)) weight -= 25;
    if (POSITIVE.test(name)) weight += 25;
  }
  return weight;
}

function initialScore(box: Box, weightClasses: boolean): number {
  let score = 0;
  switch (box.tag) {
    case 'DIV':
      score = 5;
      break;
    case 'PRE':
    case 'TD':
    case 'BLOCKQUOTE':
      score = 3;
      break;
    case 'ADDRESS':
    case 'OL':
    case 'UL':
    case 'DL':
    case 'DD':
    case 'DT':
    case 'LI':
    case 'FORM':
      score = -3;
      break;
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
    case 'TH':
      score = -5;
      break;
  }
  return weightClasses ? score + classWeight(box) : score;
}

/** The page as the scoring sees it: boxes with their children, blocks with their comma counts. */
export interface ContentModel {
  walk: PageWalk;
  children: Box[][];
  /** Blocks directly in each box, not in a child box (Readability wraps such text in paragraphs). */
  loose: number[][];
  commas: number[];
  /** Boxes in a table or code, which Readability never strips as unlikely. */
  inTableOrCode: Uint8Array;
  inCode: Uint8Array;
  /** Boxes that are, or are inside, a data table: never cleaned away. */
  dataTable: Uint8Array;
  /** Boxes holding a data table. */
  holdsDataTable: Uint8Array;
  inFigure: Uint8Array;
  /** The box's descendants are the boxes after it up to this index (exclusive). */
  end: Int32Array;
  /** The box Readability takes for the byline and leaves out of the article, if any. */
  byline: Box | null;
}

function isDataTable(table: Box, children: Box[][]): boolean {
  let rows = 0;
  let columns = 0;
  const pending = [...children[table.index]!];
  while (pending.length > 0) {
    const box = pending.pop()!;
    if (box.tag === 'TABLE') return false;
    if (box.tag === 'CAPTION' || box.tag === 'THEAD' || box.tag === 'TFOOT' || box.tag === 'TH') return true;
    if (box.tag === 'TR') {
      rows++;
      columns = Math.max(columns, children[box.index]!.length);
    }
    pending.push(...children[box.index]!);
  }
  return rows >= 10 || columns > 4 || rows * columns > 10;
}

export function modelOf(walk: PageWalk): ContentModel {
  const { boxes, blocks } = walk;
  const children: Box[][] = boxes.map(() => []);
  const loose: number[][] = boxes.map(() => []);
  const n = boxes.length;
  const inTableOrCode = new Uint8Array(n);
  const inCode = new Uint8Array(n);
  const dataTable = new Uint8Array(n);
  const holdsDataTable = new Uint8Array(n);
  const inFigure = new Uint8Array(n);
  const end = new Int32Array(n);
  for (const box of boxes) {
    const parent = box.parent;
    if (!parent) continue;
    const at = parent.index;
    children[at]!.push(box);
    inCode[box.index] = inCode[at]! || parent.tag === 'PRE' ? 1 : 0;
    inTableOrCode[box.index] = inTableOrCode[at]! || inCode[box.index]! || parent.tag === 'TABLE' ? 1 : 0;
    inFigure[box.index] = inFigure[at]! || parent.tag === 'FIGURE' ? 1 : 0;
  }
  for (const box of boxes) {
    if (box.tag === 'TABLE' && isDataTable(box, children)) dataTable[box.index] = 1;
    else if (box.parent && dataTable[box.parent.index]) dataTable[box.index] = 1;
  }
  for (let i = n - 1; i >= 0; i--) {
    const box = boxes[i]!;
    const kids = children[i]!;
    end[i] = kids.length > 0 ? end[kids[kids.length - 1]!.index]! : i + 1;
    if (box.tag === 'TABLE' && dataTable[i] && box.parent && !dataTable[box.parent.index]) holdsDataTable[i] = 1;
    if (holdsDataTable[i] && box.parent) holdsDataTable[box.parent.index] = 1;
  }
  blocks.forEach((block, i) => loose[block.owner.index]!.push(i));
  let byline: Box | null = null;
  for (const box of boxes) {
    if (!box.parent || !BYLINE.test(box.names)) continue;
    const chars = blockChars(blocks, box.firstBlock, box.endBlock);
    if (chars > 0 && chars < BYLINE_MAX_CHARS) {
      byline = box;
      break;
    }
  }
  return {
    walk,
    children,
    loose,
    commas: blocks.map((b) => countCommas(b.text)),
    inTableOrCode,
    inCode,
    dataTable,
    holdsDataTable,
    inFigure,
    end,
    byline,
  };
}

function blockChars(blocks: readonly WalkBlock[], from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) chars += blocks[i]!.text.length;
  return chars;
}

interface Attempt {
  blocks: number[];
  /** Blocks of the article's caption boxes: they describe a photo, they are not the story. */
  captions: number[];
  /** The texts of every caption in the article, figure captions included: the same text elsewhere in it is a caption too. */
  captionTexts: string[];
  chars: number;
}

/** Sums block and box figures into each box and its ancestors, over the boxes not removed. */
function statsOf(model: ContentModel, removed: Uint8Array): Stats {
  const { boxes, blocks } = model.walk;
  const stats = new Stats(boxes.length);
  blocks.forEach((block, i) => {
    const at = block.owner.index;
    if (removed[at]) return;
    const chars = block.text.length + 1;
    stats.chars[at]! += chars;
    stats.linkChars[at]! += block.linkChars;
    stats.commas[at]! += model.commas[i]!;
    if (HEADING_TAGS.has(block.owner.tag)) stats.headingChars[at]! += chars;
  });
  for (let i = boxes.length - 1; i >= 0; i--) {
    const box = boxes[i]!;
    if (removed[i]) continue;
    stats.images[i]! += box.images;
    stats.inputs[i]! += box.inputs;
    stats.embeds[i]! += box.embeds;
    stats.videos[i]! += box.videos;
    // Readability reads a div of text alone as a paragraph, and wraps text loose beside blocks in paragraphs.
    if (box.tag === 'P' || (box.tag === 'DIV' && box.childBoxes === 0)) stats.paragraphs[i]! += 1;
    else if (box.tag === 'DIV') stats.paragraphs[i]! += model.loose[i]!.length;
    if (box.tag === 'LI') stats.listItems[i]! += 1;
    if (LIST_TAGS.has(box.tag)) stats.listChars[i] = stats.chars[i]!;
    const parent = box.parent;
    if (parent) add(stats, parent.index, i, 1);
  }
  return stats;
}

/** stats[to] += sign × stats[from], for every figure. */
function add(stats: Stats, to: number, from: number, sign: number): void {
  stats.chars[to]! += sign * stats.chars[from]!;
  stats.linkChars[to]! += sign * stats.linkChars[from]!;
  stats.commas[to]! += sign * stats.commas[from]!;
  stats.paragraphs[to]! += sign * stats.paragraphs[from]!;
  stats.images[to]! += sign * stats.images[from]!;
  stats.listItems[to]! += sign * stats.listItems[from]!;
  stats.inputs[to]! += sign * stats.inputs[from]!;
  stats.embeds[to]! += sign * stats.embeds[from]!;
  stats.videos[to]! += sign * stats.videos[from]!;
  stats.headingChars[to]! += sign * stats.headingChars[from]!;
  stats.listChars[to]! += sign * stats.listChars[from]!;
}

/** Boxes removed before scoring: the byline, and (first attempt) boxes whose names say they are not the article. */
function removedBeforeScoring(model: ContentModel, flags: Flags): Uint8Array {
  const { boxes } = model.walk;
  const removed = new Uint8Array(boxes.length);
  if (model.byline) removed[model.byline.index] = 1;
  const pageChars = model.walk.blocks.length > 0 ? blockChars(model.walk.blocks, 0, model.walk.blocks.length) : 0;
  for (const box of boxes) {
    const parent = box.parent;
    if (parent && removed[parent.index]) removed[box.index] = 1;
    else if (
      box.concealed &&
      blockChars(model.walk.blocks, box.firstBlock, box.endBlock) < pageChars * MAX_CONCEALED_SHARE
    )
      removed[box.index] = 1;
    else if (
      flags.stripUnlikely &&
      parent &&
      !model.inTableOrCode[box.index] &&
      UNLIKELY.test(box.names) &&
      !MAYBE.test(box.names)
    )
      removed[box.index] = 1;
  }
  return removed;
}

function scoreBoxes(model: ContentModel, removed: Uint8Array, stats: Stats, flags: Flags): Float64Array {
  const { boxes, blocks } = model.walk;
  const score = new Float64Array(boxes.length);
  const scored = new Uint8Array(boxes.length);
  const credit = (first: Box | null, chars: number, commas: number) => {
    if (chars < MIN_SCORED_CHARS || !first) return;
    const points = 1 + commas + 1 + Math.min(Math.floor(chars / 100), 3);
    let ancestor: Box | null = first;
    for (let level = 0; ancestor && level < 5; level++, ancestor = ancestor.parent) {
      const i = ancestor.index;
      if (!scored[i]) {
        scored[i] = 1;
        score[i] = initialScore(ancestor, flags.weightClasses);
      }
      score[i]! += points / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  };
  for (const box of boxes) {
    const i = box.index;
    if (removed[i]) continue;
    const leafDiv = box.tag === 'DIV' && box.childBoxes === 0;
    if (SCORED_TAGS.has(box.tag) || leafDiv) {
      credit(box.parent, stats.chars[i]! - 1, stats.commas[i]!);
    } else if (box.tag === 'DIV') {
      // Text loose in a div beside other blocks: Readability wraps each run in a paragraph of the div.
      for (const b of model.loose[i]!) credit(box, blocks[b]!.text.length, model.commas[b]!);
    }
  }
  for (let i = 0; i < boxes.length; i++) if (scored[i]) score[i] = score[i]! * (1 - stats.linkDensity(i));
  for (let i = 0; i < boxes.length; i++) if (!scored[i]) score[i] = Number.NaN;
  return score;
}

function isAncestor(ancestor: Box, box: Box): boolean {
  for (let at: Box | null = box.parent; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/** The best-scoring box, moved up where Readability moves it (several close runners-up under one parent, a lone child). */
function topCandidate(
  model: ContentModel,
  score: Float64Array,
  stats: Stats,
  removed: Uint8Array,
  flags: Flags,
): Box | null {
  const { boxes } = model.walk;
  const top: Box[] = [];
  for (const box of boxes) {
    const s = score[box.index]!;
    if (Number.isNaN(s)) continue;
    let at = top.findIndex((t) => s > score[t.index]!);
    if (at === -1) at = top.length;
    if (at < TOP_CANDIDATES) {
      top.splice(at, 0, box);
      if (top.length > TOP_CANDIDATES) top.pop();
    }
  }
  let best = top[0];
  if (!best || !best.parent) return null;
  // A link-heavy container that wins on its class names ("content-primary", id "main") over a
  // link-free box of prose inside it, scoring nearly as well, is the page around the article.
  if (stats.linkDensity(best.index) > LINKY_CANDIDATE) {
    const inner = top.find(
      (t) =>
        t !== best &&
        isAncestor(best!, t) &&
        stats.linkDensity(t.index) < PROSE_CANDIDATE_LINK_DENSITY &&
        score[t.index]! >= score[best!.index]! * CLOSE_SCORE,
    );
    if (inner) best = inner;
  }
  const bestScore = score[best.index]!;
  // Teaser cards of other posts (a heading that links away, a summary) scoring alike do not make
  // their container the article: a short post followed by a list of other posts is that post.
  const close = top.filter(
    (t) => t !== best && score[t.index]! / bestScore >= CLOSE_SCORE && !proseOf(model, t, removed).card,
  );
  if (close.length >= 3) {
    for (let at: Box | null = best.parent; at && at.parent; at = at.parent) {
      if (close.filter((t) => isAncestor(at!, t)).length >= 3) {
        best = at;
        break;
      }
    }
  }
  let lastScore = Number.isNaN(score[best.index]!) ? initialScore(best, flags.weightClasses) : score[best.index]!;
  const threshold = lastScore / 3;
  for (let at = best.parent; at && at.parent; at = at.parent) {
    const s = score[at.index]!;
    if (Number.isNaN(s)) continue;
    if (s < threshold) break;
    if (s > lastScore) {
      best = at;
      break;
    }
    lastScore = s;
  }
  while (
    best.parent?.parent &&
    model.children[best.parent.index]!.length === 1 &&
    model.loose[best.parent.index]!.length === 0
  )
    best = best.parent;
  return best;
}

/** What a box's text is made of: prose paragraphs, and whether it is a teaser card (its heading is a link). */
function proseOf(
  model: ContentModel,
  box: Box,
  removed: Uint8Array,
): { prose: number; chars: number; card: boolean; cardList: boolean } {
  const { blocks } = model.walk;
  let prose = 0;
  let chars = 0;
  let headings = 0;
  let linkHeadings = 0;
  for (let i = box.firstBlock; i < box.endBlock; i++) {
    const block = blocks[i]!;
    if (removed[block.owner.index]) continue;
    const length = block.text.length;
    chars += length;
    if (length >= PROSE_MIN_CHARS && block.linkChars < length * PROSE_MAX_LINK_DENSITY) prose += length;
    if (block.kind === 'heading') {
      headings++;
      if (block.linkChars >= length * CARD_HEADING_LINK_SHARE) linkHeadings++;
    }
  }
  // A list of teasers: several headings, most of them links to other pages.
  const cardList = linkHeadings >= 2 && linkHeadings * 2 >= headings;
  return { prose, chars, card: linkHeadings > 0, cardList };
}

/**
 * The top candidate and the siblings that read like more of it: Readability's
 * rules (a sibling scoring near the candidate, a paragraph of prose), and any
 * sibling mostly made of prose paragraphs that is not a teaser card: an
 * article split into one element per section or per paragraph row (a design
 * system's "text block" rows between image rows) is one article. Headings
 * between such parts are kept with them. When every sibling of a level was
 * taken, the parent is the article and its own siblings are weighed the same
 * way (a page whose unclosed paragraphs nest each next one deeper).
 */
function withSiblings(
  model: ContentModel,
  best: Box,
  score: Float64Array,
  stats: Stats,
  removed: Uint8Array,
): { boxes: Box[]; blocks: number[] } {
  const { blocks } = model.walk;
  const bestScore = Number.isNaN(score[best.index]!) ? 0 : score[best.index]!;
  const threshold = Math.max(10, bestScore * 0.2);
  let current = best;
  let picked: { boxes: Box[]; blocks: number[] } = { boxes: [best], blocks: [] };
  for (let level = 0; current.parent && level <= MAX_CLIMB; level++) {
    const parent: Box = current.parent;
    const boxes: Box[] = [];
    const taken: boolean[] = [];
    let left = 0;
    for (const sibling of model.children[parent.index]!) {
      if (removed[sibling.index]) {
        // Boilerplate taken out before scoring (a related-links box) still says the parent is more than the article.
        left += blockChars(blocks, sibling.firstBlock, sibling.endBlock);
        continue;
      }
      let take = sibling === current;
      if (!take && level === 0) {
        const bonus = best.cls && sibling.cls === best.cls ? bestScore * 0.2 : 0;
        const s = score[sibling.index]!;
        take = !Number.isNaN(s) && s + bonus >= threshold && !proseOf(model, sibling, removed).cardList;
        if (!take && sibling.tag === 'P') {
          take = readsAsProse(stats.chars[sibling.index]! - 1, stats.linkDensity(sibling.index), sibling, blocks);
        }
      }
      const { prose, chars, card } = proseOf(model, sibling, removed);
      if (
        !take &&
        !card &&
        prose > 0 &&
        prose >= chars * PROSE_SHARE &&
        stats.linkDensity(sibling.index) < PROSE_MAX_LINK_DENSITY
      )
        take = true;
      boxes.push(sibling);
      taken.push(take);
      if (!take) left += chars;
    }
    // Short headings between taken parts are the article's own.
    for (let k = 1; k < boxes.length - 1; k++) {
      if (taken[k]) continue;
      const before = taken.slice(0, k).includes(true);
      const after = taken.slice(k + 1).includes(true);
      const sibling = boxes[k]!;
      const { chars, card } = proseOf(model, sibling, removed);
      if (before && after && !card && chars <= HEADING_ROW_MAX_CHARS && stats.linkDensity(sibling.index) === 0) {
        taken[k] = true;
        left -= chars;
      }
    }
    // Text loose in the parent reads as paragraphs beside the candidate.
    const loose = model.loose[parent.index]!.filter((b) => {
      const block = blocks[b]!;
      const prose = readsAsProse(block.text.length, block.linkChars / block.text.length, null, [block]);
      if (!prose) left += block.text.length;
      return prose;
    });
    const levelPick = { boxes: boxes.filter((_, k) => taken[k]), blocks: loose };
    if (level === 0) picked = levelPick;
    else if (left > 0 || levelPick.boxes.length + loose.length > 1) picked = levelPick;
    const pickedChars = levelPick.boxes.reduce((sum, box) => sum + stats.chars[box.index]!, 0);
    if (left > Math.max(CLIMB_MAX_LEFT_CHARS, pickedChars * CLIMB_MAX_LEFT_SHARE)) break;
    current = parent;
    picked = { boxes: [parent], blocks: [] };
  }
  return picked;
}

/** Readability's test for a paragraph beside the candidate: long with few links, or a short sentence without any. */
function readsAsProse(chars: number, density: number, box: Box | null, blocks: readonly WalkBlock[]): boolean {
  if (chars > 80 && density < 0.25) return true;
  if (chars >= 80 || chars === 0 || density !== 0) return false;
  const text = box
    ? blocks
        .slice(box.firstBlock, box.endBlock)
        .map((b) => b.text)
        .join(' ')
    : blocks[0]!.text;
  return /\.(?: |$)/.test(text);
}

/** Readability's _cleanConditionally: is this box a widget rather than part of the article? */
function isWidget(model: ContentModel, box: Box, stats: Stats, flags: Flags): boolean {
  const i = box.index;
  if (model.dataTable[i] || model.inCode[i] || model.holdsDataTable[i] || stats.videos[i]! > 0) return false;
  const weight = flags.weightClasses ? classWeight(box) : 0;
  if (weight < 0) return true;
  if (stats.commas[i]! >= 10) return false;
  const chars = Math.max(0, stats.chars[i]! - 1);
  const isList = LIST_TAGS.has(box.tag) || (chars > 0 && stats.listChars[i]! / stats.chars[i]! > 0.9);
  const p = stats.paragraphs[i]!;
  const img = stats.images[i]!;
  const li = stats.listItems[i]! - 100;
  const input = stats.inputs[i]!;
  const embeds = stats.embeds[i]!;
  const density = stats.linkDensity(i);
  const headingDensity = chars > 0 ? stats.headingChars[i]! / stats.chars[i]! : 0;
  const inFigure = model.inFigure[i] === 1;
  const text =
    chars > 0 && chars < 40
      ? model.walk.blocks
          .slice(box.firstBlock, box.endBlock)
          .map((b) => b.text)
          .join(' ')
      : '';
  if (text && (AD_WORDS.test(text) || LOADING_WORDS.test(text))) return true;
  return (
    (!inFigure && img > 1 && p / img < 0.5) ||
    (!isList && li > p) ||
    input > Math.floor(p / 3) ||
    (!isList && !inFigure && headingDensity < 0.9 && chars < 25 && (img === 0 || img > 2) && density > 0) ||
    (!isList && weight < 25 && density > 0.2) ||
    (weight >= 25 && density > 0.5) ||
    (embeds === 1 && chars < 75) ||
    embeds > 1 ||
    (img === 0 && (chars === 0 || (stats.headingChars[i]! >= stats.chars[i]! && !headsProse(model, box))))
  );
}

/**
 * Whether a box of headings only stands between paragraphs of prose: a section heading in a box
 * of its own ("The cost" between the paragraphs of two sections), not a list of headlines.
 */
function headsProse(model: ContentModel, box: Box): boolean {
  const { blocks } = model.walk;
  const isProse = (block: WalkBlock | undefined) =>
    block !== undefined &&
    block.kind === 'paragraph' &&
    readsAsProse(block.text.length, block.linkChars / block.text.length, null, [block]);
  return isProse(blocks[box.endBlock]) && isProse(blocks[box.firstBlock - 1]);
}

/** Removes a box from the running sums of its ancestors. */
function removeBox(model: ContentModel, stats: Stats, box: Box, removed: Uint8Array): void {
  for (let at = box.parent; at; at = at.parent) add(stats, at.index, box.index, -1);
  removed.fill(1, box.index, model.end[box.index]!);
}

function attempt(model: ContentModel, flags: Flags): Attempt {
  const { boxes, blocks } = model.walk;
  const removed = removedBeforeScoring(model, flags);
  const stats = statsOf(model, removed);
  const score = scoreBoxes(model, removed, stats, flags);
  const best = topCandidate(model, score, stats, removed, flags) ?? boxes[0]!;
  const picked = best === boxes[0] ? { boxes: [best], blocks: [] } : withSiblings(model, best, score, stats, removed);
  const roots = new Set(picked.boxes);
  const inArticle = picked.boxes.flatMap((root) => boxes.slice(root.index, model.end[root.index]!));
  const inRoots = new Uint8Array(boxes.length);
  for (const root of picked.boxes) inRoots.fill(1, root.index, model.end[root.index]!);

  // Boxes whose names say what they are: captions go to the metadata, the rest out of the article.
  const captionBoxes: Box[] = [];
  const articleChars = picked.boxes.reduce((sum, root) => sum + stats.chars[root.index]!, 0);
  for (const box of inArticle) {
    // The candidate itself is the article; a sibling taken beside it may be an author box.
    if (removed[box.index] || box === best) continue;
    // A box holding most of the article is the article, whatever its names ("post has-share-bar").
    if (stats.chars[box.index]! > articleChars * MAX_HINTED_SHARE) continue;
    // A list of teasers for other posts inside the article's box (under a short post).
    if (proseOf(model, box, removed).cardList) {
      removeBox(model, stats, box, removed);
      continue;
    }
    const names = hintNames(box);
    if (CAPTION_NAMES.test(names)) captionBoxes.push(box);
    if (CAPTION_NAMES.test(names) || NOT_BODY_NAMES.test(names)) removeBox(model, stats, box, removed);
  }
  // Share bars and headings whose class says they are not the article.
  for (const box of inArticle) {
    if (removed[box.index] || roots.has(box)) continue;
    if (SHARE.test(box.names) && stats.chars[box.index]! < SHARE_MAX_CHARS) removeBox(model, stats, box, removed);
    else if (flags.weightClasses && (box.tag === 'H1' || box.tag === 'H2') && classWeight(box) < 0)
      removeBox(model, stats, box, removed);
  }
  if (flags.cleanConditionally) {
    for (const tags of CONDITIONAL_PASSES) {
      for (let k = inArticle.length - 1; k >= 0; k--) {
        const box = inArticle[k]!;
        if (removed[box.index] || !tags.has(box.tag)) continue;
        if (box.tag === 'DIV' && box.childBoxes === 0) continue;
        if (isWidget(model, box, stats, flags)) removeBox(model, stats, box, removed);
      }
    }
  }
  const out: number[] = [];
  let chars = 0;
  const looseSet = new Set(picked.blocks);
  blocks.forEach((block, b) => {
    const owner = block.owner;
    if (looseSet.has(b)) {
      out.push(b);
      chars += block.text.length;
      return;
    }
    if (removed[owner.index] || !inRoots[owner.index]) return;
    out.push(b);
    chars += block.text.length;
  });
  const captions = captionBoxes.flatMap((box) => range(box.firstBlock, box.endBlock));
  const captionTexts = captions.map((b) => blocks[b]!.text);
  model.walk.captionBoxes.forEach((box, k) => {
    if (inRoots[box.index]) captionTexts.push(model.walk.captions[k]!);
  });
  return { blocks: out, captions, captionTexts, chars };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** The article's blocks and its captions' blocks, by index into the walk's blocks, in reading order. */
export function articleBlocks(model: ContentModel): Omit<Attempt, 'chars'> {
  let longest: Attempt | null = null;
  for (const flags of ATTEMPTS) {
    const result = attempt(model, flags);
    if (result.chars >= MIN_ARTICLE_CHARS) return result;
    if (!longest || result.chars > longest.chars) longest = result;
  }
  return longest ?? { blocks: [], captions: [], captionTexts: [] };
}
