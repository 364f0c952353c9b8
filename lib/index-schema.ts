/**
 * The bundled index of canonical wire stories. Versioned: a reader refuses a
 * file of another version or with a bad field, naming the field, so a broken
 * import never replaces a working index.
 */

export const INDEX_FORMAT = 'wiretrace-index';
export const INDEX_SCHEMA_VERSION = 1;

export type Relation = 'verbatim' | 'edited' | 'rewritten' | 'same-event';
export const RELATIONS: readonly Relation[] = ['verbatim', 'edited', 'rewritten', 'same-event'];

export interface StoryVersion {
  id: string;
  outlet: string;
  /** Null where the corpus knows no URL: never guessed. */
  url: string | null;
  language: string;
  shownDates: string | null;
  credits: string | null;
  /** How this version relates to the wire text, from the corpus metadata. */
  relation: Relation;
  /** Which write-through of the agency's own text this version carries, if it carries one verbatim. */
  writeThrough: string | null;
  title: string;
}

export interface StoryQuote {
  text: string;
  speaker: string | null;
  role: string | null;
  context: string;
  /** The wire version it was taken from. */
  version: string;
}

export interface WireText {
  version: string;
  paragraphs: string[];
}

export interface Story {
  id: string;
  agency: string;
  date: string;
  dateline: string | null;
  bylines: string[];
  headlines: string[];
  url: string | null;
  versions: StoryVersion[];
  /** The agency's own text, one entry per known write-through. */
  wire: WireText[];
  /**
   * The other versions' texts (full build only, for the compare page); absent
   * in the compact build. Optional: files built before it are still read.
   */
  siblingTexts?: WireText[];
  quotes: StoryQuote[];
}

export interface WireIndex {
  format: typeof INDEX_FORMAT;
  schemaVersion: typeof INDEX_SCHEMA_VERSION;
  stories: Story[];
}

export class IndexError extends Error {
  override name = 'IndexError';
}

type Check = (value: unknown, path: string) => void;

function fail(path: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new IndexError(`Index field "${path}" must be ${expected}, found ${got}.`);
}

const str: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, 'a string', v);
};
const strOrNull: Check = (v, p) => {
  if (v !== null && typeof v !== 'string') fail(p, 'a string or null', v);
};
const optional =
  (check: Check): Check =>
  (v, p) => {
    if (v !== undefined) check(v, p);
  };
const arrayOf =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'an array', v);
    v.forEach((x, i) => item(x, `${p}[${i}]`));
  };
const oneOf =
  (values: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(p, `one of ${values.join(', ')}`, v);
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(p, 'an object', v);
    for (const [key, check] of Object.entries(shape))
      check((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
  };

const checkStory = object({
  id: str,
  agency: str,
  date: str,
  dateline: strOrNull,
  bylines: arrayOf(str),
  headlines: arrayOf(str),
  url: strOrNull,
  versions: arrayOf(
    object({
      id: str,
      outlet: str,
      url: strOrNull,
      language: str,
      shownDates: strOrNull,
      credits: strOrNull,
      relation: oneOf(RELATIONS),
      writeThrough: strOrNull,
      title: str,
    }),
  ),
  wire: arrayOf(object({ version: str, paragraphs: arrayOf(str) })),
  siblingTexts: optional(arrayOf(object({ version: str, paragraphs: arrayOf(str) }))),
  quotes: arrayOf(object({ text: str, speaker: strOrNull, role: strOrNull, context: str, version: str })),
});

/** Validates one story (of the compact build, decoded on demand); throws an IndexError naming the field. */
export function validateStory(data: unknown, path: string): Story {
  checkStory(data, path);
  return data as Story;
}

/** Validates parsed JSON as an index; throws an IndexError that names the bad field. */
function validateIndex(data: unknown): WireIndex {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new IndexError('Index file must hold a JSON object.');
  }
  const record = data as Record<string, unknown>;
  if (record.format !== INDEX_FORMAT)
    throw new IndexError(`Not a Wiretrace index (field "format" must be "${INDEX_FORMAT}").`);
  if (record.schemaVersion !== INDEX_SCHEMA_VERSION) {
    throw new IndexError(
      `Index schema version ${String(record.schemaVersion)} is not supported: this Wiretrace reads version ${INDEX_SCHEMA_VERSION}.`,
    );
  }
  arrayOf(checkStory)(record.stories, 'stories');
  return data as WireIndex;
}

/** Parses and validates an index file's text. */
export function parseIndex(text: string): WireIndex {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new IndexError(`Index file is not valid JSON: ${(error as Error).message}`);
  }
  return validateIndex(data);
}
