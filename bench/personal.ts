// "Correct a guess" in Node: trains the app's default model as the app does, then
//   1. styles MNIST lacks: how the model reads generated crossed 7s, slashed zeros and flagged 1s;
//      20 slashed zeros corrected one by one, 300 held-out ones before and after;
//   2. the personal-writer experiment: for the UNIPEN dev writers the model reads worst (the 5
//      worst with ≥ 15 digits), their first 10 digits replayed as the app would get them (each
//      scored, then confirmed or corrected, then learnt), their remaining digits read before and
//      after; every writer with ≥ 15 digits as well, as a control;
//   3. MNIST test accuracy before and after each, and how many steps (and ms here) until the
//      answering model read a correction right.
// Each writer starts from the same trained model (a copy through a saved checkpoint, as a reload).
// Usage: npm run bench:personal -- [--model mlp|cnn] [--seed N] [--epochs N] [--writers N] [--min-digits N] [--first N]
// --model cnn: the convolutional network, the model that answers in the app once it has trained.
// The last line printed is one JSON object with the figures.
import { parseArgs } from 'node:util';
import { readMnist } from '../scripts/mnist-node.ts';
import { readUnipen, UNIPEN_PATH } from '../scripts/unipen-node.ts';
import { loadKernels } from '../worker/nn/backend.ts';
import { Rng } from '../worker/nn/rng.ts';
import { checkpointOf, decodeCheckpoint, encodeCheckpoint } from '../worker/persist/checkpoint.ts';
import { replayCorrections, type Replayed } from '../worker/personal/replay.ts';
import { padInput, STYLES, styledDigits } from '../worker/personal/styles.ts';
import { verdictOf } from '../worker/personal/reading.ts';
import { PHASE, YourDigits } from '../worker/personal/your-digits.ts';
import { REHEARSAL } from '../worker/personal/rehearsal.ts';
import { memoryStore } from '../worker/testing/memory-store.ts';
import { defaultConfig } from '../worker/train/run-config.ts';
import { Run } from '../worker/train/run.ts';
import { Evaluation } from '../worker/train/trainer.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'mlp' },
    seed: { type: 'string', default: '1' },
    epochs: { type: 'string' },
    writers: { type: 'string', default: '5' },
    'min-digits': { type: 'string', default: '15' },
    first: { type: 'string', default: '10' },
  },
});
if (values.model !== 'mlp' && values.model !== 'cnn') throw new Error(`--model is mlp or cnn, got "${values.model}"`);
const kind = values.model;
const seed = Number(values.seed), worstCount = Number(values.writers), minDigits = Number(values['min-digits']), first = Number(values.first);
const samples = readUnipen();
if (!samples) throw new Error(`no ${UNIPEN_PATH}: the personal bench needs the UNIPEN dev digits`);

// --- the model, trained as the app trains it (optionally on a shorter schedule) ---
const kernels = await loadKernels();
const mnist = readMnist();
const epochs = values.epochs ? Number(values.epochs) : null;
const run0 = new Run(1, defaultConfig(seed, kind), mnist, { kernels, ...(epochs ? { samplesTarget: epochs * 60000 } : {}) });
// A shorter run decays its rate over its own epochs: converged, as the app's run is at its end.
if (epochs) run0.net.optimizer.totalSteps = Math.ceil((epochs * 60000) / run0.preset.batchSize);
const t0 = performance.now();
while (!run0.finished) run0.work();
const checkpoint = encodeCheckpoint(checkpointOf(run0));
console.log(`${kind === 'cnn' ? 'convolutional' : 'default'} model, seed ${seed}, ${run0.samplesTarget / 60000} epochs on ${kernels.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s, MNIST test ${(100 * run0.testAccuracy!).toFixed(2)}%`);
console.log(`phase: ${PHASE.steps} steps, rate ${PHASE.learningRate} falling to 0, average ${PHASE.average}/step; rehearsal: ${REHEARSAL.fraction * run0.preset.batchSize} of ${run0.preset.batchSize} rows your digits (half of them the newest while fresh), each fresh row with ${REHEARSAL.contrast} of the ${REHEARSAL.nearest} MNIST images of its rival nearest to it`);

