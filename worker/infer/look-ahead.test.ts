// Reading ahead while the pen is down changes no answer, only when its work is done: the pen-up's
// answer is the closer look of the model that answers then, whatever was read before.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInferenceApi, LOOK_AHEAD_AFTER_MS } from '../api-object.ts';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { Rng } from '../nn/rng.ts';
import { generateDigit } from '../notdigit/generate.ts';
import { Inference } from './inference.ts';
import { VIEW_COUNT } from './closer-look.ts';
import { sameStrokes } from './look-ahead.ts';

// Eleven outputs, like the app's networks: "not a digit" is read ahead too.
const spec: ModelSpec = { inputs: 784, hidden: [16], activation: 'relu', classes: 11 };
const nets = [new Network(spec, defaultOptimizer, 3), new Network(spec, defaultOptimizer, 4)];
const snapshot = (version: number, net = nets[0]) => ({ version, spec, values: net.params.map((p) => p.value.slice()) });
const rng = new Rng(11);
/** Pen digits of all ten kinds as the pad sends them: [x0, y0, x1, y1, …] per stroke. */
const drawings = Array.from({ length: 10 }, (_, d) => generateDigit(rng, d).strokes.map((s) => s.flatMap((p) => [p.x, p.y])));

/** The answer to a drawing asked about once, with the pen up, by an inference worker of its own. */
function fresh(strokes: number[][], version = 1, net = nets[0]) {
  const inf = new Inference();
  inf.apply(snapshot(version, net));
  return inf.predictStrokes(strokes, true)!;
}

/** The batch sizes the network was run with during `run`. */
function batches(run: () => void): number[] {
  const spy = vi.spyOn(Network.prototype, 'forward');
  try {
    run();
    return spy.mock.calls.map(([, batch]) => batch);
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('sameStrokes', () => {
  it('compares strokes by value, arrays or typed arrays alike', () => {
    expect(sameStrokes([[0.1, 0.2, 0.3, 0.4]], [[0.1, 0.2, 0.3, 0.4]])).toBe(true);
    expect(sameStrokes([[0.1, 0.2, 0.3, 0.4]], [Float64Array.of(0.1, 0.2, 0.3, 0.4)])).toBe(true);
    expect(sameStrokes([[0.1, 0.2, 0.3, 0.4]], [[0.1, 0.2, 0.3, 0.41]])).toBe(false);
    expect(sameStrokes([[0.1, 0.2, 0.3, 0.4]], [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]])).toBe(false);
    expect(sameStrokes([[0.1, 0.2]], [[0.1, 0.2], [0.3, 0.4]])).toBe(false);
    expect(sameStrokes('x', [[0.1, 0.2]])).toBe(false);
    expect(sameStrokes([1], [1])).toBe(false); // not strokes
  });
});

describe('Inference read ahead', () => {
  it('reads the other views while the pen is down, so the pen-up runs the network not at all, with the same answer', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    for (const strokes of drawings) {
      expect(batches(() => inf.predictStrokes(strokes, false))).toEqual([1]);
      let steps = 0;
      expect(batches(() => { while (inf.lookAhead()) steps++; })).toEqual(Array(VIEW_COUNT - 1).fill(1));
      expect(steps).toBe(VIEW_COUNT - 1); // one view a step; the pen tests are the last
      expect(inf.lookAhead()).toBe(false);
      let up: ReturnType<Inference['predictStrokes']> = null;
      expect(batches(() => (up = inf.predictStrokes(strokes, true)))).toEqual([]);
      const want = fresh(strokes);
      expect(Array.from(up!.probabilities)).toEqual(Array.from(want.probabilities).map((p) => expect.closeTo(p, 6)));
      expect(up!.notADigit).toBe(want.notADigit);
      expect(up!.notDigitProbability).toBeCloseTo(want.notDigitProbability, 6);
      expect(Array.from(up!.input)).toEqual(Array.from(want.input));
      // Once used it is gone: the same ink asked about again is read again.
      expect(batches(() => inf.predictStrokes(strokes, true))).toEqual([VIEW_COUNT]);
    }
  });

  it('reads what is left at the pen-up as one batch, and the answer is the same', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    const [strokes] = drawings;
    inf.predictStrokes(strokes, false);
    inf.lookAhead();
    let up: ReturnType<Inference['predictStrokes']> = null;
    expect(batches(() => (up = inf.predictStrokes(strokes, true)))).toEqual([VIEW_COUNT - 2]);
    expect(Array.from(up!.probabilities)).toEqual(Array.from(fresh(strokes).probabilities).map((p) => expect.closeTo(p, 6)));
  });

  it('reads again for a newer model, other ink or faster kernels, never answering with what it read for another', () => {
    const [strokes] = drawings;
    const read = () => {
      const inf = new Inference();
      inf.apply(snapshot(1));
      inf.predictStrokes(strokes, false);
      while (inf.lookAhead());
      return inf;
    };
    // A newer model arrived while the pen was down.
    const newer = read();
    newer.apply(snapshot(2, nets[1]));
    expect(newer.lookAhead()).toBe(false);
    let up: ReturnType<Inference['predictStrokes']> = null;
    expect(batches(() => (up = newer.predictStrokes(strokes, true)))).toEqual([VIEW_COUNT]);
    expect(Array.from(up!.probabilities)).toEqual(Array.from(fresh(strokes, 2, nets[1]).probabilities).map((p) => expect.closeTo(p, 6)));
    expect(up!.modelVersion).toBe(2);
    // The lift's ink is not what was read (a point more).
    const more = [[...strokes[0], 0.5, 0.5], ...strokes.slice(1)];
    const other = read();
    expect(batches(() => other.predictStrokes(more, true))).toEqual([VIEW_COUNT]);
    // The same weights on new kernels are a new network.
    const rebuilt = read();
    rebuilt.useKernels(rebuilt['kernels']);
    expect(rebuilt.lookAhead()).toBe(false);
    expect(batches(() => rebuilt.predictStrokes(strokes, true))).toEqual([VIEW_COUNT]);
  });

  it('keeps its own copy of the drawing when the answer\'s arrays are moved to the page', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    const [strokes] = drawings;
    const moving = inf.predictStrokes(strokes, false)!;
    structuredClone(moving, { transfer: [moving.input.buffer] });
    expect(moving.input.length).toBe(0); // detached, as Comlink.transfer leaves it
    while (inf.lookAhead());
    const up = inf.predictStrokes(strokes, true)!;
    expect(Array.from(up.probabilities)).toEqual(Array.from(fresh(strokes).probabilities).map((p) => expect.closeTo(p, 6)));
    // The same ink asked about again while the pen is down keeps what was read, and its copy.
    inf.predictStrokes(strokes, false);
    inf.lookAhead();
    const again = inf.predictStrokes(strokes, false)!;
    structuredClone(again, { transfer: [again.input.buffer] });
    expect(batches(() => { while (inf.lookAhead()); })).toEqual(Array(VIEW_COUNT - 2).fill(1));
    const upAgain = inf.predictStrokes(strokes, true)!;
    expect(upAgain.input.length).toBe(784);
    expect(Array.from(upAgain.probabilities)).toEqual(Array.from(up.probabilities).map((p) => expect.closeTo(p, 6)));
  });

  it('is left alone by the warm-up\'s made-up digits', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    const [strokes, other] = drawings;
    inf.predictStrokes(strokes, false);
    inf.predictStrokes(other, false, false);
    inf.predictStrokes(other, true, false);
    while (inf.lookAhead());
    expect(batches(() => inf.predictStrokes(strokes, true))).toEqual([]);
  });
});

