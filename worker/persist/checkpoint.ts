// A checkpoint is one "DPNN" model blob (worker/nn/serialize.ts: the answering weights, the
// trained weights with their optimizer state, step, seed, architecture, format version,
// checksum) whose free-form meta carries the training record. The same bytes are stored in
// IndexedDB and downloaded as `digitpad-model.dpnn`. Pure: no IndexedDB, no `self`.
//
// Every field is bounded, and nothing a file says makes restoring it cost more: a crafted file
// is refused or loads, in milliseconds.

import type { EvaluationReport, HistoryPoint, Misread, RunConfig } from '../api.ts';
import { DigitPadError } from '../errors.ts';
import type { Kernels } from '../nn/kernels.ts';
import { Network } from '../nn/network.ts';
import { deserialize, serialize } from '../nn/serialize.ts';
import { validateRunConfig } from '../train/run-config.ts';
import type { Run } from '../train/run.ts';

/** Largest model file accepted (import and restore); the app's model is ~3.8 MB. */
export const MAX_MODEL_BYTES = 16_000_000;
export const MAX_HISTORY_POINTS = 2000;
/** 1,000 epochs of MNIST: far beyond any schedule, small enough that counters stay exact. */
export const MAX_SAMPLES = 60_000_000;
export const MAX_NAME_LENGTH = 80;
/**
 * The app feeds 28×28 images and reads ten digits, plus, in models since the "not sure" output,
 * an eleventh class "not a digit"; other shapes cannot be used.
 */
export const IO_SHAPE = { inputs: 784, classes: [10, 11] } as const;

/** The training record kept with the weights. */
export interface CheckpointMetrics {
  /** The run's settings (architecture, optimizer, rate, batch, seed) to carry on with. */
  config: RunConfig;
  samplesSeen: number;
  epoch: number;
  /** Latest test accuracy 0..1 of the answering model, null before the first evaluation. */
  testAccuracy: number | null;
  /** Best test accuracy the run reached (null before the first evaluation). */
  best: number | null;
  /** Training loss at the last evaluation (NaN before one). */
  loss: number;
  /** The run had finished its schedule. */
  converged: boolean;
  /** The person had paused it: it comes back paused. */
  paused?: boolean;
  /** A phase for your digits was queued or on (Run.phaseDue): it comes back due. */
  phaseDue?: boolean;
  /** History for the chart (evaluation points). */
  history: HistoryPoint[];
  /** The latest test pass's confusion matrix and misreads ("Where it fails"), if kept. */
  evaluation?: EvaluationReport;
  /** Date.now() when saved. */
  savedAt: number;
  /** What the person called it (shelf name), if anything. */
  name?: string;
}

export interface Checkpoint {
  /** The trained weights and their optimizer state: training carries on from these. */
  net: Network;
  /** The model that answers (a running average of net's weights), or net itself. */
  model: Network;
  /** Updates the running average has had. */
  averages: number;
  metrics: CheckpointMetrics;
}

const META_KEY = 'digitpad';
/** Messages quote what a file says: bounded, so a hostile file cannot make them huge. */
const bad = (message: string) =>
  new DigitPadError('model-file', message.length > 200 ? `${message.slice(0, 199)}…` : message);

/** A run as it stands now (live references: encode before training moves on). */
export function checkpointOf(run: Run, savedAt = Date.now(), name?: string, paused = false): Checkpoint {
  return {
    net: run.net,
    model: run.model,
    averages: run.trainer.averages,
    metrics: {
      config: run.config,
      samplesSeen: run.trainer.samplesSeen,
      epoch: run.trainer.epoch,
      testAccuracy: run.testAccuracy,
      best: run.best,
      loss: run.loss,
      converged: run.finished && !run.failed,
      ...(paused ? { paused } : {}),
      ...(run.phaseDue ? { phaseDue: true } : {}),
      history: run.history,
      ...(run.evaluationReport ? { evaluation: run.evaluationReport } : {}),
      savedAt,
      ...(name === undefined ? {} : { name: name.slice(0, MAX_NAME_LENGTH) }),
    },
  };
}

