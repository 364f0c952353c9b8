/**
 * The one story store on the device: IndexedDB of the extension's origin,
 * shared by the background and the options page, through `idb` (a small,
 * typed promise wrapper over IndexedDB: version upgrades, transactions and
 * cursors without hand-written request callbacks). Two stores:
 *
 * - `imports`: each index file the reader imported, by id, with its name and
 *   bytes (stored only after lib/index-file opened and checked them);
 * - `learned`: one record per learned or added story (lib/learned.ts), read
 *   back through checkRecord, since a record may be damaged on disk;
 * - `wordLists` (version 3): the reader's bilingual word lists, one per
 *   language, as text (lib/lexicon.ts reads them; the options page checked
 *   each before storing it);
 * - `subscriptions` and `subscriptionShards` (version 4): each published
 *   index the reader subscribed to, with the version held and how its last
 *   update went, and the verified shards of that version, keyed
 *   `SUBSCRIPTION-ID/SHA256` so one subscription's are one key range.
 *
 * Version 1 held a single import under `index/imported`; opening version 2
 * moves it into `imports`, so a reader's import survives the update.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LearnedRecord } from '../lib/learned';
import type { SubscriptionRecord } from './subscriptions';

const DB_NAME = 'wiretrace';
const DB_VERSION = 4;
/** Version 1's store and key for its one import. */
const V1_STORE = 'index';
const V1_KEY = 'imported';
/** The name a version 1 import is listed under (its file name was not kept). */
const V1_IMPORT_NAME = 'imported index';

export interface StoredImport {
  id: string;
  /** The file's name, as the reader chose it ("class-week-3.json"): what the screens call it. */
  name: string;
  addedAt: number;
  bytes: Uint8Array;
}

export interface StoredWordList {
  /** Two- or three-letter code of the page language the list reads ("es"): one list per language. */
  language: string;
  /** The file's name, as the reader chose it ("es-en.tsv"). */
  name: string;
  addedAt: number;
  /** Word pairs read when it was checked. */
  pairs: number;
  text: string;
}

/** One verified shard of a subscription's held version. */
export interface StoredShard {
  /** `SUBSCRIPTION-ID/SHA256`. */
  key: string;
  bytes: Uint8Array;
}

interface StoryDb extends DBSchema {
  subscriptions: { key: string; value: SubscriptionRecord };
  subscriptionShards: { key: string; value: StoredShard };
  wordLists: { key: string; value: StoredWordList };
  index: { key: string; value: Uint8Array | ArrayBuffer };
  imports: { key: string; value: StoredImport };
  /** Values are checked on read (lib/learned checkRecord): whatever is on disk is `unknown` until then. */
  learned: { key: string; value: LearnedRecord };
}

let opening: Promise<IDBPDatabase<StoryDb>> | null = null;

/** The database, opened once per page or worker and shared by every call. */
function database(): Promise<IDBPDatabase<StoryDb>> {
  opening ??= openDB<StoryDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 3) db.createObjectStore('wordLists', { keyPath: 'language' });
      if (oldVersion < 4) {
        db.createObjectStore('subscriptions', { keyPath: 'id' });
        db.createObjectStore('subscriptionShards', { keyPath: 'key' });
      }
      if (oldVersion >= 2) return;
      const imports = db.createObjectStore('imports', { keyPath: 'id' });
      db.createObjectStore('learned', { keyPath: 'id' });
      if (oldVersion < 1) return;
      const old = transaction.objectStore(V1_STORE);
      const value = await old.get(V1_KEY);
      if (value) {
        const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
        await imports.put({
          id: `import-${Date.now().toString(36)}`,
          name: V1_IMPORT_NAME,
          addedAt: Date.now(),
          bytes,
        });
      }
      await old.delete(V1_KEY);
    },
    // Another page upgrading the database (an update of the extension): let it, and open afresh next time.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      opening = null;
    },
    terminated() {
      opening = null;
    },
  });
  return opening;
}

export async function listImports(): Promise<StoredImport[]> {
  const all = await (await database()).getAll('imports');
  return all.sort((a, b) => a.addedAt - b.addedAt);
}

export async function addImport(name: string, bytes: Uint8Array): Promise<string> {
  const id = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await (await database()).put('imports', { id, name, addedAt: Date.now(), bytes });
  return id;
}

export async function removeImport(id: string): Promise<void> {
  await (await database()).delete('imports', id);
}

