/**
 * Subscriptions to published indexes (issue 14), the background's side: a
 * subscription is a manifest URL and the publisher's public key; an update
 * fetches the manifest, checks it (lib/publication: signature before
 * parsing, a version above the one held), fetches only the shards the plan
 * needs (the delta's when it connects to what is held, else all), checks each
 * against the manifest, and replaces the held version in one IndexedDB
 * transaction. Any failure keeps the last good version and is recorded, with
 * when it happened, for the options page to say.
 *
 * Requests: GET only, no cookies or credentials, no referrer, nothing of the
 * reader's pages or browsing in them (the URLs are the manifest's and the
 * shards' named in it). `cache: 'no-cache'` makes the browser revalidate with
 * the validators it holds (If-None-Match / If-Modified-Since), so an unchanged
 * manifest costs a 304; setting those headers by hand would turn the request
 * into a CORS preflight (an OPTIONS request) on a host Wiretrace holds no
 * permission for. Shards are fetched `no-store`: their name is their SHA-256, so
 * one is never fetched twice, and the HTTP cache would keep a second copy of
 * everything IndexedDB holds (138 MB for 100,000 stories, measured with
 * `npm run bench:stored`), left behind when the subscription is removed.
 */
import {
  applyDelta,
  openPublication,
  parsePublicKey,
  planUpdate,
  PublicationError,
  sha256Hex,
  verifyFile,
  verifyManifest,
  type Manifest,
} from '../lib/publication';
import { concatBytes } from '../lib/bytes';
import type { MatchIndex } from '../lib/match-index';
import type { SubscriptionStatus } from '../messaging/protocol';

/** The options of every request a subscription makes. */
const SUBSCRIPTION_FETCH: RequestInit = Object.freeze({
  method: 'GET',
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  cache: 'no-cache',
});
/** ... and of a shard: the same, kept out of the browser's HTTP cache (see above). */
const SHARD_FETCH: RequestInit = Object.freeze({ ...SUBSCRIPTION_FETCH, cache: 'no-store' });
/** A manifest larger than this is not one (lib/publication refuses the same). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Checks run this often, each moved by up to JITTER either way, so subscribers do not all arrive at once. */
const CHECK_EVERY_MINUTES = 6 * 60;
const JITTER_MINUTES = 30;
/** A subscription file (name, URL, key) is a few hundred bytes. */
export const MAX_SUBSCRIPTION_FILE_BYTES = 64 * 1024;

/** What the reader subscribed to. */
export interface Subscription {
  /** "sub-…": never holds "/" (shard keys are ID/SHA256). */
  id: string;
  /** The name the reader or the subscription file gave; null: the manifest's own name is used. */
  name: string | null;
  /** The manifest's URL. */
  url: string;
  /** The publisher's public key, as its line of text. */
  publicKey: string;
  addedAt: number;
}

/** The version held: its verified manifest and what a delta must connect to. */
export interface HeldVersion {
  version: number;
  state: string;
  /** The shards held, by sha256, in the manifest's order. */
  shards: string[];
  manifest: Manifest;
  /** SHA-256 of the manifest file as fetched: the same bytes again mean nothing changed. */
  manifestSha: string;
}

/** How the last update that fetched anything went: a delta or everything, and what it downloaded. */
export interface LastUpdate {
  kind: 'delta' | 'full';
  files: number;
  bytes: number;
}

export interface SubscriptionRecord extends Subscription {
  held: HeldVersion | null;
  lastTriedAt: number | null;
  lastSuccessAt: number | null;
  /** Why the last try failed (null once one succeeds). */
  lastError: string | null;
  lastUpdate: LastUpdate | null;
}

/** Where subscriptions are kept (utils/story-db in the extension; a test stands in). */
export interface SubscriptionStore {
  list(): Promise<SubscriptionRecord[]>;
  get(id: string): Promise<SubscriptionRecord | undefined>;
  put(record: SubscriptionRecord): Promise<void>;
  /** The record with a new version: shards added and dropped in the same transaction. */
  commit(record: SubscriptionRecord, add: ReadonlyMap<string, Uint8Array>, drop: readonly string[]): Promise<void>;
  shards(id: string, shas: readonly string[]): Promise<Map<string, Uint8Array>>;
  remove(id: string): Promise<void>;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What the reader typed, or a subscription file held. */
export interface SubscriptionInput {
  url: string;
  publicKey: string;
  name?: string | null;
}

/** A subscription from what the reader gave, checked: an http(s) URL without credentials, a public key that reads. */
export function newSubscription(input: SubscriptionInput, now: number, random = Math.random): Subscription {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new Error('The address is not a URL (it starts https://).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('The address must start https:// (or http://).');
  if (url.username || url.password) throw new Error('The address must not carry a user name or password.');
  url.hash = '';
  parsePublicKey(input.publicKey);
  const name = input.name?.trim() || null;
  return {
    id: `sub-${now.toString(36)}-${random().toString(36).slice(2, 8)}`,
    name,
    url: url.href,
    publicKey: input.publicKey.trim(),
    addedAt: now,
  };
}

/** A subscription file: JSON with url, publicKey and (optionally) name. */
export function parseSubscriptionFile(text: string): SubscriptionInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The subscription file is not JSON.');
  }
  const d = data as Record<string, unknown> | null;
  if (d === null || typeof d !== 'object' || typeof d.url !== 'string' || typeof d.publicKey !== 'string')
    throw new Error('A subscription file holds "url" and "publicKey" (and may hold "name").');
  return { url: d.url, publicKey: d.publicKey, name: typeof d.name === 'string' ? d.name : null };
}

/** The name a subscription is shown by: the reader's, else the publisher's, else its host. */
function subscriptionName(record: SubscriptionRecord): string {
  return record.name ?? (record.held?.manifest.name || new URL(record.url).host);
}

