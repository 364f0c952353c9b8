/**
 * The index the background matches against, for the life of its worker:
 * opened once, on first use, from the reader's import if there is one and it
 * opens, else from the bundled file; opened afresh when the reader imports or
 * removes one. What is learnt about an index (where matched stories sit, the
 * search over it) is kept with that index, so a reload cannot mix the old
 * index's positions into the new one's, even for a match still in flight.
 */
import { BoundedCache } from '../lib/bounded-cache';
import { openIndexFile, type OpenedIndex } from '../lib/index-file';
import { buildSearch, type StorySearch } from '../lib/search';
import type { IndexStatus } from '../messaging/protocol';

/** Recently matched stories whose index position is remembered. */
const MATCHED_POSITIONS = 1_000;

/** Where index bytes come from (IndexedDB and the package; a test stands in for both). */
export interface IndexSources {
  /** The index file the reader imported, or null when there is none. */
  imported(): Promise<Uint8Array | null>;
  /** The index bundled with the extension. */
  bundled(): Promise<Uint8Array>;
}

export interface IndexInUse extends OpenedIndex {
  status: IndexStatus;
  /**
   * Positions of recently matched stories in this index, by id: the compare page, opened from an
   * overlay, finds its story there rather than by a scan of the index.
   */
  positions: BoundedCache<string, number>;
  /** Fuzzy search over this index, built on its first use (most worker lives never search). */
  search(): StorySearch;
}

export interface IndexLifecycle {
  /** The index in use, opened on the first call; callers that ask at once share one opening. */
  current(): Promise<IndexInUse>;
  /** Opens the index again (after an import or its removal); the old one's positions and search go with it. */
  reload(): Promise<IndexInUse>;
}

export function indexLifecycle(sources: IndexSources): IndexLifecycle {
  let opening: Promise<IndexInUse> | null = null;
  const current = () => (opening ??= openInUse(sources));
  return {
    current,
    reload() {
      opening = null;
      return current();
    },
  };
}

/**
 * The reader's import if there is one and it opens, else the bundled index;
 * a stored import that no longer opens (or cannot be read) is reported in
 * the status, never used half-way.
 */
async function openInUse(sources: IndexSources): Promise<IndexInUse> {
  let problem: string | undefined;
  try {
    const imported = await sources.imported();
    if (imported) {
      const opened = openIndexFile(imported);
      return inUse(opened, { source: 'imported', info: opened.info });
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  const opened = openIndexFile(await sources.bundled());
  return inUse(opened, { source: 'bundled', info: opened.info, ...(problem ? { problem } : {}) });
}

function inUse(opened: OpenedIndex, status: IndexStatus): IndexInUse {
  let search: StorySearch | null = null;
  return {
    ...opened,
    status,
    positions: new BoundedCache(MATCHED_POSITIONS),
    search: () => (search ??= buildSearch(opened.index)),
  };
}
