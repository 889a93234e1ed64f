// `npm run bench -- --compare`: mlp-128 (784-128-10, batch 32, Adam 1e-3 with the preset's
// schedule) trained by our WASM kernels, our TypeScript kernels, TF.js cpu and TF.js wasm
// (one thread), from the same initial weights in the same shuffled order. Where relaxed SIMD
// runs (Chromium; Node with --experimental-wasm-relaxed-simd, as `npm run bench` passes),
// our plain-SIMD build runs too, as a fifth contender. Interleaved: each
// round trains every contender for the same slice of samples, then evaluates them (not timed),
// so machine noise (other processes on the shared cores) falls on all of them alike.
import { readMnist } from '../scripts/mnist-node.ts';
import { availableBackends, loadKernels } from '../worker/nn/backend.ts';
import { tsKernels } from '../worker/nn/kernels.ts';
import { preset } from '../worker/train/presets.ts';
import { predictionLatency } from './latency.ts';
import { OursRun } from './ours.ts';
import { TfjsRun } from './tfjs.ts';

interface Contender {
  name: string;
  samples: number;
  trainSeconds: number;
  done: boolean;
  trainUntil(samples: number): Promise<void>;
  evaluate(): Promise<number>;
}

function ours(run: OursRun): Contender {
  return {
    name: `ours-${run.kernels.name}`,
    get samples() { return run.samples; },
    get trainSeconds() { return run.trainSeconds; },
    get done() { return run.trainer.done; },
    trainUntil: async (n) => run.trainUntil(n),
    evaluate: async () => run.evaluate(),
  };
}

export async function runCompare(o: { epochs: number; seed: number; evalsPerEpoch: number }): Promise<void> {
  const data = readMnist();
  const p = preset('mlp-128');
  p.epochs = o.epochs;
  p.optimizer.totalSteps = Math.ceil(60000 / p.batchSize) * o.epochs;
  const wasm = new OursRun(p, o.seed, await loadKernels({ backend: 'wasm' }), data);
  const ts = new OursRun(p, o.seed, tsKernels, data);
  const contenders: Contender[] = [
    ours(wasm),
    ours(ts),
    await TfjsRun.create('wasm', p, o.seed, data),
    await TfjsRun.create('cpu', p, o.seed, data),
  ];
  const plain = wasm.kernels.name === 'wasm-relaxed-simd' && availableBackends().includes('wasm-simd')
    ? new OursRun(p, o.seed, await loadKernels({ backend: 'wasm-simd' }), data)
    : null;
  if (plain) contenders.splice(1, 0, ours(plain));
  console.log(`compare: mlp-128, batch ${p.batchSize}, Adam ${p.optimizer.learningRate} (${p.optimizer.schedule}), seed ${o.seed}, ${o.epochs} epochs, one thread, interleaved`);
  const to97 = new Map<string, number | null>(contenders.map((c) => [c.name, null]));
  const acc = new Map<string, number>();
  const chunk = Math.floor(60000 / o.evalsPerEpoch);
  let peakRss = process.memoryUsage().rss;
  for (let target = chunk; contenders.some((c) => !c.done); target += chunk) {
    const line: string[] = [];
    for (const c of contenders) {
      await c.trainUntil(target);
      const a = await c.evaluate();
      acc.set(c.name, a);
      if (to97.get(c.name) === null && a >= 0.97) to97.set(c.name, c.trainSeconds);
      line.push(`${c.name} ${(a * 100).toFixed(2)}% @${c.trainSeconds.toFixed(1)}s`);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`${String(target).padStart(7)}  ${line.join('  ')}`);
  }

  const rate = (c: Contender) => c.samples / c.trainSeconds;
  const [w] = contenders;
  const byName = (n: string) => contenders.find((c) => c.name === n)!;
  const t = byName('ours-typescript'), tw = byName('tfjs-wasm'), tc = byName('tfjs-cpu');
  console.log('\n| backend | samples/s | training s to 97% | test accuracy | our WASM is … × faster |');
  console.log('|---|---:|---:|---:|---:|');
  for (const c of contenders) {
    const s = to97.get(c.name);
    console.log(`| ${c.name} | ${Math.round(rate(c)).toLocaleString('en-US')} | ${s === null || s === undefined ? '—' : s.toFixed(2)} | ${(acc.get(c.name)! * 100).toFixed(2)}% | ${(rate(w) / rate(c)).toFixed(1)} |`);
  }

  console.log('\nprediction latency, one 400×400 drawing → probabilities (preprocess + forward), ms:');
  let ours50 = 0, ours99 = 0;
  for (const run of plain ? [wasm, plain, ts] : [wasm, ts]) {
    const l = predictionLatency(run.net, data.test);
    if (run === wasm) [ours50, ours99] = [l.p50, l.p99];
    console.log(`  ${run.kernels.name.padEnd(18)} p50 ${l.p50.toFixed(3)}  p99 ${l.p99.toFixed(3)}  (forward p50 ${l.forwardP50.toFixed(3)})`);
  }
  const s97 = to97.get(w.name);
  console.log(JSON.stringify({
    model: 'mlp-128',
    backend: wasm.kernels.name,
    epochs: o.epochs,
    samplesPerSec: Math.round(rate(w)),
    secondsTo97: s97 == null ? null : Number(s97.toFixed(2)),
    testAccuracy: Number(acc.get(w.name)!.toFixed(4)),
    peakRssMB: Math.round(peakRss / 2 ** 20),
    vsTfjsWasm: Number((rate(w) / rate(tw)).toFixed(2)),
    vsTs: Number((rate(w) / rate(t)).toFixed(2)),
    vsTfjsCpu: Number((rate(w) / rate(tc)).toFixed(2)),
    ...(plain ? { plainSimdSamplesPerSec: Math.round(rate(ours(plain))) } : {}),
    predictP50Ms: Number(ours50.toFixed(3)),
    predictP99Ms: Number(ours99.toFixed(3)),
  }));
}
