// Full-MNIST training benchmark in Node, one thread. Evaluation time is not training time.
// Usage: npm run bench -- [--model mlp-128|default|cnn] [--epochs N] [--seed N] [--evals-per-epoch N]
//          [--backend auto|wasm|ts] [--lr X] [--schedule constant|cosine|linear] [--warmup N]
//          [--final F] [--decay-start F] [--batch N] [--augment-ramp N] [--hidden 256-128] [--average R]
//          [--conv 16:5:same:pool,32:5:same:pool] [--stroke thicker,thinner] [--stop-after EPOCHS] [--elastic PIXELS]
//          [--app]   (the app's own network of that kind: "not a digit" output, pen styles for the
//                     cnn; also prints the UNIPEN dev digits read right when ../shared has them)
//        npm run bench -- --compare [--epochs N] [--seed N]   (WASM vs TS vs TF.js, see compare.ts)
//        npm run bench -- --compare --model cnn [--epochs N] [--tfjs-samples N] [--convnetjs-samples N]
//          (ours vs TF.js cpu vs ConvNetJS, f32x4 peak, forward vs TF.js wasm: see compare-cnn.ts)
// The last line printed is one JSON object with the figures.
import { parseArgs } from 'node:util';
import { describe } from '../worker/nn/network.ts';
import { loadKernels } from '../worker/nn/backend.ts';
import { SCHEDULES, type ScheduleKind } from '../worker/nn/optimizer.ts';
import { defaultAugment } from '../worker/train/augment.ts';
import { preset } from '../worker/train/presets.ts';
import { defaultConfig, presetFor } from '../worker/train/run-config.ts';
import { readUnipen } from '../scripts/unipen-node.ts';
import { unipenSet } from './not-sure-sets.ts';
import { readMnist } from '../scripts/mnist-node.ts';
import { runCompare } from './compare.ts';
import { runCompareCnn } from './compare-cnn.ts';
import { predictionLatency, strokeLatency } from './latency.ts';
import { closerLook } from '../worker/infer/closer-look.ts';
import { trainOurs } from './ours.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'mlp-128' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'evals-per-epoch': { type: 'string', default: '4' },
    backend: { type: 'string', default: 'auto' },
    lr: { type: 'string' },
    schedule: { type: 'string' },
    warmup: { type: 'string' },
    final: { type: 'string' },
    'decay-start': { type: 'string' },
    batch: { type: 'string' },
    'augment-ramp': { type: 'string' },
    hidden: { type: 'string' },
    conv: { type: 'string' },
    stroke: { type: 'string' },
    'stop-after': { type: 'string' },
    elastic: { type: 'string' },
    average: { type: 'string' },
    compare: { type: 'boolean', default: false },
    app: { type: 'boolean', default: false },
    'tfjs-samples': { type: 'string', default: '96' },
    'convnetjs-samples': { type: 'string', default: '640' },
  },
});

const seed = Number(values.seed);
const evalsPerEpoch = Number(values['evals-per-epoch']);
if (!Number.isInteger(seed) || !(evalsPerEpoch >= 1)) throw new Error('--seed must be an integer, --evals-per-epoch ≥ 1');

