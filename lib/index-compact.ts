/**
 * The compact index: fingerprints, quotes and metadata, no wire texts. It is
 * what a large index is distributed as, at about 0.3-0.7 KB a story. Binary,
 * so opening it costs next to nothing whatever its size: the postings are a
 * bucketed table searched in place, and a story is decoded only when a
 * page's fingerprints point to it.
 *
 * Layout (little-endian; every section starts on a 4-byte boundary):
 *   u32 magic "WTIX" · u32 schema version · u32 header length · header JSON
 *   sections named in the header, each [byte offset, byte length]:
 *     metaOffsets    u32[storyCount + 1]  byte offsets of each story's record in meta
 *     meta           per story its metadata and quotes, deflated (compact-meta.ts)
 *     dictionary     the deflate dictionary of meta
 *     printOffsets   u32[storyCount + 1]  byte offsets of each story's prints
 *     prints         per story its sentence prints, reduced and Rice-coded (compact-prints.ts)
 *     postingBuckets u32[2^bucketBits + 1] where each bucket's entries start
 *     postingEntries bit-packed (hash rest, story) entries (compact-postings.ts)
 */
import { BoundedCache } from './bounded-cache';
import { BitsError } from './bits';
import { concatBytes } from './bytes';
import { compressMeta, decodeMeta, META_DICTIONARY_BYTES, metaDictionary, metaRecord } from './compact-meta';
import { COMPACT_PRECISION, decodeCompactPrints, encodeCompactPrints } from './compact-prints';
import { keptFingerprint, packPostings, POSTING_SAMPLE, postingLookup, type PostingLayout } from './compact-postings';
import { readText, sortedDistinct } from './fingerprint';
import { IndexError, INDEX_FORMAT, validateStory, type Story } from './index-schema';
import type { MatchIndex, StoryEntry, WireVersionIndex } from './match-index';
import type { PrintPrecision } from './print-precision';

const COMPACT_MAGIC = 0x58495457; // "WTIX" read as a little-endian u32
const COMPACT_SCHEMA_VERSION = 2;
/** Decoded stories kept in memory. */
const DECODED_STORY_CACHE = 256;
const SECTIONS = [
  'metaOffsets',
  'meta',
  'dictionary',
  'printOffsets',
  'prints',
  'postingBuckets',
  'postingEntries',
] as const;
type SectionName = (typeof SECTIONS)[number];
/** Sections the writer streams through its caller (temporary files for 100,000 stories). */
type Streamed = 'meta' | 'prints';

export interface CompactHeader {
  format: typeof INDEX_FORMAT;
  build: 'compact';
  schemaVersion: typeof COMPACT_SCHEMA_VERSION;
  storyCount: number;
  /** Date of the newest story (YYYY-MM-DD), or null for an empty index: what "up to date" means for a reader. */
  newestStory: string | null;
  precision: PrintPrecision;
  postings: PostingLayout;
  sections: Record<SectionName, [number, number]>;
}

/** What the builder writes for one story. */
interface CompactStoryParts {
  record: Uint8Array;
  prints: Uint8Array;
  fingerprints: number[];
  date: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface CompactOptions {
  /** One fingerprint in this many is listed (a power of two; 1 lists all): see compact-postings.ts. */
  postingSample?: number;
}

function compactStoryParts(story: Story, sample: number): CompactStoryParts {
  const reads = story.wire.map((w) => readText(w.paragraphs));
  return {
    record: metaRecord(story),
    prints: encodeCompactPrints(reads.map((r) => r.sentences.map((s) => s.print))),
    // Only the kept fingerprints are listed (one in eight, by hash): a page looks up the same ones.
    fingerprints: sortedDistinct(reads.flatMap((r) => r.fingerprints)).filter((h) => keptFingerprint(h, sample)),
    date: story.date,
  };
}

const align4 = (n: number) => (n + 3) & ~3;

/** The latest of ISO dates (they sort as strings), or null. */
export function newestDate(dates: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const d of dates) if (newest === null || d > newest) newest = d;
  return newest;
}

/**
 * The header and the offsets of each section, given the section sizes: the
 * builder streams sections to disk and writes this in front of them.
 */