/** The samples seen at the test that gave the record's testAccuracy, when its history shows it. */
export function testedAt(m: Pick<CheckpointMetrics, 'history' | 'testAccuracy'>): number | undefined {
  for (let i = m.history.length - 1; i >= 0; i--) {
    const p = m.history[i];
    if (p.testAccuracy !== null) return m.testAccuracy !== null && p.testAccuracy === m.testAccuracy ? p.samples : undefined;
  }
  return undefined;
}

/**
 * The stored bytes of a shelf entry, carrying its name as it is now: a rename changes the shelf's
 * index, not the bytes, and the name went missing on export and import (QA). Decoded without the
 * WebAssembly kernels (their heap is training's); bytes that do not decode go out as stored, as
 * they did before, for an import to judge.
 */
export function named(bytes: Uint8Array, name: string | undefined): Uint8Array {
  if (name === undefined) return bytes.slice();
  const fits = name.slice(0, MAX_NAME_LENGTH);
  try {
    const cp = decodeCheckpoint(bytes);
    return cp.metrics.name === fits ? bytes.slice() : encodeCheckpoint({ ...cp, metrics: { ...cp.metrics, name: fits } });
  } catch {
    return bytes.slice();
  }
}

/** Throws a 'diverged' DigitPadError when any weight is not finite (nothing such is written). */
export function encodeCheckpoint(cp: Pick<Checkpoint, 'net' | 'metrics'> & Partial<Checkpoint>): Uint8Array {
  const m = cp.metrics;
  const history = m.history.slice(-MAX_HISTORY_POINTS).map((p) => ({
    samples: p.samples,
    // JSON has no NaN: a non-finite loss is written as null and read back as NaN.
    loss: Number.isFinite(p.loss) ? p.loss : null,
    testAccuracy: p.testAccuracy,
  }));
  const loss = Number.isFinite(m.loss) ? m.loss : null;
  const answer = cp.model && cp.model !== cp.net
    ? { values: cp.model.params.map((p) => p.value), averages: cp.averages ?? 0 }
    : null;
  return serialize(cp.net, { [META_KEY]: { ...m, loss, history } }, answer);
}

/**
 * Rebuilds the networks and record from checkpoint bytes. Throws a DigitPadError saying what
 * is wrong (too big, not a model, newer version, checksum, shapes, non-finite values, record).
 */
export function decodeCheckpoint(bytes: unknown, kernels?: Kernels): Checkpoint {
  if (!(bytes instanceof Uint8Array)) throw bad(`expected bytes, got ${Object.prototype.toString.call(bytes)}`);
  if (bytes.length > MAX_MODEL_BYTES) {
    throw bad(`file is ${mb(bytes.length)}, larger than the ${mb(MAX_MODEL_BYTES)} limit`);
  }
  const { net, answer, meta } = deserialize(bytes, kernels);
  if (net.spec.inputs !== IO_SHAPE.inputs || !(IO_SHAPE.classes as readonly number[]).includes(net.spec.classes)) {
    throw bad(`takes ${net.spec.inputs} inputs and ${net.spec.classes} classes; DigitPad needs ${IO_SHAPE.inputs} and ${IO_SHAPE.classes.join(' or ')}`);
  }
  const metrics = validateMetrics(meta[META_KEY]);
  const { hidden, activation, kind } = metrics.config;
  const convolutional = (net.spec.conv?.length ?? 0) > 0;
  if (activation !== net.spec.activation || hidden.join() !== net.spec.hidden.join() || (kind === 'cnn') !== convolutional) {
    throw bad('bad training record (config does not match the network)');
  }
  let model = net;
  if (answer) {
    model = new Network(net.spec, net.optimizer, net.seed, kernels);
    model.params.forEach((p, i) => p.value.set(answer.values[i]));
  }
  return { net, model, averages: answer?.averages ?? 0, metrics };
}

const isAccuracy = (a: unknown) => a === null || (typeof a === 'number' && a >= 0 && a <= 1);
const isLoss = (l: unknown) => l === null || (typeof l === 'number' && Number.isFinite(l) && l >= 0 && l < 1e6);

