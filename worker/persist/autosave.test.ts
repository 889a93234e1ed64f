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

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 2000), test: subset(mnist.test, 0, 200) };

/** A small dense run followed by an autosave on an empty store, trained to the end of its schedule; `clock` moves the time. */
async function finishedRun(samplesTarget: number) {
  const clock = { now: 1_000 };
  const store = memoryStore();
  const shelf = new Shelf(store, undefined, () => clock.now);
  await shelf.open(true);
  const run = new Run(1, { ...defaultConfig(3), hidden: [16] }, data, { samplesTarget });
  const info = shelf.newInfo('default', null, 'Default model');
  const autosave = new Autosave(shelf, () => clock.now, () => clock.now);
  autosave.follow(run, info);
  while (!run.finished) run.work();
  const saved = () => decodeCheckpoint(store.data.get(blobKey(info.id)));
  return { clock, store, shelf, run, info, autosave, saved };
}

describe('Autosave', () => {
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

