// Taking a tap back (Ctrl+Z, or the digit pressed again): a mis-tap is unlearnt, every run the
// session holds goes back to its weights; an older digit is only deleted.
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../testing/memory-store.ts';
import { data, drawings, finishedRun, kernels, wall } from '../testing/your-digits-fixture.ts';
import { weightTensors } from '../train/guard.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { verdictOf } from './reading.ts';
import { needsPhase, PHASE, UNDO_SECONDS, UNDO_SHARE, UNDO_WITHIN, YourDigits } from './your-digits.ts';

describe('YourDigits: taking a tap back', () => {
  it('a mis-tap taken back is unlearnt: every run goes back to its weights, and a tested one to its test; an older digit, or one learnt long ago, is only deleted', async () => {
    const main = finishedRun();
    // A schedule long enough that a tenth of it is more than UNDO_WITHIN phases, as in the app.
    const companion = new Run(2, { ...defaultConfig(4), hidden: [24] }, data, { kernels, samplesTarget: 200_000 });
    while (companion.trainer.samplesSeen < 2000) companion.work();
    let now = 0; // the monotonic clock: a take-back's delay since the tap
    const yours = new YourDigits(memoryStore(), { wall, now: () => now });
    await yours.open(true);
    yours.attach(main);
    yours.attach(companion);
    const copy = (r: Run) => weightTensors(r.net, r.model).map((a) => a.slice());
    yours.learn([await yours.add(main.model, drawings[2].input, drawings[2].label)]);
    while (main.tuning) main.work();
    // The companion is just after a test: its weights are the tested ones.
    companion.testNow();
    while (companion.evaluating) companion.work();
    const before = [main, companion].map((r) => ({ weights: copy(r), accuracy: r.testAccuracy, samples: r.trainer.samplesSeen }));
    expect(before.map((b) => b.accuracy)).not.toContain(null);
    const input = drawings[1].input;
    const was = verdictOf(main.model, input).predicted;
    const wrong = (was + 3) % 10; // the person meant another digit and tapped this one
    const tap = await yours.add(main.model, input, wrong);
    expect(yours.learn([tap])).toBe(true);
    while (main.tuning) main.work();
    for (let i = 0; i < PHASE.steps; i++) companion.work();
    expect(verdictOf(main.model, input).predicted).toBe(wrong); // learnt, wrongly
    const tests = main.history.length;
    expect(await yours.delete(tap.id)).toEqual(new Set([main, companion]));
    for (const [i, r] of [main, companion].entries()) {
      expect(copy(r)).toEqual(before[i].weights); // every weight, Adam's state and the average
      expect(r.testAccuracy).toBe(before[i].accuracy);
      expect(r.history.at(-1)?.testAccuracy).toBe(before[i].accuracy); // recorded again, so it is saved
      expect(r.trainer.samplesSeen).toBeGreaterThan(before[i].samples); // the schedule carries on
    }
    expect(main.history.length).toBe(tests + 1);
    expect(main.finished).toBe(true);
    expect(verdictOf(main.model, input).predicted).toBe(was);
    expect(yours.digits.map((d) => d.id)).not.toContain(tap.id);
    // Only the latest digit tapped: deleting the one before it changes no weight.
    const weights = copy(main);
    expect((await yours.delete(yours.digits[0].id)).size).toBe(0);
    expect(copy(main)).toEqual(weights);
    // Weights that no test measured as they were (the companion had trained on since its test)
    // go back too, and are tested now rather than given an old figure.
    for (let i = 0; i < 5; i++) companion.work();
    const untested = copy(companion);
    const tap2 = await yours.add(main.model, input, wrong);
    yours.learn([tap2]);
    while (main.tuning) main.work();
    for (let i = 0; i < 50; i++) companion.work();
    const points = companion.history.length;
    expect(await yours.delete(tap2.id)).toEqual(new Set([main, companion]));
    expect(copy(companion)).toEqual(untested);
    expect(companion.evaluating).toBe(true);
    expect(companion.history.length).toBe(points);
    while (companion.evaluating) companion.work();
    expect(companion.history.length).toBe(points + 1);
    // Taken back within UNDO_SECONDS, a run goes back though it trained on past UNDO_WITHIN
    // phases meanwhile, up to a tenth of its schedule.
    const phaseSamples = UNDO_WITHIN * PHASE.steps * companion.preset.batchSize;
    expect(UNDO_SHARE * companion.samplesTarget).toBeGreaterThan(phaseSamples + 2 * companion.preset.batchSize);
    const trainOn = (samples = phaseSamples) => {
      const from = companion.trainer.samplesSeen;
      while (companion.trainer.samplesSeen - from <= samples && !companion.finished) companion.work();
      expect(companion.finished).toBe(false);
    };
    const beforeSoon = copy(companion);
    const soon = await yours.add(main.model, input, wrong);
    yours.learn([soon]);
    while (main.tuning) main.work();
    trainOn();
    now += UNDO_SECONDS * 1000;
    expect(await yours.delete(soon.id)).toEqual(new Set([main, companion]));
    expect(copy(companion)).toEqual(beforeSoon);
    // Within UNDO_SECONDS but past a tenth of its schedule, it keeps what it learnt since.
    while (companion.evaluating) companion.work();
    const far = await yours.add(main.model, input, wrong);
    yours.learn([far]);
    while (main.tuning) main.work();
    trainOn(UNDO_SHARE * companion.samplesTarget);
    const farWeights = copy(companion);
    expect(await yours.delete(far.id)).toEqual(new Set([main]));
    expect(copy(companion)).toEqual(farWeights);
    // Later, a run that trained on for more than UNDO_WITHIN phases keeps what it learnt since; the other still goes back.
    const late = await yours.add(main.model, input, wrong);
    yours.learn([late]);
    while (main.tuning) main.work();
    trainOn();
    now += UNDO_SECONDS * 1000 + 1;
    const trained = copy(companion);
    expect(await yours.delete(late.id)).toEqual(new Set([main]));
    expect(copy(companion)).toEqual(trained);
    expect(verdictOf(main.model, input).predicted).toBe(was);
  });

  it('a tap taken back during the phase of the one before: that phase carries on where it was', async () => {
    const run = finishedRun();
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    yours.attach(run);
    const label = (d: (typeof drawings)[number]) => (verdictOf(run.model, d.input).predicted + 3) % 10; // surely a correction
    yours.learn([await yours.add(run.model, drawings[3].input, label(drawings[3]))]);
    let steps = 0;
    while (steps < 30) if (run.work() > 0) steps++;
    const mid = weightTensors(run.net, run.model).map((a) => a.slice());
    const second = await yours.add(run.model, drawings[4].input, label(drawings[4]));
    expect(yours.learn([second])).toBe(true); // the phase starts over
    while (run.tuning) run.work();
    expect(run.finished).toBe(true);
    expect((await yours.delete(second.id)).has(run)).toBe(true);
    expect(weightTensors(run.net, run.model)).toEqual(mid);
    expect(run.tuning).toBe(true); // the first tap's phase, 30 of its steps done
    expect(run.evaluating).toBe(true); // the weights from mid-phase were never tested
    steps = 0;
    while (run.tuning) if (run.work() > 0) steps++;
    expect(steps).toBe(PHASE.steps - 30);
    expect(run.finished).toBe(true);
  });

  it('a digit put back after its delete leaves the latest tap to be taken back; it starts a phase only as a tap would', async () => {
    const main = finishedRun();
    const yours = new YourDigits(memoryStore(), { wall, now: () => 0 });
    await yours.open(true);
    yours.attach(main);
    const copy = () => weightTensors(main.net, main.model).map((a) => a.slice());
    const older = await yours.add(main.model, drawings[0].input, drawings[0].label);
    yours.learn([older]);
    while (main.tuning) main.work();
    const before = copy();
    const input = drawings[1].input;
    const tap = await yours.add(main.model, input, (verdictOf(main.model, input).predicted + 3) % 10);
    expect(yours.learn([tap])).toBe(true);
    while (main.tuning) main.work();
    expect((await yours.delete(older.id)).size).toBe(0);
    const back = await yours.undelete(older.id);
    expect(back).toEqual(older);
    expect(yours.learn([back], 'put back')).toBe(needsPhase(back));
    expect(yours.digits.map((d) => d.id).sort()).toEqual([older.id, tap.id].sort());
    // The tap is still the latest: taken back, the model goes back to its weights from before it.
    expect(await yours.delete(tap.id)).toEqual(new Set([main]));
    expect(copy()).toEqual(before);
  });
});
