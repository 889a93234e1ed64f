// Reading whole numbers in Node: trains the app's network as the app does (its run config, with
// the "not a digit" output), then reads numbers composed from the UNIPEN dev digits
// (worker/number/compose.ts) as the app answers a finished drawing (worker/infer/inference.ts:
// each digit through answerOf, the pen up, a digit it is not sure of shown as "?") and prints
//   segmentation accuracy (right count, each group exactly one source digit's strokes),
//   per-digit accuracy in numbers vs the same digits written alone (the single-digit path),
//   whole-number accuracy (a "?" in the number is not the number read) and the digits shown "?",
//   and the latency of reading an 8-digit number (strokes → text);
//   and words of 2–5 of the other writers' letters (e2e/fixtures): how many the readout calls no
//   number (src/lib/doubt.ts looksLikeNoNumber: half the parts "?" or dotted), against the numbers.
// Usage: npm run bench:numbers -- [--model mlp|cnn] [--epochs N] [--seed N] [--count N] [--backend auto|wasm|ts]
//   --model cnn: the convolutional network that reads numbers in the app once it answers (the
//   e2e replay); its 12 epochs take long in Node, so pass e.g. --epochs 1.5.
// The last line printed is one JSON object with the figures.
import { parseArgs } from 'node:util';
import { answerOf } from '../worker/infer/answer.ts';
import { loadKernels } from '../worker/nn/backend.ts';
import { penInNumber, penOf } from '../worker/notdigit/pen.ts';
import { composeNumbers, splitWriters, type ComposedNumber, type PenDigit } from '../worker/number/compose.ts';
import { READ_SCALE } from '../worker/number/digit-input.ts';
import { toSideUnits } from '../worker/number/pad.ts';
import { rasterize, toRgba } from '../worker/number/raster.ts';
import { markUnsure, readNumber, type Classify } from '../worker/number/read.ts';
import { segmentedRight } from '../worker/number/score.ts';
import { segment } from '../worker/number/segment.ts';
import { preprocess } from '../worker/preprocess.ts';
import { defaultConfig, presetFor } from '../worker/train/run-config.ts';
import { readMnist } from '../scripts/mnist-node.ts';
import { readUnipen, UNIPEN_PATH } from '../scripts/unipen-node.ts';
import { readWritersLetters } from '../scripts/writers-letters-node.ts';
import { dotted, looksLikeNoNumber } from '../src/lib/doubt.ts';
import { OursRun } from './ours.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'mlp' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '600' },
    backend: { type: 'string', default: 'auto' },
  },
});
const samples = readUnipen();
if (!samples) throw new Error(`no ${UNIPEN_PATH}: the numbers bench needs the UNIPEN dev digits`);
const seed = Number(values.seed), count = Number(values.count);

// --- the model, trained as the app trains it ---
if (values.model !== 'mlp' && values.model !== 'cnn') throw new Error(`--model must be mlp or cnn, got ${values.model}`);
const p = presetFor(defaultConfig(seed, values.model));
if (values.epochs) {
  p.epochs = Number(values.epochs);
  p.optimizer.totalSteps = Math.ceil((60000 / p.batchSize) * p.epochs);
}
const kernels = await loadKernels({ backend: (values.backend === 'ts' ? 'typescript' : values.backend) as 'auto' });
const data = readMnist();
const run = new OursRun(p, seed, kernels, data);
run.trainUntil(p.optimizer.totalSteps * p.batchSize); // the whole schedule (a fractional --epochs: part of an epoch)
const mnist = run.evaluate();
console.log(`the app's ${values.model} network, ${p.epochs} epochs on ${kernels.name}: ${run.trainSeconds.toFixed(1)} s, MNIST test ${(100 * mnist).toFixed(2)}%`);
const model = run.trainer.model;

/** Reads a number as the app does once the pen is up; its text has "?" for each digit not sure of. */
function readAsApp(n: ComposedNumber) {
  const r = readNumber(n.strokes, n.pad.width, n.pad.height, (x, strokes, pieces, one) => answerOf(model, x, true, penInNumber(strokes, pieces, one), null).verdict);
  const unsure = r.digits.map((d) => d.judgement.notADigit);
  // Dotted in "Reads …" as the chip rounds it (a new number: no earlier mark to hold).
  const lessSure = r.digits.filter((d) => !d.judgement.notADigit && dotted(Math.round(100 * d.judgement.digitProbabilities[d.top]))).length;
  return { ...r, text: markUnsure(r.text, unsure), unsure: unsure.filter(Boolean).length, lessSure };
}

// --- each digit alone, the single-digit path: the whole square pad painted and preprocessed,
// the digit as tall as in the numbers (longer side 0.6 of the pad), centred ---
const singleRight = samples.map((s: PenDigit) => {
  const k = 0.6 / 200;
  const strokes = s.strokes.map((st) => st.map(([x, y]) => ({ x: 0.5 + (x - 140) * k, y: 0.5 + (y - 140) * k })));
  const win = { scale: READ_SCALE, left: 0, top: 0, width: READ_SCALE, height: READ_SCALE };
  const input = preprocess(toRgba(rasterize(strokes, win)), READ_SCALE, READ_SCALE);
  // As the e2e replay counts a digit alone: its top bar, "not sure" or not.
  return input !== null && answerOf(model, input, true, penOf(strokes), null).verdict.top === s.label;
});

interface Figures { numbers: number; segmentation: number; perDigit: number; single: number; whole: number; unsure: number; digits: number; noNumber: number }

