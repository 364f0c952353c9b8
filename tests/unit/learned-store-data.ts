/** A stand-in for IndexedDB's learned records (a Map), counting writes, and able to fail them. */
import type { LearnedRecord } from '../../lib/learned';
import type { RecordStore } from '../../utils/learned-store';

export function memoryRecords(initial: Array<[string, unknown]> = []) {
  const data = new Map<string, unknown>(initial);
  const counts = { puts: 0, deletes: 0 };
  let failNext = false;
  const store: RecordStore = {
    all: async () => [...data].map(([key, value]) => ({ key, value })),
    put: async (record: LearnedRecord) => {
      if (failNext) {
        failNext = false;
        throw new Error('QuotaExceededError');
      }
      counts.puts++;
      data.set(record.id, record);
    },
    delete: async (keys) => {
      counts.deletes += keys.length;
      for (const key of keys) data.delete(key);
    },
  };
  return { store, data, counts, failNextPut: () => (failNext = true) };
}
