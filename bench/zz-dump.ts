// scratch: train the app's CNN in Node and dump its weights at some epochs
import { writeFileSync } from 'node:fs';
import { loadKernels } from '../worker/nn/backend.ts';
import { serialize } from '../worker/nn/serialize.ts';
import { presetFor, defaultConfig } from '../worker/train/run-config.ts';
import { readMnist } from '../scripts/mnist-node.ts';
import { OursRun } from './ours.ts';
const seed = Number(process.argv[2] ?? 1);
const kernels = await loadKernels({ backend: 'auto' });
const run = new OursRun(presetFor(defaultConfig(seed, 'cnn')), seed, kernels, readMnist());
for (const e of [1.5, 3, 6]) {
  run.trainUntil(e * 60000);
  console.log(seed, e, JSON.stringify(run.evaluate()));
  writeFileSync(`/tmp/ns/cnn-s${seed}-e${e}.bin`, serialize(run.trainer.model));
}
