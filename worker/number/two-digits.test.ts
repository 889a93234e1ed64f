import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { answerOf } from '../infer/answer.ts';
import { loadKernels } from '../nn/backend.ts';
import { Network } from '../nn/network.ts';
import { penInNumber } from '../notdigit/pen.ts';
import { withNotADigit } from '../notdigit/preset.ts';
import { preset } from '../train/presets.ts';
import { Trainer } from '../train/trainer.ts';
import { composeNumbers, type ComposeOptions } from './compose.ts';
import { toSideUnits, type Pt } from './pad.ts';
import { makePiece, type Piece } from './pieces.ts';
import { markUnsure, readNumber } from './read.ts';
import { segment } from './segment.ts';
import { STEM_NARROW, STEM_PAST, STEM_TALL, TWO_MIN_WIDE, TWO_OVERLAP, TWO_WEIGH_WIDE, twoDigits } from './two-digits.ts';
import { answer, stubReader } from '../testing/stub-reads.ts';
import { xOverlap } from './geometry.ts';
import { MIN_WIDTH } from './rules.ts';

/** A vertical-ish stroke from (x, y0) to (x + dx, y1), h = 1. */
const stroke = (i: number, x: number, y0 = 0, y1 = 1, dx = 0.2): Piece => {
  const points: Pt[] = Array.from({ length: 8 }, (_, k) => ({ x: x + (dx * k) / 7, y: y0 + ((y1 - y0) * k) / 7 }));
  return makePiece(i, 0, points.length, points, 1);
};

/** Sure of `top` at `p`, or "not a digit". */
const says = (p: number, notADigit = false, top = 3) => answer(top, p, notADigit);
const reader = stubReader;

