// A checkpoint is one "DPNN" model blob (worker/nn/serialize.ts: weights, Adam state, step,
// seed, architecture, format version, checksum) whose free-form meta carries the training
// record. The same bytes are stored in IndexedDB and downloaded as `digitpad-model.dpnn`.
// Pure: no IndexedDB, no `self`; Vitest runs it in Node.

import type { HistoryPoint } from '../api.ts';
import type { Kernels } from '../nn/kernels.ts';
import type { Network } from '../nn/network.ts';
import { deserialize, serialize } from '../nn/serialize.ts';

/** Largest model file accepted (import and restore); the app's model is ~2.8 MB. */
export const MAX_MODEL_BYTES = 16_000_000;
export const MAX_HISTORY_POINTS = 2000;
/** The app feeds 28×28 images and reads ten classes; other shapes cannot be used. */
export const IO_SHAPE = { inputs: 784, classes: 10 } as const;

/** How the run trains, besides the network itself (what Trainer needs to carry on). */
export interface RunConfig {
  batchSize: number;
  epochs: number;
  augment: boolean;
}

/** The training record kept with the weights. */
export interface CheckpointMetrics {
  run: RunConfig;
  samplesSeen: number;
  epoch: number;
  /** Latest test accuracy 0..1, null before the first evaluation. */
  testAccuracy: number | null;
  /** The run had finished its schedule. */
  converged: boolean;
  /** History for the chart (evaluation points). */
  history: HistoryPoint[];
  /** Date.now() when saved. */
  savedAt: number;
}

export interface Checkpoint {
  net: Network;
  metrics: CheckpointMetrics;
}

const META_KEY = 'digitpad';

export function encodeCheckpoint(net: Network, metrics: CheckpointMetrics): Uint8Array {
  const history = metrics.history.slice(-MAX_HISTORY_POINTS).map((p) => ({
    samples: p.samples,
    // JSON has no NaN: a non-finite loss is written as null and read back as NaN.
    loss: Number.isFinite(p.loss) ? p.loss : null,
    testAccuracy: p.testAccuracy,
  }));
  return serialize(net, { [META_KEY]: { ...metrics, history } });
}

/**
 * Rebuilds a network and its record from checkpoint bytes. Throws an Error whose message says
 * what is wrong (too big, not a model, version, checksum, shapes, non-finite values, record).
 */
export function decodeCheckpoint(bytes: unknown, kernels?: Kernels): Checkpoint {
  if (!(bytes instanceof Uint8Array)) {
    throw new Error(`Model: expected bytes, got ${Object.prototype.toString.call(bytes)}`);
  }
  if (bytes.length > MAX_MODEL_BYTES) {
    throw new Error(`Model: file is ${mb(bytes.length)}, larger than the ${mb(MAX_MODEL_BYTES)} limit`);
  }
  const { net, meta } = deserialize(bytes, kernels);
  if (net.spec.inputs !== IO_SHAPE.inputs || net.spec.classes !== IO_SHAPE.classes) {
    throw new Error(
      `Model: takes ${net.spec.inputs} inputs and ${net.spec.classes} classes; DigitPad needs ${IO_SHAPE.inputs} and ${IO_SHAPE.classes}`,
    );
  }
  return { net, metrics: validateMetrics(meta[META_KEY]) };
}

function validateMetrics(raw: unknown): CheckpointMetrics {
  if (!isRecord(raw)) throw new Error('Model: no DigitPad training record (not exported by DigitPad?)');
  const bad = (what: string): never => {
    throw new Error(`Model: bad training record (${what})`);
  };
  const run = raw.run;
  if (!isRecord(run)) return bad('run');
  if (!isInt(run.batchSize, 1, 4096)) bad('run.batchSize');
  if (!isInt(run.epochs, 1, 1000)) bad('run.epochs');
  if (typeof run.augment !== 'boolean') bad('run.augment');
  const epochs = run.epochs as number;
  if (!isInt(raw.samplesSeen, 0, Number.MAX_SAFE_INTEGER)) bad('samplesSeen');
  if (!isInt(raw.epoch, 0, epochs)) bad('epoch');
  const acc = raw.testAccuracy;
  if (acc !== null && !(typeof acc === 'number' && acc >= 0 && acc <= 1)) bad('testAccuracy');
  if (typeof raw.converged !== 'boolean') bad('converged');
  if (!(typeof raw.savedAt === 'number' && Number.isFinite(raw.savedAt))) bad('savedAt');
  if (!Array.isArray(raw.history) || raw.history.length > MAX_HISTORY_POINTS) bad('history');
  const history = (raw.history as unknown[]).map((p, i): HistoryPoint => {
    if (!isRecord(p) || !(typeof p.samples === 'number' && p.samples >= 0)) return bad(`history[${i}]`);
    if (!(p.loss === null || (typeof p.loss === 'number' && Number.isFinite(p.loss)))) bad(`history[${i}].loss`);
    const a = p.testAccuracy;
    if (!(a === null || (typeof a === 'number' && a >= 0 && a <= 1))) bad(`history[${i}].testAccuracy`);
    return { samples: p.samples, loss: (p.loss as number | null) ?? NaN, testAccuracy: a as number | null };
  });
  return {
    run: { batchSize: run.batchSize as number, epochs, augment: run.augment as boolean },
    samplesSeen: raw.samplesSeen as number,
    epoch: raw.epoch as number,
    testAccuracy: acc as number | null,
    converged: raw.converged as boolean,
    history,
    savedAt: raw.savedAt as number,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isInt(x: unknown, min: number, max: number): boolean {
  return Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
}

export const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
