/**
 * Where an index file the reader imported is kept: IndexedDB of the
 * extension's origin (shared by the background and the options page), since
 * an index can be far larger than extension storage allows. Bytes are stored
 * only after they have been opened and checked (lib/index-file).
 */
const DB_NAME = 'wiretrace';
const STORE = 'index';
const KEY = 'imported';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export async function loadImportedIndex(): Promise<Uint8Array | null> {
  const value = await run<unknown>('readonly', (store) => store.get(KEY));
  return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
}

export async function saveImportedIndex(bytes: Uint8Array): Promise<void> {
  await run('readwrite', (store) => store.put(bytes, KEY));
}

export async function clearImportedIndex(): Promise<void> {
  await run('readwrite', (store) => store.delete(KEY));
}
