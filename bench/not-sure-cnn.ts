// "Not sure" on the app's convolutional network (eleven outputs, pen styles, the app's run
// config): trains it in Node for --epochs, then prints, at the app's rule (worker/notdigit/
// verdict.ts CONV_RULE) and at 0.7, how many UNIPEN dev digits are read right and flagged, and how
// many hand-drawn and held-out generated non-digits are flagged; then the hand-drawn share flagged
// when the threshold is set to flag at most 0.4 / 0.8 / 1 % of the UNIPEN digits; and the app's
// whole rule as the app applies it once the pen is up (the closer look; verdict.ts, with the
// stroke and shape tests) on each set, and on UNIPEN as if every digit had
// taken three or four strokes (what an unusual writer would see).
// With --at 1.5,3,6,12 it measures at each of those points of one run along the app's 12-epoch
// schedule (what the person has after minutes, and the model a returning person keeps), and also
// how many UNIPEN digits the closer look (worker/infer/closer-look.ts, the pen-up path) reads right.
// With --seeds 1-6 it does that for each seed and ends with the rate over all those snapshots:
// how many of the 653 pen digits the app's whole rule flags, on average and at most, which is
// the rate a Chromium replay samples once (e2e/unipen.spec.ts).
// Usage: npm run bench:not-sure-cnn -- [--seed N | --seeds 1-6] [--epochs 1.5 | --at 1.5,3,6,12]
// The last line printed is one JSON object with the figures (with --at: { seed, points: [...] };
// with --seeds: { seeds, snapshots, unipenFlagged: { mean, max, of }, handDrawnFlagged }).
import { parseArgs } from 'node:util';
import { loadKernels } from '../worker/nn/backend.ts';
import { CONV_RULE, verdict } from '../worker/notdigit/verdict.ts';
import { presetFor, defaultConfig } from '../worker/train/run-config.ts';
import { closerLook } from '../worker/infer/closer-look.ts';
import { readMnist } from '../scripts/mnist-node.ts';
import { readUnipen, UNIPEN_PATH } from '../scripts/unipen-node.ts';
import { generatedSet, handDrawnSet, unipenSet, type InputSet } from './not-sure-sets.ts';
import { OursRun } from './ours.ts';

const { values: opt } = parseArgs({ options: { seed: { type: 'string', default: '1' }, seeds: { type: 'string' }, epochs: { type: 'string', default: '1.5' }, at: { type: 'string' } } });
const range = opt.seeds?.match(/^(\d+)-(\d+)$/);
const seeds = opt.seeds === undefined ? [Number(opt.seed)] : range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : opt.seeds.split(',').map(Number);
if (seeds.length === 0 || seeds.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`--seeds: a range like 1-6 or a list like 1,2,5, got "${opt.seeds}"`);
const points = (opt.at ?? opt.epochs).split(',').map(Number);
if (points.some((e, i) => !(e > 0) || (i > 0 && e <= points[i - 1]))) throw new Error(`--at/--epochs: increasing epochs > 0, got "${opt.at ?? opt.epochs}"`);
const pens = readUnipen();
if (!pens) throw new Error(`no ${UNIPEN_PATH}: the bench needs the UNIPEN dev digits`);
const kernels = await loadKernels({ backend: 'auto' });
const t0 = performance.now();
const mnistData = readMnist();
const u = unipenSet(pens), hand = handDrawnSet(false), held = generatedSet('held-out', 'test', 1500, 2002);
const pct = (n: number, of: number) => Number(((100 * n) / of).toFixed(1));
const flagged = (a: Float32Array[], t: number) => pct(a.filter((p) => p[10] > t).length, a.length);
const top = (p: Float32Array) => { let t = 0; for (let k = 1; k < 10; k++) if (p[k] > p[t]) t = k; return t; };
const t = CONV_RULE.notDigitAbove;
const views = CONV_RULE.viewsNotDigitAbove !== undefined;
/**
 * Flagged by the app's whole rule once the pen is up (the closer look, and verdict: both
 * thresholds, the stroke tests and the foot), with each drawing's strokes or as if it took `as`.
 */
