// Scores of a trained model on sets of inputs, and the "not a digit" rules applied to them.
import type { MnistSet } from '../worker/data/mnist.ts';
import type { Network } from '../worker/nn/network.ts';
import { DIGITS, NOT_A_DIGIT, verdict, type NotSureRule } from '../worker/notdigit/verdict.ts';
import type { Pen } from '../worker/notdigit/pen.ts';

/** Per input: softmax over all outputs, and the logits. */
export interface Scored {
  classes: number;
  probs: Float32Array[];
  logits: Float32Array[];
  /** Each input's pen evidence, when drawn (the verdict's stroke tests; MNIST has none). */
  pens?: Pen[];
  /** The drawn inputs themselves, for the verdict's shape tests (finished drawings). */
  inputs?: Float32Array[];
}

export function score(net: Network, inputs: Float32Array[], pens?: Pen[]): Scored {
  const C = net.spec.classes, B = 250;
  const x = net.layers[0].kernels.alloc(B * 784);
  const probs: Float32Array[] = [], logits: Float32Array[] = [];
  for (let s = 0; s < inputs.length; s += B) {
    const n = Math.min(B, inputs.length - s);
    for (let i = 0; i < n; i++) x.set(inputs[s + i], i * 784);
    const out = net.forward(x, n);
    for (let i = 0; i < n; i++) {
      const l = out.slice(i * C, (i + 1) * C);
      let max = -Infinity, sum = 0;
      for (const v of l) max = Math.max(max, v);
      const p = l.map((v) => Math.exp(v - max));
      for (const v of p) sum += v;
      probs.push(p.map((v) => v / sum));
      logits.push(l);
    }
  }
  return { classes: C, probs, logits, pens, inputs: pens ? inputs : undefined };
}

export function mnistInputs(set: MnistSet): { inputs: Float32Array[]; labels: number[] } {
  const inputs: Float32Array[] = [];
  for (let i = 0; i < set.count; i++) inputs.push(Float32Array.from(set.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255));
  return { inputs, labels: Array.from(set.labels) };
}

/** Scores where higher means "less like a digit", on the ten digit outputs alone. */
export const SCORES = {
  /** 1 − the top digit's probability (among the ten digits). */
  maxProb: (p: Float32Array) => {
    let s = 0, m = 0;
    for (let d = 0; d < DIGITS; d++) (s += p[d]), (m = Math.max(m, p[d]));
    return 1 - m / s;
  },
  /** Entropy of the ten digit probabilities (renormalised). */
  entropy: (p: Float32Array) => {
    let s = 0, h = 0;
    for (let d = 0; d < DIGITS; d++) s += p[d];
    for (let d = 0; d < DIGITS; d++) if (p[d] > 0) h -= (p[d] / s) * Math.log(p[d] / s);
    return h;
  },
  /** Energy: −log Σ exp(logit) over the digit logits (Liu et al. 2020). */
  energy: (_p: Float32Array, l: Float32Array) => {
    let m = -Infinity, s = 0;
    for (let d = 0; d < DIGITS; d++) m = Math.max(m, l[d]);
    for (let d = 0; d < DIGITS; d++) s += Math.exp(l[d] - m);
    return -(m + Math.log(s));
  },
  /** The "not a digit" output's probability. */
  pNotDigit: (p: Float32Array) => (p.length > NOT_A_DIGIT ? p[NOT_A_DIGIT] : 0),
} satisfies Record<string, (p: Float32Array, l: Float32Array) => number>;
export type ScoreName = keyof typeof SCORES;

export function values(s: Scored, name: ScoreName): number[] {
  return s.probs.map((p, i) => SCORES[name](p, s.logits[i]));
}

/** The threshold above which `share` of the values lie (the calibration: flag that share of digits). */
export function thresholdFor(vals: number[], share: number): number {
  const sorted = vals.slice().sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

export const flaggedBy = (vals: number[], t: number) => vals.filter((v) => v > t).length / vals.length;

/** Share flagged by the app's rule (verdict). */
export function flaggedByRule(s: Scored, rule: NotSureRule): number {
  return s.probs.filter((p, i) => verdict(p, rule, s.pens?.[i], false, null, s.inputs?.[i]).notADigit).length / s.probs.length;
}

/** Share whose top digit (of the ten outputs) is the label. */
export function digitAccuracy(s: Scored, labels: number[]): number {
  return s.probs.filter((p, i) => verdict(p).top === labels[i]).length / labels.length;
}
