/**
 * Subscription updates (utils/subscriptions.ts) against a site published by scripts/publish.ts,
 * through a fake fetch that serves the site's files and records every request: the first update
 * fetches everything, the next only the delta's shard; a tampered shard, an older manifest or a
 * delta that does not connect never replace the version held, and the failure is recorded.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractText } from '../../lib/extract';
import { matchArticle } from '../../lib/match';
import type { MatchIndex } from '../../lib/match-index';
import { BUNDLED } from '../../lib/story-source';
import { unionIndex } from '../../lib/union-index';
import {
  newSubscription,
  freshRecord,
  openSubscriptions,
  parseSubscriptionFile,
  updateSubscription,
  type SubscriptionRecord,
  type SubscriptionStore,
} from '../../utils/subscriptions';
import { storyText, type TestStory } from '../fixtures/learning/stories';
import {
  GLACIER,
  LIGHTHOUSE,
  ORCHARD,
  publishSite as publishTo,
  shardsOf as shardsIn,
  writeCorpusStory,
  writeKeyPair,
} from '../fixtures/subscriptions/site';

const ORIGIN = 'https://index.example-wire.org';
const MANIFEST_URL = `${ORIGIN}/wire/manifest`;

/** The store in memory, as IndexedDB holds it: the record and its shards, replaced together. */
function memoryStore(): SubscriptionStore & { shardKeys(): string[] } {
  const records = new Map<string, SubscriptionRecord>();
  const shards = new Map<string, Uint8Array>();
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    list: async () => [...records.values()].map(clone),
    get: async (id) => (records.has(id) ? clone(records.get(id)!) : undefined),
    put: async (r) => void records.set(r.id, clone(r)),
    async commit(r, add, drop) {
      for (const [sha, bytes] of add) shards.set(`${r.id}/${sha}`, bytes);
      for (const sha of drop) shards.delete(`${r.id}/${sha}`);
      records.set(r.id, clone(r));
    },
    shards: async (id, shas) =>
      new Map(shas.flatMap((s) => (shards.has(`${id}/${s}`) ? [[s, shards.get(`${id}/${s}`)!] as const] : []))),
    async remove(id) {
      records.delete(id);
      for (const key of [...shards.keys()]) if (key.startsWith(`${id}/`)) shards.delete(key);
    },
    shardKeys: () => [...shards.keys()],
  };
}

interface Served {
  url: string;
  init: RequestInit;
}

let root: string;
let corpus: string;
let site: string;
let keyFile: string;
let publicKey: string;
let requests: Served[];
/** Bytes served instead of the site's file at a path (a tampered shard, an old manifest). */
let overrides: Map<string, Uint8Array>;

const fakeFetch = async (url: string, init: RequestInit): Promise<Response> => {
  requests.push({ url, init });
  if (!url.startsWith(`${ORIGIN}/wire/`)) return new Response(null, { status: 404 });
  const path = url.slice(`${ORIGIN}/wire/`.length);
  const body = overrides.get(path) ?? new Uint8Array(readFileSync(join(site, path)));
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200 });
};

const publishSite = () => publishTo(corpus, keyFile, site);
const shardsOf = () => shardsIn(site);

function pageOf(story: TestStory) {
  const result = extractText(storyText(story));
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

/** No stories: the other sources of the background's union (a published index is one segment among several there). */
const EMPTY: MatchIndex = {
  storyCount: 0,
  eachPosting: () => true,
  story: () => {
    throw new RangeError('no stories');
  },
};

/** What the subscription matches for a page of `story`, as one segment of a union, as in the background. */
async function matched(store: SubscriptionStore, story: TestStory): Promise<string | null> {
  const [opened] = await openSubscriptions(store);
  if (!opened?.index) return null;
  const union = unionIndex([
    { index: EMPTY, source: () => BUNDLED },
    { index: opened.index, source: () => BUNDLED },
  ]);
  return matchArticle(union, pageOf(story)).match?.story.id ?? null;
}

async function subscribed(store: SubscriptionStore): Promise<string> {
  const subscription = newSubscription({ url: MANIFEST_URL, publicKey }, Date.now());
  await store.put(freshRecord(subscription));
  return subscription.id;
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'wiretrace-subscriptions-'));
  corpus = join(root, 'corpus');
  site = join(root, 'site');
  ({ keyFile, publicKey } = await writeKeyPair(join(root, 'keys')));
  writeCorpusStory(corpus, 'glacier', GLACIER);
  writeCorpusStory(corpus, 'lighthouse', LIGHTHOUSE);
  await publishSite();
  requests = [];
  overrides = new Map();
});

