// Your digits as the session uses them: add (scored before learning), list, delete, clear,
// export and import, a reload from the same store, and learning through a run. Taking a tap back:
// take-back.test.ts.
import { describe, expect, it } from 'vitest';
import { DigitPadError } from '../errors.ts';
import { memoryStore, quotaError } from '../testing/memory-store.ts';
import { data, drawings, finishedRun, kernels, rehearsals, wall } from '../testing/your-digits-fixture.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { toInput } from './digit.ts';
import { inputFromStrokes } from '../preprocess/from-strokes.ts';
import { drawingFromStrokes, verdictAsShown, verdictOf } from './reading.ts';
import { PHASE, YourDigits } from './your-digits.ts';
import { Network } from '../nn/network.ts';
import { presetFor } from '../train/run-config.ts';
import { penOf } from '../notdigit/pen.ts';

describe('YourDigits', () => {
  it('scores each digit with the model as it is before learning it, and keeps strokes, across a reload', async () => {
    const store = memoryStore();
    const run = finishedRun();
    const yours = new YourDigits(store, { wall });
    await yours.open(true);
    yours.attach(run);
    const verdicts = [];
    for (const d of drawings) {
      const before = verdictAsShown(run.model, d.input, penOf(d.strokes), yours.habits.habits);
      const digit = await yours.add(run.model, d.input, d.label, d.strokes);
      expect(digit.verdict).toEqual(before);
      verdicts.push(before);
      yours.learn([digit]);
      while (!run.finished) run.work();
    }
    const status = yours.status();
    expect(status).toMatchObject({ count: 9, readOnly: false, notice: null, error: null, learning: false });
    expect(status.byLabel).toEqual([6, 0, 0, 0, 0, 0, 0, 3, 0, 0]);
    const right = verdicts.filter((v, i) => v.predicted === drawings[i].label && !v.notSure).length; // "Not sure" is no right reading
    expect(status.prequential).toMatchObject({ scored: 9, correct: right });

    // A new page on the same storage: the same digits, verdicts and strokes.
    const again = new YourDigits(store, { wall });
    await again.open(true);
    expect(again.digits).toEqual(yours.digits);
    expect(again.status().prequential).toEqual(status.prequential);
    expect(again.digits[0].strokes!.length).toBe(drawings[0].strokes.length);
    // A digit of a number keeps saying so across a reload (its pen is read as its bars read it).
    const piece = await again.add(run.model, drawings[0].input, 0, drawings[0].strokes, { inNumber: true });
    const third = new YourDigits(store, { wall });
    await third.open(true);
    expect(third.digits.find((d) => d.id === piece.id)?.inNumber).toBe(true);
    expect(third.digits.filter((d) => d.inNumber).length).toBe(1);
    await again.delete(piece.id);
    // The input kept is the one the network saw (to 1/255).
    const kept = toInput(again.digits[3].pixels);
    expect(Math.max(...kept.map((v, i) => Math.abs(v - drawings[3].input[i])))).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
    // The list shows the newest first, with thumbnails.
    const list = again.list(0, 2);
    expect(list.map((e) => e.id)).toEqual([again.digits[8].id, again.digits[7].id]);
    expect(list[0]).toMatchObject({ label: 7, hasStrokes: true, verdict: verdicts[8] });
    expect(list[0].pixels).toEqual(again.digits[8].pixels);
  });

  it('scores a digit as the bars showed it: a one-stroke "(" the network reads as 8 was shown as its runner-up, the pen ruling the 8 out', async () => {
    // A network that says 8, then 9, whatever it is shown: only its output biases are set.
    const spec = presetFor({ ...defaultConfig(3), hidden: [16] }).spec;
    const net = new Network(spec, presetFor(defaultConfig(3)).optimizer, 1, kernels);
    for (const p of net.params) p.value.fill(0);
    const bias = net.params.at(-1)!.value;
    expect(bias.length).toBe(spec.classes);
    bias[8] = 4;
    bias[9] = 2;
    const paren = [Array.from({ length: 20 }, (_, i) => {
      const a = ((110 + (140 * i) / 19) * Math.PI) / 180;
      return { x: 0.6 + 0.3 * Math.cos(a), y: 0.5 + 0.35 * Math.sin(a) };
    })];
    const input = inputFromStrokes(paren)!;
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    expect(verdictOf(net, input).predicted).toBe(8);
    expect((await yours.add(net, input, 1, paren)).verdict!.predicted).toBe(9);
    expect((await yours.add(net, input, 1)).verdict!.predicted).toBe(8); // no strokes kept: no pen evidence
    // A tap that replaces an earlier one on the same drawing keeps the score the bars had then.
    const then = { predicted: 4, probability: 0.5 };
    expect((await yours.add(net, input, 1, paren, { scored: then })).verdict).toEqual(then);
  });

  it('takes a drawing as the pad sends it: the input the inference worker computes, and its strokes', async () => {
    const flat = drawings[0].strokes.map((s) => s.flatMap((p) => [p.x, p.y]));
    const d = drawingFromStrokes(flat);
    expect(d.input).toEqual(inputFromStrokes(drawings[0].strokes));
    expect(d.input).toEqual(drawings[0].input);
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    const digit = await yours.add(null, d.input, 0, d.strokes);
    expect(digit.strokes).toEqual(drawings[0].strokes.map((s) => s.map((p) => ({ x: Math.fround(p.x), y: Math.fround(p.y) }))));
    expect(() => drawingFromStrokes([])).toThrow(/no ink/);
    expect(() => drawingFromStrokes([[0.5]])).toThrow(/even-length/);
    expect(() => drawingFromStrokes('x')).toThrow(/list of at most/);
  });

  it('refuses bad input without keeping anything', async () => {
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    const x = drawings[0].input;
    for (const [input, label] of [[x, 10], [x, -1], [x, 1.5], [x, '3'], [new Float32Array(10), 3], [x.map(() => 2), 3], [x.map(() => NaN), 3]] as const) {
      const e = await yours.add(null, input as Float32Array, label as number).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(DigitPadError);
      expect((e as DigitPadError).kind).toBe('input');
    }
    await expect(yours.add(null, x, 3, 'strokes')).rejects.toThrow(/list of strokes/);
    await expect(yours.add(null, x, 3, [[{ x: 0, y: NaN }]])).rejects.toThrow(/finite x and y/);
    await expect(yours.add(null, x, 3, [[{ x: 0, y: '1' }]])).rejects.toThrow(/finite x and y/);
    expect(yours.digits.length).toBe(0);
    // Too many points, or a stroke far off the pad (the pointer is followed past its edge): the
    // digit is kept without them.
    const many = [Array.from({ length: 1500 }, (_, i) => ({ x: i / 1500, y: 0.5 }))];
    expect((await yours.add(null, x, 3, many)).strokes).toBeNull();
    expect((await yours.add(null, x, 3, [[{ x: 0.5, y: 0.2 }, { x: 0.5, y: 4.5 }, { x: 0.5, y: 0.9 }]])).strokes).toBeNull();
    expect(yours.digits.length).toBe(2);
    expect(yours.digits[0].verdict).toBeNull(); // no model yet: not scored
    expect(yours.status().prequential.scored).toBe(0);
  });

  it('deletes one, clears all, and a failed save keeps the digit out', async () => {
    const store = memoryStore();
    const yours = new YourDigits(store, { wall });
    await yours.open(true);
    const a = await yours.add(null, drawings[0].input, 0);
    const b = await yours.add(null, drawings[1].input, 0);
    const v = yours.status().version;
    await yours.delete(a.id);
    expect(yours.digits.map((d) => d.id)).toEqual([b.id]);
    expect(yours.status().version).toBeGreaterThan(v);
    await expect(yours.delete('nope')).rejects.toThrow(/no digit "nope"/);
    store.fail('write', quotaError());
    await expect(yours.add(null, drawings[2].input, 0)).rejects.toThrow(/quota is full/);
    expect(yours.digits.length).toBe(1);
    await yours.clear();
    expect(yours.digits).toEqual([]);
    const again = new YourDigits(store, { wall });
    await again.open(true);
    expect(again.digits).toEqual([]);
  });

  it('export then import: the same digits in another browser; twice: nothing doubled; a crafted file changes nothing', async () => {
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    for (const d of drawings) await yours.add(null, d.input, d.label, d.strokes);
    const file = yours.exportFile();

    const other = new YourDigits(memoryStore(), { wall });
    await other.open(true);
    await other.add(null, drawings[0].input, 0);
    const r = await other.importFile(file);
    expect(r.added.length).toBe(9);
    expect(r).toMatchObject({ already: 0, noRoom: 0 });
    expect(other.digits.slice(1)).toEqual(yours.digits);
    expect(await other.importFile(file)).toMatchObject({ added: [], already: 9, noRoom: 0 });
    expect(other.digits.length).toBe(10);

    const crafted = file.slice();
    new DataView(crafted.buffer).setUint32(8, 0xffffffff, true);
    await expect(other.importFile(crafted)).rejects.toMatchObject({ kind: 'model-file', message: expect.stringMatching(/header length/) });
    await expect(other.importFile(new Uint8Array([1, 2, 3]))).rejects.toThrow(/Not a file of your digits/);
    expect(other.digits.length).toBe(10);
  });

  it('a reading tab that reads them again bumps the version (the page fetches the list) only when the set changed', async () => {
    const store = memoryStore();
    const writer = new YourDigits(store, { wall });
    await writer.open(true);
    await writer.add(null, drawings[0].input, drawings[0].label);
    const reader = new YourDigits(store, { wall });
    await reader.open(false);
    const v = reader.status().version;
    await reader.open(false); // the writer saved a model: nothing of theirs changed
    expect(reader.status().version).toBe(v);
    await writer.add(null, drawings[1].input, drawings[1].label);
    await reader.open(false);
    expect(reader.status().version).toBeGreaterThan(v);
    expect(reader.digits.length).toBe(2);
  });

  it('learning: a phase after the schedule when a digit was read wrong or unsure; none for a sure right one', async () => {
    const run = finishedRun();
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    expect(yours.attach(run)).toBe(false);
    expect(yours.attach(run)).toBe(false); // once per run
    expect(rehearsals(run)).toEqual([yours.rehearsalOf(run)]);
    // A digit the bars showed right and surely (this small model is never that sure: before, the
    // check was skipped): no phase; the digit joins the rehearsal.
    const sure = drawings[0];
    expect(yours.learn([await yours.add(run.model, sure.input, sure.label, undefined, { scored: { predicted: sure.label, probability: 0.95 } })])).toBe(false);
    // Nothing trains on it now, so nothing says "Learning…" (it did, for good, before).
    expect(yours.status().learning).toBe(false);
    // A correction: the model says 8 (say), the person says 0.
    const wrong = drawings.map((d) => ({ ...d, v: verdictOf(run.model, d.input) })).find((d) => d.v.predicted !== d.label);
    const input = wrong?.input ?? drawings[0].input;
    const label = wrong ? wrong.label : (verdictOf(run.model, input).predicted + 1) % 10;
    const digit = await yours.add(run.model, input, label);
    expect(yours.learn([digit])).toBe(true);
    expect(yours.status().learning).toBe(true);
    expect(yours.status(true).learning).toBe('on resume'); // training paused
    let steps = 0;
    while (!run.finished) {
      if (run.work() > 0) steps++;
      yours.track(run.model);
    }
    expect(steps).toBe(PHASE.steps);
    expect(yours.status().learning).toBe(false);
    // The correction is read right now, and the status says how soon that was.
    expect(verdictOf(run.model, input).predicted).toBe(label);
    expect(yours.status().learnt).toMatchObject({ id: digit.id, label });
    expect(yours.status().learnt!.ms).toBeGreaterThanOrEqual(0);
    expect(yours.rehearsalOf(run)!.contrastRows).toBeGreaterThan(0);
    // A model saved before the digits last changed catches up when it is attached.
    const restored = finishedRun();
    expect(yours.attach(restored, 0)).toBe(true);
    expect(yours.attach(finishedRun(), Date.now() + 1e12)).toBe(false);
    // The session keeps only its current runs: the others stop mixing the digits in.
    yours.keep([restored]);
    expect(rehearsals(run)).toEqual([]);
    expect(rehearsals(restored)).toEqual([yours.rehearsalOf(restored)]);
  });

  it('"Now read as" times a digit the bars showed as "Not sure" (its digit on top) and reads it as the bars do', async () => {
    // Sure enough of some test digits for the bars to name them (finishedRun's says "Not sure" of all).
    const run = new Run(1, { ...defaultConfig(3), hidden: [64] }, data, { kernels, samplesTarget: 16000 });
    while (!run.finished) run.work();
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    yours.attach(run);
    // A drawing the model reads right and surely, as the bars read it; but the bars said "Not sure" then.
    const tests = Array.from({ length: 50 }, (_, i) => ({ input: toInput(data.test.images.subarray(i * 784, (i + 1) * 784)), label: data.test.labels[i] }));
    const sure = tests.find((d) => {
      const v = verdictAsShown(run.model, d.input, undefined, yours.habits.habits);
      return v.predicted === d.label && !v.notSure && v.probability >= 0.9;
    })!;
    expect(sure).toBeDefined();
    const digit = await yours.add(run.model, sure.input, sure.label, undefined, { scored: { predicted: sure.label, probability: 0.4, notSure: true } });
    yours.learn([digit]);
    expect(yours.status().learnt).toBeNull();
    yours.track(run.model);
    expect(yours.status().learnt).toMatchObject({ id: digit.id, label: sure.label });
  });

  it('a correction late in a schedule stays fresh in its batches until the phase after the schedule is over', async () => {
    const run = new Run(1, { ...defaultConfig(3), hidden: [32] }, data, { kernels, samplesTarget: 2560 });
    Object.assign(run.net.optimizer, { learningRate: 1e-3, schedule: 'linear', totalSteps: 40, warmupSteps: 0, decayStart: 0, finalFraction: 0 });
    while (run.net.step < 32) run.work(); // rate 2e-4, below the phase's 3e-4; 8 batches left
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    yours.attach(run);
    const wrong = drawings.find((d) => verdictOf(run.model, d.input).predicted !== d.label) ?? drawings[0];
    const label = verdictOf(run.model, wrong.input).predicted === wrong.label ? (wrong.label + 1) % 10 : wrong.label;
    expect(yours.learn([await yours.add(run.model, wrong.input, label)])).toBe(false);
    expect(run.phaseDue).toBe(true);
    expect(yours.rehearsalOf(run)!.freshLeft).toBe(8 + PHASE.steps);
    while (run.stepsLeft > 0) run.work();
    while (!run.tuning) run.work(); // the schedule's closing test
    expect(yours.rehearsalOf(run)!.freshLeft).toBe(PHASE.steps);
    let steps = 0;
    while (!run.finished) if (run.work() > 0) steps++;
    expect(steps).toBe(PHASE.steps);
    expect(yours.rehearsalOf(run)!.freshLeft).toBe(0);
  });

  it('every run the session holds learns a correction (a main model and its companion)', async () => {
    const main = finishedRun();
    const companion = new Run(2, { ...defaultConfig(4), hidden: [24] }, data, { kernels, samplesTarget: 4000 });
    while (companion.trainer.samplesSeen < 2000) companion.work(); // still in its schedule
    const yours = new YourDigits(memoryStore(), { wall });
    await yours.open(true);
    yours.attach(main);
    yours.attach(companion);
    const input = drawings[1].input;
    const label = (verdictOf(main.model, input).predicted + 3) % 10; // surely a correction for main
    expect(yours.learn([await yours.add(main.model, input, label)])).toBe(true);
    expect(main.tuning).toBe(true);
    expect(companion.tuning).toBe(false); // its schedule goes on, the digit fresh in its batches
    expect(yours.rehearsalOf(companion)!.freshLeft).toBe(PHASE.steps);
    while (!main.finished) main.work();
    expect(verdictOf(main.model, input).predicted).toBe(label);
    expect(yours.rehearsalOf(main)!.rows).toBeGreaterThan(0);
    // The companion has the digit still to come: "Learning…" while it trains, not while it waits
    // for another run (it said so for minutes, a dense network waiting for the CNN: QA).
    expect(yours.status(false, (r) => r === companion).learning).toBe(true);
    expect(yours.status(false, (r) => r === main).learning).toBe(false);
  });
});
