/**
 * The compact index: fingerprints, quotes and metadata, no wire texts. It is
 * what a large index is distributed as. Binary, so opening it costs next to
 * nothing whatever its size: the postings are a sorted array searched in
 * place, and a story is decoded only when a page's fingerprints point to it.
 *
 * Layout (little-endian; every section starts on a 4-byte boundary):
 *   u32 magic "WTIX" · u32 schema version · u32 header length · header JSON
 *   sections named in the header, each [byte offset, byte length]:
 *     metaOffsets  u32[storyCount + 1]  byte offsets of each story's JSON in meta
 *     meta         UTF-8 JSON per story (the Story, wire paragraphs left empty)
 *     printOffsets u32[storyCount + 1]  word offsets of each story's prints
 *     prints       u32 stream per story: versions, then per version its sentences
 *                  (paragraph, key count, keys…, shingle count, shingles…)
 *     postingHashes  u32 fingerprints, sorted (with repeats: one per story that has it)
 *     postingStories u32 story position for each entry of postingHashes
 */
import { BoundedCache } from './bounded-cache';
import { readText, sortedDistinct } from './fingerprint';
import { IndexError, INDEX_FORMAT, validateStory, type Story } from './index-schema';
import type { MatchIndex, StoryEntry, WireVersionIndex } from './match-index';
import { decodePrints, storyPrints, versionPrints } from './story-prints';

const COMPACT_MAGIC = 0x58495457; // "WTIX" read as a little-endian u32
const COMPACT_SCHEMA_VERSION = 1;
/** Decoded stories kept in memory. */
const DECODED_STORY_CACHE = 256;
/**
 * Where each 12-bit hash prefix starts in the postings: a lookup then searches a few thousand
 * entries near each other instead of millions across the file. More prefixes would search less
 * but cost more at open: 16 bits took 10 ms at 10k stories (every page of the array touched).
 */
const PREFIX_BITS = 12;
const SECTIONS = ['metaOffsets', 'meta', 'printOffsets', 'prints', 'postingHashes', 'postingStories'] as const;
type SectionName = (typeof SECTIONS)[number];

export interface CompactHeader {
  format: typeof INDEX_FORMAT;
  build: 'compact';
  schemaVersion: typeof COMPACT_SCHEMA_VERSION;
  storyCount: number;
  /** Date of the newest story (YYYY-MM-DD), or null for an empty index: what "up to date" means for a reader. */
  newestStory: string | null;
  sections: Record<SectionName, [number, number]>;
}

/** What the builder writes for one story. */
export interface CompactStoryParts {
  meta: Uint8Array;
  prints: Uint32Array;
  fingerprints: number[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function compactStoryParts(story: Story): CompactStoryParts {
  const reads = story.wire.map((w) => readText(w.paragraphs));
  // Prints come sorted from readText: the same story gives the same bytes whatever order its words came in.
  const { siblingTexts: _texts, ...rest } = story;
  const withoutTexts: Story = { ...rest, wire: story.wire.map((w) => ({ version: w.version, paragraphs: [] })) };
  return {
    meta: encoder.encode(JSON.stringify(withoutTexts)),
    prints: storyPrints(reads.map((r) => versionPrints(r.sentences.map((s) => s.print)))),
    fingerprints: sortedDistinct(reads.flatMap((r) => r.fingerprints)),
  };
}

const align4 = (n: number) => (n + 3) & ~3;

/** The latest of ISO dates (they sort as strings), or null. */
export function newestDate(dates: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const d of dates) if (newest === null || d > newest) newest = d;
  return newest;
}

/** Sorts (fingerprint, story) pairs by fingerprint, then story, into two parallel arrays. */
function sortPostings(pairs: Uint32Array): { hashes: Uint32Array; stories: Uint32Array } {
  const n = pairs.length / 2;
  const order = new Uint32Array(n).map((_, i) => i);
  order.sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!);
  const hashes = new Uint32Array(n);
  const stories = new Uint32Array(n);
  order.forEach((from, to) => {
    hashes[to] = pairs[2 * from]!;
    stories[to] = pairs[2 * from + 1]!;
  });
  return { hashes, stories };
}

