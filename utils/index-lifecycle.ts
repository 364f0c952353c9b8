/**
 * The stories the background matches against, for the life of its worker:
 * one index over every source (lib/union-index) — the bundled index, each
 * index file the reader imported, and the stories learned from reading.
 *
 * - The bundled index and the learned stories are opened once, on first use.
 *   The learned segment then changes in place, a story at a time: learning
 *   never re-opens or rebuilds anything else.
 * - The imports and the subscriptions to published indexes are opened on
 *   first use and again when the reader adds or removes one, or a
 *   subscription updates (`reload`); one that does not open is reported and
 *   left out, the others stay in use.
 *
 * What is learnt about the index in use (where matched stories sit, the
 * popup's search over it) is kept with it, so a reload cannot mix the old
 * one's positions into the new one's, even for a match still in flight.
 */
import { BoundedCache } from '../lib/bounded-cache';
import { openIndexFile, type OpenedIndex } from '../lib/index-file';
import { findStoryPosition } from '../lib/match-index';
import { buildSearch, type StorySearch } from '../lib/search';
import { BUNDLED } from '../lib/story-source';
import { unionIndex, type Segment, type UnionIndex } from '../lib/union-index';
import type { IndexStatus, SourceStatus } from '../messaging/protocol';
import type { LearnedStore } from './learned-store';
import type { StoredImport } from './story-db';
import type { OpenedSubscription } from './subscriptions';

/** Recently matched stories whose index position is remembered. */
const MATCHED_POSITIONS = 1_000;

/** Where stories come from (IndexedDB and the package; a test stands in for them). */
export interface IndexSources {
  /** The index bundled with the extension. */
  bundled(): Promise<Uint8Array>;
  /** The index files the reader imported, oldest first. */
  imports(): Promise<StoredImport[]>;
  /** The learned stories, opened (read and checked) once. */
  learned(): Promise<LearnedStore>;
  /** The subscriptions' held versions, opened (none when absent). */
  subscriptions?(): Promise<OpenedSubscription[]>;
}

export interface IndexInUse {
  /** Every source, as one index: bundled, then imports, then learned (which grows at the end). */
  index: UnionIndex;
  learned: LearnedStore;
  status(): IndexStatus;
  /**
   * Positions of recently matched stories in this index, by id: the compare page, opened from an
   * overlay, finds its story there rather than by a scan of the index.
   */
  positions: BoundedCache<string, number>;
  /**
   * Fuzzy search over the stories, built on first use and again once the learned stories changed.
   * Learned stories come right after the bundled ones in it: the search reads a bounded number of
   * stories, and a 100k-story import must not push the reader's own out of reach.
   */
  search(): StorySearch;
  /**
   * A story's position by id: a learned story's from the learned segment, a recently matched one's
   * from `positions`, else by a scan (-1: no such story).
   */
  positionOf(id: string): number;
}

export interface IndexLifecycle {
  /** The index in use, opened on the first call; callers that ask at once share one opening. */
  current(): Promise<IndexInUse>;
  /** Opens the imports again (one was added or removed); the old index's positions and search go with it. */
  reload(): Promise<IndexInUse>;
}

export function indexLifecycle(sources: IndexSources): IndexLifecycle {
  let bundled: Promise<OpenedIndex> | null = null;
  let learned: Promise<LearnedStore> | null = null;
  let opening: Promise<IndexInUse> | null = null;
  const current = () =>
    (opening ??= openInUse(
      (bundled ??= sources.bundled().then(openIndexFile)),
      (learned ??= sources.learned()),
      sources.imports,
      sources.subscriptions ?? (() => Promise.resolve([])),
    ));
  return {
    current,
    reload() {
      opening = null;
      return current();
    },
  };
}

interface OpenedImport {
  stored: StoredImport;
  opened: OpenedIndex | null;
  problem?: string;
}

/** Each import opened on its own: one that no longer opens is reported, not used half-way, and costs the others nothing. */
async function openImports(
  imports: () => Promise<StoredImport[]>,
): Promise<{ list: OpenedImport[]; problem?: string }> {
  let stored: StoredImport[];
  try {
    stored = await imports();
  } catch (error) {
    return { list: [], problem: `Your imported indexes could not be read: ${(error as Error).message}` };
  }
  return {
    list: stored.map((s) => {
      try {
        return { stored: s, opened: openIndexFile(s.bytes) };
      } catch (error) {
        return { stored: s, opened: null, problem: (error as Error).message };
      }
    }),
  };
}