describe('twoDigits: a group the classifier reads as two crowded digits', () => {
  const pair = [stroke(0, 0.1), stroke(1, 0.7)]; // 0.8 wide, columns 0.1–0.3 and 0.7–0.9

  it('cuts a group that reads as no digit into two sides that each read as a sure digit, left first', () => {
    const { read } = reader({ '0': says(0.9, false, 1), '1': says(0.85, false, 7) });
    const whole = { ...says(0.6, true), strokes: '0,1' };
    const cut = twoDigits([pair[1], pair[0]], whole, 1, read);
    expect(cut?.map((r) => [r.strokes, r.top])).toEqual([['0', 1], ['1', 7]]);
    // Doubt is also a whole read below TWO_DOUBT.
    expect(twoDigits(pair, { ...says(0.45), strokes: '0,1' }, 1, read)?.length).toBe(2);
  });

  it('keeps it whole when a side is not a sure digit, or is no digit at all', () => {
    const whole = { ...says(0.6, true), strokes: '0,1' };
    expect(twoDigits(pair, whole, 1, reader({ '0': says(0.9), '1': says(0.7) }).read)).toBeNull();
    expect(twoDigits(pair, whole, 1, reader({ '0': says(0.9), '1': says(0.99, true) }).read)).toBeNull();
  });

  it('weighs a sure whole against its sides only in a group as wide as two narrow digits', () => {
    const sides = { '0': says(0.97), '1': says(0.99) };
    // Two uprights 0.1 wide, `w` wide together.
    const uprights = (w: number) => [stroke(0, 0.1, 0, 1, 0.1), stroke(1, w, 0, 1, 0.1)];
    const r = reader(sides);
    expect(twoDigits(uprights(TWO_WEIGH_WIDE - 0.05), { ...says(0.99), strokes: '0,1' }, 1, r.read)).toBeNull();
    expect(r.asked).toEqual([]); // not even read
    const wide = uprights(TWO_WEIGH_WIDE + 0.05);
    expect(twoDigits(wide, { ...says(0.99), strokes: '0,1' }, 1, reader(sides).read)?.length).toBe(2);
    // Sides less sure than the whole and than TWO_SURER: whole.
    expect(twoDigits(wide, { ...says(0.99), strokes: '0,1' }, 1, reader({ '0': says(0.9), '1': says(0.99) }).read)).toBeNull();
  });

  it('cuts a doubtful group as narrow as two crowded 1s, but none narrower than TWO_MIN_WIDE', () => {
    const sides = { '0': says(0.97, false, 1), '1': says(0.99, false, 1) };
    const doubt = { ...says(0.3, true), strokes: '0,1' };
    const ones = (w: number) => [stroke(0, 0.1, 0, 1, 0.05), stroke(1, w + 0.05, 0, 1, 0.05)]; // `w` wide
    expect(TWO_MIN_WIDE).toBeLessThan(TWO_WEIGH_WIDE);
    expect(twoDigits(ones(TWO_MIN_WIDE + 0.02), doubt, 1, reader(sides).read)?.map((x) => x.top)).toEqual([1, 1]);
    const r = reader(sides);
    expect(twoDigits(ones(TWO_MIN_WIDE - 0.05), doubt, 1, r.read)).toBeNull();
    expect(r.asked).toEqual([]);
  });

  it('never cuts off a short piece (a bar, a flag) or between pieces whose columns lie inside each other', () => {
    const doubt = { ...says(0.3, true), strokes: '' };
    const bar = [stroke(0, 0.1), stroke(1, 0.3, 0.1, 0.3, 0.6)]; // a 7 and its bar reaching right
    const r = reader({ '0': says(0.99), '1': says(0.99) });
    expect(twoDigits(bar, doubt, 1, r.read)).toBeNull();
    // A stroke within the other's columns: a 4's two strokes, a crossed 7.
    const inside = [stroke(0, 0.1, 0, 1, 0.8), stroke(1, 0.45, 0, 1, 0.1)];
    expect(twoDigits(inside, doubt, 1, r.read)).toBeNull();
    expect(r.asked).toEqual([]);
    expect(TWO_OVERLAP).toBeLessThan(1);
  });

  it('tries a 1 written into its neighbour\'s columns: one tall narrow stem at the edge of the other side\'s ink', () => {
    const sides = { '0': says(0.99, false, 1), '1': says(0.97, false, 0) };
    const doubt = { ...says(0.3, true), strokes: '0,1' };
    // A 0 from x0 to x0 + 0.5 (a diamond, full height), and a stem at x = 0.1.
    const zero = (x0: number, tall = 1) => {
      const points: Pt[] = [[0.25, 0], [0, 0.5], [0.25, 1], [0.5, 0.5], [0.25, 0]].map(([x, y]) => ({ x: x0 + x, y: y * tall }));
      return makePiece(1, 0, points.length, points, 1);
    };
    const stem = (tall = 1, dx = 0) => stroke(0, 0.1, 0, tall, dx);
    const cut = (pieces: Piece[]) => twoDigits(pieces, doubt, 1, reader(sides).read)?.map((x) => x.top) ?? null;
    // The 0's ink starts just left of the stem's line (a crowded "10"): tried, and cut.
    expect(xOverlap(stem().box, zero(0.1 - STEM_PAST + 0.01).box, MIN_WIDTH)).toBeGreaterThan(TWO_OVERLAP);
    expect(cut([stem(), zero(0.1 - STEM_PAST + 0.01)])).toEqual([1, 0]);
    // Ink further across it (a slash through a 0, a 4's bar through its stem): never read.
    const r = reader(sides);
    expect(twoDigits([stem(), zero(0.1 - STEM_PAST - 0.03)], doubt, 1, r.read)).toBeNull();
    expect(r.asked).toEqual([]);
    // Not a stem: too short (a 9's or 4's part), or too wide for its height (an arc).
    expect(cut([stem(STEM_TALL - 0.05), zero(0.08)])).toBeNull();
    expect(cut([stem(1, STEM_NARROW + 0.05), zero(0.08)])).toBeNull();
    // …nor beside a neighbour less tall than a digit (a 9's loop).
    expect(cut([stem(), zero(0.08, STEM_TALL - 0.05)])).toBeNull();
  });

  it('of several cuts takes the one whose sides read most surely', () => {
    const three = [stroke(0, 0.1), stroke(1, 0.45), stroke(2, 0.9)];
    const { read } = reader({ '0': says(0.99), '1,2': says(0.97), '0,1': says(0.85), '2': says(0.9) });
    expect(twoDigits(three, { ...says(0.2, true), strokes: '0,1,2' }, 1, read)?.map((r) => r.strokes)).toEqual(['0', '1,2']);
    const later = reader({ '0': says(0.85), '1,2': says(0.9), '0,1': says(0.99), '2': says(0.97) });
    expect(twoDigits(three, { ...says(0.2, true), strokes: '0,1,2' }, 1, later.read)?.map((r) => r.strokes)).toEqual(['0,1', '2']);
  });
});

const samples = readUnipen();