describe('the inference worker\'s API', () => {
  it('reads ahead once movements pause, one step a task, and not after a pen-up', async () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    // Steps wait in a list, with their delays; a cancelled one is marked so.
    const tasks: { step: () => void; ms: number; live: boolean }[] = [];
    const api = createInferenceApi(inf, () => {}, (step, ms) => {
      const t = { step, ms, live: true };
      tasks.push(t);
      return () => (t.live = false);
    });
    const live = () => tasks.filter((t) => t.live);
    const [strokes, other] = drawings;
    await api.predictStrokes(other, false);
    await api.predictStrokes(strokes, false); // a movement before the pause: the first wait is off
    expect(tasks.map((t) => [t.ms, t.live])).toEqual([[LOOK_AHEAD_AFTER_MS, false], [LOOK_AHEAD_AFTER_MS, true]]);
    let ran = 0;
    for (let t = live()[0]; t; t = live()[0]) (t.live = false), t.step(), ran++;
    expect(ran).toBe(VIEW_COUNT); // the views, then the pen tests
    expect(tasks.slice(2).every((t) => t.ms === 0)).toBe(true);
    expect(batches(() => void api.predictStrokes(strokes, true))).toEqual([]);
    // A lift before the pause: the waiting look-ahead is called off, the lift reads the other
    // views at once (the drawing itself was read for the movement).
    await api.predictStrokes(other, false);
    expect(live().length).toBe(1);
    expect(batches(() => void api.predictStrokes(other, true))).toEqual([VIEW_COUNT - 1]);
    expect(live().length).toBe(0);
  });
});
