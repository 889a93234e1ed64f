// Full-MNIST training benchmark in Node, one thread. Evaluation time is not training time.
// Usage: npm run bench -- [--model mlp-128|default] [--epochs N] [--seed N] [--evals-per-epoch N]
import { parseArgs } from 'node:util';
import { Network, describe } from '../worker/nn/network.ts';
import { Evaluation, Trainer } from '../worker/train/trainer.ts';
import { preset } from '../worker/train/presets.ts';
import { readMnist } from '../scripts/mnist-node.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'mlp-128' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'evals-per-epoch': { type: 'string', default: '4' },
  },
});
const p = preset(values.model!);
const epochs = values.epochs ? Number(values.epochs) : p.epochs;
const seed = Number(values.seed);
const evalsPerEpoch = Number(values['evals-per-epoch']);
if (!(epochs > 0) || !Number.isInteger(seed) || !(evalsPerEpoch >= 1)) {
  throw new Error('--epochs must be > 0, --seed an integer, --evals-per-epoch ≥ 1');
}
p.epochs = epochs;
if (p.optimizer.schedule !== 'constant') {
  p.optimizer.totalSteps = Math.ceil(60000 / p.batchSize) * epochs;
}

const { train, test } = readMnist();
const net = new Network(p.spec, p.optimizer, seed);
const trainer = new Trainer(net, p, train);
const evalEvery = Math.floor(train.count / evalsPerEpoch);
console.log(`model ${values.model} (${describe(p.spec)}), batch ${p.batchSize}, ${p.optimizer.kind} ${p.optimizer.learningRate} ${p.optimizer.schedule}, seed ${seed}, ${epochs} epochs`);
console.log('samples    train_s  samples/s  test_acc');

let trainSeconds = 0;
let secondsTo97: number | null = null;
let acc = 0;
let nextEval = evalEvery;
let peakRss = process.memoryUsage().rss;
while (!trainer.done) {
  const t0 = performance.now();
  while (!trainer.done && trainer.samplesSeen < nextEval) trainer.step();
  trainSeconds += (performance.now() - t0) / 1000;
  nextEval += evalEvery;
  acc = new Evaluation(net, test).run().accuracy;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (secondsTo97 === null && acc >= 0.97) secondsTo97 = trainSeconds;
  console.log(
    `${String(trainer.samplesSeen).padStart(7)}  ${trainSeconds.toFixed(2).padStart(8)}  ${Math.round(trainer.samplesSeen / trainSeconds).toString().padStart(9)}  ${(acc * 100).toFixed(2)}%`,
  );
}
console.log(JSON.stringify({
  model: values.model,
  epochs,
  samplesPerSec: Math.round(trainer.samplesSeen / trainSeconds),
  secondsTo97: secondsTo97 === null ? null : Number(secondsTo97.toFixed(2)),
  testAccuracy: Number(acc.toFixed(4)),
  peakRssMB: Math.round(peakRss / 2 ** 20),
}));
