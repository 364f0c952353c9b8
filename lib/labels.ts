/**
 * Every word the overlay, compare page, popup, options page and CLI show for
 * the same thing, in one place, so a reader who meets "edited" in the panel
 * meets the same word and the same explanation on the compare page and in
 * `npm run check`. Plain words for a reader without newsroom vocabulary
 * ("another update", not "write-through"). Only top-level constants and
 * functions: what the content script does not import is left out of it.
 */
import type { Credit, CreditPlace } from './credits';
import type { Relation } from './index-schema';
import type { Fidelity } from './quote-check';
import type { SourceKind, StorySource } from './story-source';

/** The short name of a relation: the badge ("Reuters · edited"), the sibling list, the CLI. */
export const RELATION_NAMES: Record<Relation, string> = {
  verbatim: 'verbatim',
  edited: 'edited',
  rewritten: 'rewritten',
  'same-event': 'same event',
};

/**
 * What the name means, in one plain sentence a reader without newsroom words follows: "news
 * agency" rather than "wire", no "write-through" or "aligned". A report of the same event says
 * outright that it is not a copy.
 */
export const RELATION_EXPLANATIONS: Record<Relation, string> = {
  verbatim: 'The news agency’s story, published word for word',
  edited: 'The news agency’s story, with sentences cut, added or changed',
  rewritten: 'The news agency’s story told in other words, or translated',
  'same-event': 'A report of its own on the same event: not a copy of the news agency’s text',
};

/** "edited: Wire text with cuts, additions or edits": the panel, the popup's status and the CLI say exactly this. */
export function relationLine(relation: Relation): string {
  return `${RELATION_NAMES[relation]}: ${RELATION_EXPLANATIONS[relation]}`;
}

/**
 * A version that carries the agency's own text as sent at another hour (TBS
 * ran an earlier update of the Reuters story than Investing.com): the
 * compare page sets it against the latest update, so "verbatim" alone would
 * hide why its paragraphs differ.
 */
export const ANOTHER_UPDATE = 'another update of the wire story';

/** The compare page's relation of a version; 'wire' marks one that carries an update of the agency's text word for word. */
export function versionRelationLine(relation: Relation | 'wire'): string {
  return relation === 'wire' ? `${relationLine('verbatim')} (${ANOTHER_UPDATE})` : relationLine(relation);
}

/** How faithfully a page quotes the original words. */
export const FIDELITY_LABELS: Record<Fidelity, string> = {
  exact: 'Exact',
  minor: 'Minor changes',
  altered: 'Wording changed',
  translated: 'Translated',
  unmatched: 'Not in the wire story',
};

/**
 * The compare page looks the other way, from the wire's quote to a version:
 * an unmatched cell there means the version does not carry the quote, not
 * that the quote is missing from the wire story.
 */
export const NOT_IN_VERSION = 'Not in this version';

/** Shown after the words when the page quotes them as someone else's ("Grushko" said by "Stoltenberg"). */
export const NAMES_ANOTHER_SPEAKER = 'names a different speaker';

export const SPEAKER_NOT_STATED = 'speaker not stated';

export function speakerLabel(speaker: string | null): string {
  return speaker ?? SPEAKER_NOT_STATED;
}

/** The corpus knows no address for the original (or a version): said, never guessed. */
export const URL_UNKNOWN = 'URL unknown';
/** Said once under a list of versions, for the names shown without a link (not "(URL unknown)" on every line). */
export const NO_LINK_KNOWN = 'Names without a link: Wiretrace does not know their address.';

/** Under "Quotes on this page" when a quote's wording differs: what the two colours mean. */
export const QUOTE_MARKS_HINT =
  'Marked: the page’s words that differ (green) and the original words they replace or leave out (red).';

/** The quote list: the original's wording under the page's, and who says it there when the page names someone else. */
export const ORIGINAL_QUOTE = 'Original';
export function originalSpeakerLine(speaker: string): string {
  return `In the wire story these are the words of ${speaker}: the page ${NAMES_ANOTHER_SPEAKER}.`;
}

/**
 * How much of the page is the agency's text, as counts of sentences rather than percentages or a
 * score: "Of this page's 20 sentences (quotes aside), 14 are the news agency's words exactly and
 * 3 more follow its sentences in other words."
 */