describe('updating a subscription', () => {
  it('fetches the manifest and every shard the first time, with GET, no credentials and no referrer', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toBeNull();
    expect(after.held?.version).toBe(1);
    expect(after.lastUpdate?.kind).toBe('full');
    expect(requests.map((r) => r.url)).toEqual([MANIFEST_URL, ...shardsOf().map((p) => `${ORIGIN}/wire/${p}`)]);
    // The manifest is revalidated (a 304 when unchanged); shards, named by their hash, stay out of the HTTP cache.
    for (const { url, init } of requests)
      expect(init).toMatchObject({
        method: 'GET',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: url === MANIFEST_URL ? 'no-cache' : 'no-store',
      });
    expect(await matched(store, GLACIER)).toBe('glacier');
    expect(await matched(store, ORCHARD)).toBeNull();
  });

  it('fetches only the delta’s shard when the publisher adds a story, and the new story matches', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    await updateSubscription(store, fakeFetch, id);
    const before = new Set(shardsOf());
    writeCorpusStory(corpus, 'orchard', ORCHARD);
    await publishSite();
    const added = shardsOf().filter((p) => !before.has(p));
    expect(added).toHaveLength(1);
    requests = [];
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toBeNull();
    expect(after.held?.version).toBe(2);
    expect(after.lastUpdate?.kind).toBe('delta');
    expect(requests.map((r) => r.url)).toEqual([MANIFEST_URL, `${ORIGIN}/wire/${added[0]}`]);
    expect(await matched(store, ORCHARD)).toBe('orchard');
    expect(await matched(store, GLACIER)).toBe('glacier');
  });

  it('fetches everything when the delta does not connect to what is held', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    await updateSubscription(store, fakeFetch, id);
    // What is held is not what version 1 was (another history): the delta from 1 must not be applied.
    const record = (await store.get(id))!;
    await store.put({ ...record, held: { ...record.held!, state: 'f'.repeat(64) } });
    writeCorpusStory(corpus, 'orchard', ORCHARD);
    await publishSite();
    requests = [];
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toBeNull();
    expect(after.lastUpdate?.kind).toBe('full');
    expect(requests.map((r) => r.url)).toEqual([MANIFEST_URL, ...shardsOf().map((p) => `${ORIGIN}/wire/${p}`)]);
    expect(await matched(store, ORCHARD)).toBe('orchard');
  });

  it('refuses a tampered shard, keeps the old version and records why', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    await updateSubscription(store, fakeFetch, id);
    const held = store.shardKeys();
    writeCorpusStory(corpus, 'orchard', ORCHARD);
    await publishSite();
    const [, added] = shardsOf();
    const tampered = new Uint8Array(readFileSync(join(site, added!)));
    tampered[tampered.length - 1] = tampered.at(-1)! ^ 0xff;
    overrides.set(added!, tampered);
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toMatch(/does not match its SHA-256/);
    expect(after.lastTriedAt).not.toBeNull();
    expect(after.held?.version).toBe(1);
    expect(store.shardKeys()).toEqual(held);
    expect(await matched(store, GLACIER)).toBe('glacier');
    expect(await matched(store, ORCHARD)).toBeNull();
  });

  it('refuses a manifest whose version does not grow (a rolled-back index), keeping the one held', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    const first = new Uint8Array(readFileSync(join(site, 'manifest')));
    writeCorpusStory(corpus, 'orchard', ORCHARD);
    await publishSite();
    await updateSubscription(store, fakeFetch, id);
    overrides.set('manifest', first);
    requests = [];
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toMatch(/version 1 is not newer than the version held \(2\)/);
    expect(after.held?.version).toBe(2);
    expect(requests).toHaveLength(1);
    expect(await matched(store, ORCHARD)).toBe('orchard');
  });

  it('refuses a manifest signed with another key before fetching any shard', async () => {
    const store = memoryStore();
    const other = await writeKeyPair(join(root, 'other'));
    const subscription = newSubscription({ url: MANIFEST_URL, publicKey: other.publicKey }, Date.now());
    await store.put(freshRecord(subscription));
    const after = await updateSubscription(store, fakeFetch, subscription.id);
    expect(after.lastError).toMatch(/signature does not verify/);
    expect(after.held).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('counts the same manifest again as a success that fetches no shard', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    await updateSubscription(store, fakeFetch, id);
    requests = [];
    const after = await updateSubscription(store, fakeFetch, id);
    expect(after.lastError).toBeNull();
    expect(after.held?.version).toBe(1);
    expect(requests.map((r) => r.url)).toEqual([MANIFEST_URL]);
  });

  it('refuses a host that answers an error, and a body larger than the manifest says', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    const failing = async () => new Response(null, { status: 503 });
    expect((await updateSubscription(store, failing, id)).lastError).toBe(`${MANIFEST_URL} answered HTTP 503.`);
    const [path] = shardsOf();
    overrides.set(path!, new Uint8Array(readFileSync(join(site, path!)).length + 10));
    expect((await updateSubscription(store, fakeFetch, id)).lastError).toMatch(/is larger than the \d+ bytes expected/);
    expect((await store.get(id))!.held).toBeNull();
  });

  it('deletes a removed subscription’s shards', async () => {
    const store = memoryStore();
    const id = await subscribed(store);
    await updateSubscription(store, fakeFetch, id);
    expect(store.shardKeys().length).toBeGreaterThan(0);
    await store.remove(id);
    expect(store.shardKeys()).toEqual([]);
    expect(await openSubscriptions(store)).toEqual([]);
  });
});

describe('adding a subscription', () => {
  it('takes an http(s) address and a public key that reads, or says what is wrong', () => {
    expect(newSubscription({ url: ` ${MANIFEST_URL}#top `, publicKey, name: 'Wire' }, 0)).toMatchObject({
      url: MANIFEST_URL,
      name: 'Wire',
    });
    expect(() => newSubscription({ url: 'ftp://example.org/m', publicKey }, 0)).toThrow(/https:\/\//);
    expect(() => newSubscription({ url: 'https://user:pw@example.org/m', publicKey }, 0)).toThrow(/password/);
    expect(() => newSubscription({ url: MANIFEST_URL, publicKey: 'not a key' }, 0)).toThrow(/public key/);
  });

  it('reads a subscription file (name, url, publicKey), and refuses one without them', () => {
    const file = JSON.stringify({ name: 'Example Wire', url: MANIFEST_URL, publicKey });
    expect(parseSubscriptionFile(file)).toEqual({ name: 'Example Wire', url: MANIFEST_URL, publicKey });
    expect(() => parseSubscriptionFile('{"url": 3}')).toThrow(/"url" and "publicKey"/);
    expect(() => parseSubscriptionFile('not json')).toThrow(/not JSON/);
  });
});
