// A checkpoint is one "DPNN" model blob (worker/nn/serialize.ts: weights, Adam state, step,
// seed, architecture, format version, checksum) whose free-form meta carries the training
// record. The same bytes are stored in IndexedDB and downloaded as `digitpad-model.dpnn`.
// Pure: no IndexedDB, no `self`; Vitest runs it in Node.

import type { HistoryPoint, RunConfig } from '../api.ts';
import type { Kernels } from '../nn/kernels.ts';
import type { Network } from '../nn/network.ts';
import { deserialize, serialize } from '../nn/serialize.ts';
import { validateRunConfig } from '../train/run-config.ts';
import type { Run } from '../train/run.ts';

/** Largest model file accepted (import and restore); the app's model is ~2.8 MB. */
export const MAX_MODEL_BYTES = 16_000_000;
export const MAX_HISTORY_POINTS = 2000;
/** The app feeds 28×28 images and reads ten classes; other shapes cannot be used. */
export const IO_SHAPE = { inputs: 784, classes: 10 } as const;

/** The training record kept with the weights. */
export interface CheckpointMetrics {
  /** The run's settings (architecture, optimizer, rate, batch, seed) to carry on with. */
  config: RunConfig;
  samplesSeen: number;
  epoch: number;
  /** Latest test accuracy 0..1, null before the first evaluation. */
  testAccuracy: number | null;
  /** Training loss at the last evaluation (NaN before one). */
  loss: number;
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

/** A run's training record as it stands now. */
export function recordOf(run: Run, savedAt = Date.now()): CheckpointMetrics {
  return {
    config: run.config,
    samplesSeen: run.trainer.samplesSeen,
    epoch: run.trainer.epoch,
    testAccuracy: run.testAccuracy,
    loss: run.loss,
    converged: run.finished && !run.failed,
    history: run.history,
    savedAt,
  };
}

export function encodeCheckpoint(net: Network, metrics: CheckpointMetrics): Uint8Array {
  const history = metrics.history.slice(-MAX_HISTORY_POINTS).map((p) => ({
    samples: p.samples,
    // JSON has no NaN: a non-finite loss is written as null and read back as NaN.
    loss: Number.isFinite(p.loss) ? p.loss : null,
    testAccuracy: p.testAccuracy,
  }));
  const loss = Number.isFinite(metrics.loss) ? metrics.loss : null;
  return serialize(net, { [META_KEY]: { ...metrics, loss, history } });
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
  const metrics = validateMetrics(meta[META_KEY]);
  const { hidden, activation } = metrics.config;
  if (activation !== net.spec.activation || hidden.join() !== net.spec.hidden.join()) {
    throw new Error('Model: bad training record (config does not match the network)');
  }
  return { net, metrics };
}

function validateMetrics(raw: unknown): CheckpointMetrics {
  if (!isRecord(raw)) throw new Error('Model: no DigitPad training record (not exported by DigitPad?)');
  const bad = (what: string): never => {
    throw new Error(`Model: bad training record (${what})`);
  };
  try {
    validateRunConfig(raw.config);
  } catch (e) {
    bad(`config: ${(e as Error).message}`);
  }
  if (!isInt(raw.samplesSeen, 0, Number.MAX_SAFE_INTEGER)) bad('samplesSeen');
  if (!isInt(raw.epoch, 0, 1000)) bad('epoch');
  if (!(raw.loss === null || (typeof raw.loss === 'number' && Number.isFinite(raw.loss)))) bad('loss');
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
    config: raw.config as RunConfig,
    samplesSeen: raw.samplesSeen as number,
    epoch: raw.epoch as number,
    testAccuracy: acc as number | null,
    loss: (raw.loss as number | null) ?? NaN,
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
