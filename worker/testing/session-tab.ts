// A whole Session driven through Comlink over a MessageChannel, as the UI drives the worker:
// real MNIST (a slice), real kernels, an in-memory store and lock. Shared by the session tests.
import * as Comlink from 'comlink';
import { readMnist } from '../../scripts/mnist-node.ts';
import { createApi } from '../api-object.ts';
import type { DigitPadApi, Progress } from '../api.ts';
import { PIXELS, subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { Inference } from '../infer/inference.ts';
import { Session } from '../session.ts';
import { lockHub } from './memory-lock.ts';
import { memoryStore, type MemoryStore } from './memory-store.ts';
import { INDEX_KEY } from '../persist/shelf.ts';
import type { ShelfIndex } from '../persist/shelf-index.ts';

export const mnist = readMnist();
export const data = { train: subset(mnist.train, 0, 8000), test: subset(mnist.test, 0, 1000) };

/** MNIST test images as the canvas would send them: dark ink on white, RGBA. */
export const drawings = Array.from({ length: 8 }, (_, i) => {
  const rgba = new Uint8ClampedArray(PIXELS * 4);
  for (let p = 0; p < PIXELS; p++) {
    const v = 255 - mnist.test.images[(2000 + i) * PIXELS + p];
    rgba.set([v, v, v, 255], p * 4);
  }
  return rgba;
});

export async function until(what: string, ok: () => boolean, timeoutMs = 50_000, state?: () => string): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${state ? `: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open: (() => void)[] = [];
/** Closes what a test opened, after it (call closeTabs in afterEach). */
export const onClose = (close: () => void): void => void open.push(close);
export const closeTabs = (): void => open.splice(0).forEach((close) => close());

/** A session behind Comlink, as the worker's page sees it. */
export function tab(store: MemoryStore, hub = lockHub(), loadData = async () => data, seed = () => 7) {
  const session = new Session({ loadData, loadKernels: () => loadKernels({ memoryMiB: 32 }), store, lock: hub.lock(), seed });
  // The inference worker's side, fed with the session's snapshots as the worker would be.
  const inference = new Inference();
  session.connectInference((snapshot) => inference.apply(snapshot));
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createApi(session), port2);
  const api = Comlink.wrap<DigitPadApi>(port1);
  const reports: Progress[] = [];
  const last = () => reports[reports.length - 1];
  const started = api.start(Comlink.proxy((p: Progress) => void reports.push(p)));
  started.catch(() => {});
  open.push(() => {
    // A test that failed mid-switch leaves a session that refuses a pause: it is closed anyway.
    Promise.resolve().then(() => session.pause()).catch(() => {});
    port1.close();
    port2.close();
  });
  const predictAll = () => drawings.map((d) => inference.predictPixels(d, 28, 28)!.probabilities);
  return { session, api, reports, last, started, predictAll, inference };
}

export const index = (store: MemoryStore) => store.data.get(INDEX_KEY) as ShelfIndex | undefined;

/** The store as it is now, for a reload: the writes still under way do not reach it. */
export function copied(store: MemoryStore): MemoryStore {
  const copy = memoryStore();
  for (const [k, v] of store.data) copy.data.set(k, structuredClone(v));
  return copy;
}

/** From now on a model takes seconds to write, as a convolutional network's test and save do. */
export function slowModelWrites(store: MemoryStore): { writing: () => number; restore: () => void } {
  const write = store.write.bind(store);
  let writing = 0;
  store.write = async (set, del) => {
    if (!set.some(([k]) => k.startsWith('model:'))) return write(set, del);
    writing++;
    await new Promise((r) => setTimeout(r, 3000));
    return write(set, del).finally(() => writing--);
  };
  return { writing: () => writing, restore: () => void (store.write = write) };
}
