import { describe, expect, it } from 'vitest';
import type { RunConfig, ShelfEntry } from '../api.ts';
import { Network } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { Rng } from '../nn/rng.ts';
import { memoryStore, quotaError } from '../testing/memory-store.ts';
import { encodeCheckpoint, type CheckpointMetrics } from './checkpoint.ts';
import { blobKey, INDEX_KEY, LEGACY_KEY, QUARANTINE_KEY, Shelf } from './shelf.ts';
import { bestOfEach, KEEP_RECENT } from './shelf-index.ts';

const config = (hidden: number[], seed = 1): RunConfig => ({ activation: 'relu', hidden, optimizer: 'adam', learningRate: 1e-3, batchSize: 64, seed });

/** A small model with the app's input and output shape, its file and its record. */
function model(hidden: number[], accuracy: number | null, seed = 1) {
  const net = new Network({ inputs: 784, hidden, activation: 'relu', classes: 10 }, defaultOptimizer, seed);
  const rng = new Rng(seed);
  net.trainBatch(Float32Array.from({ length: 2 * 784 }, () => rng.next()), Uint8Array.from([3, 7]), 2);
  const metrics: CheckpointMetrics = {
    config: config(hidden, seed), samplesSeen: 1000 * seed, epoch: 0, testAccuracy: accuracy, best: accuracy, loss: 1,
    converged: false, history: [], savedAt: 5,
  };
  return { net, metrics, bytes: encodeCheckpoint({ net, metrics }) };
}

/** Byte equality; toEqual walks megabytes element by element, slowly. */
const same = (a: unknown, b: Uint8Array) => a instanceof Uint8Array && Buffer.compare(a, b) === 0;

let clock = 1000;
const tick = () => (clock += 1000);

