// A person's first drawing should be answered as fast as the rest. V8 compiles and tiers up a
// code path the first times it runs: a new model's first stroke cost 5–15 ms an answer in Node,
// not 0.2–1 ms, and it lingered for a few strokes. So the inference worker first draws made-up
// digits itself, as a stroke grows and once the pen is up, and a number: ~150 answers, 0.25–0.4 s
// in Node, after which a first stroke costs what later ones do. One answer per task, so a real
// drawing waits at most one of them.
import { place, SHAPES, toPad, writeNumber } from '../number/synthetic-digits.ts';
import type { Inference } from './inference.ts';

const NUMBER = '2047';
const NUMBER_PAD_WIDTH = 3;

const flat = (strokes: readonly (readonly { x: number; y: number }[])[]): number[][] => strokes.map((s) => s.flatMap((p) => [p.x, p.y]));

/** One answer per step: each shape stroke by stroke, every third point, then settled. */
export function* warmUpSteps(inference: Inference): Generator<void, void, void> {
  const shapes = Object.keys(SHAPES).map((s) => place(s, 0.3, 0.2, 0.6));
  const number = flat(toPad(writeNumber(NUMBER).flat(), NUMBER_PAD_WIDTH));
  for (const strokes of shapes) {
    for (let s = 0; s < strokes.length; s++) {
      for (let n = 2; n < strokes[s].length; n += 3) {
        inference.predictStrokes(flat([...strokes.slice(0, s), strokes[s].slice(0, n)]));
        yield;
      }
    }
    inference.predictStrokes(flat(strokes), true);
    yield;
  }
  inference.readNumber(number, NUMBER_PAD_WIDTH, 1, false);
  yield;
  inference.readNumber(number, NUMBER_PAD_WIDTH, 1, true);
}

/** Starts a warm-up whenever the network was rebuilt (a new architecture, faster kernels). */
export class Warmer {
  private run: Generator<void, void, void> | null = null;
  private seen = -1;

  constructor(
    private readonly inference: Inference,
    private readonly later: (step: () => void) => void = (step) => setTimeout(step, 0),
  ) {}

  check(): void {
    if (this.inference.builds === this.seen) return;
    this.seen = this.inference.builds;
    const run = (this.run = warmUpSteps(this.inference));
    const step = () => {
      if (this.run === run && !run.next().done) this.later(step);
    };
    this.later(step);
  }
}