function compactLayout(
  storyCount: number,
  sizes: Record<SectionName, number>,
  newestStory: string | null,
  postings: PostingLayout,
): { head: Uint8Array; header: CompactHeader } {
  // The header's length depends on the offsets, which depend on the header's length: settle in two passes.
  let headerBytes = 0;
  for (let pass = 0; pass < 3; pass++) {
    let at = align4(12 + headerBytes);
    const sections = {} as Record<SectionName, [number, number]>;
    for (const name of SECTIONS) {
      sections[name] = [at, sizes[name]];
      at = align4(at + sizes[name]);
    }
    const header: CompactHeader = {
      format: INDEX_FORMAT,
      build: 'compact',
      schemaVersion: COMPACT_SCHEMA_VERSION,
      storyCount,
      newestStory,
      precision: COMPACT_PRECISION,
      postings,
      sections,
    };
    const json = encoder.encode(JSON.stringify(header));
    if (json.length === headerBytes || pass === 2) {
      const head = new Uint8Array(align4(12 + json.length));
      const view = new DataView(head.buffer);
      view.setUint32(0, COMPACT_MAGIC, true);
      view.setUint32(4, COMPACT_SCHEMA_VERSION, true);
      view.setUint32(8, json.length, true);
      head.set(json, 12);
      return { head, header };
    }
    headerBytes = json.length;
  }
  throw new Error('unreachable');
}