export function shareSentence(evidence: {
  verbatimShare: number;
  alignedSentences: number;
  pageSentences: number;
}): string {
  const total = evidence.pageSentences;
  const exact = Math.round(evidence.verbatimShare * total);
  const reworded = Math.max(0, evidence.alignedSentences - exact);
  const are = (n: number) => (n === 1 ? 'is' : 'are');
  const follow = (n: number) => (n === 1 ? 'follows' : 'follow');
  const start = `Of this page’s ${total} sentences (quotes aside), `;
  if (exact === 0) return `${start}${reworded} ${follow(reworded)} the news agency’s sentences in other words.`;
  const words = `${exact === total ? `all ${exact}` : exact} ${are(exact)} the news agency’s words exactly`;
  return `${start}${words}${reworded > 0 ? ` and ${reworded} more ${follow(reworded)} its sentences in other words` : ''}.`;
}

/** The panel's list of the page's sentences beside the agency's. */
export function passagesSummary(count: number): string {
  return `The page’s sentences beside the agency’s (${count})`;
}
export const PASSAGE_EXACT = 'The agency’s words exactly';
export const PASSAGE_REWORDED = 'Reworded from';

/** The highlight legend: every kind of paragraph the page marks, in the order of the page's colours. */
export const HIGHLIGHT_LEGEND = {
  wire: 'the agency’s words exactly',
  reworded: 'reworded from the agency’s',
  quote: 'a quote (each is compared in the list below)',
  own: 'the outlet’s own text',
} as const;
export const SEARCH_FOR_ORIGINAL = 'Search for the original';

export function originalAt(agency: string): string {
  return `Original at ${agency}`;
}

/** The "Check this page" button of the popup, which the options page points to by name. */
export const CHECK_THIS_PAGE = 'Check this page';
/** The overlay's toggle, and the options' setting that turns it on from the start. */
export const HIGHLIGHT_WIRE_TEXT = 'Highlight wire text on the page';

/** The parts of a story its origin line names. */
export interface Origin {
  agency: string;
  dateline: string | null;
  date: string;
  bylines: readonly string[];
  url: string | null;
}

/** "A", "A and B", "A, B and C". */
function listWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Reuters, BRUSSELS, 2022-01-12 · by Robin Emmott, Sabine Siebold and Gabriela Baczynska". */
export function originLine(story: Origin): string {
  const where = story.dateline ? `, ${story.dateline}` : '';
  const by = story.bylines.length > 0 ? ` · by ${listWords(story.bylines)}` : '';
  return `${story.agency}${where}, ${story.date}${by}`;
}

const CREDIT_PLACES: Record<CreditPlace, string> = {
  byline: 'in the byline',
  dateline: 'in the dateline',
  'end-note': 'in a note at the end',
  sentence: 'inside a sentence',
  photo: 'on a photo only',
};

/**
 * The credit finding in neutral words: wire subscribers may republish without
 * credit, so a missing credit is reported as a fact, not as a fault. With the
 * relation, a report of the same event is not told about republishing at all.
 */