if (values.compare && values.model === 'cnn') {
  await runCompareCnn({
    epochs: values.epochs ? Number(values.epochs) : 1, seed, evalsPerEpoch,
    tfjsSamples: Number(values['tfjs-samples']), convnetjsSamples: Number(values['convnetjs-samples']),
  });
} else if (values.compare) {
  await runCompare({ epochs: values.epochs ? Number(values.epochs) : 3, seed, evalsPerEpoch });
} else {
  const p = values.app ? presetFor(defaultConfig(seed, values.model === 'cnn' ? 'cnn' : 'mlp')) : preset(values.model!);
  const epochs = values.epochs ? Number(values.epochs) : p.epochs;
  if (!(epochs > 0)) throw new Error('--epochs must be > 0');
  p.epochs = epochs;
  if (values.batch) p.batchSize = Number(values.batch);
  if (values['augment-ramp']) p.augmentRamp = Number(values['augment-ramp']);
  if (values.average) p.average = Number(values.average);
  if (values.hidden) p.spec.hidden = values.hidden.split(/[-,]/).filter(Boolean).map(Number);
  // --conv 16:5:same:pool,32:5:same:pool (filters:kernel:padding[:pool]), or none
  if (values.conv) {
    p.spec.conv = values.conv === 'none' ? undefined : values.conv.split(',').map((l) => {
      const [filters, kernel, padding, pool] = l.split(':');
      return { filters: Number(filters), kernel: Number(kernel), padding: padding as 'same' | 'valid', pool: pool === 'pool' };
    });
  }
  // --stroke 0.6,0.4: stroke-width variation (thicker, thinner) on top of the affine distortions
  if (values.stroke) {
    const [thicker, thinner] = values.stroke.split(',').map(Number);
    p.augmentLimits = { ...(p.augmentLimits ?? defaultAugment), thicker, thinner };
  }
  if (values.elastic) p.augmentLimits = { ...(p.augmentLimits ?? defaultAugment), elastic: Number(values.elastic) };
  if (values.lr) p.optimizer.learningRate = Number(values.lr);
  if (values.schedule) {
    if (!SCHEDULES.includes(values.schedule as ScheduleKind)) throw new Error(`--schedule must be one of ${SCHEDULES.join(', ')}`);
    p.optimizer.schedule = values.schedule as ScheduleKind;
  }
  if (values.warmup) p.optimizer.warmupSteps = Number(values.warmup);
  if (values.final) p.optimizer.finalFraction = Number(values.final);
  if (values['decay-start']) p.optimizer.decayStart = Number(values['decay-start']);
  // The schedule spans the run as asked for, like the app's run over the preset's epochs.
  p.optimizer.totalSteps = Math.ceil(60000 / p.batchSize) * epochs;

  const backend = values.backend === 'ts' ? 'typescript' : values.backend;
  const kernels = await loadKernels({ backend: backend as 'auto' });
  const o = p.optimizer;
  console.log(
    `model ${values.model}${values.app ? " as the app trains it" : ""} (${describe(p.spec)}) on ${kernels.name}, batch ${p.batchSize}, ${o.kind} ${o.learningRate} ${o.schedule}` +
      `${o.schedule === 'constant' ? '' : ` from ${o.decayStart ?? 0} to ${o.finalFraction ?? 0.05}`}, warm-up ${o.warmupSteps}, seed ${seed}, ${epochs} epochs`,
  );
  console.log('samples    train_s  samples/s  test_acc');
  const data = readMnist();
  const r = trainOurs(p, seed, kernels, data, evalsPerEpoch, (row) =>
    console.log(
      `${String(row.samples).padStart(7)}  ${row.trainSeconds.toFixed(2).padStart(8)}  ${Math.round(row.samples / row.trainSeconds).toString().padStart(9)}  ${(row.accuracy * 100).toFixed(2)}%`,
    ),
    values['stop-after'] ? Number(values['stop-after']) * data.train.count : Infinity,
  );
  const l = predictionLatency(r.model, data.test);
  const s = strokeLatency(r.model);
  const settled = strokeLatency(r.model, 600, true);
  // Real pen digits, painted as the pad paints them (bench/not-sure-sets.ts), read by the answering model.
  const pens = readUnipen();
  let unipenDev: number | null = null, unipenDevSettled: number | null = null;
  if (pens) {
    const u = unipenSet(pens);
    const readRight = (look: (x: Float32Array) => Float32Array) => u.inputs.filter((x, i) => {
      const pr = look(x);
      let top = 0;
      for (let d = 1; d < 10; d++) if (pr[d] > pr[top]) top = d;
      return top === u.labels![i];
    }).length;
    const right = readRight((x) => r.model.predict(x).probabilities);
    const closer = readRight((x) => closerLook(r.model, x).probabilities);
    unipenDev = right / u.inputs.length;
    unipenDevSettled = closer / u.inputs.length;
    console.log(`UNIPEN dev (${u.inputs.length} real pen digits, ${new Set(pens.map((p) => p.writer)).size} writers): ${right} read right = ${(100 * unipenDev).toFixed(2)}%; with the closer look (the pen up, as the app answers) ${closer} = ${(100 * unipenDevSettled).toFixed(2)}%`);
  }
  console.log(`prediction, one 400×400 canvas → probabilities (preprocess + forward): p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`);
  console.log(`prediction, the app's path (pen strokes → painted at 112 px → preprocess → forward → verdict): p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms`);
  console.log(`prediction once the pen is up (the same, with the closer look's five views): p50 ${settled.p50.toFixed(3)} ms, p99 ${settled.p99.toFixed(3)} ms`);
  console.log(JSON.stringify({
    model: values.model,
    backend: kernels.name,
    epochs,
    samplesPerSec: Math.round(r.samplesPerSec),
    secondsTo97: r.secondsTo97 === null ? null : Number(r.secondsTo97.toFixed(2)),
    secondsTo99: r.secondsTo99 === null ? null : Number(r.secondsTo99.toFixed(2)),
    testAccuracy: Number(r.accuracy.toFixed(4)),
    peakRssMB: Math.round(r.peakRss / 2 ** 20),
    predictP50Ms: Number(s.p50.toFixed(3)),
    predictP99Ms: Number(s.p99.toFixed(3)),
    settledPredictP50Ms: Number(settled.p50.toFixed(3)),
    settledPredictP99Ms: Number(settled.p99.toFixed(3)),
    canvasPredictP50Ms: Number(l.p50.toFixed(3)),
    canvasPredictP99Ms: Number(l.p99.toFixed(3)),
    unipenDev: unipenDev === null ? null : Number(unipenDev.toFixed(4)),
    unipenDevSettled: unipenDevSettled === null ? null : Number(unipenDevSettled.toFixed(4)),
  }));
}
