/**
 * What a subscribed story takes in the browser (issue 14): the corpus is published into a
 * temporary site with a fresh key, served on loopback under a real hostname (as the subscription
 * browser test does), and Chromium with the browser-test build subscribes to it through the
 * options page, as a reader would. Printed, in total and per story, beside the published site's
 * bytes (manifest + shards, the baseline of the same run): the extension origin's
 * navigator.storage.estimate() usage, read in the options page, and the bytes on disk of the
 * origin's IndexedDB folders in the profile (LevelDB and blobs), before subscribing, after, and
 * after removing the subscription again.
 *   npm run build:e2e:chrome
 *   npm run bench:stored -- --corpus /tmp/synth-10k [--keep]
 *
 * The disk is read with the browser closed, so LevelDB has written its log. Compaction is not
 * forced (Chromium offers a page no way to): each state is read as a normal close leaves it, then
 * once more after the profile was opened and closed again, in case opening rewrites the log into
 * a table or deletes the blob files of removed values late (neither happened from 300 to 100k
 * stories: each shard is one blob file, the log was reused, and the blob files were gone at the
 * removal's close). The browser's HTTP cache is measured beside it: the shards' responses are kept
 * there too, outside the origin's quota, and stay after the subscription is removed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, EXTENSION_DIR, extensionId, startFixtureServer, type Served } from '../tests/e2e/harness';
import { writeKeyPair } from '../tests/fixtures/subscriptions/site';
import { parseCli, usageError } from './cli-args';
import { publish } from './publish';

const INDEX_HOST = 'index.bench-wire.org';
const SITE_PREFIX = `${INDEX_HOST}/wire/`;
const MANIFEST_URL = `http://${SITE_PREFIX}manifest`;
/** The only paths the site answers: the manifest and content-addressed shards. */
const PUBLISHED_FILE = /^(manifest|shards\/[0-9a-f]{64}\.wtix)$/;
const INDEX_NAME = 'Bench Wire';
/** A first update of 100k stories fetches, hashes and stores about 140 MB on a shared 2-core machine. */
const SUBSCRIBE_TIMEOUT_MS = 30 * 60_000;
const PAGE_READY_TIMEOUT_MS = 60_000;
/** The database utils/story-db.ts opens, and its store of verified shards. */
const DB_NAME = 'wiretrace';
const SHARD_STORE = 'subscriptionShards';

