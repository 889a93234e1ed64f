import { describe, expect, it } from 'vitest';
import { Network } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { encodeCheckpoint, type CheckpointMetrics } from './checkpoint.ts';
import { Checkpoints, type CheckpointStore } from './checkpoints.ts';

const net = new Network({ inputs: 784, hidden: [4], activation: 'relu', classes: 10 }, defaultOptimizer, 3);
const metrics: CheckpointMetrics = {
  config: { activation: 'relu', hidden: [4], optimizer: 'adam', learningRate: 1e-3, batchSize: 32, seed: 3 },
  samplesSeen: 64, epoch: 0, testAccuracy: 0.5, loss: 1.5,
  converged: false, history: [], savedAt: 42,
};

/** A Map-backed store that logs operations and can be made to fail. */
function memoryStore(fail?: (op: string) => Error | null) {
  const log: string[] = [];
  let value: unknown;
  const store: CheckpointStore & { log: string[]; value: () => unknown; put: (v: unknown) => void } = {
    log,
    value: () => value,
    put: (v) => (value = v),
    async get() {
      const e = fail?.('get');
      if (e) throw e;
      return value;
    },
    async set(bytes) {
      await Promise.resolve();
      const e = fail?.('set');
      if (e) throw e;
      log.push(`set ${bytes.length}`);
      value = bytes;
    },
    async del() {
      log.push('del');
      value = undefined;
    },
  };
  return store;
}

describe('Checkpoints', () => {
  it('saves, restores and reports what it did', async () => {
    const store = memoryStore();
    const changes: string[] = [];
    const cp = new Checkpoints(store, () => changes.push(cp.status.reason ?? '-'), () => 1000);
    const bytes = encodeCheckpoint(net, metrics);
    await cp.save(bytes, 'pause', 64, 0.5);
    expect(cp.status).toMatchObject({ savedAt: 1000, bytes: bytes.length, reason: 'pause', samplesSeen: 64, error: null });
    const again = new Checkpoints(store, undefined, () => 2000);
    const restored = await again.restore();
    expect(restored?.metrics).toEqual(metrics);
    expect(again.status).toMatchObject({ savedAt: 42, reason: 'restored', restoredAt: 2000, testAccuracy: 0.5, notice: null });
    expect(changes).toEqual(['pause']);
  });

  it('returns null when nothing is saved', async () => {
    const cp = new Checkpoints(memoryStore());
    expect(await cp.restore()).toBeNull();
    expect(cp.status.notice).toBeNull();
  });

  it('discards garbage with a notice, and deletes it', async () => {
    for (const garbage of ['hello', Uint8Array.from([1, 2, 3]), encodeCheckpoint(net, metrics).slice(0, 5000)]) {
      const store = memoryStore();
      store.put(garbage);
      const cp = new Checkpoints(store);
      expect(await cp.restore()).toBeNull();
      expect(cp.status.notice).toMatch(/^Saved model was corrupt and was discarded: .+\. Training a fresh one\.$/);
      expect(store.value()).toBeUndefined();
      expect(store.log).toEqual(['del']);
    }
  });

  it('reports a quota error instead of swallowing it', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const cp = new Checkpoints(memoryStore((op) => (op === 'set' ? quota : null)));
    await cp.save(encodeCheckpoint(net, metrics), 'interval', 64, 0.5);
    expect(cp.status.error).toMatch(/storage quota is full \(QuotaExceededError\)/);
    expect(cp.status.savedAt).toBeNull();
  });

  it('reports a failing read without throwing', async () => {
    const cp = new Checkpoints(memoryStore((op) => (op === 'get' ? new Error('IndexedDB is closed') : null)));
    expect(await cp.restore()).toBeNull();
    expect(cp.status.error).toBe('Could not read the saved model: IndexedDB is closed');
  });

  it('runs operations in order; a queued save takes the newest bytes; forget cancels queued saves', async () => {
    const store = memoryStore();
    const cp = new Checkpoints(store);
    void cp.save(new Uint8Array(1), 'interval', 1, null);
    await Promise.resolve(); // the first save has started writing
    void cp.save(new Uint8Array(2), 'interval', 2, null); // queued
    void cp.save(new Uint8Array(3), 'pause', 3, null); // replaces the queued one
    void cp.forget(); // cancels it: never written
    await cp.save(new Uint8Array(4), 'hidden', 4, null); // after the delete
    expect(store.log).toEqual(['set 1', 'del', 'set 4']);
    expect((store.value() as Uint8Array).length).toBe(4);
    expect(cp.status).toMatchObject({ reason: 'hidden', samplesSeen: 4 });

    const store2 = memoryStore();
    const cp2 = new Checkpoints(store2);
    void cp2.save(new Uint8Array(1), 'interval', 1, null);
    await Promise.resolve();
    void cp2.save(new Uint8Array(2), 'interval', 2, null);
    void cp2.save(new Uint8Array(3), 'pause', 3, null); // coalesced with the one before
    await cp2.flush();
    expect(store2.log).toEqual(['set 1', 'set 3']);
    await cp2.forget();
    expect(store2.log).toEqual(['set 1', 'set 3', 'del']);
    expect(store2.value()).toBeUndefined();
  });
});