const countByRule = (a: Float32Array[], s: InputSet, as?: number) => a.filter((p, i) => verdict(p, CONV_RULE, { ...s.pens[i], strokes: as ?? s.pens[i].strokes }, views, null, s.inputs[i]).notADigit).length;
const byRule = (a: Float32Array[], s: InputSet, as?: number) => pct(countByRule(a, s, as), a.length);
const all: { unipenFlaggedCount: number; handDrawnFlagged: number }[] = [];
for (const seed of seeds) {
  const run = new OursRun(presetFor(defaultConfig(seed, 'cnn')), seed, kernels, mnistData);
  const rows = [];
  for (const epochs of points) {
    run.trainUntil(epochs * 60000);
    const mnist = run.evaluate();
    const net = run.trainer.model;
    console.log(`seed ${seed}, ${epochs} epochs (${((performance.now() - t0) / 1000).toFixed(0)} s): MNIST test ${JSON.stringify(mnist)}`);
    const outputs = (s: InputSet) => s.inputs.map((x) => net.predict(x).probabilities);
    const U = outputs(u), H = outputs(hand), G = outputs(held);
    const right = U.filter((p, i) => top(p) === u.labels![i]).length;
    const closer = u.inputs.filter((x, i) => top(closerLook(net, x).probabilities) === u.labels![i]).length;
    const sorted = U.map((p) => p[10]).sort((a, b) => a - b);
    const matched = Object.fromEntries([0.004, 0.008, 0.01].map((r) => [`${r * 100}%`, flagged(H, sorted[Math.floor(sorted.length * (1 - r))])]));
    console.log(`UNIPEN dev: ${right}/${U.length} read right (closer look: ${closer}); flagged at ${t}: ${flagged(U, t)}%, at 0.7: ${flagged(U, 0.7)}%`);
    console.log(`hand-drawn non-digits flagged at ${t}: ${flagged(H, t)}%, at 0.7: ${flagged(H, 0.7)}%; held-out generated at ${t}: ${flagged(G, t)}%`);
    console.log(`hand-drawn flagged when at most this share of UNIPEN digits is: ${JSON.stringify(matched)}`);
    const settled = (s: InputSet) => s.inputs.map((x) => closerLook(net, x, views).probabilities);
    const [SU, SH, SG] = [u, hand, held].map(settled);
    const unipenFlaggedCount = countByRule(SU, u);
    const rule = { unipen: pct(unipenFlaggedCount, SU.length), handDrawn: byRule(SH, hand), heldOut: byRule(SG, held), unipenIfThreeStrokes: byRule(SU, u, 3), unipenIfFourStrokes: byRule(SU, u, 4) };
    console.log(`the app's whole rule, pen up (the closer look${views ? ', "not a digit" averaged over its views' : ''}), with the stroke tests: UNIPEN ${rule.unipen}% (${rule.unipenIfThreeStrokes}% if every digit took three strokes, ${rule.unipenIfFourStrokes}% if four), hand-drawn ${rule.handDrawn}%, held-out ${rule.heldOut}%`);
    rows.push({ seed, epochs, mnist, unipenRight: right, unipenRightCloser: closer, unipenFlagged: flagged(U, t), handDrawnFlagged: flagged(H, t), heldOutFlagged: flagged(G, t), handDrawnAtMatchedUnipen: matched, rule });
    all.push({ unipenFlaggedCount, handDrawnFlagged: rule.handDrawn });
  }
  if (seeds.length === 1) console.log(JSON.stringify(opt.at ? { seed, points: rows } : rows[0]));
}
if (seeds.length > 1) {
  const counts = all.map((r) => r.unipenFlaggedCount);
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const handShare = all.reduce((a, r) => a + r.handDrawnFlagged, 0) / all.length;
  console.log(`over ${all.length} snapshots (seeds ${seeds.join(', ')} at ${points.join(', ')} epochs), the app's whole rule flags ${mean.toFixed(2)} of the ${u.inputs.length} pen digits on average (${((100 * mean) / u.inputs.length).toFixed(2)}%), at most ${Math.max(...counts)} (${counts.join(', ')}); hand-drawn non-digits ${handShare.toFixed(1)}%`);
  console.log(JSON.stringify({ seeds, snapshots: all.length, unipenFlagged: { mean: Number(mean.toFixed(2)), max: Math.max(...counts), of: u.inputs.length }, handDrawnFlagged: Number(handShare.toFixed(1)) }));
}
