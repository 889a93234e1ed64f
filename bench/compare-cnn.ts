// `npm run bench -- --compare --model cnn`: the cnn preset trained by our WASM kernels for
// --epochs (default 1, schedule shortened to match), interleaved with the same network in
// TensorFlow.js's cpu backend and in ConvNetJS, which get a bounded number of samples (they are
// 2–3 orders of magnitude slower): each round trains ours for a slice of the epoch, then each
// peer for its share, so the machine's load falls on all alike. In the same run: the f32x4
// peak (peak.ts) and our effective training GFLOP/s as a share of it, one image's forward pass
// against TF.js's wasm backend (XNNPACK, one thread), and the prediction latency.
import { readMnist } from '../scripts/mnist-node.ts';
import { PIXELS } from '../worker/data/mnist.ts';
import { loadKernels } from '../worker/nn/backend.ts';
import { describe } from '../worker/nn/network.ts';
import { preset } from '../worker/train/presets.ts';
import { ConvNetJsRun } from './convnetjs.ts';
import { predictionLatency, strokeLatency } from './latency.ts';
import { OursRun } from './ours.ts';
import { f32x4Peak, trainingMacs } from './peak.ts';
import { TfjsCnn } from './tfjs-cnn.ts';

export interface CompareCnnOptions {
  epochs: number;
  seed: number;
  evalsPerEpoch: number;
  /** Samples each slow peer trains (whole batches for TF.js; its first batch is a warm-up, not timed). */
  tfjsSamples: number;
  convnetjsSamples: number;
}