/** Every learned record as stored, with its key, unchecked (a damaged one is the caller's to drop and report). */
export async function allLearned(): Promise<Array<{ key: string; value: unknown }>> {
  const tx = (await database()).transaction('learned', 'readonly');
  // Keys and values in one transaction come in the same (key) order.
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  return keys.map((key, i) => ({ key, value: values[i] }));
}

async function putLearned(record: LearnedRecord): Promise<void> {
  await (await database()).put('learned', record);
}

/** Deletes records by key, in one transaction. */
async function deleteLearned(keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const tx = (await database()).transaction('learned', 'readwrite');
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}

/** The learned records as the store in utils/learned-store.ts uses them. */
export const learnedRecords = { all: allLearned, put: putLearned, delete: deleteLearned };

/** The reader's word lists without their text (what the options page lists). */
export async function listWordLists(): Promise<Array<Omit<StoredWordList, 'text'> & { bytes: number }>> {
  const all = await (await database()).getAll('wordLists');
  return all
    .map(({ text, ...info }) => ({ ...info, bytes: new TextEncoder().encode(text).length }))
    .sort((a, b) => a.language.localeCompare(b.language));
}

/** One language's word list, or undefined. */
export async function wordList(language: string): Promise<StoredWordList | undefined> {
  return (await database()).get('wordLists', language);
}

/** Stores a checked word list, in place of the language's earlier one. */
export async function putWordList(list: StoredWordList): Promise<void> {
  await (await database()).put('wordLists', list);
}

export async function removeWordList(language: string): Promise<void> {
  await (await database()).delete('wordLists', language);
}

const shardKey = (id: string, sha256: string) => `${id}/${sha256}`;
/** Every shard key of one subscription: ids hold no "/", and "0" sorts right after it. */
const subscriptionRange = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}0`, false, true);

/** Subscriptions as stored, with their state, oldest first. */
async function listSubscriptions(): Promise<SubscriptionRecord[]> {
  const all = await (await database()).getAll('subscriptions');
  return all.sort((a, b) => a.addedAt - b.addedAt);
}

async function getSubscription(id: string): Promise<SubscriptionRecord | undefined> {
  return (await database()).get('subscriptions', id);
}

/** Stores a subscription's record alone (a new one, or how an update that changed nothing went). */
async function putSubscription(record: SubscriptionRecord): Promise<void> {
  await (await database()).put('subscriptions', record);
}

/**
 * A new version in one transaction: its new shards, the old version's dropped ones gone, and the
 * record naming it. A failure (quota, a closed worker) leaves the old version whole.
 */
async function commitSubscription(
  record: SubscriptionRecord,
  add: ReadonlyMap<string, Uint8Array>,
  drop: readonly string[],
): Promise<void> {
  const tx = (await database()).transaction(['subscriptions', 'subscriptionShards'], 'readwrite');
  const shards = tx.objectStore('subscriptionShards');
  await Promise.all([
    ...[...add].map(([sha, bytes]) => shards.put({ key: shardKey(record.id, sha), bytes })),
    ...drop.map((sha) => shards.delete(shardKey(record.id, sha))),
    tx.objectStore('subscriptions').put(record),
    tx.done,
  ]);
}

/** The held shards of a subscription, by sha256 (a missing one is simply absent). */
export async function subscriptionShards(id: string, shas: readonly string[]): Promise<Map<string, Uint8Array>> {
  const tx = (await database()).transaction('subscriptionShards', 'readonly');
  const found = await Promise.all(shas.map((sha) => tx.store.get(shardKey(id, sha))));
  await tx.done;
  return new Map(found.flatMap((s, i) => (s ? [[shas[i]!, s.bytes] as const] : [])));
}

/** Deletes a subscription and every shard of it, in one transaction. */
async function removeSubscription(id: string): Promise<void> {
  const tx = (await database()).transaction(['subscriptions', 'subscriptionShards'], 'readwrite');
  await Promise.all([
    tx.objectStore('subscriptions').delete(id),
    tx.objectStore('subscriptionShards').delete(subscriptionRange(id)),
    tx.done,
  ]);
}

/** The subscriptions as utils/subscriptions.ts uses them. */
export const subscriptionStore = {
  list: listSubscriptions,
  get: getSubscription,
  put: putSubscription,
  commit: commitSubscription,
  shards: subscriptionShards,
  remove: removeSubscription,
};
