import { describe, expect, it, vi } from 'vitest';
import { tsKernels } from '../nn/kernels.ts';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { notDigitAt } from '../testing/fixed-answer.ts';
import { Inference } from './inference.ts';
import { Warmer, warmUpSteps } from './warm-up.ts';

const spec: ModelSpec = { inputs: 784, hidden: [12], activation: 'relu', classes: 11 };
const snapshot = (version: number, s: ModelSpec = spec) => ({
  version,
  spec: s,
  values: new Network(s, defaultOptimizer, version).params.map((p) => p.value.slice()),
});

/** The warmer's tasks, run by hand. */
function queue() {
  const tasks: (() => void)[] = [];
  return { later: (t: () => void) => void tasks.push(t), run: () => tasks.shift()?.(), get size() { return tasks.length; } };
}

describe('warm-up', () => {
  it('draws digits as they grow and once settled, and reads a number, one answer a step', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    const strokes = vi.spyOn(inf, 'predictStrokes');
    const numbers = vi.spyOn(inf, 'readNumber');
    let steps = 0;
    for (const _ of warmUpSteps(inf)) {
      steps++;
      expect(strokes.mock.calls.length + numbers.mock.calls.length).toBe(steps);
    }
    // Each answer was real (probabilities), not a no-op for want of ink or model.
    for (const r of strokes.mock.results) expect((r.value as { probabilities: Float32Array }).probabilities).toHaveLength(10);
    expect(numbers.mock.results.map((r) => (r.value as { text: string }).text.length)).toEqual([4, 4]);
    expect(strokes.mock.calls.filter(([, settled]) => settled === true).length).toBeGreaterThanOrEqual(7);
    expect(strokes.mock.calls.filter(([, settled]) => !settled).length).toBeGreaterThan(50);
    expect(inf.version).toBe(1); // it answers with the model, and changes nothing
  });

  it("leaves the pad's drawing its steadied answer, and stops quietly on an error", () => {
    // "Not a digit" at 0.93 and then 0.85 (under DEFAULT_RULE's 0.9, not by STEADY_MARGIN).
    const at = (p: number, version: number) => notDigitAt(spec, p, version);
    const one = [[0.5, 0.2, 0.5, 0.5, 0.5, 0.8]];
    const inf = new Inference();
    inf.apply(at(0.93, 1));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(true);
    for (const _ of warmUpSteps(inf));
    inf.apply(at(0.85, 2));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(true); // still leaning: not pushed out
    // A step that throws ends the warm-up; nothing escapes to the worker.
    const q = queue();
    const fresh = new Inference();
    fresh.apply(at(0.5, 1));
    const failing = vi.spyOn(fresh, 'predictStrokes').mockImplementation(() => {
      throw new Error('kernel fault');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    new Warmer(fresh, q.later).check();
    expect(() => q.run()).not.toThrow();
    expect(q.size).toBe(0);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    // No network yet (kernels before the first snapshot): nothing is started.
    const none = new Inference();
    none.useKernels(tsKernels);
    new Warmer(none, q.later).check();
    expect(q.size).toBe(0);
  });

  it('starts when a network is built, once, and over again for a new architecture', () => {
    const inf = new Inference();
    const q = queue();
    const warmer = new Warmer(inf, q.later);
    const strokes = vi.spyOn(inf, 'predictStrokes');
    inf.apply(snapshot(1));
    warmer.check();
    expect(q.size).toBe(1);
    q.run();
    q.run();
    expect(strokes).toHaveBeenCalledTimes(2); // one answer per task
    // New weights of the same network: its code is warm already.
    inf.apply(snapshot(2));
    warmer.check();
    expect(q.size).toBe(1);
    // A new architecture: the old warm-up stops, a new one starts.
    inf.apply(snapshot(3, { ...spec, hidden: [16] }));
    warmer.check();
    expect(q.size).toBe(2);
    const numbers = vi.spyOn(inf, 'readNumber');
    strokes.mockClear();
    let runs = 0;
    while (q.size > 0 && runs < 10_000) (q.run(), runs++);
    // The first warm-up's task left in the queue ends it; the new one runs whole, an answer a task.
    const answers = strokes.mock.calls.length + numbers.mock.calls.length;
    expect(runs).toBe(1 + answers);
    expect(numbers).toHaveBeenCalledTimes(2);
    expect(answers).toBeGreaterThan(100);
  });
});