function validateMetrics(raw: unknown): CheckpointMetrics {
  if (!isRecord(raw)) throw bad('no DigitPad training record (not exported by DigitPad?)');
  const fail = (what: string): never => {
    throw bad(`bad training record (${what})`);
  };
  try {
    validateRunConfig(raw.config);
  } catch (e) {
    fail(`config: ${(e as Error).message}`);
  }
  const samples = raw.samplesSeen as number;
  if (!isInt(samples, 0, MAX_SAMPLES)) fail('samplesSeen');
  if (!isInt(raw.epoch, 0, 1000)) fail('epoch');
  if (!isLoss(raw.loss)) fail('loss');
  if (!isAccuracy(raw.testAccuracy)) fail('testAccuracy');
  const best = raw.best ?? raw.testAccuracy;
  if (!isAccuracy(best)) fail('best');
  if (typeof raw.converged !== 'boolean') fail('converged');
  if (raw.paused !== undefined && typeof raw.paused !== 'boolean') fail('paused');
  if (raw.phaseDue !== undefined && typeof raw.phaseDue !== 'boolean') fail('phaseDue');
  if (!(typeof raw.savedAt === 'number' && raw.savedAt >= 0 && raw.savedAt < 1e14)) fail('savedAt');
  if (raw.name !== undefined && !(typeof raw.name === 'string' && raw.name.length <= MAX_NAME_LENGTH)) fail('name');
  if (!Array.isArray(raw.history) || raw.history.length > MAX_HISTORY_POINTS) fail('history');
  const history = (raw.history as unknown[]).map((p, i): HistoryPoint => {
    if (!isRecord(p) || !isInt(p.samples, 0, samples)) return fail(`history[${i}]`);
    if (!isLoss(p.loss)) fail(`history[${i}].loss`);
    if (!isAccuracy(p.testAccuracy)) fail(`history[${i}].testAccuracy`);
    return { samples: p.samples as number, loss: (p.loss as number | null) ?? NaN, testAccuracy: p.testAccuracy as number | null };
  });
  const evaluation = raw.evaluation === undefined ? undefined : validateEvaluation(raw.evaluation, samples, fail);
  return {
    config: raw.config as RunConfig,
    samplesSeen: samples,
    epoch: raw.epoch as number,
    testAccuracy: raw.testAccuracy as number | null,
    best: best as number | null,
    loss: (raw.loss as number | null) ?? NaN,
    converged: raw.converged as boolean,
    ...(raw.paused ? { paused: true } : {}),
    ...(raw.phaseDue ? { phaseDue: true } : {}),
    history,
    ...(evaluation ? { evaluation } : {}),
    savedAt: raw.savedAt as number,
    ...(raw.name === undefined ? {} : { name: raw.name as string }),
  };
}

/** MNIST's test set: a matrix counts at most this many, and no misread lies past it. */
const TEST_IMAGES = 10_000;
const isProbability = (p: unknown) => typeof p === 'number' && p >= 0 && p <= 1;

function validateEvaluation(raw: unknown, samplesSeen: number, fail: (what: string) => never): EvaluationReport {
  if (!isRecord(raw) || !isInt(raw.samples, 0, samplesSeen)) fail('evaluation');
  const r = raw as Record<string, unknown>;
  const rows = r.confusion;
  if (!Array.isArray(rows) || rows.length !== 10 || !rows.every((row) => Array.isArray(row) && row.length === 10 && row.every((n) => isInt(n, 0, TEST_IMAGES)))) {
    fail('evaluation.confusion');
  }
  const confusion = rows as number[][];
  if (confusion.flat().reduce((a, n) => a + n, 0) > TEST_IMAGES) fail('evaluation.confusion');
  if (!Array.isArray(r.misreads) || r.misreads.length > TEST_IMAGES) fail('evaluation.misreads');
  const misreads = (r.misreads as unknown[]).map((m, i): Misread => {
    if (!isRecord(m) || !isInt(m.index, 0, TEST_IMAGES - 1) || !isInt(m.label, 0, 9) || !isInt(m.guess, 0, 9) || m.guess === m.label) fail(`evaluation.misreads[${i}]`);
    const p = (m as Record<string, unknown>).probabilities;
    if (!Array.isArray(p) || p.length !== 10 || !p.every(isProbability)) fail(`evaluation.misreads[${i}].probabilities`);
    const { index, label, guess } = m as { index: number; label: number; guess: number };
    return { index, label, guess, probabilities: (p as number[]).slice() };
  });
  return { samples: r.samples as number, confusion: confusion.map((row) => row.slice()), misreads };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isInt(x: unknown, min: number, max: number): boolean {
  return Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
}

export const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