function measure(numbers: ComposedNumber[]): Figures {
  let segRight = 0, digitsRight = 0, digits = 0, singles = 0, whole = 0, unsure = 0, noNumber = 0;
  for (const n of numbers) {
    if (segmentedRight(segment(toSideUnits(n.strokes, n.pad)), n)) segRight++;
    const r = readAsApp(n);
    if (r.text === n.text) whole++;
    unsure += r.unsure;
    noNumber += Number(looksLikeNoNumber(r.digits.length, r.unsure, r.lessSure));
    digits += n.text.length;
    // Digit by digit where the count is right; a wrong count makes every digit of it wrong.
    if (r.digits.length === n.text.length) r.digits.forEach((d, k) => (digitsRight += Number(String(d.top) === n.text[k])));
    singles += n.samples.filter((s) => singleRight[s]).length;
  }
  return { numbers: numbers.length, segmentation: segRight / numbers.length, perDigit: digitsRight / digits, single: singles / digits, whole: whole / numbers.length, unsure, digits, noNumber };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const show = (name: string, f: Figures) =>
  console.log(
    `${name.padEnd(34)} ${String(f.numbers).padStart(5)}  seg ${pct(f.segmentation).padStart(6)}  digits ${pct(f.perDigit).padStart(6)} (alone ${pct(f.single).padStart(6)})  ` +
      `whole ${pct(f.whole).padStart(6)}  "?" ${String(f.unsure).padStart(3)} of ${f.digits} digits  no number ${f.noNumber}`,
  );

console.log(`single-digit path, all ${samples.length} UNIPEN dev digits alone: ${pct(singleRight.filter(Boolean).length / samples.length)}`);
const main = measure(composeNumbers(samples, { seed, count }));
show('numbers of 2–6 digits, gaps 0.2–0.7', main);
const [a, b] = splitWriters(samples, 7);
show('  writers, half A', measure(composeNumbers(samples, { seed: seed + 1, count: count / 2, writers: a })));
show('  writers, half B', measure(composeNumbers(samples, { seed: seed + 2, count: count / 2, writers: b })));
show('second strokes after later digits', measure(composeNumbers(samples, { seed: seed + 3, count: count / 2, order: 'late' })));
show('crowded: gaps −0.1–0.1 (stress)', measure(composeNumbers(samples, { seed: seed + 4, count: count / 2, gap: [-0.1, 0.1] })));
const crowdedMost = measure(composeNumbers(samples, { seed: seed + 6, count: count / 2, gap: [-0.2, 0] }));
show('crowded: gaps −0.2–0 (stress)', crowdedMost);

// --- words: the other writers' letters composed as numbers are; "no number" is what the readout says ---
const words = composeNumbers(readWritersLetters(), { seed, count: count / 2, minDigits: 2, maxDigits: 5 });
const wordReads = words.map(readAsApp);
const wordsNoNumber = wordReads.filter((r) => looksLikeNoNumber(r.digits.length, r.unsure, r.lessSure)).length;
const wordsAllUnsure = wordReads.filter((r) => r.unsure === r.digits.length).length;
const wordsNoUnsure = wordReads.filter((r) => r.unsure === 0).length;
console.log(
  `words of 2–5 of the other writers' letters (${words.length}): "not sure — doesn't look like a number" ${pct(wordsNoNumber / words.length)} ` +
    `(every letter "?": ${pct(wordsAllUnsure / words.length)}); read as a number with no "?": ${pct(wordsNoUnsure / words.length)}; ` +
    `numbers of real digits called no number: ${main.noNumber} of ${main.numbers} (crowded, gaps −0.2–0: ${crowdedMost.noNumber} of ${crowdedMost.numbers})`,
);

// --- latency of one 8-digit number: strokes → segmentation → 8 inputs → 8 predictions, one view
// each as while the pen moves (the closer look once it is up costs five) ---
const classify: Classify = (x, strokes) => answerOf(model, x, false, penInNumber(strokes), null).verdict;
const prolific = new Set([...new Set(samples.map((s) => s.writer))].filter((w) => samples.filter((s) => s.writer === w).length >= 8));
const eights = composeNumbers(samples, { seed: seed + 5, count: 40, minDigits: 8, maxDigits: 8, writers: prolific });
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const times: number[] = [];
for (let i = 0; i < 440; i++) {
  const n = eights[i % eights.length];
  const t0 = performance.now();
  readNumber(n.strokes, n.pad.width, n.pad.height, classify);
  if (i >= 40) times.push(performance.now() - t0);
}
// On a shared machine, wall time includes waiting for a core: CPU time says what the work costs.
const cpu = process.cpuUsage(cpu0);
const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
times.sort((x, y) => x - y);
const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
if (eights.some((n) => n.text.length !== 8)) throw new Error('numbers bench: an 8-digit number came out shorter');
console.log(
  `reading an 8-digit number (strokes → text, ${eights[0].strokes.flat().length} points in the first): ` +
    `p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms wall time; this process had a core ${(100 * Math.min(1, cpuShare)).toFixed(0)}% of it`,
);
console.log(JSON.stringify({
  mnistTest: Number(mnist.toFixed(4)),
  segmentation: Number(main.segmentation.toFixed(4)),
  perDigit: Number(main.perDigit.toFixed(4)),
  singleSameDigits: Number(main.single.toFixed(4)),
  wholeNumber: Number(main.whole.toFixed(4)),
  unsureDigits: main.unsure,
  numbersNoNumber: main.noNumber,
  wordsNoNumber: Number((wordsNoNumber / words.length).toFixed(4)),
  read8P50Ms: Number(q(0.5).toFixed(2)),
  read8P95Ms: Number(q(0.95).toFixed(2)),
  read8CpuShare: Number(Math.min(1, cpuShare).toFixed(2)),
}));
