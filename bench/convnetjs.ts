// The same CNN in ConvNetJS (benchmark only; npm package `convnetjs` 0.3.0, plain JavaScript,
// one sample at a time). Its Vol layout is channels last like ours. It has no Adam: SGD with
// momentum 0.9 at batch 32 does the same work per sample (its update runs once per batch).
import { createRequire } from 'node:module';
import { fillBatch, PIXELS, type MnistSet } from '../worker/data/mnist.ts';
import { Rng } from '../worker/nn/rng.ts';
import { convPlan } from '../worker/nn/spec.ts';
import type { Preset } from '../worker/train/presets.ts';

interface Vol { w: Float64Array }
interface ConvNetJs {
  Vol: new (sx: number, sy: number, depth: number, c: number) => Vol;
  Net: new () => { makeLayers(defs: object[]): void; forward(v: Vol): Vol };
  Trainer: new (net: object, opts: object) => { train(v: Vol, label: number): unknown };
}

export class ConvNetJsRun {
  readonly name = 'convnetjs';
  samples = 0;
  trainSeconds = 0;
  private cursor = 0;
  private readonly order: Uint32Array;
  private readonly trainer: { train(v: Vol, label: number): unknown };
  private readonly lib: ConvNetJs;

  constructor(readonly p: Preset, readonly train: MnistSet, seed: number) {
    this.lib = createRequire(import.meta.url)('convnetjs') as ConvNetJs;
    this.order = new Rng(seed ^ 0x9e3779b9).shuffle(Uint32Array.from({ length: train.count }, (_, i) => i));
    const side = Math.sqrt(p.spec.inputs);
    const defs: object[] = [{ type: 'input', out_sx: side, out_sy: side, out_depth: 1 }];
    for (const pl of convPlan(p.spec)) {
      defs.push({ type: 'conv', sx: pl.k, filters: pl.cout, stride: 1, pad: pl.pad, activation: 'relu' });
      if (pl.pool) defs.push({ type: 'pool', sx: 2, stride: 2 });
    }
    for (const units of p.spec.hidden) defs.push({ type: 'fc', num_neurons: units, activation: 'relu' });
    defs.push({ type: 'softmax', num_classes: p.spec.classes });
    const net = new this.lib.Net();
    net.makeLayers(defs);
    this.trainer = new this.lib.Trainer(net, { method: 'sgd', learning_rate: 0.01, momentum: 0.9, batch_size: p.batchSize, l2_decay: 0 });
  }

  /** Trains `samples` more samples in the shuffled order. */
  trainFor(samples: number): void {
    const side = Math.sqrt(this.p.spec.inputs), x = new Float32Array(PIXELS), y = new Uint8Array(1);
    const vol = new this.lib.Vol(side, side, 1, 0);
    const t0 = performance.now();
    for (let i = 0; i < samples && this.cursor < this.order.length; i++, this.cursor++, this.samples++) {
      fillBatch(this.train, this.order, this.cursor, 1, x, y);
      vol.w.set(x);
      this.trainer.train(vol, y[0]);
    }
    this.trainSeconds += (performance.now() - t0) / 1000;
  }
}
