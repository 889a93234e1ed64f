// The checkpoint's home: one IndexedDB record through idb-keyval (works in workers).
// Database "digitpad", object store "checkpoints", key "model" (the browser tests use these names).
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { CheckpointStore } from './checkpoints.ts';

export const DB_NAME = 'digitpad';
export const STORE_NAME = 'checkpoints';
export const KEY = 'model';

export function idbStore(): CheckpointStore {
  // Opened on first use: constructing the session must not touch IndexedDB (Node tests).
  let store: UseStore | null = null;
  const db = () => (store ??= createStore(DB_NAME, STORE_NAME));
  return {
    get: () => get(KEY, db()),
    set: (bytes) => set(KEY, bytes, db()),
    del: () => del(KEY, db()),
  };
}
