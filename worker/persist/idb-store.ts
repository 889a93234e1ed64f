// The shelf's home: one IndexedDB object store through idb-keyval (works in workers).
// Database "digitpad", object store "checkpoints"; keys "shelf" (the index), "model:<id>" (one
// model file each), "quarantine" (a record that failed its checks). The browser tests use these.
import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval';
import type { ShelfStore } from './shelf.ts';

export const DB_NAME = 'digitpad';
export const STORE_NAME = 'checkpoints';

/**
 * An operation this slow is stuck (a transaction held by a frozen tab, a blocked upgrade): the
 * caller is told instead of waiting forever. IndexedDB runs overlapping read-write transactions
 * in the order they were created, so a late one cannot overtake a newer one.
 */
const TIMEOUT_MS = 15_000;

function timed<T>(op: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`IndexedDB did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([op, late]).finally(() => clearTimeout(timer));
}

/** The browser closed the connection under us (site data cleared, database deleted). */
const CLOSED = new Set(['InvalidStateError', 'NotFoundError', 'UnknownError', 'AbortError']);

export function idbStore(): ShelfStore {
  // Opened on first use: constructing the session must not touch IndexedDB (Node tests).
  let store: UseStore | null = null;
  const db = () => (store ??= createStore(DB_NAME, STORE_NAME));
  /** One reconnect when the connection was closed under us; other errors go to the caller. */
  async function withDb<T>(op: (s: UseStore) => Promise<T>): Promise<T> {
    try {
      return await timed(op(db()));
    } catch (e) {
      if (!CLOSED.has((e as Error)?.name)) throw e;
      store = null;
      return timed(op(db()));
    }
  }
  return {
    get: (key) => withDb((s) => get(key, s)),
    // One transaction: a model and the index that lists it land together or not at all.
    write: (set, del = []) =>
      withDb((s) =>
        s('readwrite', (os) => {
          for (const [key, value] of set) os.put(value, key);
          for (const key of del) os.delete(key);
          return promisifyRequest(os.transaction);
        }),
      ),
  };
}