/**
 * A fresh copy of the trained model, restored as a reload restores it, in kernels of its own (as
 * in a new page): copies left behind must not fill the one WASM memory, which would make later
 * copies train on slower JS-heap arrays.
 */
async function restored(): Promise<Run> {
  const own = await loadKernels();
  const cp = decodeCheckpoint(checkpoint, own);
  const run = new Run(1, cp.metrics.config, mnist, { kernels: own, samplesTarget: run0.samplesTarget, net: cp.net, model: cp.model, averages: cp.averages });
  run.resume(cp.metrics);
  return run;
}
const mnistOf = (run: Run) => new Evaluation(run.model, mnist.test).run().accuracy;
const mnist0 = mnistOf(await restored());
type Drawing = { input: Float32Array; label: number };
const right = (run: Run, xs: readonly Drawing[]) => xs.filter((x) => verdictOf(run.model, x.input).predicted === x.label).length;
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const pts = (d: number) => `${d >= 0 ? '+' : ''}${(100 * d).toFixed(2)}`;

async function replay(run: Run, drawings: readonly Drawing[]): Promise<Replayed[]> {
  const yours = new YourDigits(memoryStore(), { seed });
  await yours.open(true);
  return replayCorrections(yours, run, drawings);
}

// --- 1. styles MNIST lacks ---
const reader = await restored();
const styleRead = Object.fromEntries(STYLES.map((s) => [s, right(reader, styledDigits(s, 300, new Rng(5))) / 300]));
console.log(`generated styles read right by the trained model: ${STYLES.map((s) => `${s} ${pct(styleRead[s])}`).join(', ')}`);
const zeros = await restored();
const heldOut = styledDigits('slashed-0', 300, new Rng(12));
const zerosBefore = right(zeros, heldOut) / 300;
const zeroReplay = await replay(zeros, styledDigits('slashed-0', 20, new Rng(11)));
const zerosAfter = right(zeros, heldOut) / 300, zerosMnist = mnistOf(zeros);
console.log(
  `20 slashed zeros corrected one by one (${zeroReplay.filter((r) => r.phase).length} phases): 300 held-out ${pct(zerosBefore)} → ${pct(zerosAfter)}; ` +
    `MNIST ${(100 * mnist0).toFixed(2)}% → ${(100 * zerosMnist).toFixed(2)}% (${pts(zerosMnist - mnist0)} points)`,
);

// --- 2. UNIPEN writers, each digit placed on the pad as the browser replay does ---
/** Longer side 40–90 % of the pad at a random place (e2e/unipen.spec.ts's placement, same seed). */
const rand = new Rng(20240611);
const pen = samples.map((s) => {
  const all = s.strokes.flat();
  const x0 = Math.min(...all.map((p) => p[0])), x1 = Math.max(...all.map((p) => p[0]));
  const y0 = Math.min(...all.map((p) => p[1])), y1 = Math.max(...all.map((p) => p[1]));
  const k = (0.4 + 0.5 * rand.next()) / Math.max(x1 - x0, y1 - y0, 1);
  const ox = rand.next() * (1 - (x1 - x0) * k), oy = rand.next() * (1 - (y1 - y0) * k);
  const strokes = s.strokes.map((st) => st.map(([x, y]) => ({ x: ox + (x - x0) * k, y: oy + (y - y0) * k })));
  return { writer: s.writer, label: s.label, input: padInput(strokes) };
});
const base = reader;
const writers = [...new Set(pen.map((p) => p.writer))]
  .map((w) => ({ writer: w, digits: pen.filter((p) => p.writer === w) }))
  .filter((w) => w.digits.length >= minDigits)
  .map((w) => ({ ...w, read: right(base, w.digits) / w.digits.length }))
  .sort((a, b) => a.read - b.read || b.digits.length - a.digits.length);