/** Appends u32 values to a growing typed array (the postings of 100k stories do not fit a JS array cheaply). */
class U32List {
  private data = new Uint32Array(1 << 12);
  length = 0;
  push(a: number, b?: number) {
    if (this.length + 2 > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = a;
    if (b !== undefined) this.data[this.length++] = b;
  }
  last(): number {
    return this.data[this.length - 1]!;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

const bytesOf = (a: Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Writes a compact index one story at a time. Story metadata and prints go
 * to two byte streams as stories come (memory for small corpora, temporary
 * files for 100,000 stories); only offsets and postings stay in memory.
 * The first stories wait until the metadata dictionary is made of them
 * (32 KB of records: a few dozen stories). `finish` writes the file in
 * section order through `out`, asking each stream to replay what it holds.
 */
export class CompactIndexWriter {
  private readonly metaOffsets = new U32List();
  private readonly printOffsets = new U32List();
  private readonly pairs = new U32List();
  private newest: string | null = null;
  private count = 0;
  private dictionary: Uint8Array | null = null;
  private pending: CompactStoryParts[] = [];
  private pendingBytes = 0;

  private readonly sample: number;

  /** Each stream receives bytes it may keep: the writer never reuses them. */
  constructor(
    private readonly streams: Record<Streamed, { write(bytes: Uint8Array): void }>,
    options: CompactOptions = {},
  ) {
    this.sample = options.postingSample ?? POSTING_SAMPLE;
    if (!(this.sample >= 1 && this.sample <= 256 && (this.sample & (this.sample - 1)) === 0))
      throw new RangeError('The posting sample must be a power of two from 1 to 256.');
    this.metaOffsets.push(0);
    this.printOffsets.push(0);
  }

  add(story: Story): void {
    const parts = compactStoryParts(story, this.sample);
    if (this.dictionary) return this.write(parts);
    this.pending.push(parts);
    this.pendingBytes += parts.record.length;
    if (this.pendingBytes >= META_DICTIONARY_BYTES) this.flushPending();
  }

  /**
   * Writes the stories still waiting for the dictionary (made of them, however few): call it once
   * the last story is added, before the streams are closed. `finish` calls it too.
   */
  flush(): void {
    if (!this.dictionary) this.flushPending();
  }

  private flushPending(): void {
    this.dictionary = metaDictionary(this.pending.map((p) => p.record));
    for (const parts of this.pending) this.write(parts);
    this.pending = [];
  }

  private write(parts: CompactStoryParts): void {
    const meta = compressMeta(parts.record, this.dictionary!);
    this.streams.meta.write(meta);
    this.streams.prints.write(parts.prints);
    this.metaOffsets.push(this.metaOffsets.last() + meta.length);
    this.printOffsets.push(this.printOffsets.last() + parts.prints.length);
    for (const h of parts.fingerprints) this.pairs.push(h, this.count);
    this.newest = newestDate([...(this.newest ? [this.newest] : []), parts.date]);
    this.count++;
  }

  /** Writes the whole file through `write`; `replay(name, write)` must write back everything its stream received. */
  finish(
    write: (bytes: Uint8Array) => void,
    replay: (name: Streamed, write: (bytes: Uint8Array) => void) => void,
  ): number {
    this.flush();
    const dictionary = this.dictionary!;
    const n = this.count;
    const postings = packPostings(this.pairs.view(), n, this.sample);
    const metaOffsets = this.metaOffsets.view();
    const printOffsets = this.printOffsets.view();
    const { head, header } = compactLayout(
      n,
      {
        metaOffsets: metaOffsets.byteLength,
        meta: metaOffsets[n]!,
        dictionary: dictionary.length,
        printOffsets: printOffsets.byteLength,
        prints: printOffsets[n]!,
        postingBuckets: postings.buckets.byteLength,
        postingEntries: postings.entries.length,
      },
      this.newest,
      postings.layout,
    );
    let at = 0;
    const emit = (bytes: Uint8Array) => {
      write(bytes);
      at += bytes.length;
    };
    const section: Record<SectionName, () => void> = {
      metaOffsets: () => emit(bytesOf(metaOffsets)),
      meta: () => replay('meta', emit),
      dictionary: () => emit(dictionary),
      printOffsets: () => emit(bytesOf(printOffsets)),
      prints: () => replay('prints', emit),
      postingBuckets: () => emit(bytesOf(postings.buckets)),
      postingEntries: () => emit(postings.entries),
    };
    emit(head);
    for (const name of SECTIONS) {
      const offset = header.sections[name][0];
      if (offset > at) emit(new Uint8Array(offset - at));
      section[name]();
    }
    return at;
  }
}

/** The whole compact index in memory (tests, small corpora); the CLI builder streams the same bytes. */
export function encodeCompactIndex(stories: readonly Story[], options: CompactOptions = {}): Uint8Array {
  const held: Record<Streamed, Uint8Array[]> = { meta: [], prints: [] };
  const writer = new CompactIndexWriter(
    {
      meta: { write: (bytes) => held.meta.push(bytes) },
      prints: { write: (bytes) => held.prints.push(bytes) },
    },
    options,
  );
  for (const story of stories) writer.add(story);
  const chunks: Uint8Array[] = [];
  const length = writer.finish(
    (bytes) => chunks.push(bytes),
    (name, write) => held[name].forEach(write),
  );
  return concatBytes(chunks, length);
}

/** Whether bytes start like a compact index (as opposed to the JSON full build). */
export function isCompactIndex(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === COMPACT_MAGIC;
}

function readHeader(bytes: Uint8Array): CompactHeader {
  if (bytes.length < 12) throw new IndexError('Compact index file is truncated (no header).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== COMPACT_MAGIC) throw new IndexError('Not a Wiretrace compact index (bad magic).');
  const version = view.getUint32(4, true);
  if (version === 1) {
    throw new IndexError(
      'Compact index schema version 1 is no longer read: rebuild it with this Wiretrace (npm run build:index -- --compact FILE), which writes version 2 at a tenth of the size.',
    );
  }
  if (version !== COMPACT_SCHEMA_VERSION) {
    throw new IndexError(
      `Compact index schema version ${version} is not supported: this Wiretrace reads version ${COMPACT_SCHEMA_VERSION}. Update Wiretrace or use an index built for it.`,
    );
  }
  const length = view.getUint32(8, true);
  if (12 + length > bytes.length) throw new IndexError('Compact index field "header" runs past the end of the file.');
  let header: CompactHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(12, 12 + length))) as CompactHeader;
  } catch {
    throw new IndexError('Compact index field "header" is not valid JSON.');
  }
  if (header?.format !== INDEX_FORMAT)
    throw new IndexError(`Compact index field "header.format" must be "${INDEX_FORMAT}".`);
  if (header.newestStory != null && typeof header.newestStory !== 'string')
    throw new IndexError('Compact index field "header.newestStory" must be a date or null.');
  if (!Number.isInteger(header.storyCount) || header.storyCount < 0)
    throw new IndexError('Compact index field "header.storyCount" must be a whole number.');
  const { precision, postings } = header;
  const bits = (n: unknown, lo: number, hi: number) =>
    Number.isInteger(n) && (n as number) >= lo && (n as number) <= hi;
  if (!bits(precision?.keyBits, 8, 32) || !bits(precision?.shingleBits, 4, 32))
    throw new IndexError('Compact index field "header.precision" must give key and shingle bits.');
  if (
    !bits(postings?.sample, 1, 256) ||
    (postings.sample & (postings.sample - 1)) !== 0 ||
    !bits(postings.bucketBits, 1, 28) ||
    !bits(postings.storyBits, 1, 31) ||
    !bits(postings.entries, 0, 2 ** 32) ||
    32 - Math.log2(postings.sample) - postings.bucketBits + postings.storyBits > 32
  )
    throw new IndexError('Compact index field "header.postings" is not a posting layout this Wiretrace reads.');
  for (const name of SECTIONS) {
    const section = header.sections?.[name];
    if (!Array.isArray(section) || section.length !== 2 || !section.every((n) => Number.isInteger(n) && n >= 0))
      throw new IndexError(`Compact index field "header.sections.${name}" must be [offset, length].`);
    if (section[0] % 4 !== 0) throw new IndexError(`Compact index section "${name}" is not aligned.`);
    if (section[0] + section[1] > bytes.length)
      throw new IndexError(`Compact index section "${name}" runs past the end of the file (truncated?).`);
  }
  return header;
}

export interface CompactIndex extends MatchIndex {
  readonly header: CompactHeader;
}

/** The sections of a compact index as typed views into its bytes, checked against each other. */
interface Sections {
  storyCount: number;
  precision: PrintPrecision;
  metaOffsets: Uint32Array;
  meta: Uint8Array;
  dictionary: Uint8Array;
  printOffsets: Uint32Array;
  prints: Uint8Array;
  postingBuckets: Uint32Array;
  postingEntries: Uint8Array;
}

function readSections(bytes: Uint8Array, header: CompactHeader): Sections {
  const n = header.storyCount;
  const u8 = (name: SectionName) => {
    const [offset, length] = header.sections[name];
    return bytes.subarray(offset, offset + length);
  };
  const u32 = (name: SectionName) => {
    const [offset, length] = header.sections[name];
    if (length % 4 !== 0) throw new IndexError(`Compact index section "${name}" length is not a multiple of 4.`);
    return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length / 4);
  };
  const sections: Sections = {
    storyCount: n,
    precision: header.precision,
    metaOffsets: u32('metaOffsets'),
    meta: u8('meta'),
    dictionary: u8('dictionary'),
    printOffsets: u32('printOffsets'),
    prints: u8('prints'),
    postingBuckets: u32('postingBuckets'),
    postingEntries: u8('postingEntries'),
  };
  const { metaOffsets, printOffsets, meta, prints, postingBuckets, postingEntries } = sections;
  if (metaOffsets.length !== n + 1 || printOffsets.length !== n + 1)
    throw new IndexError('Compact index offsets do not match "header.storyCount".');
  if (metaOffsets[n] !== meta.length || printOffsets[n] !== prints.length)
    throw new IndexError('Compact index offsets do not match their sections (truncated or corrupt file).');
  for (let i = 0; i < n; i++) {
    if (metaOffsets[i]! > metaOffsets[i + 1]! || printOffsets[i]! > printOffsets[i + 1]!)
      throw new IndexError(`Compact index offsets of story ${i} go backwards (corrupt file).`);
  }
  const { postings } = header;
  const entryBits = 32 - Math.log2(postings.sample) - postings.bucketBits + postings.storyBits;
  if (
    postingBuckets.length !== 2 ** postings.bucketBits + 1 ||
    postingEntries.length * 8 < postings.entries * entryBits
  )
    throw new IndexError('Compact index postings do not match "header.postings" (truncated or corrupt file).');
  return sections;
}

/** A story's sentence prints, one list per write-through. */
function decodeVersions(
  { printOffsets, prints, precision }: Sections,
  position: number,
  story: Story,
): WireVersionIndex[] {
  let versions: WireVersionIndex[] | 'versions';
  try {
    versions = decodeCompactPrints(prints, printOffsets[position]!, printOffsets[position + 1]!, story.wire, precision);
  } catch (error) {
    if (!(error instanceof BitsError)) throw error;
    throw new IndexError(`Compact index field "stories[${position}].prints" is damaged (${error.message}).`);
  }
  if (versions === 'versions')
    throw new IndexError(`Compact index field "stories[${position}].wire" does not match its prints.`);
  return versions;
}

/** A story's metadata and prints, checked like any imported story. */
function decodeStory(sections: Sections, position: number): StoryEntry {
  const { storyCount, metaOffsets, meta, dictionary } = sections;
  if (!(position >= 0 && position < storyCount)) throw new IndexError(`Compact index has no story ${position}.`);
  let data: unknown;
  try {
    data = decodeMeta(meta.subarray(metaOffsets[position]!, metaOffsets[position + 1]!), dictionary);
  } catch {
    throw new IndexError(`Compact index field "stories[${position}]" is not a valid story record.`);
  }
  let story: Story;
  try {
    story = validateStory(data, `stories[${position}]`);
  } catch (error) {
    if (error instanceof IndexError) throw error;
    throw new IndexError(`Compact index field "stories[${position}]" is not a valid story record.`);
  }
  // Prints are decoded when first read: a page's other candidates are often checked by their
  // quotes and date alone (a report of the same event), and decoding prints is most of a story's cost.
  let versions: WireVersionIndex[] | null = null;
  return {
    story,
    get versions() {
      return (versions ??= decodeVersions(sections, position, story));
    },
  };
}

/**
 * Opens a compact index without decoding its stories: checks the header and
 * that every section lies inside the file, then reads in place. A story that
 * turns out broken when decoded throws an IndexError naming its field.
 */
export function openCompactIndex(input: Uint8Array): CompactIndex {
  // Typed views need 4-byte alignment of the underlying offset: copy once if the caller's bytes are not aligned.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const header = readHeader(bytes);
  const sections = readSections(bytes, header);
  // Decoded stories are kept for the next page (the reader moves between copies of the
  // same stories), within a bound: the oldest goes first.
  const decoded = new BoundedCache<number, StoryEntry>(DECODED_STORY_CACHE);
  return {
    header,
    storyCount: header.storyCount,
    eachPosting: postingLookup(header.postings, sections.postingBuckets, sections.postingEntries, header.storyCount),
    story: (position) => decoded.getOrCompute(position, () => decodeStory(sections, position)),
  };
}
