import { describe, expect, it } from 'vitest';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { Rng } from '../nn/rng.ts';
import { serialize } from '../nn/serialize.ts';
import { decodeCheckpoint, encodeCheckpoint, MAX_MODEL_BYTES, MAX_NAME_LENGTH, named, type CheckpointMetrics } from './checkpoint.ts';

// Small but with the app's input and output shape (784 → 10).
const spec: ModelSpec = { inputs: 784, hidden: [6], activation: 'relu', classes: 10 };
const opt = { ...defaultOptimizer, kind: 'adam' as const, learningRate: 1e-3 };

function trained(): Network {
  const net = new Network(spec, opt, 5);
  const rng = new Rng(1);
  const x = Float32Array.from({ length: 4 * 784 }, () => rng.next());
  net.trainBatch(x, Uint8Array.from([1, 2, 3, 4]), 4);
  return net;
}

const metrics: CheckpointMetrics = {
  config: { activation: 'relu', hidden: [6], optimizer: 'adam', learningRate: 1e-3, batchSize: 32, seed: 5 },
  samplesSeen: 123_456,
  epoch: 2,
  testAccuracy: 0.9731,
  best: 0.9731,
  loss: 0.2,
  converged: false,
  history: [
    { samples: 15_000, loss: 0.31, testAccuracy: 0.95 },
    { samples: 30_000, loss: 0.2, testAccuracy: 0.9731 },
  ],
  savedAt: 1_700_000_000_000,
};

// Same FNV-1a as serialize.ts, to re-seal a deliberately edited file.
function reseal(bytes: Uint8Array): Uint8Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length - 4; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, h >>> 0, true);
  return bytes;
}

function withRecord(record: unknown): Uint8Array {
  return serialize(trained(), { digitpad: record });
}

