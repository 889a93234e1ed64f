// The autosave writes each new test point; one that failed to land is tried again, even when the
// run has finished and no later point will come.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { memoryStore, quotaError } from '../testing/memory-store.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { Autosave, RETRY_MS } from './autosave.ts';
import { decodeCheckpoint } from './checkpoint.ts';
import { blobKey, Shelf } from './shelf.ts';
import { Slot } from '../session/slot.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 2000), test: subset(mnist.test, 0, 200) };

/** A small dense run followed by an autosave on an empty store, trained to the end of its schedule (or not); `clock` moves the time. */
async function finishedRun(samplesTarget: number, untilFinished = true) {
  const clock = { now: 1_000 };
  const store = memoryStore();
  const shelf = new Shelf(store, undefined, () => clock.now);
  await shelf.open(true);
  const run = new Run(1, { ...defaultConfig(3), hidden: [16] }, data, { samplesTarget });
  const info = shelf.newInfo('default', null, 'Dense network');
  // Ticks the autosave asks for later: run by the test when it moves the clock.
  const deferred: { fn: () => void; ms: number }[] = [];
  const autosave = new Autosave(shelf, () => clock.now, () => clock.now, undefined, undefined, (fn, ms) => deferred.push({ fn, ms }));
  autosave.follow(run, info);
  if (untilFinished) while (!run.finished) run.work();
  const saved = () => decodeCheckpoint(store.data.get(blobKey(info.id)));
  return { clock, store, shelf, run, info, autosave, saved, deferred };
}

describe('Autosave', () => {
  it('a run\'s slot competes with its saved tests, as reports show them; tested but not yet saved, it still counts as tested', async () => {
    const { shelf, run, info, autosave } = await finishedRun(3000, false);
    const slot = new Slot(info, { kind: 'run', run }, autosave);
    expect([slot.hasTest, slot.best]).toEqual([false, null]);
    while (run.history.length === 0 || run.evaluating) run.work();
    expect([slot.hasTest, slot.best]).toEqual([true, null]); // not saved: not shown, not compared
    expect(slot.report()).toMatchObject({ best: null, testing: true }); // the row says "testing" until its figure shows
    autosave.tick();
    expect(slot.best).toBeNull(); // the write is on its way
    await shelf.flush();
    expect(slot.best).toBe(run.best);
    expect(slot.report()).toMatchObject({ best: run.best, testing: false });
  });

  it('tries a failed save again: a finished run is saved once the quota has room', async () => {
    // A small run that finishes its schedule after 2,000 samples, never saved so far.
    const { clock, store, shelf, run, info, autosave, saved } = await finishedRun(2000);

    store.fail('write', quotaError());
    expect((await autosave.save('converged')).ok).toBe(false);
    expect(store.data.has(blobKey(info.id))).toBe(false);

    // Too soon: no write. Past the retry gap, the same finished run is written.
    autosave.tick();
    await shelf.flush();
    expect(store.data.has(blobKey(info.id))).toBe(false);
    clock.now += RETRY_MS;
    autosave.tick();
    await shelf.flush();
    expect(saved().metrics.converged).toBe(true);
    expect(saved().metrics.samplesSeen).toBe(run.trainer.samplesSeen);
    expect(autosave.committed).toBe(run.history.length);
  });

  it('saves a finished run\'s last test point, which came within the gap after a write, once the gap is over: no slice comes to tick', async () => {
    const { clock, shelf, run, autosave, saved, deferred } = await finishedRun(3000, false); // tested at 2,000 samples and after
    while (run.history.length === 0) run.work();
    autosave.tick(); // the first test point: written at once
    await shelf.flush();
    const first = saved().metrics.samplesSeen;
    while (!run.finished) run.work();
    autosave.tick(); // the loop's last tick, within the gap: too soon to write…
    await shelf.flush();
    expect(saved().metrics.samplesSeen).toBe(first);
    expect(deferred).toHaveLength(1); // …so a tick is asked for when the gap ends
    clock.now += deferred[0].ms;
    deferred[0].fn();
    await shelf.flush();
    expect(first).toBeLessThan(run.trainer.samplesSeen);
    expect(saved().metrics.samplesSeen).toBe(run.trainer.samplesSeen);
    expect(saved().metrics.converged).toBe(true);
    autosave.tick();
    expect(deferred).toHaveLength(1); // nothing left to save, nothing more asked for
  });

  it('saves no weights in the middle of a fine-tuning phase (it may yet be undone); the phase\'s end is saved', async () => {
    const { clock, shelf, run, autosave, saved } = await finishedRun(1280);
    expect((await autosave.save('converged')).ok).toBe(true);
    const finished = run.trainer.samplesSeen;
    run.tune({ steps: 6, learningRate: 1e-3, average: 1 });
    for (let i = 0; i < 3; i++) run.work();
    run.testNow(); // a pause mid-phase tests the weights as they are…
    while (run.evaluating) run.work();
    expect((await autosave.save('pause')).ok).toBe(true); // …and is not saved
    await shelf.flush();
    expect(saved().metrics.samplesSeen).toBe(finished);
    while (!run.finished) run.work();
    clock.now += RETRY_MS; // past the gap between writes
    autosave.tick();
    await shelf.flush();
    expect(saved().metrics.samplesSeen).toBe(finished + 6 * 64);
  });
});