// Numbers composed from real pen digits whose neighbours' boxes overlap by up to a fifth of a
// digit's width, read by the app's dense network (one epoch, with its "not a digit" output) as
// the app reads a finished number. Measured (seed 1), without → with the cut: whole numbers read
// right 114 → 147 of 200, digit count wrong 55 → 19 (stop 60's narrower rule: 137, 30); numbers
// with gaps and lone digits unchanged. Since stop 62, with contested pieces settled by the network
// and a 1 written into its neighbour's columns tried too: 151.
describe.skipIf(samples === null)('crowded numbers written with real pen digits', async () => {
  const kernels = await loadKernels();
  const { train } = readMnist();
  const p = withNotADigit(preset('default'));
  p.epochs = 1;
  p.optimizer.totalSteps = Math.ceil(train.count / p.batchSize);
  const trainer = new Trainer(new Network(p.spec, p.optimizer, 1, kernels), p, train);
  while (!trainer.done) trainer.step();
  const model = trainer.model;
  const read = (n: { strokes: Pt[][]; pad: { width: number; height: number } }, settle = true) => {
    const r = readNumber(n.strokes, n.pad.width, n.pad.height, (x, strokes, pieces, one) => answerOf(model, x, true, penInNumber(strokes, pieces, one), null).verdict, settle);
    return { count: r.digits.length, text: markUnsure(r.text, r.digits.map((d) => d.judgement.notADigit)), strokes: r.digits.map((d) => d.strokeIndices) };
  };
  const figures = (o: ComposeOptions, settle = true) => {
    let right = 0, countWrong = 0, groupsWrong = 0, cut = 0, strokesWrong = 0, groupStrokesWrong = 0;
    const numbers = composeNumbers(samples!, o);
    for (const n of numbers) {
      const groups = segment(toSideUnits(n.strokes, n.pad)).digits.map((g) => [...new Set(g.pieces.map((p) => p.stroke))].sort((a, b) => a - b));
      const r = read(n, settle);
      // Each digit with exactly its own strokes (compose.ts `digitOf`), spelt "0,1|2|3,4".
      const own = n.text.split('').map((_, k) => n.digitOf.flatMap((d, i) => (d === k ? [i] : []))).join('|');
      right += Number(r.text === n.text);
      countWrong += Number(r.count !== n.text.length);
      groupsWrong += Number(groups.length !== n.text.length);
      strokesWrong += Number(r.strokes.join('|') !== own);
      groupStrokesWrong += Number(groups.join('|') !== own);
      cut += r.count - groups.length;
    }
    return { numbers: numbers.length, right, countWrong, groupsWrong, strokesWrong, groupStrokesWrong, cut };
  };

  it('reads more of them right: the network cuts groups the geometry kept whole', () => {
    const f = figures({ seed: 6, count: 200, gap: [-0.2, 0] });
    console.log(`crowded numbers: ${f.right}/${f.numbers} read right; digit count wrong in ${f.countWrong} (the geometry alone: ${f.groupsWrong}); a digit with another's strokes in ${f.strokesWrong} (${f.groupStrokesWrong}); ${f.cut} groups cut`);
    expect(f.cut).toBeGreaterThanOrEqual(20);
    expect(f.countWrong).toBeLessThanOrEqual(0.45 * f.groupsWrong);
  });

  it("gives a short piece touching two crowded digits to its own (contested.ts): fewer digits hold another's strokes", () => {
    const misassigned = { settled: 0, left: 0 };
    for (const [seed, gap] of [[6, [-0.2, 0]], [8, [-0.3, -0.1]]] as const) {
      const o = { seed, count: 200, gap: [...gap] as [number, number] };
      const f = figures(o), g = figures(o, false);
      console.log(
        `crowded ${gap.join('…')}: ${g.right} → ${f.right} of ${f.numbers} read right; digit count right but a digit with another's strokes in ` +
          `${g.strokesWrong - g.countWrong} → ${f.strokesWrong - f.countWrong} (the geometry alone: ${f.groupStrokesWrong - f.groupsWrong})`,
      );
      misassigned.settled += f.strokesWrong - f.countWrong;
      misassigned.left += g.strokesWrong - g.countWrong;
    }
    // Measured: 45 → 35 (the geometry alone: 37).
    expect(misassigned.settled).toBeLessThanOrEqual(0.85 * misassigned.left);
  });

  it('cuts nothing in numbers written with gaps, nor any of the 653 digits written alone', () => {
    expect(figures({ seed: 1, count: 200 }).cut).toBe(0);
    const alone = samples!.filter((s) => {
      const strokes = s.strokes.map((st) => st.map(([x, y]) => ({ x: (x / 280) * 0.5 + 0.1, y: y / 280 })));
      return read({ strokes, pad: { width: 2, height: 1 } }).count !== 1;
    });
    expect(alone.map((s) => s.label)).toEqual([]);
  });
});