const rate = (r: { samples: number; trainSeconds: number }) => r.samples / r.trainSeconds;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function runCompareCnn(o: CompareCnnOptions): Promise<void> {
  const data = readMnist();
  const p = preset('cnn');
  p.epochs = o.epochs;
  p.optimizer.totalSteps = Math.ceil(60000 / p.batchSize) * o.epochs;
  const kernels = await loadKernels({ backend: 'wasm' });
  const ours = new OursRun(p, o.seed, kernels, data);
  const tfjs = await TfjsCnn.create('cpu', p, o.seed, data.train);
  const cj = new ConvNetJsRun(p, data.train, o.seed);
  console.log(`compare: cnn (${describe(p.spec)}), batch ${p.batchSize}, seed ${o.seed}, ${o.epochs} epoch(s) for ours; ` +
    `TF.js cpu ${o.tfjsSamples} and ConvNetJS ${o.convnetjsSamples} samples, interleaved, one thread`);
  const peakBefore = await f32x4Peak(kernels.name);

  await tfjs.trainFor(p.batchSize); // warm-up batch
  tfjs.samples = tfjs.trainSeconds = 0;
  cj.trainFor(p.batchSize);
  cj.samples = cj.trainSeconds = 0;
  const chunk = Math.floor(60000 / o.evalsPerEpoch);
  /** Ours over the rounds in which the peers trained too: the like-for-like rate. */
  const shared = { samples: 0, trainSeconds: 0 };
  let to99: number | null = null, accuracy = 0;
  for (let target = chunk; !ours.trainer.done; target += chunk) {
    const s0 = ours.samples, t0 = ours.trainSeconds;
    ours.trainUntil(target);
    const peersLeft = tfjs.samples < o.tfjsSamples || cj.samples < o.convnetjsSamples;
    if (peersLeft) {
      shared.samples += ours.samples - s0;
      shared.trainSeconds += ours.trainSeconds - t0;
      if (tfjs.samples < o.tfjsSamples) await tfjs.trainFor(p.batchSize);
      if (cj.samples < o.convnetjsSamples) cj.trainFor(Math.min(o.convnetjsSamples - cj.samples, Math.ceil(o.convnetjsSamples / 4)));
    }
    accuracy = ours.evaluate();
    if (to99 === null && accuracy >= 0.99) to99 = ours.trainSeconds;
    console.log(`${String(ours.samples).padStart(7)}  ours ${(accuracy * 100).toFixed(2)}% @${ours.trainSeconds.toFixed(1)}s` +
      (peersLeft ? `  tfjs-cpu ${tfjs.samples} samples @${tfjs.trainSeconds.toFixed(1)}s  convnetjs ${cj.samples} @${cj.trainSeconds.toFixed(1)}s` : ''));
  }
  while (tfjs.samples < o.tfjsSamples) await tfjs.trainFor(p.batchSize);
  if (cj.samples < o.convnetjsSamples) cj.trainFor(o.convnetjsSamples - cj.samples);
  const peak = Math.max(peakBefore, await f32x4Peak(kernels.name));

  const macs = trainingMacs(p.spec);
  const gflops = (2 * macs.training * rate(ours)) / 1e9;
  const like = shared.samples ? rate(shared) : rate(ours);
  console.log('\n| implementation | samples | samples/s | ours is … × faster |');
  console.log('|---|---:|---:|---:|');
  console.log(`| ours (${kernels.name}) | ${fmt(ours.samples)} | ${fmt(rate(ours))} (${fmt(like)} in the shared rounds) | 1 |`);
  console.log(`| TF.js cpu | ${tfjs.samples} | ${rate(tfjs).toFixed(2)} | ${fmt(like / rate(tfjs))} |`);
  console.log(`| ConvNetJS 0.3.0 | ${cj.samples} | ${rate(cj).toFixed(1)} | ${(like / rate(cj)).toFixed(1)} |`);
  console.log(`\ntraining: ${(macs.training / 1e6).toFixed(2)} M multiply-adds per sample → ${gflops.toFixed(1)} GFLOP/s effective; ` +
    `f32x4 peak ${peak.toFixed(1)} GFLOP/s → ${((100 * gflops) / peak).toFixed(0)}% of peak (skipped zeros count as done)`);

  // One image's forward pass: ours (the model that answers) against TF.js wasm, same image.
  const image = Float32Array.from(data.test.images.subarray(0, PIXELS), (v) => v / 255);
  const model = ours.trainer.model, times: number[] = [];
  for (let r = 0; r < 520; r++) {
    const t0 = performance.now();
    model.forward(image, 1);
    if (r >= 20) times.push(performance.now() - t0);
  }
  const forwardMs = times.sort((a, b) => a - b)[250];
  const tfjsWasmForwardMs = await (await TfjsCnn.create('wasm', p, o.seed, data.train)).forwardMs(image);
  console.log(`one image forward, p50: ours ${forwardMs.toFixed(3)} ms, TF.js wasm ${tfjsWasmForwardMs.toFixed(3)} ms`);
  const l = predictionLatency(model, data.test);
  const s = strokeLatency(model);
  const settled = strokeLatency(model, 600, true);
  console.log(`prediction, one 400×400 canvas → probabilities: p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms`);
  console.log(`prediction, the app's path (pen strokes → painted at 112 px → preprocess → forward → verdict): p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms`);
  console.log(`prediction once the pen is up (the same, with the closer look's five views): p50 ${settled.p50.toFixed(3)} ms, p99 ${settled.p99.toFixed(3)} ms`);
  console.log(JSON.stringify({
    model: 'cnn',
    backend: kernels.name,
    epochs: o.epochs,
    samplesPerSec: Math.round(rate(ours)),
    secondsTo99: to99 === null ? null : Number(to99.toFixed(1)),
    testAccuracy: Number(accuracy.toFixed(4)),
    vsTfjsCpu: Math.round(like / rate(tfjs)),
    vsConvnetjs: Number((like / rate(cj)).toFixed(1)),
    tfjsCpuSamplesPerSec: Number(rate(tfjs).toFixed(3)),
    convnetjsSamplesPerSec: Number(rate(cj).toFixed(2)),
    gflops: Number(gflops.toFixed(1)),
    peakGflops: Number(peak.toFixed(1)),
    peakFraction: Number((gflops / peak).toFixed(3)),
    forwardMs: Number(forwardMs.toFixed(3)),
    tfjsWasmForwardMs: Number(tfjsWasmForwardMs.toFixed(3)),
    predictP50Ms: Number(s.p50.toFixed(3)),
    predictP99Ms: Number(s.p99.toFixed(3)),
    settledPredictP50Ms: Number(settled.p50.toFixed(3)),
    settledPredictP99Ms: Number(settled.p99.toFixed(3)),
    canvasPredictP50Ms: Number(l.p50.toFixed(3)),
    canvasPredictP99Ms: Number(l.p99.toFixed(3)),
  }));
}