describe('Shelf', () => {
  it("remembers an import's file through later saves and a reload (a second import of it finds the entry)", async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const m = model([16], 0.6, 3);
    const info = { ...shelf.newInfo('import', null, 'From a file'), source: 'abc-def-12' };
    await shelf.save(info, m.bytes, m.metrics, 'import');
    // Later saves know only the entry (a restored one's info has no source).
    await shelf.save({ ...info, source: undefined }, m.bytes, m.metrics, 'evaluation');
    expect(shelf.entry(info.id)?.source).toBe('abc-def-12');
    const again = new Shelf(store, undefined, tick);
    await again.open(true);
    expect(again.entry(info.id)?.source).toBe('abc-def-12');
  });

  it("names the app's own best model apart from a lesson of the same shape that tests better", async () => {
    const shelf = new Shelf(memoryStore(), undefined, tick);
    await shelf.open(true);
    const own = model([256, 128], 0.95, 1), lesson = model([256, 128], 0.97, 2);
    const io = shelf.newInfo('default', null, 'Dense network'), il = shelf.newInfo('lesson', 'dying', 'Lesson: dying ReLU');
    await shelf.save(io, own.bytes, own.metrics, 'evaluation');
    await shelf.save(il, lesson.bytes, lesson.metrics, 'evaluation');
    expect(shelf.status.activeId).toBe(il.id);
    expect(shelf.status.bestIds).toEqual([il.id]); // kept by the retention rule: the best of the default shape
    expect(shelf.status.ownId).toBe(io.id); // where "Back to" goes
    // Runs enough to push it past the recent few: the own model stays, and the way back with it.
    for (let k = 0; k < KEEP_RECENT + 2; k++) {
      const run = model([16], 0.5, 10 + k);
      await shelf.save(shelf.newInfo('custom', null, `run ${k}`), run.bytes, run.metrics, 'evaluation');
    }
    expect(shelf.status.entries.map((e) => e.name)).toEqual(['Dense network', 'Lesson: dying ReLU', 'run 1', 'run 2', 'run 3', 'run 4', 'run 5']);
    expect(shelf.status.ownId).toBe(io.id);
  });

  it('keeps each run under its own entry and restores the answering one', async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const a = model([256, 128], 0.97, 1);
    const b = model([16], 0.6, 2);
    const ia = shelf.newInfo('default', null, 'Dense network');
    const ib = shelf.newInfo('custom', null, 'Custom 784-16-10 relu');
    expect(await shelf.save(ia, a.bytes, a.metrics, 'evaluation')).toEqual({ ok: true });
    expect(await shelf.save(ib, b.bytes, b.metrics, 'evaluation')).toEqual({ ok: true });
    expect(shelf.status.entries.map((e) => [e.name, e.kind, e.model, e.testAccuracy, e.defaultArchitecture])).toEqual([
      ['Dense network', 'default', '784-256-128-10 relu', 0.97, true],
      ['Custom 784-16-10 relu', 'custom', '784-16-10 relu', 0.6, false],
    ]);
    expect(shelf.status.activeId).toBe(ib.id);
    expect(shelf.status.bestIds).toEqual([ia.id]);
    expect(shelf.status.ownId).toBe(ia.id);
    // Saved while paused, the entry says so (the page shows it; it comes back paused).
    expect(shelf.status.entries.map((e) => e.paused)).toEqual([false, false]);
    expect(await shelf.save(ia, a.bytes, { ...a.metrics, paused: true }, 'pause')).toEqual({ ok: true });
    expect(shelf.status.entries.find((e) => e.id === ia.id)?.paused).toBe(true);
    // Saved after more training than its last test (the page hidden between tests): the entry
    // keeps the samples the accuracy was measured at; a record whose last test is another's has none.
    const history = [{ samples: 400, loss: 1, testAccuracy: 0.9 }, { samples: 700, loss: 1, testAccuracy: 0.97 }, { samples: 900, loss: 1, testAccuracy: null }];
    await shelf.save(ia, a.bytes, { ...a.metrics, history }, 'hidden');
    expect(shelf.status.entries.find((e) => e.id === ia.id)).toMatchObject({ testAccuracy: 0.97, testedAt: 700, samplesSeen: 1000 });
    await shelf.save(ia, a.bytes, { ...a.metrics, history: history.slice(0, 1) }, 'hidden');
    expect(shelf.status.entries.find((e) => e.id === ia.id)?.testedAt).toBeUndefined();
    await shelf.setActive(ib.id);

    // A new page: the answering entry comes back, its predictions exactly as saved.
    const again = new Shelf(store, undefined, tick);
    await again.open(true);
    const r = (await again.restore(undefined, true))!;
    expect(r.info).toMatchObject({ id: ib.id, name: 'Custom 784-16-10 relu' });
    const x = Float32Array.from({ length: 784 }, (_, i) => (i % 13) / 13);
    expect(r.cp.model.predict(x).probabilities).toEqual(b.net.predict(x).probabilities);
    expect(again.status.restoredAt).not.toBeNull();

    await again.setActive(ia.id);
    await again.rename(ia.id, 'My best');
    const third = new Shelf(store, undefined, tick);
    await third.open(true);
    expect((await third.restore(undefined, true))!.info).toMatchObject({ id: ia.id, name: 'My best' });
    await third.setActive(ib.id);
    // A shelf saved while the dense network was "Default model" reads with the panel's name.
    store.data.set(INDEX_KEY, { ...(store.data.get(INDEX_KEY) as object), entries: third.status.entries.map((e) => ({ ...e, name: 'Default model 2' })) });
    const older = new Shelf(store, undefined, tick);
    await older.open(true);
    expect(older.status.entries.map((e) => [e.kind, e.name]).sort()).toEqual([['custom', 'Default model 2'], ['default', 'Dense network 2']]);
    // Answering for a delete's moment, then deleted: the switch queued behind the delete names no entry that is gone.
    await Promise.all([third.delete(ib.id), third.setActive(ib.id)]);
    expect(store.data.has(blobKey(ib.id))).toBe(false);
    expect(third.status.entries.map((e) => e.id)).toEqual([ia.id]);
    expect(third.status.activeId).not.toBe(ib.id);
  });

  it('keeps a pair with a member yet to be saved: the saved one comes back, the other as missing', async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const dense = model([256, 128], 0.97, 1), cnn = model([16], 0.99, 2);
    const id = shelf.newInfo('default', null, 'Dense network'), ic = shelf.newInfo('default', null, 'Convolutional network');
    const unsaved = shelf.newInfo('default', null, 'Dense network');
    await shelf.save(id, dense.bytes, dense.metrics, 'evaluation', { answering: false, pair: { main: id.id, companion: ic.id } });
    await shelf.save(ic, cnn.bytes, cnn.metrics, 'evaluation', { answering: true, pair: { main: id.id, companion: ic.id } });
    // The dense network is deleted and a fresh one, not saved yet, takes its place in the pair. A
    // save of the CNN asked for meanwhile, queued behind the delete, names the pair as it is when
    // it is written, not the deleted member.
    let pair = { main: id.id, companion: ic.id };
    const deleted = shelf.delete(id.id, { main: unsaved.id, companion: ic.id });
    const saved = shelf.save(ic, cnn.bytes, cnn.metrics, 'evaluation', () => ({ answering: true, pair }));
    pair = { main: unsaved.id, companion: ic.id };
    await Promise.all([deleted, saved]);
    expect((store.data.get(INDEX_KEY) as { pair: unknown }).pair).toEqual({ main: unsaved.id, companion: ic.id });
    const again = new Shelf(store, undefined, tick);
    await again.open(true);
    const back = await again.restorePair(undefined, true);
    expect(back.main).toBeNull();
    expect(back.companion?.info.id).toBe(ic.id);
    expect(again.status.notice).toBeNull(); // nothing set aside: a member not saved yet is no fault
    // Deleting the one saved member leaves no pair.
    await again.delete(ic.id);
    const third = new Shelf(store, undefined, tick);
    await third.open(true);
    expect(await third.restorePair(undefined, true)).toEqual({ main: null, companion: null });
    expect((store.data.get(INDEX_KEY) as { pair: unknown }).pair).toBeNull();
  });

  it(`stays bounded: the answering model, the best default one and the ${KEEP_RECENT} most recent others`, async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const best = model([256, 128], 0.99, 1);
    const bestInfo = shelf.newInfo('default', null, 'Best');
    await shelf.save(bestInfo, best.bytes, best.metrics, 'evaluation');
    const infos = [];
    for (let i = 0; i < 8; i++) {
      const m = model([8 + i], 0.5, 10 + i);
      const info = shelf.newInfo('custom', null, `run ${i}`);
      infos.push(info);
      await shelf.save(info, m.bytes, m.metrics, 'evaluation');
    }
    const kept = shelf.status.entries.map((e) => e.name).sort();
    expect(kept).toEqual(['Best', 'run 3', 'run 4', 'run 5', 'run 6', 'run 7']);
    // Dropped entries' files are gone with them, in the same write.
    expect([...store.data.keys()].filter((k) => k.startsWith('model:')).length).toBe(6);
    expect(store.data.has(blobKey(infos[0].id))).toBe(false);
  });

  it('a full quota leaves everything as it was and says what to delete', async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const old = model([8], 0.5, 3);
    const oldInfo = shelf.newInfo('custom', null, 'Old experiment');
    await shelf.save(oldInfo, old.bytes, old.metrics, 'evaluation');
    const cur = model([9], 0.6, 4);
    const curInfo = shelf.newInfo('custom', null, 'Current');
    await shelf.save(curInfo, cur.bytes, cur.metrics, 'evaluation');
    const before = new Map(store.data);
    store.fail('write', quotaError());
    const next = model([9], 0.7, 4);
    const result = await shelf.save(curInfo, next.bytes, next.metrics, 'evaluation');
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('QuotaExceededError');
    expect(message).toContain('the oldest is "Old experiment"');
    expect(shelf.status.error?.kind).toBe('storage');
    expect(store.data).toEqual(before);
    // The next write that works clears the error.
    expect(await shelf.save(curInfo, next.bytes, next.metrics, 'evaluation')).toEqual({ ok: true });
    expect(shelf.status.error).toBeNull();
  });

  it('sets a record that fails its checks aside, exportable, and falls back to the best default model', async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const good = model([256, 128], 0.98, 1);
    const goodInfo = shelf.newInfo('default', null, 'Dense network');
    await shelf.save(goodInfo, good.bytes, good.metrics, 'evaluation');
    const other = model([12], 0.9, 2);
    const otherInfo = shelf.newInfo('custom', null, 'Custom');
    await shelf.save(otherInfo, other.bytes, other.metrics, 'evaluation');
    const broken = other.bytes.slice();
    broken[100] ^= 0xff;
    store.data.set(blobKey(otherInfo.id), broken);

    const again = new Shelf(store, undefined, tick);
    await again.open(true);
    const r = await again.restore(undefined, true);
    expect(r?.info.id).toBe(goodInfo.id);
    expect(again.status.notice).toMatch(/^The saved model "Custom" could not be loaded \(checksum mismatch .*\)\. It was set aside/);
    expect(again.status.quarantine).toMatchObject({ name: 'Custom', bytes: broken.length });
    expect(again.status.entries.map((e) => e.id)).toEqual([goodInfo.id]);
    expect(again.status.activeId).toBe(goodInfo.id);
    expect(await again.exportQuarantine()).toEqual(broken);
    await again.discardQuarantine();
    expect(store.data.has(QUARANTINE_KEY)).toBe(false);
    expect(again.status.quarantine).toBeNull();
  });

  it('keeps a record from a newer DigitPad in place, marked, with a notice', async () => {
    const store = memoryStore();
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    const m = model([256, 128], 0.98, 1);
    const info = shelf.newInfo('default', null, 'Dense network');
    await shelf.save(info, m.bytes, m.metrics, 'evaluation');
    const newer = m.bytes.slice();
    new DataView(newer.buffer).setUint32(4, 99, true);
    store.data.set(blobKey(info.id), newer);

    const again = new Shelf(store, undefined, tick);
    await again.open(true);
    expect(await again.restore(undefined, true)).toBeNull();
    expect(again.status.notice).toBe('"Dense network" was saved by a newer version of DigitPad and is kept as it is; this version cannot use it.');
    expect(same(store.data.get(blobKey(info.id)), newer)).toBe(true);
    expect(again.status.entries[0].unreadable).toMatch(/newer DigitPad \(format 99/);
    expect(store.data.has(QUARANTINE_KEY)).toBe(false);
  });

  it('moves the single saved model of earlier versions onto the shelf; a reader never writes', async () => {
    const m = model([256, 128], 0.97, 1);
    const store = memoryStore({ [LEGACY_KEY]: m.bytes });
    const reader = new Shelf(store, undefined, tick);
    await reader.open(false);
    expect(store.writes).toBe(0);
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    expect(store.data.has(LEGACY_KEY)).toBe(false);
    expect(shelf.status.entries).toHaveLength(1);
    expect(shelf.status.entries[0]).toMatchObject({ name: 'Saved model', testAccuracy: 0.97, defaultArchitecture: true });
    const r = await shelf.restore(undefined, true);
    expect(same(r?.bytes, m.bytes)).toBe(true);
    // An index that is not ours starts afresh with a notice (the files are not trusted blindly).
    store.data.set(INDEX_KEY, { version: 7 });
    const fresh = new Shelf(store, undefined, tick);
    await fresh.open(true);
    expect(fresh.status.entries).toEqual([]);
    expect(fresh.status.notice).toMatch(/unreadable/);
  });

  it('reports a storage that cannot be read instead of throwing', async () => {
    const store = memoryStore();
    store.fail('get', new Error('database is broken'));
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    expect(shelf.status.error).toEqual({ kind: 'storage', message: 'Could not read the saved models: database is broken' });
  });

  it('never saves over a list it could not read: it reads it again first, or refuses', async () => {
    const store = memoryStore();
    const first = new Shelf(store, undefined, tick);
    await first.open(true);
    const a = model([8], 0.9, 1), b = model([8], 0.8, 2), c = model([8], 0.85, 3);
    const ia = first.newInfo('default', null, 'Kept model');
    await first.save(ia, a.bytes, a.metrics, 'evaluation');

    // A tab whose first read failed trains a fresh model; its first save reads the list again and keeps the old entry.
    store.fail('get', new Error('timed out'));
    const shelf = new Shelf(store, undefined, tick);
    await shelf.open(true);
    expect(shelf.status.entries).toEqual([]);
    const ib = shelf.newInfo('default', null, 'Fresh model');
    expect(await shelf.save(ib, b.bytes, b.metrics, 'evaluation')).toEqual({ ok: true });
    expect(shelf.status.error).toBeNull();
    expect(shelf.status.entries.map((e) => e.name).sort()).toEqual(['Fresh model', 'Kept model']);
    expect(same(store.data.get(blobKey(ia.id)), a.bytes)).toBe(true);

    // Still unreadable: the save and a rename are refused, and the stored list is as it was.
    store.fail('get', new Error('timed out'), 3);
    const broken = new Shelf(store, undefined, tick);
    await broken.open(true);
    const before = structuredClone(store.data.get(INDEX_KEY));
    const ic = broken.newInfo('default', null, 'Third model');
    const result = await broken.save(ic, c.bytes, c.metrics, 'evaluation');
    expect(result).toEqual({ ok: false, error: { kind: 'storage', message: 'Could not read the saved models, so nothing is saved over them: timed out' } });
    await expect(broken.rename(ia.id, 'Renamed')).rejects.toMatchObject({ kind: 'storage' });
    expect(store.data.get(INDEX_KEY)).toEqual(before);
    expect(store.data.has(blobKey(ic.id))).toBe(false);
  });
});

describe('bestOfEach', () => {
  const entry = (id: string, model: string, testAccuracy: number | null, defaultArchitecture = true, savedAt = 1): ShelfEntry => ({
    id, name: id, kind: 'default', lesson: null, model, defaultArchitecture, testAccuracy, samplesSeen: 0, converged: false, createdAt: 0, savedAt, bytes: 0,
  });
  it('names the best-testing entry of each default architecture, as the retention rule keeps them (the newer on a tie)', () => {
    const dense = '784-256-128-11 relu', cnn = '784-conv5x5x16same-pool-conv5x5x32same-pool-128-11 relu';
    const entries = [
      entry('d1', dense, 0.97), entry('d2', dense, 0.98), entry('c1', cnn, 0.99), entry('c2', cnn, 0.99, true, 2),
      entry('x', '784-16-10 relu', 0.999, false), entry('u', cnn, null),
    ];
    expect(bestOfEach(entries).sort()).toEqual(['c2', 'd2']);
    expect(bestOfEach([])).toEqual([]);
  });
});
