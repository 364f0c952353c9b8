/**
 * Publishes a corpus as a signed, static index site any web host serves:
 *   npm run publish -- --corpus CORPUS_DIR --key PRIVATE_KEY --out SITE_DIR
 *                      [--retain-days N] [--name NAME] [--now YYYY-MM-DD] [--state FILE]
 * SITE_DIR/manifest is the signed manifest (lib/publication.ts);
 * SITE_DIR/shards/SHA256.wtix are compact builds, named by their hash (a
 * host may cache them for ever). Publishing again after the corpus changed
 * writes the next version: the stories that are new or changed go into a new
 * shard, the ones replaced, removed or past the retention are listed as
 * removed, and the manifest carries a delta from each of the last versions
 * (the shards to fetch and to drop), so a subscriber downloads only the new
 * stories. When a quarter of the shards' stories are removed, or there are
 * too many shards, everything is rebuilt into fresh shards.
 * The publisher's own record (which story is where, and the content hash of
 * each) is kept beside the site, in SITE_DIR.publisher.json: not served.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CorpusStory } from '../lib/build-index';
import {
  PRIVATE_KEY_PREFIX,
  PUBLICATION_FORMAT,
  PUBLICATION_SCHEMA_VERSION,
  signedManifestBytes,
  stateHash,
  type DeltaEntry,
  type Manifest,
  type ShardEntry,
} from '../lib/publication';
import { buildIndexFiles, storyFolders } from './build-index';

/** Deltas are offered from this many earlier versions (a subscriber who checks every 6 hours is at most a day behind). */
const DELTA_VERSIONS = 8;
/** Stories per shard when everything is rebuilt: a shard is opened whole, and a small one is quick to re-fetch. */
const SHARD_STORIES = 50_000;
/** Rebuild everything when this share of the shards' stories are removed ones, or past this many shards. */
const COMPACT_REMOVED_SHARE = 0.25;
const MAX_SHARDS = 32;

interface StoryRecord {
  id: string;
  folder: string;
  hash: string;
  date: string;
}

interface PublisherState {
  version: number;
  shards: Array<{ sha256: string; size: number; stories: StoryRecord[] }>;
  removed: Record<string, number[]>;
  history: Array<{ version: number; state: string; shards: string[] }>;
}

export interface PublishOptions {
  corpus: string;
  key: string;
  out: string;
  retainDays?: number;
  name?: string;
  /** Today, for the retention (YYYY-MM-DD); the clock by default. */
  now?: string;
  state?: string;
  /** The creation time written in the manifest; the clock by default. */
  created?: string;
}

export interface PublishReport {
  version: number;
  stories: number;
  shards: number;
  added: number;
  removed: number;
  rebuilt: boolean;
  deltas: DeltaEntry[];
  siteBytes: number;
}

async function signingKey(path: string): Promise<CryptoKey> {
  const text = readFileSync(path, 'utf8').trim();
  if (!text.startsWith(PRIVATE_KEY_PREFIX))
    throw new Error(`${path} is not a Wiretrace private key (made by npm run keygen).`);
  const pkcs8 = Buffer.from(text.slice(PRIVATE_KEY_PREFIX.length), 'base64');
  return crypto.subtle.importKey('pkcs8', pkcs8, 'Ed25519', false, ['sign']);
}

/** Every story of the corpus with the hash of its files (a changed write-through changes it). */
function corpusRecords(corpus: string): StoryRecord[] {
  return storyFolders(corpus).map((folder) => {
    const dir = join(corpus, folder);
    const json = readFileSync(join(dir, 'story.json'));
    const meta = JSON.parse(json.toString('utf8')) as CorpusStory;
    const hash = createHash('sha256').update(json);
    for (const v of meta.versions) hash.update(readFileSync(join(dir, v.file)));
    return { id: meta.id, folder, hash: hash.digest('hex'), date: meta.date };
  });
}

