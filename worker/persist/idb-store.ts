// The shelf's home: one IndexedDB object store through idb-keyval (works in workers).
// Database "digitpad", object store "checkpoints"; keys "shelf" (the index), "model:<id>" (one
// model file each), "quarantine" (a record that failed its checks). The browser tests use these.
import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval';
import type { ShelfStore } from './shelf.ts';

export const DB_NAME = 'digitpad';
export const STORE_NAME = 'checkpoints';

export function idbStore(): ShelfStore {
  // Opened on first use: constructing the session must not touch IndexedDB (Node tests).
  let store: UseStore | null = null;
  const db = () => (store ??= createStore(DB_NAME, STORE_NAME));
  return {
    get: (key) => get(key, db()),
    // One transaction: a model and the index that lists it land together or not at all.
    write: (set, del = []) =>
      db()('readwrite', (s) => {
        for (const [key, value] of set) s.put(value, key);
        for (const key of del) s.delete(key);
        return promisifyRequest(s.transaction);
      }),
  };
}