describe('checkpoint encode / decode', () => {
  it('round-trips the network and the training record', () => {
    const net = trained();
    const { net: back, metrics: m } = decodeCheckpoint(encodeCheckpoint({ net: net, metrics: metrics }));
    expect(m).toEqual(metrics);
    expect(back.step).toBe(net.step);
    expect(back.seed).toBe(net.seed);
    net.params.forEach((p, i) => {
      expect(back.params[i].value).toEqual(p.value);
      expect(back.params[i].m).toEqual(p.m);
      expect(back.params[i].v).toEqual(p.v);
    });
    const x = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
    expect(back.predict(x).probabilities).toEqual(net.predict(x).probabilities);
    // A phase for your digits still due comes back due.
    expect(decodeCheckpoint(encodeCheckpoint({ net, metrics: { ...metrics, phaseDue: true } })).metrics.phaseDue).toBe(true);
  });

  it('keeps the latest test pass\'s confusion matrix and misreads ("Where it fails")', () => {
    const confusion = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, g) => (t === g ? 980 : t === 4 && g === 9 ? 7 : 0)));
    const evaluation = { samples: 30_000, confusion, misreads: [{ index: 4812, label: 4, guess: 9, probabilities: [0, 0, 0, 0, 0.31, 0, 0, 0.02, 0, 0.67] }] };
    const back = decodeCheckpoint(encodeCheckpoint({ net: trained(), metrics: { ...metrics, evaluation } }));
    expect(back.metrics.evaluation).toEqual(evaluation);
    expect(decodeCheckpoint(encodeCheckpoint({ net: trained(), metrics })).metrics.evaluation).toBeUndefined(); // older files have none
    const bad: [string, unknown][] = [
      ['evaluation', { ...evaluation, samples: metrics.samplesSeen + 1 }],
      ['evaluation.confusion', { ...evaluation, confusion: confusion.slice(1) }],
      ['evaluation.confusion', { ...evaluation, confusion: confusion.map((row) => row.map(() => 200)) }],
      ['evaluation.misreads', { ...evaluation, misreads: {} }],
      ['evaluation.misreads[0]', { ...evaluation, misreads: [{ ...evaluation.misreads[0], guess: 4 }] }],
      ['evaluation.misreads[0]', { ...evaluation, misreads: [{ ...evaluation.misreads[0], index: 10_000 }] }],
      ['evaluation.misreads[0].probabilities', { ...evaluation, misreads: [{ ...evaluation.misreads[0], probabilities: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0] }] }],
    ];
    for (const [what, e] of bad) expect(() => decodeCheckpoint(withRecord({ ...metrics, evaluation: e })), what).toThrow(`bad training record (${what})`);
  });

  it('keeps a non-finite loss as NaN (JSON has no NaN)', () => {
    const h = [{ samples: 1, loss: Infinity, testAccuracy: null }];
    const { metrics: m } = decodeCheckpoint(encodeCheckpoint({ net: trained(), metrics: { ...metrics, loss: NaN, history: h } }));
    expect(m.loss).toBeNaN();
    expect(m.history[0].loss).toBeNaN();
    expect(m.history[0].testAccuracy).toBeNull();
  });

  it('rejects what is not bytes, too big, truncated, flipped or of another shape', () => {
    expect(() => decodeCheckpoint('garbage')).toThrow('expected bytes, got [object String]');
    expect(() => decodeCheckpoint(new Uint8Array(MAX_MODEL_BYTES + 1))).toThrow(/larger than the 16\.0 MB limit/);
    const bytes = encodeCheckpoint({ net: trained(), metrics: metrics });
    expect(() => decodeCheckpoint(bytes.slice(0, bytes.length >> 1))).toThrow(/checksum mismatch/);
    const flipped = bytes.slice();
    flipped[bytes.length >> 1] ^= 4;
    expect(() => decodeCheckpoint(flipped)).toThrow(/checksum mismatch/);
    expect(() => decodeCheckpoint(Uint8Array.from({ length: 64 }, (_, i) => i * 37))).toThrow(/^not a DigitPad model file$/);
    const small = new Network({ inputs: 12, hidden: [4], activation: 'relu', classes: 3 }, opt, 1);
    expect(() => decodeCheckpoint(encodeCheckpoint({ net: small, metrics: metrics }))).toThrow(
      'takes 12 inputs and 3 classes; DigitPad needs 784 and 10',
    );
    const nan = trained();
    nan.params[0].value[3] = NaN;
    // Nothing non-finite is ever written: the encoder refuses it.
    expect(() => encodeCheckpoint({ net: nan, metrics: metrics })).toThrow(/non-finite value \(index 3\); it was not saved/);
  });

  it('rejects a model without a training record or with a bad one', () => {
    expect(() => decodeCheckpoint(serialize(trained()))).toThrow(/no DigitPad training record/);
    const bad: [string, unknown][] = [
      ['config: Run configuration must be an object', { ...metrics, config: null }],
      ['config: Batch size must be a whole number in 1–512, got 0', { ...metrics, config: { ...metrics.config, batchSize: 0 } }],
      ['samplesSeen', { ...metrics, samplesSeen: -1 }],
      ['epoch', { ...metrics, epoch: 1.5 }],
      ['loss', { ...metrics, loss: 'low' }],
      ['testAccuracy', { ...metrics, testAccuracy: 1.5 }],
      ['converged', { ...metrics, converged: 1 }],
      ['phaseDue', { ...metrics, phaseDue: 'yes' }],
      ['savedAt', { ...metrics, savedAt: 'now' }],
      ['history', { ...metrics, history: {} }],
      ['history', { ...metrics, history: new Array(2001).fill(metrics.history[0]) }],
      ['history[1].testAccuracy', { ...metrics, history: [metrics.history[0], { samples: 1, loss: 1, testAccuracy: 2 }] }],
    ];
    for (const [what, record] of bad) {
      expect(() => decodeCheckpoint(withRecord(record)), what).toThrow(`bad training record (${what})`);
    }
    const other = { ...metrics, config: { ...metrics.config, hidden: [7] } };
    expect(() => decodeCheckpoint(withRecord(other))).toThrow('bad training record (config does not match the network)');
  });

  it('a resealed edit of the record is caught by validation, not only the checksum', () => {
    const bytes = encodeCheckpoint({ net: trained(), metrics: metrics });
    const len = new DataView(bytes.buffer).getUint32(8, true);
    const json = new TextDecoder().decode(bytes.subarray(12, 12 + len));
    const edited = json.replace('"epoch":2', '"epoch":-');
    expect(edited.length).toBe(json.length);
    bytes.set(new TextEncoder().encode(edited), 12);
    expect(() => decodeCheckpoint(reseal(bytes))).toThrow('header is not valid JSON');
    const edited2 = json.replace('"epoch":2', '"epoch":1');
    bytes.set(new TextEncoder().encode(edited2), 12);
    expect(decodeCheckpoint(reseal(bytes)).metrics.epoch).toBe(1);
    const edited3 = json.replace('"samplesSeen":123456', '"samplesSeen":-23456');
    bytes.set(new TextEncoder().encode(edited3), 12);
    expect(() => decodeCheckpoint(reseal(bytes))).toThrow('bad training record (samplesSeen)');
  });

  it("named(): a shelf entry's bytes go out with its name as it is now, at most 80 characters; bytes that do not decode go out as stored", () => {
    const net = trained();
    const bytes = encodeCheckpoint({ net, metrics: { ...metrics, name: 'Old name' } });
    const renamed = decodeCheckpoint(named(bytes, 'New name'));
    expect(renamed.metrics.name).toBe('New name');
    expect(renamed.metrics.samplesSeen).toBe(metrics.samplesSeen);
    expect(Array.from(renamed.net.predict(new Float32Array(784).fill(0.5)).probabilities)).toEqual(Array.from(net.predict(new Float32Array(784).fill(0.5)).probabilities));
    expect(named(bytes, 'Old name')).toEqual(bytes);
    expect(decodeCheckpoint(named(bytes, 'x'.repeat(90))).metrics.name).toBe('x'.repeat(MAX_NAME_LENGTH));
    const flipped = bytes.slice();
    flipped[100] ^= 0xff;
    expect(named(flipped, 'New name')).toEqual(flipped);
  });
});