interface WriterResult {
  writer: string;
  digits: number;
  readAll: number;
  prequential: number;
  corrections: number;
  phases: number;
  rest: number;
  before: number;
  after: number;
  mnistDelta: number;
  steps: (number | null)[];
  ms: (number | null)[];
}
const results: WriterResult[] = [];
for (const w of writers) {
  const run = await restored();
  const [mine, rest] = [w.digits.slice(0, first), w.digits.slice(first)];
  const before = right(run, rest);
  const r = await replay(run, mine);
  const fixes = r.filter((x) => x.verdict.predicted !== x.label);
  results.push({
    writer: w.writer, digits: w.digits.length, readAll: w.read, prequential: r.length - fixes.length, corrections: fixes.length,
    phases: r.filter((x) => x.phase).length, rest: rest.length, before, after: right(run, rest), mnistDelta: mnistOf(run) - mnist0,
    steps: fixes.map((x) => x.steps), ms: fixes.map((x) => (x.ms === null ? null : Math.round(x.ms))),
  });
}

const worst = results.slice(0, worstCount);
const row = (r: WriterResult) =>
  `${r.writer.padEnd(15)} ${String(r.digits).padStart(3)} ${pct(r.readAll).padStart(7)}   ${`${r.prequential}/${first}`.padStart(5)} ${String(r.phases).padStart(6)}` +
  `   ${`${r.before}/${r.rest}`.padStart(5)} → ${`${r.after}/${r.rest}`.padEnd(5)} ${pts(r.mnistDelta).padStart(6)}   ${r.steps.map((s, i) => `${s ?? '—'} (${r.ms[i] ?? '—'} ms)`).join(', ')}`;
const header = `writer          all  read   first ${first}: right phases  rest before → after  MNIST  steps (ms) until each correction was read right`;
const sum = (rs: WriterResult[]) => {
  const n = rs.reduce((a, r) => a + r.rest, 0);
  return {
    writers: rs.length, rest: n, before: rs.reduce((a, r) => a + r.before, 0) / n, after: rs.reduce((a, r) => a + r.after, 0) / n,
    mnistMean: rs.reduce((a, r) => a + r.mnistDelta, 0) / rs.length, mnistWorst: Math.min(...rs.map((r) => r.mnistDelta)),
  };
};
const show = (name: string, s: ReturnType<typeof sum>) =>
  console.log(`${name}: remaining ${s.rest} digits ${pct(s.before)} → ${pct(s.after)}; MNIST ${pts(s.mnistMean)} points on average, worst ${pts(s.mnistWorst)}`);
console.log(`\nUNIPEN dev writers with ≥ ${minDigits} digits, the ${worstCount} read worst first (MNIST test before: ${(100 * mnist0).toFixed(2)}%)`);
console.log(header);
for (const r of worst) console.log(row(r));
console.log('  ---- the others (control)');
for (const r of results.slice(worstCount)) console.log(row(r));
const W = sum(worst), A = sum(results);
show(`the ${worstCount} worst`, W);
show(`all ${results.length}`, A);
const steps = results.flatMap((r) => r.steps).filter((s): s is number => s !== null).sort((a, b) => a - b);
const ms = results.flatMap((r) => r.ms).filter((s): s is number => s !== null).sort((a, b) => a - b);
const median = (a: number[]) => a[Math.floor(a.length / 2)] ?? null;
console.log(`corrections read right after a median ${median(steps)} steps (${median(ms)} ms here), at most ${steps.at(-1)} (${ms.at(-1)} ms); ${results.flatMap((r) => r.steps).filter((s) => s === null).length} not within their phase`);

const r4 = (v: number) => Number(v.toFixed(4));
console.log(JSON.stringify({
  model: kind, seed, backend: kernels.name, mnistBefore: r4(mnist0),
  styles: Object.fromEntries(STYLES.map((s) => [s, r4(styleRead[s])])),
  slashedZeros: { heldOutBefore: r4(zerosBefore), heldOutAfter: r4(zerosAfter), mnistDelta: r4(zerosMnist - mnist0) },
  worst: { ...Object.fromEntries(Object.entries(W).map(([k, v]) => [k, r4(v)])), names: worst.map((r) => r.writer) },
  all: Object.fromEntries(Object.entries(A).map(([k, v]) => [k, r4(v)])),
  stepsToRightMedian: median(steps), stepsToRightMax: steps.at(-1) ?? null, msToRightMedian: median(ms),
}));
