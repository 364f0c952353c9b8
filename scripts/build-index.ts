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
import { parseCli } from './cli-args';
import type { Article } from '../lib/article';
import { buildStory, type CorpusStory } from '../lib/build-index';
import { CompactIndexWriter } from '../lib/index-compact';
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

export interface BuildReport {
  stories: number;
  seconds: number;
  fullBytes: number | null;
  compactBytes: number | null;
  peakRssMiB: number;
}

/** Builds the index of `folders` of a corpus (all of them by default, in id order: their order in the index). */
export async function buildIndexFiles(
  corpusDir: string,
  out: { full?: string; compact?: string },
  folders: readonly string[] = storyFolders(corpusDir),
): Promise<BuildReport> {
  const started = performance.now();
  const full = out.full ? openSync(out.full, 'w') : null;
  let fullBytes = full !== null ? writeSync(full, FULL_HEAD) : 0;
  // Metadata and prints are streamed to temporary files, so only offsets and postings stay in memory.
  const tmp = out.compact ? mkdtempSync(join(tmpdir(), 'wiretrace-build-')) : null;
  const files = tmp ? { meta: openSync(join(tmp, 'meta'), 'w'), prints: openSync(join(tmp, 'prints'), 'w') } : null;
  const compact = files
    ? new CompactIndexWriter({
        meta: { write: (bytes) => writeSync(files.meta, bytes) },
        prints: { write: (bytes) => writeSync(files.prints, bytes) },
      })
    : null;

  folders.forEach((name, position) => {
    const story = readStory(join(corpusDir, name));
    if (full !== null)
      fullBytes += writeSync(full, `${JSON.stringify(story)}${position < folders.length - 1 ? ',' : ''}\n`);
    compact?.add(story);
  });
  if (full !== null) {
    fullBytes += writeSync(full, FULL_TAIL);
    closeSync(full);
  }

  let compactBytes: number | null = null;
  if (out.compact && compact && files && tmp) {
    compact.flush();
    closeSync(files.meta);
    closeSync(files.prints);
    const fd = openSync(out.compact, 'w');
    compactBytes = compact.finish(
      (bytes) => writeSync(fd, bytes),
      // Copied back in chunks, never read whole.
      (name, write) => {
        const from = openSync(join(tmp, name), 'r');
        const chunk = new Uint8Array(1 << 20);
        for (let n = readSync(from, chunk); n > 0; n = readSync(from, chunk)) write(chunk.subarray(0, n));
        closeSync(from);
      },
    );
    closeSync(fd);
    rmSync(tmp, { recursive: true, force: true });
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
  const { values } = parseCli({
    command: 'build:index',
    usage: `[--corpus DIR] [--out F.json] [--compact F.wtix]
  --corpus DIR      the corpus to build from, one folder per story (default: corpus)
  --out F.json      the full build (default: assets/index.json, unless only --compact is given)
  --compact F.wtix  the compact build
  -h, --help        this text`,
    options: {
      corpus: { type: 'string', default: 'corpus' },
      out: { type: 'string' },
      compact: { type: 'string' },
    },
    allowPositionals: false,
    paths: ['corpus', 'out', 'compact'],
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