const { values } = parseCli({
  command: 'bench:stored',
  usage: `--corpus DIR [--keep]
  --corpus DIR   the corpus to publish and subscribe to (the format of docs/INDEX.md)
  --keep         keep the temporary site and browser profile, and print where they are
  -h, --help     this text`,
  allowPositionals: false,
  paths: ['corpus'],
  options: { corpus: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
if (!values.corpus) usageError('bench:stored', 'say which corpus to publish with --corpus DIR');
if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
  usageError('bench:stored', `no browser-test build in ${EXTENSION_DIR}: run npm run build:e2e:chrome first`);

/** Bytes of the files under a folder (their length, as `du --apparent-size`), and how many. */
function treeBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

interface DiskState {
  total: number;
  /** The LevelDB folder: its write-ahead log(s), its sorted tables, the rest (manifest, current, lock). */
  log: number;
  tables: number;
  other: number;
  /** The blob folder: values Chromium keeps outside LevelDB (large ones), one file each. */
  blobs: number;
  blobFiles: number;
}

/** The extension origin's IndexedDB on disk: Default/IndexedDB/chrome-extension_ID_0.indexeddb.{leveldb,blob}. */
function diskState(profile: string, id: string): DiskState {
  const base = join(profile, 'Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb`);
  const state: DiskState = { total: 0, log: 0, tables: 0, other: 0, blobs: 0, blobFiles: 0 };
  const leveldb = `${base}.leveldb`;
  if (!existsSync(leveldb)) throw new Error(`no IndexedDB folder for the extension at ${leveldb}`);
  for (const name of readdirSync(leveldb)) {
    const size = statSync(join(leveldb, name)).size;
    if (name.endsWith('.log') && name !== 'LOG') state.log += size;
    else if (name.endsWith('.ldb') || name.endsWith('.sst')) state.tables += size;
    else state.other += size;
  }
  if (existsSync(`${base}.blob`)) {
    const blob = treeBytes(`${base}.blob`);
    state.blobs = blob.bytes;
    state.blobFiles = blob.files;
  }
  state.total = state.log + state.tables + state.other + state.blobs;
  return state;
}

/** The profile's HTTP disk cache (Default/Cache), where fetched responses stay for revalidation. */
function httpCacheBytes(profile: string): number {
  const dir = join(profile, 'Default', 'Cache');
  return existsSync(dir) ? treeBytes(dir).bytes : 0;
}

/** The published site's files, as a static host serves them (CORS open to all). */
function siteServer(site: string) {
  return (key: string): Served | undefined => {
    if (!key.startsWith(SITE_PREFIX)) return undefined;
    const path = key.slice(SITE_PREFIX.length);
    const file = join(site, path);
    if (!PUBLISHED_FILE.test(path) || !existsSync(file)) return { status: 404 };
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-cache' };
    return { status: 200, headers: { ...cors, 'content-type': 'application/octet-stream' }, body: readFileSync(file) };
  };
}

/**
 * Chromium on one profile that outlives each launch: the bench closes the browser to read the
 * disk and opens the same profile again, which tests/e2e/harness.ts's startHarness (a fresh
 * profile made and deleted per start) does not offer; its loopback server is reused.
 */
function launch(profile: string, port: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${port}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** The options page once the background has answered it (and so has opened the store). */
async function openOptions(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.locator('.index-info', { hasText: 'Matching against' }).waitFor({ timeout: PAGE_READY_TIMEOUT_MS });
  await page.locator('.subscriptions-none, .subscriptions-list').first().waitFor({ timeout: PAGE_READY_TIMEOUT_MS });
  return page;
}

/** The origin's usage as the page's storage estimate reports it (Chromium adds IndexedDB's own share). */
async function estimate(page: Page): Promise<{ usage: number; indexedDB: number | null }> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return { usage: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? null };
  });
}

/**
 * The stored shard values read back through IndexedDB: how many, the bytes of their views, and
 * the bytes of the buffers behind them (a view over a larger buffer is stored with all of it).
 */
async function storedShards(page: Page): Promise<{ count: number; viewBytes: number; bufferBytes: number }> {
  return page.evaluate(
    async ({ name, store }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const out = { count: 0, viewBytes: 0, bufferBytes: 0 };
      if (!db.objectStoreNames.contains(store)) return out;
      const cursor = db.transaction(store, 'readonly').objectStore(store).openCursor();
      await new Promise<void>((resolve, reject) => {
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve();
          const bytes = (c.value as { bytes: Uint8Array }).bytes;
          out.count += 1;
          out.viewBytes += bytes.byteLength;
          out.bufferBytes += bytes.buffer.byteLength;
          c.continue();
        };
      });
      db.close();
      return out;
    },
    { name: DB_NAME, store: SHARD_STORE },
  );
}

/** The options page's message once the request it shows has finished: its text and whether it is an error. */
async function message(page: Page, timeout: number): Promise<{ text: string; error: boolean }> {
  const line = page.locator('.subscriptions-message');
  await line.waitFor({ timeout });
  return { text: (await line.textContent()) ?? '', error: (await line.getAttribute('role')) === 'alert' };
}

const root = mkdtempSync(join(tmpdir(), 'wiretrace-bench-stored-'));
const site = join(root, 'site');
const profile = join(root, 'profile');
const server = await startFixtureServer({}, siteServer(site));
/** The browser open at the moment, closed whatever fails. */
let context: BrowserContext | null = null;
try {
  const { keyFile, publicKey } = await writeKeyPair(join(root, 'keys'));
  let t = Date.now();
  const report = await publish({ corpus: values.corpus, key: keyFile, out: site, name: INDEX_NAME });
  const publishSeconds = (Date.now() - t) / 1000;
  const stories = report.stories;
  const manifestBytes = statSync(join(site, 'manifest')).size;
  const shardFiles = readdirSync(join(site, 'shards'));
  const shardBytes = shardFiles.reduce((n, f) => n + statSync(join(site, 'shards', f)).size, 0);
  const published = manifestBytes + shardBytes;

  // Before: the extension loaded, its store opened (by the options page's questions), nothing subscribed.
  context = await launch(profile, server.port);
  const id = await extensionId(context);
  let page = await openOptions(context, id);
  const usageBefore = await estimate(page);
  await context.close();
  const diskBefore = diskState(profile, id);
  const cacheBefore = httpCacheBytes(profile);

  // Subscribing, as a reader does: the manifest's address and the key, then Subscribe.
  context = await launch(profile, server.port);
  page = await openOptions(context, id);
  await page.locator('input[name="subscription-url"]').fill(MANIFEST_URL);
  await page.locator('input[name="subscription-key"]').fill(publicKey);
  t = Date.now();
  await page.locator('fieldset.subscriptions button[type="submit"]').click();
  const subscribed = await message(page, SUBSCRIBE_TIMEOUT_MS);
  const subscribeSeconds = (Date.now() - t) / 1000;
  const status = (await page.locator('.subscriptions-list li').textContent()) ?? '';
  const expected = `version 1, ${stories.toLocaleString('en')} ${stories === 1 ? 'story' : 'stories'}`;
  if (subscribed.error || !subscribed.text.startsWith('Subscribed to') || !status.includes(expected))
    throw new Error(`the subscription did not succeed: ${subscribed.text} / ${status}`);
  const usageSubscribed = await estimate(page);
  const held = await storedShards(page);
  await context.close();
  const diskSubscribed = diskState(profile, id);
  const cacheSubscribed = httpCacheBytes(profile);

  // The same profile opened (the store read again) and closed: what LevelDB makes of its log on opening.
  context = await launch(profile, server.port);
  page = await openOptions(context, id);
  const usageReopened = await estimate(page);
  await context.close();
  const diskReopened = diskState(profile, id);

  // Removing it through the options page: what the reader gets back.
  context = await launch(profile, server.port);
  page = await openOptions(context, id);
  await page.locator('.subscriptions-list button', { hasText: 'Remove' }).click();
  const removed = await message(page, PAGE_READY_TIMEOUT_MS);
  if (removed.error || !removed.text.startsWith('Unsubscribed')) throw new Error(`removing failed: ${removed.text}`);
  const usageRemoved = await estimate(page);
  const heldAfterRemoval = await storedShards(page);
  await context.close();
  const diskRemoved = diskState(profile, id);

  context = await launch(profile, server.port);
  page = await openOptions(context, id);
  const usageRemovedReopened = await estimate(page);
  await context.close();
  const diskRemovedReopened = diskState(profile, id);
  const cacheRemovedReopened = httpCacheBytes(profile);

  const n = (x: number) => x.toLocaleString('en');
  const perStory = (x: number) => n(Math.round(x / stories));
  const ratio = (x: number) => (x / published).toFixed(2);
  const rows: Array<[string, number, boolean]> = [
    [`published site: manifest + ${shardFiles.length} shard(s)`, published, true],
    ['storage estimate, before subscribing', usageBefore.usage, false],
    ['storage estimate, subscribed', usageSubscribed.usage, false],
    ['  added by the subscription', usageSubscribed.usage - usageBefore.usage, true],
    ['storage estimate, subscribed, reopened', usageReopened.usage, false],
    ['  added by the subscription', usageReopened.usage - usageBefore.usage, true],
    ['storage estimate, removed', usageRemoved.usage, false],
    ['storage estimate, removed, reopened', usageRemovedReopened.usage, false],
    ['  still held after removal', usageRemovedReopened.usage - usageBefore.usage, true],
    ['IndexedDB on disk, before subscribing', diskBefore.total, false],
    ['IndexedDB on disk, subscribed', diskSubscribed.total, false],
    ['  added by the subscription', diskSubscribed.total - diskBefore.total, true],
    ['IndexedDB on disk, subscribed, reopened', diskReopened.total, false],
    ['  added by the subscription', diskReopened.total - diskBefore.total, true],
    ['IndexedDB on disk, removed', diskRemoved.total, false],
    ['IndexedDB on disk, removed, reopened', diskRemovedReopened.total, false],
    ['  still held after removal', diskRemovedReopened.total - diskBefore.total, true],
    [`shard values stored (${held.count}), their bytes`, held.viewBytes, true],
    ['HTTP cache on disk, before subscribing', cacheBefore, false],
    ['HTTP cache on disk, subscribed', cacheSubscribed, false],
    ['  added by the subscription', cacheSubscribed - cacheBefore, true],
    ['HTTP cache on disk, removed, reopened', cacheRemovedReopened, false],
    ['  still held after removal', cacheRemovedReopened - cacheBefore, true],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const columns = [n(published).length + 2, 12, 12];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(columns[i - 1]!))).join('  ');

  console.log(
    `${values.corpus}: ${n(stories)} stories published in ${publishSeconds.toFixed(0)} s; subscribed (fetched, verified, stored) in ${subscribeSeconds.toFixed(1)} s`,
  );
  console.log(line(['', 'bytes', 'bytes/story', '× published']));
  for (const [label, bytes, delta] of rows)
    console.log(line([label, n(bytes), delta ? perStory(bytes) : '', delta ? ratio(bytes) : '']));
  const detail = (name: string, d: DiskState) =>
    `  ${name}: LevelDB log ${n(d.log)}, tables ${n(d.tables)}, other ${n(d.other)}; blobs ${n(d.blobs)} in ${d.blobFiles} file(s)`;
  console.log('on disk, by part:');
  console.log(detail('before', diskBefore));
  console.log(detail('subscribed', diskSubscribed));
  console.log(detail('subscribed, reopened', diskReopened));
  console.log(detail('removed', diskRemoved));
  console.log(detail('removed, reopened', diskRemovedReopened));
  const details = (e: { indexedDB: number | null }) => (e.indexedDB === null ? 'not reported' : n(e.indexedDB));
  console.log(
    `storage estimate's IndexedDB share: before ${details(usageBefore)}, subscribed ${details(usageSubscribed)}, removed ${details(usageRemoved)}`,
  );
  if (held.bufferBytes !== held.viewBytes)
    console.log(`the stored shards' buffers hold ${n(held.bufferBytes)} bytes for ${n(held.viewBytes)} of shard`);
  console.log(
    `IndexedDB bytes / published bytes: ${ratio(diskSubscribed.total - diskBefore.total)} on disk, ${ratio(usageSubscribed.usage - usageBefore.usage)} by the storage estimate`,
  );
  if (heldAfterRemoval.count > 0)
    console.log(`after removal, ${heldAfterRemoval.count} shard value(s) are still stored`);
  if (values.keep) console.log(`kept: ${root} (site/, keys/, profile/)`);
} finally {
  await context?.close();
  await server.close();
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
