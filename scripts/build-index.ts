/**
 * Builds the index from a corpus folder, one story at a time (a story is read,
 * extracted, written and dropped before the next), so a corpus of 100,000
 * stories needs memory for the postings only, not for the stories:
 *   npm run build:index [-- --corpus corpus --out assets/index.json --compact FILE]
 * --out writes the full build (JSON, with the wire texts: the compare page);
 * --compact writes the compact build (binary: fingerprints, quotes, metadata).
 * Each story is a folder with story.json and one file per version. Same corpus, same bytes.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Article } from '../lib/article';
import { buildStory, type CorpusStory } from '../lib/build-index';
import { compactLayout, compactStoryParts, newestDate, sortPostings } from '../lib/index-compact';
import { INDEX_FORMAT, INDEX_SCHEMA_VERSION, validateStory, type Story } from '../lib/index-schema';
import { extractFile } from './node-dom';

/** Story folders in id order: the order of the index, so builds are reproducible. */
export function storyFolders(corpusDir: string): string[] {
  return readdirSync(corpusDir)
    .filter((name) => existsSync(join(corpusDir, name, 'story.json')))
    .sort();
}

export function readStory(dir: string): Story {
  const meta = JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as CorpusStory;
  const articles = new Map<string, Article>();
  for (const version of meta.versions) {
    const result = extractFile(version.file, readFileSync(join(dir, version.file), 'utf8'), { skipDetect: true });
    if (!result.ok) throw new Error(`${dir}/${version.file}: no article (${result.reason})`);
    articles.set(version.id, result.article);
  }
  return validateStory(buildStory(meta, articles), meta.id);
}

/** The full build's first line; then one story per line; then the closing line. */
export const FULL_HEAD = `{"format":"${INDEX_FORMAT}","schemaVersion":${INDEX_SCHEMA_VERSION},"stories":[\n`;
export const FULL_TAIL = ']}\n';

/** Appends u32 values to a growing typed array (postings of 100k stories do not fit a JS array cheaply). */
class U32Builder {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(...values: number[]) {
    if (this.length + values.length > this.data.length) {
      const bigger = new Uint32Array(Math.max(this.data.length * 2, this.length + values.length));
      bigger.set(this.data);
      this.data = bigger;
    }
    for (const v of values) this.data[this.length++] = v;
  }
  view() {
    return this.data.subarray(0, this.length);
  }
}

export interface BuildReport {
  stories: number;
  seconds: number;
  fullBytes: number | null;
  compactBytes: number | null;
  peakRssMiB: number;
}

export async function buildIndexFiles(
  corpusDir: string,
  out: { full?: string; compact?: string },
): Promise<BuildReport> {
  const started = performance.now();
  const folders = storyFolders(corpusDir);
  const full = out.full ? openSync(out.full, 'w') : null;
  if (full !== null) writeSync(full, FULL_HEAD);
  const tmp = out.compact ? mkdtempSync(join(tmpdir(), 'wiretrace-build-')) : null;
  const metaFile = tmp ? openSync(join(tmp, 'meta'), 'w') : null;
  const printsFile = tmp ? openSync(join(tmp, 'prints'), 'w') : null;
  const metaOffsets = new U32Builder();
  const printOffsets = new U32Builder();
  const pairs = new U32Builder();
  let newest: string | null = null;
  metaOffsets.push(0);
  printOffsets.push(0);
  let fullBytes = FULL_HEAD.length;

  folders.forEach((name, position) => {
    const story = readStory(join(corpusDir, name));
    newest = newestDate([...(newest ? [newest] : []), story.date]);
    if (full !== null) {
      const line = `${JSON.stringify(story)}${position < folders.length - 1 ? ',' : ''}\n`;
      fullBytes += writeSync(full, line);
    }
    if (metaFile !== null && printsFile !== null) {
      const parts = compactStoryParts(story);
      writeSync(metaFile, parts.meta);
      writeSync(printsFile, new Uint8Array(parts.prints.buffer, parts.prints.byteOffset, parts.prints.byteLength));
      metaOffsets.push(metaOffsets.data[metaOffsets.length - 1]! + parts.meta.length);
      printOffsets.push(printOffsets.data[printOffsets.length - 1]! + parts.prints.length);
      for (const h of parts.fingerprints) pairs.push(h, position);
    }
  });
  if (full !== null) {
    fullBytes += writeSync(full, FULL_TAIL);
    closeSync(full);
  }

  let compactBytes: number | null = null;
  if (out.compact && tmp && metaFile !== null && printsFile !== null) {
    closeSync(metaFile);
    closeSync(printsFile);
    const postings = sortPostings(pairs.view());
    const n = folders.length;
    const mo = metaOffsets.view();
    const po = printOffsets.view();
    const { head, header } = compactLayout(
      n,
      {
        metaOffsets: mo.byteLength,
        meta: mo[n]!,
        printOffsets: po.byteLength,
        prints: po[n]! * 4,
        postingHashes: postings.hashes.byteLength,
        postingStories: postings.stories.byteLength,
      },
      newest,
    );
    const fd = openSync(out.compact, 'w');
    let at = 0;
    const pad = (offset: number) => {
      if (offset > at) writeSync(fd, new Uint8Array(offset - at));
      at = offset;
    };
    const put = (bytes: Uint8Array, offset: number) => {
      pad(offset);
      writeSync(fd, bytes);
      at += bytes.length;
    };
    // Sections written to temporary files are copied in chunks, never read whole.
    const copy = (path: string, offset: number) => {
      pad(offset);
      const from = openSync(path, 'r');
      const chunk = new Uint8Array(1 << 20);
      for (let n = readSync(from, chunk); n > 0; n = readSync(from, chunk)) {
        writeSync(fd, chunk, 0, n);
        at += n;
      }
      closeSync(from);
    };
    put(head, 0);
    put(new Uint8Array(mo.buffer, mo.byteOffset, mo.byteLength), header.sections.metaOffsets[0]);
    copy(join(tmp, 'meta'), header.sections.meta[0]);
    put(new Uint8Array(po.buffer, po.byteOffset, po.byteLength), header.sections.printOffsets[0]);
    copy(join(tmp, 'prints'), header.sections.prints[0]);
    put(new Uint8Array(postings.hashes.buffer), header.sections.postingHashes[0]);
    put(new Uint8Array(postings.stories.buffer), header.sections.postingStories[0]);
    closeSync(fd);
    rmSync(tmp, { recursive: true, force: true });
    compactBytes = at;
  }
  return {
    stories: folders.length,
    seconds: (performance.now() - started) / 1000,
    fullBytes: out.full ? fullBytes : null,
    compactBytes,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'corpus' },
      out: { type: 'string' },
      compact: { type: 'string' },
    },
  });
  const out = { full: values.out ?? (values.compact ? undefined : 'assets/index.json'), compact: values.compact };
  const r = await buildIndexFiles(values.corpus!, out);
  const perStory = (bytes: number | null) => (bytes === null ? '' : ` (${Math.round(bytes / r.stories)} bytes/story)`);
  if (out.full) console.log(`${out.full}: full build, ${r.fullBytes} bytes${perStory(r.fullBytes)}`);
  if (out.compact) console.log(`${out.compact}: compact build, ${r.compactBytes} bytes${perStory(r.compactBytes)}`);
  console.log(
    `${r.stories} stories in ${r.seconds.toFixed(2)} s: ${Math.round(r.stories / r.seconds)} stories/s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
  );
}