/** Minutes until the next check: CHECK_EVERY_MINUTES, moved by up to JITTER_MINUTES either way. */
export function nextCheckMinutes(random = Math.random): number {
  return CHECK_EVERY_MINUTES + (random() * 2 - 1) * JITTER_MINUTES;
}

/** A file's bytes, refused past `cap` as they arrive (a host announcing or sending more is not read to the end). */
export async function fetchBytes(
  fetcher: Fetch,
  url: string,
  cap: number,
  init: RequestInit = SUBSCRIPTION_FETCH,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetcher(url, init);
  } catch (error) {
    throw new Error(`${url} could not be fetched (${(error as Error).message}).`, { cause: error });
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > cap) {
    await response.body?.cancel();
    throw new Error(`${url} is larger (${announced} bytes) than the ${cap} bytes expected.`);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > cap) {
      await reader.cancel();
      throw new Error(`${url} is larger than the ${cap} bytes expected.`);
    }
    parts.push(value);
  }
  return concatBytes(parts, length);
}

/**
 * Updates one subscription: a new version fully verified and stored in one step, or the held one
 * kept and the failure recorded. Answers the record as stored afterwards.
 */
export async function updateSubscription(
  store: SubscriptionStore,
  fetcher: Fetch,
  id: string,
  now: () => number = Date.now,
): Promise<SubscriptionRecord> {
  const record = await store.get(id);
  if (!record) throw new Error('There is no such subscription (it was removed).');
  const tried = { ...record, lastTriedAt: now() };
  try {
    const next = await nextVersion(store, fetcher, tried, now);
    return next;
  } catch (error) {
    const failed = { ...tried, lastError: (error as Error).message };
    // Removed while its update ran: nothing is written back.
    if (await store.get(id)) await store.put(failed);
    return failed;
  }
}

async function nextVersion(
  store: SubscriptionStore,
  fetcher: Fetch,
  record: SubscriptionRecord,
  now: () => number,
): Promise<SubscriptionRecord> {
  const { held } = record;
  const manifestBytes = await fetchBytes(fetcher, record.url, MAX_MANIFEST_BYTES);
  const manifestSha = await sha256Hex(manifestBytes);
  if (held?.manifestSha === manifestSha) {
    const unchanged = { ...record, lastSuccessAt: now(), lastError: null };
    await store.put(unchanged);
    return unchanged;
  }
  const manifest = await verifyManifest(manifestBytes, parsePublicKey(record.publicKey), held?.version ?? null);
  const plan = planUpdate(manifest, held);
  const fetched = new Map<string, Uint8Array>();
  for (const entry of plan.fetch) {
    const bytes = await fetchBytes(fetcher, new URL(entry.path, record.url).href, entry.size, SHARD_FETCH);
    await verifyFile(bytes, entry);
    fetched.set(entry.sha256, bytes);
  }
  const shards =
    plan.kind === 'delta' ? await applyDelta(held!, plan.delta, manifest) : manifest.shards.map((s) => s.sha256);
  const kept = shards.filter((s) => !fetched.has(s));
  const all = new Map([...(await store.shards(record.id, kept)), ...fetched]);
  // Opened once before it replaces anything: a shard that verifies but does not open keeps the old version.
  openPublication(manifest, all);
  const next: SubscriptionRecord = {
    ...record,
    held: { version: manifest.version, state: manifest.state, shards, manifest, manifestSha },
    lastSuccessAt: now(),
    lastError: null,
    lastUpdate: {
      kind: plan.kind,
      files: plan.fetch.length + 1,
      bytes: manifestBytes.length + [...fetched.values()].reduce((n, b) => n + b.length, 0),
    },
  };
  if (!(await store.get(record.id))) throw new PublicationError('The subscription was removed while it updated.');
  await store.commit(
    next,
    fetched,
    (held?.shards ?? []).filter((s) => !shards.includes(s)),
  );
  return next;
}

/** A held subscription opened for matching, or why it is not in use. */
export interface OpenedSubscription {
  id: string;
  name: string;
  index: MatchIndex | null;
  /** Stories in the held version (removed ones not counted). */
  stories: number;
  problem?: string;
}

/** Each subscription's held version opened on its own: one that does not open costs the others nothing. */
export async function openSubscriptions(store: SubscriptionStore): Promise<OpenedSubscription[]> {
  const records = await store.list();
  return Promise.all(
    records.map(async (record): Promise<OpenedSubscription> => {
      const name = subscriptionName(record);
      if (!record.held) return { id: record.id, name, index: null, stories: 0 };
      try {
        const shards = await store.shards(record.id, record.held.shards);
        const index = openPublication(record.held.manifest, shards);
        return { id: record.id, name, index, stories: record.held.manifest.storyCount };
      } catch (error) {
        return { id: record.id, name, index: null, stories: 0, problem: (error as Error).message };
      }
    }),
  );
}

/** A record as the options page lists it. */
export function subscriptionStatus(record: SubscriptionRecord): SubscriptionStatus {
  return {
    id: record.id,
    name: subscriptionName(record),
    url: record.url,
    version: record.held?.version ?? null,
    stories: record.held?.manifest.storyCount ?? 0,
    published: record.held?.manifest.created ?? null,
    lastTriedAt: record.lastTriedAt,
    lastSuccessAt: record.lastSuccessAt,
    lastError: record.lastError,
    lastUpdate: record.lastUpdate,
  };
}

/** A new record, nothing held yet. */
export function freshRecord(subscription: Subscription): SubscriptionRecord {
  return { ...subscription, held: null, lastTriedAt: null, lastSuccessAt: null, lastError: null, lastUpdate: null };
}
