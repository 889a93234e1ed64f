// A whole Session driven through Comlink over a MessageChannel, as the UI drives the worker:
// real MNIST (a slice), real kernels, an in-memory store and lock — and the faults they can have.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { readMnist } from '../scripts/mnist-node.ts';
import { createApi } from './api-object.ts';
import type { DigitPadApi, Progress } from './api.ts';
import { PIXELS, subset } from './data/mnist.ts';
import { loadKernels } from './nn/backend.ts';
import { Inference } from './infer/inference.ts';
import { Session } from './session.ts';
import { CNN_AFTER } from './session/pair.ts';
import { GIVE_WAY_MAX_MS, GIVE_WAY_REST_MS } from './session/give-way.ts';
import { lockHub } from './testing/memory-lock.ts';
import { memoryStore, quotaError, type MemoryStore } from './testing/memory-store.ts';
import { blobKey, INDEX_KEY } from './persist/shelf.ts';
import type { ShelfIndex } from './persist/shelf-index.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 8000), test: subset(mnist.test, 0, 1000) };

/** MNIST test images as the canvas would send them: dark ink on white, RGBA. */
const drawings = Array.from({ length: 8 }, (_, i) => {
  const rgba = new Uint8ClampedArray(PIXELS * 4);
  for (let p = 0; p < PIXELS; p++) {
    const v = 255 - mnist.test.images[(2000 + i) * PIXELS + p];
    rgba.set([v, v, v, 255], p * 4);
  }
  return rgba;
});

