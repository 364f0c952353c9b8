/**
 * The stories learned from reading and added by hand, as the background
 * holds them: every record in memory, in step with the records on disk
 * (IndexedDB through utils/story-db; a Map in the tests) and with the learned
 * segment matching reads (lib/learned-index). Changes run one at a time, each
 * written to disk before memory and index take it, so a failed write (a full
 * disk) leaves all three as they were.
 */
import {
  checkRecord,
  entryOf,
  evictions,
  learnPage,
  withMetCopy,
  type LearnChange,
  type LearnedKind,
  type LearnedRecord,
  type MetCopy,
  type PageToLearn,
} from '../lib/learned';
import { LearnedIndex } from '../lib/learned-index';
import { oneAtATime } from './one-at-a-time';

/** Where records are kept. Keys are record ids; a damaged value keeps its key, so it can be deleted. */
export interface RecordStore {
  all(): Promise<Array<{ key: string; value: unknown }>>;
  put(record: LearnedRecord): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface Learned {
  record: LearnedRecord;
  change: LearnChange;
  /** Stories the cap evicted to make room. */
  evicted: string[];
}

export interface LearnedStore {
  readonly index: LearnedIndex;
  /** Records found damaged when the store was opened and dropped, each as "key: why". */
  readonly dropped: readonly string[];
  records(): LearnedRecord[];
  record(id: string): LearnedRecord | undefined;
  /** Learns a page (a new story, a write-through, or nothing new), then holds the cap. */
  learn(page: PageToLearn, cap: number, now?: number): Promise<Learned>;
  /** Remembers a page elsewhere that matched story `id`; false when there was nothing new to remember. */
  metCopy(id: string, met: MetCopy, now?: number): Promise<boolean>;
  remove(ids: readonly string[]): Promise<number>;
  /** Forgets every story of a kind ("Forget all learned stories" keeps the ones added by hand). */
  forget(kind: LearnedKind): Promise<number>;
  /** Evicts down to the cap (the reader lowered it); the ids evicted. */
  holdCap(cap: number, now?: number): Promise<string[]>;
}

/**
 * Opens the store: every record read and checked, a damaged one dropped from disk and reported
 * (the rest kept), the learned segment built once. `later` runs the postings merge after the
 * answer to the page that caused it (a timer in the background; at once in tests).
 */
export async function openLearnedStore(
  disk: RecordStore,
  later: (task: () => void) => void = (task) => setTimeout(task, 0),
): Promise<LearnedStore> {
  const records = new Map<string, LearnedRecord>();
  const dropped: string[] = [];
  for (const { key, value } of await disk.all()) {
    const checked = checkRecord(value);
    if (checked.ok && checked.record.id === key) records.set(key, checked.record);
    else dropped.push(`${key}: ${checked.ok ? `its id is "${checked.record.id}"` : checked.error}`);
  }
  if (dropped.length > 0) await disk.delete(dropped.map((d) => d.slice(0, d.indexOf(': '))));
  const index = new LearnedIndex([...records.values()].map(entryOf));
  const inOrder = oneAtATime();
  let mergeDue = false;

  const keep = async (record: LearnedRecord) => {
    await disk.put(record);
    records.set(record.id, record);
    index.put(entryOf(record));
    if (index.needsMerge && !mergeDue) {
      mergeDue = true;
      later(() => {
        mergeDue = false;
        index.merge();
      });
    }
  };
  const drop = async (ids: readonly string[]) => {
    const present = ids.filter((id) => records.has(id));
    if (present.length === 0) return 0;
    await disk.delete(present);
    for (const id of present) records.delete(id);
    index.remove(present);
    return present.length;
  };
  const evict = (cap: number, now: number) => {
    const ids = evictions([...records.values()], cap, now);
    return drop(ids).then(() => ids);
  };

  return {
    index,
    dropped,
    records: () => [...records.values()],
    record: (id) => records.get(id),
    learn: (page, cap, now = Date.now()) =>
      inOrder(async () => {
        const { record, change } = learnPage(records.values(), page, now);
        if (records.get(record.id) !== record) await keep(record);
        const evicted = change === 'new' ? await evict(cap, now) : [];
        return { record, change, evicted };
      }),
    metCopy: (id, met, now = Date.now()) =>
      inOrder(async () => {
        const record = records.get(id);
        const next = record && withMetCopy(record, met, now);
        if (!next) return false;
        await keep(next);
        return true;
      }),
    remove: (ids) => inOrder(() => drop(ids)),
    forget: (kind) => inOrder(() => drop([...records.values()].filter((r) => r.kind === kind).map((r) => r.id))),
    holdCap: (cap, now = Date.now()) => inOrder(() => evict(cap, now)),
  };
}