export function creditSentence(agency: string, credits: readonly Credit[], relation?: Relation): string {
  const text = credits.filter((c) => c.place !== 'photo');
  // A report of its own owes the agency nothing: "does not name" must not read as a copy left uncredited.
  if (text.length === 0 && relation === 'same-event')
    return `This page does not name ${agency}: it reports the same event in its own words, so there is no text of ${agency}’s to credit.`;
  if (text.length === 0) {
    const photo = credits.some((c) => c.place === 'photo');
    return `This page does not name ${agency} as the source of its text${photo ? ` (a photo is credited to ${agency})` : ''}. Subscribers to a wire service may republish its stories without a credit.`;
  }
  return `This page credits ${agency} ${listWords(text.map((c) => `${CREDIT_PLACES[c.place]} ("${c.text}")`))}.`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-11-03" → "3 Nov": when the reader read it (the story's own date is in its origin line). */
function dayMonth(date: string): string {
  const [, month, day] = /^\d{4}-(\d{2})-(\d{2})/.exec(date) ?? [];
  return month && day ? `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}` : date;
}

/**
 * Where a story came from, in the words the overlay, popup, compare page and options all use:
 * "bundled with Wiretrace", "imported: class-week-3.json", "from your reading, apnews.com, 3 Nov",
 * "added by you, example.org, 3 Nov".
 */
export function sourceLabel(source: StorySource): string {
  switch (source.kind) {
    case 'bundled':
      return 'bundled with Wiretrace';
    case 'imported':
      return `imported: ${source.name}`;
    case 'subscription':
      return `from your subscription: ${source.name}`;
    case 'learned':
      return `from your reading, ${source.site}, ${dayMonth(source.date)}`;
    case 'added':
      return `added by you, ${source.site}, ${dayMonth(source.date)}`;
  }
}

/** The same as a line of its own: "From your reading, apnews.com, 3 Nov". */
export function sourceLine(source: StorySource): string {
  const label = sourceLabel(source);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The overlay on an agency's own article page: the story is this page. */
export const THIS_IS_THE_ORIGINAL = 'This page is the original wire story';
export const MET_ELSEWHERE = 'Versions you met elsewhere';
export const MET_NOWHERE_YET = 'None yet: Wiretrace lists the copies of this story you open on other sites.';
/** The popup's button that makes the page in the tab a story of the reader's own. */
export const ADD_THIS_PAGE = 'Add this page to my stories';
/** The one switch of the first-run page and the options page. */
export const LEARNING_SWITCH = 'Learn stories from the wire agencies’ own sites as I read';

export function storiesText(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'story' : 'stories'}`;
}

/**
 * A source of stories in the options, without the index's build names ("full build", "compact
 * build"): "bundled with Wiretrace: 1 story, the newest from 2022-01-12, 25.2 KB"; a compact file
 * says what it lacks, since the compare page then shows no paragraphs.
 */
export function sourceSummary(
  name: string,
  stories: number,
  file: { build: 'full' | 'compact'; newestStory: string | null; size: string } | null,
): string {
  if (!file) return `${name}: ${storiesText(stories)}`;
  const newest = file.newestStory ? `, the newest from ${file.newestStory}` : '';
  const texts = file.build === 'compact' ? ', without the stories’ texts (no side-by-side paragraphs)' : '';
  return `${name}: ${storiesText(stories)}${newest}${texts}, ${file.size}`;
}
/** The options' file input: a file of stories, the export of another Wiretrace or `npm run build:index`'s. */
export const IMPORT_STORIES =
  'Import a file of stories (.json or .wtix, from Wiretrace’s export or npm run build:index)';

/** The toolbar button's title (a screen reader's words for it) on a checked page without a match. */
export const NOTHING_HERE_TITLE = 'Wiretrace: none of your stories is on this page. Open to see what Wiretrace knows.';

/** The popup's status when the page was checked and carries none of the stories Wiretrace knows. */
export const NO_STORY_HERE = 'None of the stories Wiretrace knows is on this page.';

/**
 * What the browser says when an extension may not read a page is meant for developers ("Cannot
 * access contents of the page. Extension manifest must request permission to access the
 * respective host."): the reader gets what it means, and what to do.
 */
export const CANNOT_READ_PAGE =
  'Wiretrace cannot read this kind of page (the browser’s own pages, the extension store, a site it has not been allowed on). On a news article, click the Wiretrace button in the toolbar first, then “Check this page”.';
const BROWSER_REFUSALS =
  /cannot access|cannot be scripted|must request permission|missing host permission|extensions gallery|chrome:\/\/|about:|moz-extension|no tab with id|frame with id/i;

/** A failure of "Check this page" or "Add this page" in words for the reader; unknown causes are kept, after a plain start. */
export function checkFailure(error: string): string {
  return BROWSER_REFUSALS.test(error) ? CANNOT_READ_PAGE : `This page cannot be checked: ${error}`;
}

/** How many stories of each source, as the popup's empty state and the options say it. */
export function knownStoriesLine(
  total: number,
  sources: ReadonlyArray<{ kind: SourceKind; name: string; stories: number }>,
): string {
  const part = (s: (typeof sources)[number]) =>
    s.kind === 'learned'
      ? `${s.stories.toLocaleString('en')} from your reading`
      : s.kind === 'imported'
        ? `${s.stories.toLocaleString('en')} imported from ${s.name}`
        : s.kind === 'subscription'
          ? `${s.stories.toLocaleString('en')} from your subscription to ${s.name}`
          : `${s.stories.toLocaleString('en')} ${s.name}`;
  return `Wiretrace knows ${storiesText(total)}: ${listWords(sources.map(part))}.`;
}

/** How Wiretrace comes to know a story, for a reader who just found it knows none on this page. */
export function howItLearns(agencies: readonly string[]): string {
  return `It learns a story each time you read an article on a news agency’s own site (${listWords(agencies)}), on this device only. A copy of that story on any other site is then recognised.`;
}
export const HOW_TO_ADD = `To keep any page as a story (a press release, an agency story on a partner site), open it and choose “${ADD_THIS_PAGE}”. Files of stories can be imported in the options.`;

/** The popup's links to the extension's own pages. */
export const YOUR_STORIES = 'Your stories';
export const OPTIONS = 'Options';
export const ALL_STORIES = 'All stories';
export function shortcutLine(keys: string): string {
  return `Keyboard: ${keys} opens the Wiretrace panel on the page.`;
}