function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Builds shards of `stories` into SITE_DIR/shards, named by their SHA-256. */
async function writeShards(corpus: string, site: string, stories: StoryRecord[]): Promise<PublisherState['shards']> {
  const out: PublisherState['shards'] = [];
  mkdirSync(join(site, 'shards'), { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'wiretrace-publish-'));
  try {
    for (let from = 0; from < stories.length; from += SHARD_STORIES) {
      const part = stories.slice(from, from + SHARD_STORIES);
      const file = join(tmp, 'shard.wtix');
      await buildIndexFiles(
        corpus,
        { compact: file },
        part.map((s) => s.folder),
      );
      const bytes = readFileSync(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      renameSync(file, join(site, 'shards', `${sha256}.wtix`));
      out.push({ sha256, size: bytes.length, stories: part });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

export async function publish(options: PublishOptions): Promise<PublishReport> {
  const site = resolve(options.out);
  const statePath = options.state ?? `${site}.publisher.json`;
  const key = await signingKey(options.key);
  const previous: PublisherState = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as PublisherState)
    : { version: 0, shards: [], removed: {}, history: [] };

  const today = options.now ?? new Date().toISOString().slice(0, 10);
  const cutoff = options.retainDays === undefined ? null : daysBefore(today, options.retainDays);
  const corpus = corpusRecords(options.corpus).filter((s) => cutoff === null || s.date >= cutoff);
  const wanted = new Map(corpus.map((s) => [s.id, s]));

  // What the last version holds and still may: same id, same files, within the retention.
  const removed: Record<string, number[]> = Object.fromEntries(
    Object.entries(previous.removed).map(([k, v]) => [k, [...v]]),
  );
  const live = new Set<string>();
  let removedNow = 0;
  for (const shard of previous.shards) {
    const gone = new Set(removed[shard.sha256] ?? []);
    shard.stories.forEach((story, position) => {
      if (gone.has(position)) return;
      if (wanted.get(story.id)?.hash === story.hash) live.add(story.id);
      else {
        (removed[shard.sha256] ??= []).push(position);
        removedNow++;
      }
    });
  }
  const toAdd = corpus.filter((s) => !live.has(s.id));

  const held = previous.shards.reduce((n, s) => n + s.stories.length, 0);
  const removedCount = Object.values(removed).reduce((n, v) => n + v.length, 0);
  const rebuild =
    previous.shards.length > 0 &&
    (removedCount > COMPACT_REMOVED_SHARE * (held + toAdd.length) || previous.shards.length + 1 > MAX_SHARDS);
  let shards: PublisherState['shards'];
  let nextRemoved: Record<string, number[]>;
  if (rebuild) {
    shards = await writeShards(options.corpus, site, corpus);
    nextRemoved = {};
  } else {
    // A shard whose stories are all removed is dropped whole.
    shards = previous.shards.filter((s) => (removed[s.sha256]?.length ?? 0) < s.stories.length);
    nextRemoved = Object.fromEntries(
      shards.filter((s) => removed[s.sha256]?.length).map((s) => [s.sha256, removed[s.sha256]!.sort((a, b) => a - b)]),
    );
    if (toAdd.length) shards = [...shards, ...(await writeShards(options.corpus, site, toAdd))];
  }

  const version = previous.version + 1;
  const shardShas = shards.map((s) => s.sha256);
  const state = await stateHash(shardShas, nextRemoved);
  const entries: ShardEntry[] = shards.map((s) => ({
    path: `shards/${s.sha256}.wtix`,
    size: s.size,
    sha256: s.sha256,
    stories: s.stories.length,
  }));
  const sizeOf = new Map(entries.map((e) => [e.sha256, e.size]));
  const history = [
    ...previous.history,
    ...(previous.version
      ? [
          {
            version: previous.version,
            state: await stateHash(
              previous.shards.map((s) => s.sha256),
              previous.removed,
            ),
            shards: previous.shards.map((s) => s.sha256),
          },
        ]
      : []),
  ].slice(-DELTA_VERSIONS);
  const deltas: DeltaEntry[] = history.map((h) => {
    const add = shardShas.filter((s) => !h.shards.includes(s));
    return {
      from: h.version,
      fromState: h.state,
      add,
      drop: h.shards.filter((s) => !shardShas.includes(s)),
      bytes: add.reduce((n, s) => n + sizeOf.get(s)!, 0),
    };
  });
  const storyCount = corpus.length;
  const manifest: Manifest = {
    format: PUBLICATION_FORMAT,
    schemaVersion: PUBLICATION_SCHEMA_VERSION,
    name: options.name ?? 'Wiretrace index',
    version,
    created: options.created ?? new Date().toISOString(),
    storyCount,
    newestStory: corpus.reduce<string | null>((n, s) => (n === null || s.date > n ? s.date : n), null),
    state,
    shards: entries,
    removed: nextRemoved,
    deltas,
  };
  const body = new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key, body));
  // Shards first, then the manifest that names them, replaced in one step: a subscriber never sees a
  // manifest whose files are not there yet.
  const manifestTmp = join(site, '.manifest.tmp');
  writeFileSync(manifestTmp, signedManifestBytes(body, signature));
  renameSync(manifestTmp, join(site, 'manifest'));
  // Shards no version on offer names are removed (deltas only ever add current shards).
  for (const file of existsSync(join(site, 'shards')) ? readdirSync(join(site, 'shards')) : []) {
    if (!shardShas.includes(file.replace(/\.wtix$/, ''))) rmSync(join(site, 'shards', file));
  }
  const next: PublisherState = { version, shards, removed: nextRemoved, history };
  writeFileSync(statePath, `${JSON.stringify(next)}\n`);
  return {
    version,
    stories: storyCount,
    shards: shards.length,
    added: rebuild ? corpus.length : toAdd.length,
    removed: removedNow,
    rebuilt: rebuild,
    deltas,
    siteBytes: entries.reduce((n, e) => n + e.size, 0) + statSync(join(site, 'manifest')).size,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      'retain-days': { type: 'string' },
      name: { type: 'string' },
      now: { type: 'string' },
      state: { type: 'string' },
    },
  });
  if (!values.corpus || !values.key || !values.out) {
    console.error(
      'usage: npm run publish -- --corpus CORPUS_DIR --key PRIVATE_KEY --out SITE_DIR [--retain-days N] [--name NAME] [--now YYYY-MM-DD]',
    );
    process.exit(2);
  }
  try {
    const r = await publish({
      corpus: values.corpus,
      key: values.key,
      out: values.out,
      retainDays: values['retain-days'] === undefined ? undefined : Number(values['retain-days']),
      name: values.name,
      now: values.now,
      state: values.state,
    });
    console.log(
      `${values.out}: version ${r.version}, ${r.stories} stories in ${r.shards} shard(s), ${r.siteBytes} bytes (${Math.round(r.siteBytes / Math.max(1, r.stories))} bytes/story); ${r.added} stories added, ${r.removed} removed${r.rebuilt ? ', shards rebuilt' : ''}`,
    );
    for (const d of r.deltas)
      console.log(`  delta from version ${d.from}: ${d.add.length} shard(s) to fetch, ${d.bytes} bytes`);
  } catch (error) {
    console.error(`publish failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