/**
 * The header and the offsets of each section, given the section sizes: the
 * builder streams sections to disk and writes this in front of them.
 */
function compactLayout(
  storyCount: number,
  sizes: Record<SectionName, number>,
  newestStory: string | null = null,
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
 * `finish` writes the file in section order through `out`, asking each
 * stream to replay what it holds.
 */
export class CompactIndexWriter {
  private readonly metaOffsets = new U32List();
  private readonly printOffsets = new U32List();
  private readonly pairs = new U32List();
  private newest: string | null = null;
  private count = 0;

  /** Each stream receives bytes it may keep: the writer never reuses them. */
  constructor(private readonly streams: Record<'meta' | 'prints', { write(bytes: Uint8Array): void }>) {
    this.metaOffsets.push(0);
    this.printOffsets.push(0);
  }

  add(story: Story): void {
    const parts = compactStoryParts(story);
    this.streams.meta.write(parts.meta);
    this.streams.prints.write(bytesOf(parts.prints));
    this.metaOffsets.push(this.metaOffsets.last() + parts.meta.length);
    this.printOffsets.push(this.printOffsets.last() + parts.prints.length);
    for (const h of parts.fingerprints) this.pairs.push(h, this.count);
    this.newest = newestDate([...(this.newest ? [this.newest] : []), story.date]);
    this.count++;
  }

  /** Writes the whole file through `write`; `replay(name, write)` must write back everything its stream received. */
  finish(
    write: (bytes: Uint8Array) => void,
    replay: (name: 'meta' | 'prints', write: (bytes: Uint8Array) => void) => void,
  ): number {
    const postings = sortPostings(this.pairs.view());
    const metaOffsets = this.metaOffsets.view();
    const printOffsets = this.printOffsets.view();
    const n = this.count;
    const { head, header } = compactLayout(
      n,
      {
        metaOffsets: metaOffsets.byteLength,
        meta: metaOffsets[n]!,
        printOffsets: printOffsets.byteLength,
        prints: printOffsets[n]! * 4,
        postingHashes: postings.hashes.byteLength,
        postingStories: postings.stories.byteLength,
      },
      this.newest,
    );
    let at = 0;
    const emit = (bytes: Uint8Array) => {
      write(bytes);
      at += bytes.length;
    };
    const section: Record<SectionName, () => void> = {
      metaOffsets: () => emit(bytesOf(metaOffsets)),
      meta: () => replay('meta', emit),
      printOffsets: () => emit(bytesOf(printOffsets)),
      prints: () => replay('prints', emit),
      postingHashes: () => emit(bytesOf(postings.hashes)),
      postingStories: () => emit(bytesOf(postings.stories)),
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
export function encodeCompactIndex(stories: readonly Story[]): Uint8Array {
  const held: Record<'meta' | 'prints', Uint8Array[]> = { meta: [], prints: [] };
  const writer = new CompactIndexWriter({
    meta: { write: (bytes) => held.meta.push(bytes) },
    prints: { write: (bytes) => held.prints.push(bytes) },
  });
  for (const story of stories) writer.add(story);
  const chunks: Uint8Array[] = [];
  const length = writer.finish(
    (bytes) => chunks.push(bytes),
    (name, write) => held[name].forEach(write),
  );
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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
  metaOffsets: Uint32Array;
  /** The meta section's offset in the file; each story's JSON lies at metaStart + metaOffsets[i]. */
  metaStart: number;
  printOffsets: Uint32Array;
  prints: Uint32Array;
  postingHashes: Uint32Array;
  postingStories: Uint32Array;
}

function readSections(bytes: Uint8Array, header: CompactHeader): Sections {
  const n = header.storyCount;
  const u32 = (name: SectionName) => {
    const [offset, length] = header.sections[name];
    if (length % 4 !== 0) throw new IndexError(`Compact index section "${name}" length is not a multiple of 4.`);
    return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length / 4);
  };
  const sections: Sections = {
    storyCount: n,
    metaOffsets: u32('metaOffsets'),
    metaStart: header.sections.meta[0],
    printOffsets: u32('printOffsets'),
    prints: u32('prints'),
    postingHashes: u32('postingHashes'),
    postingStories: u32('postingStories'),
  };
  const { metaOffsets, printOffsets, prints, postingHashes, postingStories } = sections;
  if (metaOffsets.length !== n + 1 || printOffsets.length !== n + 1)
    throw new IndexError('Compact index offsets do not match "header.storyCount".');
  if (metaOffsets[n] !== header.sections.meta[1] || printOffsets[n] !== prints.length)
    throw new IndexError('Compact index offsets do not match their sections (truncated or corrupt file).');
  for (let i = 0; i < n; i++) {
    if (metaOffsets[i]! > metaOffsets[i + 1]! || printOffsets[i]! > printOffsets[i + 1]!)
      throw new IndexError(`Compact index offsets of story ${i} go backwards (corrupt file).`);
  }
  if (postingHashes.length !== postingStories.length)
    throw new IndexError('Compact index sections "postingHashes" and "postingStories" differ in length.');
  return sections;
}

/** The inverted index over the sorted postings: stories by fingerprint, via the prefix table. */
function postingLookup({ storyCount, postingHashes, postingStories }: Sections): MatchIndex['eachPosting'] {
  const entries = postingHashes.length;
  const firstAtOrAbove = (hash: number, lo: number, hi: number) => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (postingHashes[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const prefixStart = new Uint32Array((1 << PREFIX_BITS) + 1);
  for (let p = 0, from = 0; p <= 1 << PREFIX_BITS; p++) {
    from = p === 1 << PREFIX_BITS ? entries : firstAtOrAbove(p * 2 ** (32 - PREFIX_BITS), from, entries);
    prefixStart[p] = from;
  }
  return (hash, max, visit) => {
    const prefix = hash >>> (32 - PREFIX_BITS);
    const lo = firstAtOrAbove(hash, prefixStart[prefix]!, prefixStart[prefix + 1]!);
    let end = lo;
    while (end < entries && postingHashes[end] === hash && end - lo <= max) end++;
    // Too common to tell stories apart: not worth reading.
    if (end - lo > max) return false;
    for (let i = lo; i < end; i++) {
      const story = postingStories[i]!;
      // A damaged file may point past the last story: such entries are dropped, not followed.
      if (story < storyCount) visit(story);
    }
    return true;
  };
}

/** A story's sentence prints, one list per write-through: views into the file's bytes, no hash copied. */
function decodeVersions({ printOffsets, prints }: Sections, position: number, story: Story): WireVersionIndex[] {
  return decodePrints(prints, printOffsets[position]!, printOffsets[position + 1]!, story.wire, (problem) => {
    throw new IndexError(
      problem === 'truncated'
        ? `Compact index field "stories[${position}].prints" is truncated.`
        : `Compact index field "stories[${position}].wire" does not match its prints.`,
    );
  });
}

/** A story's metadata and prints, checked like any imported story. */
function decodeStory(bytes: Uint8Array, sections: Sections, position: number): StoryEntry {
  const { storyCount, metaOffsets, metaStart } = sections;
  if (!(position >= 0 && position < storyCount)) throw new IndexError(`Compact index has no story ${position}.`);
  let data: unknown;
  try {
    const start = metaStart + metaOffsets[position]!;
    data = JSON.parse(decoder.decode(bytes.subarray(start, metaStart + metaOffsets[position + 1]!)));
  } catch {
    throw new IndexError(`Compact index field "stories[${position}]" is not valid JSON.`);
  }
  const story = validateStory(data, `stories[${position}]`);
  return { story, versions: decodeVersions(sections, position, story) };
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
    eachPosting: postingLookup(sections),
    story: (position) => decoded.getOrCompute(position, () => decodeStory(bytes, sections, position)),
  };
}