/** The subscriptions, or why they could not be read at all (the other sources are used). */
async function openSubscribed(
  subscriptions: () => Promise<OpenedSubscription[]>,
): Promise<{ list: OpenedSubscription[]; problem?: string }> {
  try {
    return { list: await subscriptions() };
  } catch (error) {
    return { list: [], problem: `Your subscriptions could not be read: ${(error as Error).message}` };
  }
}

async function openInUse(
  bundledOpening: Promise<OpenedIndex>,
  learnedOpening: Promise<LearnedStore>,
  imports: () => Promise<StoredImport[]>,
  subscriptions: () => Promise<OpenedSubscription[]>,
): Promise<IndexInUse> {
  const [bundled, learned, opened, subscribed] = await Promise.all([
    bundledOpening,
    learnedOpening,
    openImports(imports),
    openSubscribed(subscriptions),
  ]);
  const bundledSegment: Segment = { index: bundled.index, source: () => BUNDLED };
  const learnedSegment: Segment = { index: learned.index, source: (p) => learned.index.sourceOf(p) };
  const importSegments: Segment[] = opened.list.flatMap(({ stored, opened: o }) =>
    o ? [{ index: o.index, source: () => ({ kind: 'imported' as const, name: stored.name }) }] : [],
  );
  const subscriptionSegments: Segment[] = subscribed.list.flatMap(({ name, index: i }) =>
    i ? [{ index: i, source: () => ({ kind: 'subscription' as const, name }) }] : [],
  );
  importSegments.push(...subscriptionSegments);
  const index = unionIndex([bundledSegment, ...importSegments, learnedSegment]);
  let search: { version: number; search: StorySearch } | null = null;
  const positions = new BoundedCache<string, number>(MATCHED_POSITIONS);
  return {
    index,
    learned,
    positions,
    search() {
      if (search?.version !== learned.index.version)
        search = {
          version: learned.index.version,
          search: buildSearch(unionIndex([bundledSegment, learnedSegment, ...importSegments])),
        };
      return search.search;
    },
    positionOf(id) {
      const local = learned.index.positionOf(id);
      // The learned segment is the union's last.
      if (local !== undefined) return index.storyCount - learned.index.storyCount + local;
      return findStoryPosition(index, id, positions.get(id));
    },
    status: () => status(bundled, opened, subscribed, learned, index.storyCount),
  };
}

function status(
  bundled: OpenedIndex,
  imports: { list: OpenedImport[]; problem?: string },
  subscribed: { list: OpenedSubscription[]; problem?: string },
  learned: LearnedStore,
  stories: number,
): IndexStatus {
  const records = learned.records();
  const sources: SourceStatus[] = [
    { kind: 'bundled', name: 'bundled with Wiretrace', stories: bundled.info.stories, info: bundled.info },
    ...imports.list.map(({ stored, opened, problem }): SourceStatus => ({
      kind: 'imported',
      id: stored.id,
      name: stored.name,
      stories: opened?.info.stories ?? 0,
      info: opened?.info ?? null,
      ...(problem ? { problem } : {}),
    })),
    ...subscribed.list.map(({ id, name, stories: count, problem }): SourceStatus => ({
      kind: 'subscription',
      id,
      name,
      stories: count,
      info: null,
      ...(problem ? { problem } : {}),
    })),
    {
      kind: 'learned',
      name: 'your reading',
      stories: records.filter((r) => r.kind === 'learned').length,
      info: null,
      ...(learned.dropped.length > 0
        ? {
            problem: `${learned.dropped.length} damaged ${learned.dropped.length === 1 ? 'story was' : 'stories were'} dropped (${learned.dropped.join('; ')}); the others are kept.`,
          }
        : {}),
    },
    { kind: 'added', name: 'added by you', stories: records.filter((r) => r.kind === 'added').length, info: null },
  ];
  const problem = [imports.problem, subscribed.problem].filter(Boolean).join(' ');
  return { stories, sources, ...(problem ? { problem } : {}) };
}
