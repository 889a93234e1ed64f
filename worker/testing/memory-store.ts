// An in-memory ShelfStore for tests: copies values like IndexedDB does, applies a write's sets
// and deletes together, and can be told to fail (a full quota, a broken database).
import type { ShelfStore } from '../persist/shelf.ts';

export interface MemoryStore extends ShelfStore {
  readonly data: Map<string, unknown>;
  /** The next matching operations throw this error (op: 'get' | 'write'). */
  fail(op: 'get' | 'write', error: Error, times?: number): void;
  writes: number;
}

export function memoryStore(initial: Record<string, unknown> = {}): MemoryStore {
  const data = new Map<string, unknown>(Object.entries(initial));
  const faults: { op: string; error: Error; times: number }[] = [];
  const fault = (op: string) => {
    const f = faults.find((x) => x.op === op && x.times > 0);
    if (!f) return;
    f.times--;
    throw f.error;
  };
  const store: MemoryStore = {
    data,
    writes: 0,
    fail: (op, error, times = 1) => void faults.push({ op, error, times }),
    async get(key) {
      await Promise.resolve();
      fault('get');
      return structuredClone(data.get(key));
    },
    async write(set, del = []) {
      await Promise.resolve();
      fault('write');
      for (const [k, v] of set) data.set(k, structuredClone(v));
      for (const k of del) data.delete(k);
      store.writes++;
    },
  };
  return store;
}

/** What browsers throw when the origin's storage is full. */
export function quotaError(): Error {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  return e;
}
