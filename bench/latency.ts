// Prediction latency along the worker's path for one drawing: canvas RGBA → preprocess
// (crop, scale to 20×20, centre of mass) → one forward pass → softmax. Comlink's message hop
// is not included (the browser tests measure stroke → bars end to end).
import type { MnistSet } from '../worker/data/mnist.ts';
import type { Network } from '../worker/nn/network.ts';
import { preprocess } from '../worker/preprocess.ts';
import { inputFromStrokes } from '../worker/preprocess/from-strokes.ts';
import { generateDigit } from '../worker/notdigit/generate.ts';
import { verdict } from '../worker/notdigit/verdict.ts';
import { closerLook } from '../worker/infer/closer-look.ts';
import { Rng } from '../worker/nn/rng.ts';

/** A canvas-sized drawing: test image `index` scaled up, dark ink on white, opaque. */
export function canvasDigit(test: MnistSet, index: number, side = 400): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(side * side * 4);
  const scale = side / 28;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = test.images[index * 784 + Math.floor(y / scale) * 28 + Math.floor(x / scale)];
      const o = (y * side + x) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = 255 - v;
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

export interface Latency {
  p50: number;
  p99: number;
  /** Of the p50, the share spent in the network (the rest is preprocessing). */
  forwardP50: number;
}

/** p50/p99 over `runs` predictions of varied canvas drawings (RGBA → preprocess → forward), in milliseconds. */
export function predictionLatency(net: Network, test: MnistSet, side = 400, runs = 600): Latency {
  const drawings = Array.from({ length: 20 }, (_, i) => canvasDigit(test, i, side));
  return timed(net, runs, (r) => preprocess(drawings[r % drawings.length], side, side));
}

/**
 * The app's own path for a drawing (the inference worker's predictStrokes): pen strokes →
 * painted at the pad's reading scale → preprocessed → one forward pass → the not-sure verdict
 * when the model has an 11th output. Drawings are generated pen digits of all ten kinds.
 */
export function strokeLatency(net: Network, runs = 600, settled = false): Latency {
  const rng = new Rng(7);
  const drawings = Array.from({ length: 40 }, (_, i) => generateDigit(rng, i % 10).strokes);
  return timed(net, runs, (r) => inputFromStrokes(drawings[r % drawings.length]), settled);
}

/**
 * Times `runs` predictions (after 50 to warm up): the input from `prepare`, then forward (the
 * closer look's five views when `settled`, as for a drawing whose pen is up) and verdict.
 */
function timed(net: Network, runs: number, prepare: (run: number) => Float32Array | null, settled = false): Latency {
  const total: number[] = [], forward: number[] = [];
  for (let r = 0; r < runs + 50; r++) {
    const t0 = performance.now();
    const input = prepare(r);
    if (!input) throw new Error('latency: a drawing came out empty');
    const t1 = performance.now();
    const { probabilities } = settled ? closerLook(net, input) : net.predict(input);
    if (probabilities.length > 10) verdict(probabilities);
    const t2 = performance.now();
    if (r >= 50) {
      total.push(t2 - t0);
      forward.push(t2 - t1);
    }
  }
  const q = (a: number[], f: number) => a.sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(f * a.length))];
  return { p50: q(total, 0.5), p99: q(total, 0.99), forwardP50: q(forward, 0.5) };
}