async function until(what: string, ok: () => boolean, timeoutMs = 50_000, state?: () => string): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}${state ? `: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open: (() => void)[] = [];
afterEach(() => open.splice(0).forEach((close) => close()));

/** A session behind Comlink, as the worker's page sees it. */
function tab(store: MemoryStore, hub = lockHub(), loadData = async () => data) {
  const session = new Session({ loadData, loadKernels: () => loadKernels({ memoryMiB: 32 }), store, lock: hub.lock(), seed: () => 7 });
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

const index = (store: MemoryStore) => store.data.get(INDEX_KEY) as ShelfIndex | undefined;

/** The store as it is now, for a reload: the writes still under way do not reach it. */
function copied(store: MemoryStore): MemoryStore {
  const copy = memoryStore();
  for (const [k, v] of store.data) copy.data.set(k, structuredClone(v));
  return copy;
}

/** From now on a model takes seconds to write, as a convolutional network's test and save do. */
function slowModelWrites(store: MemoryStore): { writing: () => number; restore: () => void } {
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

describe('Session', () => {
  it('shows a test result only once it is saved, and a reload brings back exactly that model', async () => {
    const store = memoryStore();
    const saved: (number | null)[] = [];
    const write = store.write.bind(store);
    store.write = async (set, del) => {
      await write(set, del);
      const i = index(store);
      saved.push(i?.entries.find((e) => e.id === i.active)?.testAccuracy ?? null);
    };
    // Checked in the session's own callback: exact, no message delay in between.
    const shownUnsaved: number[] = [];
    const session = new Session({ loadData: async () => data, loadKernels: () => loadKernels({ memoryMiB: 32 }), store, lock: lockHub().lock(), seed: () => 7 });
    let latest: Progress | null = null;
    void session.start((p) => {
      latest = p;
      if (p.testAccuracy !== null && !saved.includes(p.testAccuracy)) shownUnsaved.push(p.testAccuracy);
      // The best test so far (the pair rows show it) is one of those saved, too.
      if (p.best !== null && !saved.includes(p.best)) shownUnsaved.push(p.best);
    });
    await until('three test results', () => saved.length >= 3 && (latest?.testAccuracy ?? 0) > 0.8, 60_000, () =>
      JSON.stringify({ saved, state: latest?.state, acc: latest?.testAccuracy, samples: latest?.samplesSeen, storage: latest?.storage.error }));
    expect(shownUnsaved).toEqual([]);

    // Pause tests the weights as they are and saves them: the bars must answer the same after a reload.
    // The first session stands for an earlier page: it stops, the next page restores its model.
    await session.pause();
    const a = tab(store);
    // It was paused when saved, so it comes back paused.
    await until('the restored model, paused', () => a.last()?.role === 'writer' && a.last().state === 'paused' && a.last().runId > 0);
    await a.api.pause();
    const before = a.predictAll();
    const shown = a.last().testAccuracy;
    expect(shown).toBe(index(store)!.entries.find((e) => e.id === index(store)!.active)!.testAccuracy);

    const b = tab(store);
    await until('the restored model', () => b.last()?.testAccuracy != null);
    expect(b.last().testAccuracy).toBe(shown);
    const after = b.predictAll();
    after.forEach((p, i) => p.forEach((v, d) => expect(Math.abs(v - before[i][d])).toBeLessThan(1e-6)));
  });

  it('a pause or a resume is kept by a reload that comes before its test and save', async () => {
    const store = memoryStore();
    const a = tab(store);
    await until('a saved test result', () => a.last()?.state === 'training' && (index(store)?.entries[0]?.testAccuracy ?? null) !== null);
    // A pause that completes: the model file says paused, and so does the index.
    await a.api.pause();
    expect(index(store)!.paused).toBe(true);
    // From here each reload below comes before the model file lands.
    slowModelWrites(store);
    const answering = () => index(store)!.entries.find((e) => e.id === index(store)!.active)!;
    const reloaded = () => tab(copied(store));
    // Resumed: the index says so at once, while the model file still says paused.
    await a.api.resume();
    await until('the resume recorded', () => index(store)!.paused === false);
    expect(answering().paused).toBe(true);
    const b = reloaded();
    await until('b training', () => b.last()?.role === 'writer' && b.last().runId > 0 && b.last().state === 'training');
    // Paused again: the index says so at once, while the model file says training…
    void a.api.pause();
    await until('the pause recorded', () => index(store)!.paused === true);
    expect(answering().paused).toBe(false);
    // …and a reload comes back paused, without a step of training.
    const c = reloaded();
    await until('c restored', () => c.last()?.role === 'writer' && c.last().runId > 0);
    expect(c.reports.filter((p) => p.runId > 0).map((p) => p.state)).not.toContain('training');
    expect(c.last().state).toBe('paused');
    // Its Saved models entry says so too, though the file it was restored from says training.
    const shown = (p: Progress) => p.storage.entries.find((e) => e.id === p.storage.activeId);
    await until('c shows its entry paused', () => shown(c.last())?.paused === true, 20_000, () => `${JSON.stringify(shown(c.last()))}`);
  });

  it('a lesson or a reset adds an entry; the answering and the best default model stay', async () => {
    const store = memoryStore();
    const a = tab(store);
    await until('a saved default model', () => (index(store)?.entries.length ?? 0) === 1 && a.last()?.testAccuracy != null);
    const first = index(store)!.entries[0];
    expect(first).toMatchObject({ kind: 'default', name: 'Default model', defaultArchitecture: true });
    await a.api.configure(await a.api.lesson('vanishing'));
    await until('the lesson saved', () => (index(store)?.entries.length ?? 0) === 2);
    await a.api.reset(); // a new seed, same settings: another run of the lesson
    await until('the reset run saved', () => (index(store)?.entries.length ?? 0) === 3);
    await a.api.configure(await a.api.lesson('healthy'));
    await until('the default run saved', () => (index(store)?.entries.length ?? 0) === 4);
    const i = index(store)!;
    expect(i.entries.map((e) => e.name)).toEqual(['Default model', 'Lesson: vanishing gradients', 'Lesson: vanishing gradients 2', 'Default model 2']);
    expect(new Set(i.entries.map((e) => e.id)).size).toBe(4);
    expect(i.active).toBe(i.entries[3].id);
    expect(store.data.has(blobKey(first.id))).toBe(true);
    // Switching back: the first model answers (and trains on) again.
    await a.api.pause();
    await a.api.useModel(first.id);
    expect(index(store)!.active).toBe(first.id);
    await until('the switch reported', () => a.last().storage.activeId === first.id && a.last().samplesSeen === index(store)!.entries[0].samplesSeen);

    // A file imported while it trains: the model it replaces is saved first, its training since the last save with it.
    const file = await a.api.exportModel(i.entries[1].id);
    const savedBefore = index(store)!.entries[0].samplesSeen;
    await a.api.resume();
    await until('more training', () => a.last().samplesSeen > savedBefore + 3000);
    // The run's own count: reports may lag it.
    const trained = (a.session as unknown as { main: { run: { trainer: { samplesSeen: number } } } }).main.run.trainer.samplesSeen;
    await a.api.importModel(file, 'From a file');
    const kept = index(store)!.entries.find((e) => e.id === first.id)!;
    expect(kept.samplesSeen).toBeGreaterThanOrEqual(trained);
    expect(index(store)!.entries.find((e) => e.id === index(store)!.active)!.name).toBe('From a file');
  });

  it('after a reset no saved model is shown answering until the new run is saved; the stored index keeps its own', async () => {
    const store = memoryStore();
    const a = tab(store);
    await until('a saved default model', () => (index(store)?.entries.length ?? 0) === 1 && a.last()?.storage.activeId != null);
    const first = index(store)!.entries[0].id;
    await a.api.pause();
    await a.api.reset(); // paused: the new run answers untested and is not saved
    await until('the reset reported', () => a.last().storage.activeId === null, 20_000, () => `activeId ${a.last().storage.activeId}`);
    expect(index(store)!.active).toBe(first); // a reload now brings the saved model back
    expect(a.last().storage.entries.map((e) => e.id)).toEqual([first]);
    await a.api.resume();
    await until('the new run saved and shown answering', () => (index(store)?.entries.length ?? 0) === 2 && a.last().storage.activeId === index(store)!.entries[1].id);
    expect(index(store)!.active).toBe(index(store)!.entries[1].id);
  });

  it('a diverging learning rate is rolled back to the last good model, in words, and never saved', async () => {
    const store = memoryStore();
    const a = tab(store);
    await until('a model above 85 %', () => (a.last()?.testAccuracy ?? 0) > 0.85);
    const good = a.last().testAccuracy!;
    await a.api.setLearningRate(1);
    await until('the guard', () => a.last()?.guard != null, 120_000);
    // The first report that says so: at 0.25 Adam can diverge again before this poll runs, and
    // the next message (0.25 → 0.063) replaces it (a clean-clone run failed so).
    expect(a.reports.find((r) => r.guard != null)!.guard).toMatch(/^Training diverged at learning rate 1 \((test accuracy fell from [\d.]+% to [\d.]+%|the weights became infinite or NaN|the training loss became infinite)\): DigitPad went back to the last good model \([\d.]+%\) and lowered the rate to 0\.25\.$/);
    expect(a.last().learningRate).toBeLessThanOrEqual(0.25);
    // The confusion the page shows is the last one sent: the kept model's, not the wreck's.
    const shown = a.reports.slice(0, a.reports.findIndex((r) => r.guard != null) + 1).findLast((r) => r.evaluation)!.evaluation!;
    const right = shown.confusion.reduce((n, row, t) => n + row[t], 0) / shown.confusion.flat().reduce((n, c) => n + c, 0);
    expect(right).toBeGreaterThan(good - 0.2);
    // Every saved version of the model is within reach of the good one: the wreck was never written.
    await a.api.pause();
    const savedAccuracy = index(store)!.entries[0].testAccuracy!;
    expect(savedAccuracy).toBeGreaterThan(good - 0.2);
  });

  it('a second tab answers from the saved model, takes over on request, and neither loses the other\'s work', async () => {
    const store = memoryStore();
    const hub = lockHub();
    const a = tab(store, hub);
    await until('a saved model', () => a.last()?.testAccuracy != null && (index(store)?.entries.length ?? 0) === 1);
    const b = tab(store, hub);
    await until('the reader', () => b.last()?.role === 'reader' && b.last().testAccuracy != null);
    // Its chart and confusion matrix are the saved model's, sent whole.
    const read = b.reports.find((r) => r.role === 'reader' && r.testAccuracy != null)!;
    expect(read.history.at(-1)?.testAccuracy).toBe(read.testAccuracy);
    expect(read.evaluation?.confusion.flat().reduce((n, c) => n + c, 0)).toBeGreaterThan(0);
    expect(read.whole).toBe(true);
    // Its misreads' images: a reading tab loads the test set when first asked (it trains nothing).
    const misread = read.evaluation!.misreads[0].index;
    expect(await b.api.testImages([misread])).toEqual(data.test.images.slice(misread * 784, (misread + 1) * 784));
    expect(b.inference.predictPixels(drawings[0], 28, 28)).not.toBeNull();
    await expect(b.api.reset()).rejects.toMatchObject({ name: 'BusyError' });
    const writesBefore = store.writes;
    await b.api.takeOver();
    await until('roles swapped', () => a.last().role === 'reader' && b.last().role === 'writer');
    // b carries on from what a saved at the handover: nothing a trained is lost.
    const handedOver = index(store)!.entries[0].samplesSeen;
    expect(store.writes).toBeGreaterThan(writesBefore);
    await until('b training on', () => b.last().state === 'training' && b.last().samplesSeen >= handedOver);
    expect(index(store)!.entries).toHaveLength(1);
    // The reading tab says whether the other one trains or was left paused (it said "Training"
    // throughout), as soon as the pause is stored: not once the pause's save of the model lands,
    // seconds later for a convolutional network.
    expect(a.last().writerPaused).toBe(false);
    const slow = slowModelWrites(store);
    let saved = false;
    const pausing = b.api.pause().then(() => (saved = true));
    await until('the reader sees the pause', () => a.last().writerPaused);
    expect(saved).toBe(false);
    slow.restore();
    await pausing;
    b.api.resume();
    await until('the reader sees training resumed', () => !a.last().writerPaused);
    expect(b.last().writerPaused).toBe(false); // the writer's own pause is its state
  });

  it('survives a full disk, a broken database, a corrupt record, a crafted file and bad input', async () => {
    // Full quota: the error says what to do; training and the shown accuracy carry on.
    const full = memoryStore();
    full.fail('write', quotaError(), 1000);
    const a = tab(full);
    await until('the quota error', () => a.last()?.storage.error?.kind === 'storage');
    expect(a.last().storage.error!.message).toMatch(/QuotaExceededError\)\. To make room, free space in the browser/);
    await until('accuracy shown anyway', () => a.last().testAccuracy != null);

    // A database that cannot be read: a fresh start with the error shown, and nothing saved over it.
    const broken = memoryStore();
    broken.fail('get', new Error('IndexedDB is broken'), 1000);
    const b = tab(broken);
    await until('training', () => b.last()?.state === 'training');
    expect(b.last().storage.error?.message).toMatch(/^Could not read the saved models/);
    await until('a save refused', () => /so nothing is saved over them/.test(b.last()?.storage.error?.message ?? ''));
    expect(broken.writes).toBe(0);

    // Read once it works again (a slow start timed out): the saved model answers, not a fresh one.
    const slow = memoryStore();
    const s1 = tab(slow);
    await until('a saved model', () => s1.last()?.testAccuracy != null && (index(slow)?.entries.length ?? 0) === 1);
    await s1.api.pause();
    const savedId = index(slow)!.active;
    slow.fail('get', new Error('timed out'), 2); // the shelf's list, then your digits
    const s2 = tab(slow);
    await until('the saved model back', () => s2.last()?.storage.activeId === savedId && s2.last().testAccuracy != null);
    expect(s2.last().storage.error).toBeNull();
    expect(index(slow)!.entries).toHaveLength(1);

    // A corrupt record is set aside and a fresh model trains.
    const store = memoryStore();
    const c = tab(store);
    await until('a saved model', () => (index(store)?.entries.length ?? 0) === 1 && c.last()?.testAccuracy != null);
    await c.api.pause();
    const id = index(store)!.active!;
    const bytes = (store.data.get(blobKey(id)) as Uint8Array).slice();
    bytes[bytes.length >> 1] ^= 0x55;
    store.data.set(blobKey(id), bytes);
    const d = tab(store);
    await until('the notice', () => d.last()?.storage.notice != null && d.last().state === 'training');
    expect(d.last().storage.notice).toMatch(/could not be loaded \(checksum mismatch/);
    expect(d.last().storage.quarantine?.bytes).toBe(bytes.length);

    // A crafted file is refused with its kind; the model stays.
    const samples = d.last().samplesSeen;
    const crafted = (await d.api.exportModel()).slice();
    crafted[5] = 0xff; // version 65281+: not ours
    await expect(d.api.importModel(crafted)).rejects.toMatchObject({ name: 'ModelFileError' });
    expect(d.last().samplesSeen).toBeGreaterThanOrEqual(samples);
    expect(() => d.inference.predictPixels(new Uint8ClampedArray(10), 28, 28)).toThrow(expect.objectContaining({ name: 'InputError' }));

    // MNIST that cannot be loaded: state 'error' with kind 'data', and start() rejects with it.
    const e = tab(memoryStore(), lockHub(), async () => {
      throw new Error('Could not load MNIST train-images (network error)');
    });
    await expect(e.started).rejects.toMatchObject({ name: 'DataError' });
    await until('the error reported', () => e.last()?.state === 'error');
    expect(e.last().error).toEqual({ kind: 'data', message: 'Could not load MNIST train-images (network error)' });
  });
});

describe('giving way to a person drawing', () => {
  it('trains nothing while told the person draws, for at most GIVE_WAY_MAX_MS, and trains flat out after', async () => {
    const rests: number[] = [];
    let yields = 0;
    const session = new Session({
      loadData: async () => data,
      loadKernels: () => loadKernels({ memoryMiB: 32 }),
      store: memoryStore(),
      lock: lockHub().lock(),
      seed: () => 7,
      rest: (ms) => (rests.push(ms), new Promise((r) => setTimeout(r, ms))),
      yieldToMessages: () => (yields++, new Promise((r) => setTimeout(r, 0))),
    });
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createApi(session), port2);
    const api = Comlink.wrap<DigitPadApi>(port1);
    open.push(() => (void session.pause(), port1.close(), port2.close()));
    let last: Progress | null = null;
    void api.start(Comlink.proxy((p: Progress) => void (last = p)));
    await until('training', () => last?.state === 'training' && yields > 5);
    expect(rests).toEqual([]);

    // Drawing: the loop only rests, and no sample is trained on until the person stops.
    await api.giveWay(1_000);
    const y0 = yields;
    await until('ten rests', () => rests.length >= 10);
    const samples = last!.samplesSeen; // the report of the slice that was running when told is in
    await until('ten more rests', () => rests.length >= 20);
    expect(yields - y0).toBeLessThanOrEqual(1); // at most the slice that was running when told
    for (const ms of rests) expect(ms).toBe(GIVE_WAY_REST_MS);
    expect(last!.samplesSeen).toBe(samples);

    // Stopped drawing: no more rests.
    await api.giveWay(0);
    const r0 = rests.length;
    const y1 = yields;
    await until('ten slices after', () => yields >= y1 + 10);
    expect(rests.length - r0).toBeLessThanOrEqual(1);

    // A hint that is never taken back lasts GIVE_WAY_MAX_MS, not what was asked.
    const t0 = performance.now();
    await api.giveWay(600_000);
    const y2 = yields;
    await until('flat out again', () => yields > y2 + 1, 20_000);
    const held = performance.now() - t0;
    expect(held).toBeGreaterThanOrEqual(GIVE_WAY_MAX_MS - 50);
    expect(held).toBeLessThan(GIVE_WAY_MAX_MS * 5); // far below the 600 s asked for, with room for a busy machine

    await expect(api.giveWay(Number.NaN)).rejects.toThrow(/not a duration/);
  });
});

describe('the default pair', () => {
  it('trains the convolutional network once the MLP is a quarter through its schedule, keeps both, and lets the person pin either', async () => {
    const small = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
    const store = memoryStore();
    const a = tab(store, lockHub(), async () => small);
    await until('the companion tested and saved', () => {
      const p = a.last();
      return p?.companion?.testAccuracy != null && index(store)?.pair != null;
    }, 120_000);
    const p = a.last();
    expect(p.model).toBe('784-256-128-11 relu');
    // The MLP gave way a quarter through its 8 epochs (of 4,000 images) and finishes later.
    expect(p.finished).toBe(false);
    expect(p.samplesSeen).toBeGreaterThanOrEqual(CNN_AFTER * 8 * 4000);
    expect(p.samplesSeen).toBeLessThan(8 * 4000);
    expect(p.companion!.model).toBe('784-conv5x5x16same-pool-conv5x5x32same-pool-128-11 relu');
    expect(p.training).toBe('companion');
    expect(p.companionDue).toBe(false);
    expect(a.reports.find((r) => r.companion === null && r.runId > 0)?.companionDue).toBe(true);
    const pair = index(store)!.pair!;
    expect(index(store)!.entries.map((e) => e.id).sort()).toEqual([pair.main, pair.companion].sort());
    expect(index(store)!.entries.find((e) => e.id === pair.companion)!.name).toBe('Convolutional network');

    // Pinned, the CNN answers (whatever it scores); the bars get its weights.
    await a.api.pinModel('companion');
    await until('the CNN answering', () => a.last().answering === 'companion' && a.last().pinned);
    expect(a.inference.predictPixels(drawings[0], 28, 28)).not.toBeNull();
    await a.api.pause();
    const samples = a.last().companion!.samplesSeen;
    const mainSamples = a.last().samplesSeen;

    // A reload brings both back, the pin too, and the MLP where it gave way.
    const b = tab(store, lockHub(), async () => small);
    await until('both restored', () => b.last()?.companion != null && b.last().runId > 0 && b.last().companion!.runId > 0);
    expect(b.last().companion!.samplesSeen).toBe(samples);
    expect(b.last().samplesSeen).toBe(mainSamples);
    expect(b.last().answering).toBe('companion');
    expect(b.last().pinned).toBe(true);
    await b.api.pinModel(null);
    await until('unpinned', () => !b.last().pinned);
    // Unpinned, the one whose best test is higher answers.
    const best = (points: { testAccuracy: number | null }[]) => Math.max(...points.map((h) => h.testAccuracy ?? -1));
    const mainBest = best(b.reports.flatMap((r) => r.history)), cnnBest = best(b.reports.flatMap((r) => r.companion?.history ?? []));
    expect(mainBest).toBeGreaterThan(0);
    expect(cnnBest).toBeGreaterThan(0);
    await until('the better one answering', () => b.last().answering === (cnnBest > mainBest ? 'companion' : 'main'));
  });

  it('deleting the pair\'s dense network keeps the convolutional one training beside a fresh dense network', async () => {
    const small = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
    const store = memoryStore();
    const hub = lockHub();
    const a = tab(store, hub, async () => small);
    await until('the companion saved', () => a.last()?.companion?.testAccuracy != null && index(store)?.pair != null, 120_000);
    const { main, companion } = index(store)!.pair!;
    // Paused, the writer saves nothing more that would tell a second tab to read the shelf again.
    await a.api.pause();
    const cnnRun = a.last().companion!.runId, cnnSamples = a.last().companion!.samplesSeen;
    const reader = tab(store, hub, async () => small);
    await until('a reading tab with the pair', () => reader.last()?.role === 'reader' && reader.last().companion != null && reader.last().storage.entries.some((e) => e.id === main));
    await a.api.deleteModel(main);
    // The delete tells the reading tab: it answers with the CNN, not with the deleted network.
    await until('the reading tab without the deleted one', () => !reader.last().storage.entries.some((e) => e.id === main) && reader.last().answering === 'companion', 10_000,
      () => JSON.stringify({ entries: reader.last().storage.entries.map((e) => e.id), answering: reader.last().answering }));
    await until('a fresh dense network beside the same CNN', () => {
      const p = a.last();
      return p.companion?.runId === cnnRun && p.model === '784-256-128-11 relu' && p.samplesSeen < cnnSamples && p.runId > cnnRun;
    }, 30_000, () => JSON.stringify({ model: a.last().model, runId: a.last().runId, companion: a.last().companion?.runId }));
    expect(a.last().companion!.samplesSeen).toBeGreaterThanOrEqual(cnnSamples);
    // The fresh one has random weights: the CNN answers, and the fresh one cannot be pinned before its first test.
    expect(a.last().answering).toBe('companion');
    await expect(a.api.pinModel('main')).rejects.toMatchObject({ name: 'BusyError' });
    expect(index(store)!.active).toBe(companion);
    expect(index(store)!.entries.map((e) => e.id)).toContain(companion);
    expect(index(store)!.entries.map((e) => e.id)).not.toContain(main);
    // The stored pair names the fresh one from the delete on, before its first save (which waits
    // for the CNN's schedule)…
    const fresh = index(store)!.pair!.main;
    expect(index(store)!.pair).toEqual({ main: fresh, companion });
    expect(fresh).not.toBe(main);
    const cnnPaused = a.last().companion!.samplesSeen;
    // …so a reload then still brings back a pair: the CNN where it was, a fresh dense network beside it.
    const b = tab(store, lockHub(), async () => small);
    await until('the pair back', () => b.last()?.companion != null && b.last().runId > 0 && b.last().companion!.runId > 0, 60_000,
      () => JSON.stringify({ model: b.last()?.model, runId: b.last()?.runId, companion: b.last()?.companion?.model }));
    expect(b.last().companion!.model).toBe(a.last().companion!.model);
    expect(b.last().companion!.samplesSeen).toBe(cnnPaused);
    expect(b.last().model).toBe('784-256-128-11 relu');
    expect(b.last().samplesSeen).toBe(0);
    expect(b.last().state).toBe('paused');
    expect(index(store)!.pair?.companion).toBe(companion);
  }, 240_000);

  it('going back to the convolutional network after a lesson brings the pair back as it was, and so does "Use" on its dense network', async () => {
    const small = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
    const store = memoryStore();
    const a = tab(store, lockHub(), async () => small);
    await until('the companion saved', () => a.last()?.companion?.testAccuracy != null && index(store)?.pair != null, 120_000);
    const { main: dense, companion } = index(store)!.pair!;
    const cnnModel = a.last().companion!.model, denseSamples = a.last().samplesSeen;
    expect(denseSamples).toBeGreaterThan(0);
    const lesson = await a.api.lesson('vanishing');
    await a.api.configure(lesson);
    await until('the lesson alone', () => a.last().companion === null && a.last().model.includes('sigmoid'));
    // The choice is stored before the held lesson's test and save (seconds for a convolutional
    // network): a reload meanwhile comes back with the pair, not with the lesson.
    const slow = slowModelWrites(store);
    const switched = a.api.useModel(companion);
    await until('the lesson being saved', () => slow.writing() > 0);
    expect(index(store)!.active).toBe(companion);
    const early = tab(copied(store), lockHub(), async () => small);
    await until('the reload with the pair', () => early.last()?.companion?.model === cnnModel && early.last().model === '784-256-128-11 relu' && early.last().runId > 0, 60_000,
      () => JSON.stringify({ model: early.last()?.model, companion: early.last()?.companion?.model }));
    expect(early.last().answering).toBe('companion');
    await early.api.pause();
    await switched;
    slow.restore();
    // The trained dense network comes back beside it, not a fresh one that starts from nothing.
    await until('the pair back', () => a.last().companion?.model === cnnModel && a.last().model === '784-256-128-11 relu' && a.last().runId > 0, 30_000,
      () => JSON.stringify({ model: a.last().model, companion: a.last().companion?.model }));
    expect(a.last().answering).toBe('companion');
    expect(a.last().samplesSeen).toBeGreaterThanOrEqual(denseSamples);
    expect(index(store)).toMatchObject({ active: companion, pair: { main: dense, companion } });
    // A reload brings the same pair back.
    await a.api.pause();
    const densePaused = a.last().samplesSeen;
    const b = tab(store, lockHub(), async () => small);
    await until('the pair restored', () => b.last()?.companion?.model === cnnModel && b.last().model === '784-256-128-11 relu' && b.last().runId > 0, 60_000);
    expect(b.last().answering).toBe('companion');
    expect(b.last().samplesSeen).toBe(densePaused);
    // Another lesson, then "Use" on the dense network: it answers (pinned when the convolutional
    // network tests better: the person chose it), with the trained convolutional network beside it.
    const cnnSamples = b.last().companion!.samplesSeen;
    await b.api.configure(lesson);
    await until('the second lesson alone', () => b.last().companion === null && b.last().model.includes('sigmoid'));
    const from = b.reports.length;
    await b.api.useModel(dense);
    await until('the first dense network with the same CNN', () => b.last().answering === 'main' && b.last().companion?.model === cnnModel && b.last().runId > 0, 30_000,
      () => JSON.stringify({ answering: b.last().answering, companion: b.last().companion?.model }));
    expect(b.last().companion!.samplesSeen).toBeGreaterThanOrEqual(cnnSamples);
    // Meanwhile the page heard 'switching' (Pause and Resume wait), never a paused tab training.
    const states = b.reports.slice(from).map((p) => p.state);
    expect(states).toContain('switching');
    expect(states).not.toContain('training');
    expect(b.last().state).toBe('paused');
    const cnnBetter = b.last().companion!.best! > b.last().best!;
    console.log(`"Use" on the dense network (best ${b.last().best}) beside the CNN (best ${b.last().companion!.best}): pinned ${cnnBetter}`);
    expect(b.last().pinned).toBe(cnnBetter);
    expect(index(store)).toMatchObject({ active: dense, pair: { main: dense, companion }, pinned: cnnBetter ? dense : null });
    // Deleting a lesson that answers alone hands the pad back to the person's own best model (what
    // "Back to" offered), not to a fresh one that starts from nothing.
    await b.api.configure(lesson);
    b.api.resume();
    const lessonSaved = () => b.last().storage.entries.find((e) => e.id === b.last().storage.activeId && e.kind !== 'default');
    await until('the third lesson saved', () => b.last().companion === null && !!lessonSaved()?.testAccuracy, 60_000);
    const own = b.last().storage.entries.find((e) => e.id === b.last().storage.ownId)!;
    expect([dense, companion]).toContain(own.id);
    const after = await b.api.deleteModel(lessonSaved()!.id);
    expect(after).toEqual({ answering: own.name, fresh: false });
    await until('the pair back after the delete', () => b.last().companion?.model === cnnModel && b.last().model === '784-256-128-11 relu' && b.last().runId > 0, 30_000);
    expect(index(store)!.pair).toEqual({ main: dense, companion });
  }, 300_000);

  it('trains the MLP a quarter through, then the convolutional network to its end, then the rest of the MLP', async () => {
    const tiny = { train: subset(mnist.train, 0, 300), test: subset(mnist.test, 0, 200) };
    const a = tab(memoryStore(), lockHub(), async () => tiny);
    await until('both done', () => a.last()?.state === 'converged', 180_000, () => JSON.stringify({ state: a.last()?.state, training: a.last()?.training }));
    const seen = a.reports.filter((r) => r.runId > 0 && r.training !== null);
    const order = seen.map((r) => r.training).filter((t, i, all) => i === 0 || t !== all[i - 1]);
    expect(order).toEqual(['main', 'companion', 'main']);
    // While the CNN trains the MLP stands still, past a quarter of its 8 epochs and short of the end.
    const held = seen.filter((r) => r.training === 'companion').map((r) => r.samplesSeen);
    expect(new Set(held).size).toBe(1);
    expect(held[0]).toBeGreaterThanOrEqual(CNN_AFTER * 8 * 300);
    expect(held[0]).toBeLessThan(8 * 300);
    // It gave way right after a test, so what it shows (and what a pause would test again) is those weights.
    expect(a.reports.flatMap((r) => r.history).map((h) => h.samples)).toContain(held[0]);
    // The CNN ran its whole schedule (12 epochs) before the MLP went on; both finished.
    const firstBack = seen.findIndex((r, i) => i > 0 && r.training === 'main' && seen[i - 1].training === 'companion');
    expect(seen[firstBack].companion!.finished).toBe(true);
    expect(a.last().finished).toBe(true);
    expect(a.last().companion!.finished).toBe(true);
  });
});
