import { describe, expect, it } from 'vitest';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer, type OptimizerConfig } from './optimizer.ts';
import { Rng } from './rng.ts';
import { NewerFormatError } from '../errors.ts';
import { deserialize, FORMAT_VERSION, sameNetwork, serialize } from './serialize.ts';

const spec: ModelSpec = { inputs: 12, hidden: [8, 6], activation: 'tanh', classes: 4 };
const opt: OptimizerConfig = { ...defaultOptimizer, learningRate: 5e-3, schedule: 'cosine', totalSteps: 100, warmupSteps: 3 };

function trained(steps = 7): Network {
  const net = new Network(spec, opt, 11);
  const rng = new Rng(3);
  const x = Float32Array.from({ length: 5 * 12 }, () => rng.normal());
  const y = Uint8Array.from([0, 1, 2, 3, 1]);
  for (let i = 0; i < steps; i++) net.trainBatch(x, y, 5);
  return net;
}

// Same FNV-1a as serialize.ts, to re-seal a deliberately edited file.
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
function reseal(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(bytes.length - 4, fnv1a(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
}
function headerOf(bytes: Uint8Array): { json: string; len: number } {
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return { json: new TextDecoder().decode(bytes.subarray(12, 12 + len)), len };
}

describe('serialize / deserialize', () => {
  it('round-trips weights, optimizer state, step, spec, meta and predictions exactly', () => {
    const net = trained();
    const meta = { accuracy: 0.5, note: 'hello', nested: { a: [1, 2] } };
    const bytes = serialize(net, meta);
    expect(bytes.length % 4).toBe(0);
    // A copy at a non-zero byte offset, as from a larger buffer.
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 8);
    for (const input of [bytes, padded.subarray(8)]) {
      const { net: back, meta: m } = deserialize(input);
      expect(m).toEqual(meta);
      expect(back.spec).toEqual(spec);
      expect(back.optimizer).toEqual(opt);
      expect(back.seed).toBe(11);
      expect(back.step).toBe(7);
      expect(back.params.length).toBe(net.params.length);
      net.params.forEach((p, i) => {
        const q = back.params[i];
        expect(q.value).toEqual(p.value);
        expect(q.m).toEqual(p.m);
        expect(q.v).toEqual(p.v);
        expect(q.decay).toBe(p.decay);
      });
      // Adam state is really non-trivial after training.
      expect(net.params[0].m.some((v) => v !== 0)).toBe(true);
      expect(net.params[0].v.some((v) => v !== 0)).toBe(true);
      const x = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
      expect(back.predict(x).logits).toEqual(net.predict(x).logits);
      expect(back.predict(x).probabilities).toEqual(net.predict(x).probabilities);
    }
  });

  it('resumes training identically after a round trip', () => {
    const a = trained(7);
    const b = deserialize(serialize(a)).net;
    const rng = new Rng(9);
    const x = Float32Array.from({ length: 5 * 12 }, () => rng.normal());
    const y = Uint8Array.from([3, 2, 1, 0, 0]);
    for (let i = 0; i < 3; i++) {
      const ra = a.trainBatch(x, y, 5);
      const rb = b.trainBatch(x, y, 5);
      expect(rb).toEqual(ra);
    }
    a.params.forEach((p, i) => expect(b.params[i].value).toEqual(p.value));
  });

  it('tells the same network in two files apart from another, whatever the records say', () => {
    const net = trained();
    const a = serialize(net, { name: 'mine', savedAt: 1 });
    // Another name and time make another header length: the tensors start elsewhere.
    const b = serialize(net, { name: 'brought back under a much longer name', savedAt: 2 });
    expect(b.length).not.toBe(a.length);
    expect(sameNetwork(a, b)).toBe(true);
    expect(sameNetwork(a, serialize(trained(8), { name: 'mine', savedAt: 1 }))).toBe(false);
    // One optimizer moment apart: training would carry on differently.
    const m = trained();
    m.params[1].m[0] += 1e-3;
    expect(sameNetwork(a, serialize(m, { name: 'mine', savedAt: 1 }))).toBe(false);
    // Same tensors, another architecture's header.
    const other = new TextEncoder().encode(headerOf(a).json.replace('"tanh"', '"relu"'));
    expect(other.length).toBe(headerOf(a).len);
    const relu = a.slice();
    relu.set(other, 12);
    expect(sameNetwork(a, reseal(relu))).toBe(false);
    expect(sameNetwork(a, new Uint8Array(64))).toBe(false);
    expect(sameNetwork(a, a.subarray(0, 20))).toBe(false);
  });

  it('rejects a wrong magic', () => {
    const bytes = serialize(trained(1));
    bytes[0] ^= 0xff;
    expect(() => deserialize(reseal(bytes))).toThrow(/^not a DigitPad model file$/);
    // A file of your digits, picked by mistake: the message says where it goes.
    bytes.set([0x44, 0x50, 0x59, 0x44]); // "DPYD"
    expect(() => deserialize(reseal(bytes))).toThrow('this is a file of your digits, not a model: import it under Your digits');
  });

  it('rejects a wrong version', () => {
    const bytes = serialize(trained(1));
    new DataView(bytes.buffer).setUint32(4, FORMAT_VERSION + 1, true);
    expect(() => deserialize(reseal(bytes))).toThrow(NewerFormatError);
    expect(() => deserialize(reseal(bytes))).toThrow(`the file is from a newer DigitPad (format ${FORMAT_VERSION + 1}; this version reads up to ${FORMAT_VERSION})`);
    new DataView(bytes.buffer).setUint32(4, 0, true);
    expect(() => deserialize(reseal(bytes))).toThrow(`format version 0 is not supported (expected 1 to ${FORMAT_VERSION})`);
    // Text after the magic (a file made by hand, or damaged): said so, not as a version number.
    const text = new TextEncoder().encode('DPNN garbage garbage garbage');
    expect(() => deserialize(text)).toThrow(/damaged file or not a DigitPad model/);
  });

  it('rejects truncated bytes', () => {
    const bytes = serialize(trained(1));
    expect(() => deserialize(bytes.slice(0, bytes.length - 1))).toThrow(/checksum mismatch/);
    expect(() => deserialize(bytes.slice(0, bytes.length - 100))).toThrow(/checksum mismatch/);
    expect(() => deserialize(bytes.slice(0, 10))).toThrow('file too short (10 bytes)');
    expect(() => deserialize(new Uint8Array(0))).toThrow(/too short/);
  });

  it('rejects a flipped byte anywhere (checksum)', () => {
    const bytes = serialize(trained(1));
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 5]) {
      const c = bytes.slice();
      c[at] ^= 0x01;
      expect(() => deserialize(c)).toThrow('checksum mismatch — the file is corrupt or truncated');
    }
    // The intact file still loads.
    expect(() => deserialize(bytes)).not.toThrow();
  });

  it('never writes non-finite weights, and rejects them in a file even with a valid checksum', () => {
    const net = trained(1);
    net.layers[1].w[3] = NaN;
    expect(() => serialize(net)).toThrow(/non-finite value \(index \d+\); it was not saved/);
    const good = serialize(trained(1));
    const headLen = (12 + headerOf(good).len + 3) & ~3;
    new DataView(good.buffer).setFloat32(headLen + 40, Infinity, true);
    expect(() => deserialize(reseal(good))).toThrow('non-finite value at index 10');
  });

  it('rejects a header whose architecture does not match the tensors', () => {
    const bytes = serialize(trained(1));
    const { json, len } = headerOf(bytes);
    // Same JSON length (so the layout is unchanged), different hidden width: 8 -> 9.
    const edited = json.replace('"hidden":[8,6]', '"hidden":[9,6]');
    expect(edited).not.toBe(json);
    expect(edited.length).toBe(json.length);
    const c = bytes.slice();
    c.set(new TextEncoder().encode(edited), 12);
    expect(headerOf(c).len).toBe(len);
    expect(() => deserialize(reseal(c))).toThrow(/size \d+ does not match its architecture \(\d+ expected\)/);
  });

  it('rejects a tiny file that claims a huge network before building it', () => {
    // A sealed ~300-byte file whose header asks for 8 layers of 4,096 units (~120M weights).
    // The size message comes before any construction (and allocation): the test finishes in
    // milliseconds instead of allocating ~1.5 GB.
    const header = JSON.stringify({ spec: { inputs: 784, hidden: Array(8).fill(4096), activation: 'relu', classes: 10 }, optimizer: opt, seed: 1, step: 0, meta: {} });
    const json = new TextEncoder().encode(header);
    const headLen = (12 + json.length + 3) & ~3;
    const bytes = new Uint8Array(headLen + 4);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x4e4e5044, true);
    view.setUint32(4, 1, true);
    view.setUint32(8, json.length, true);
    bytes.set(json, 12);
    expect(() => deserialize(reseal(bytes))).toThrow(/size \d+ does not match its architecture/);
  });

  it('rejects an invalid architecture and a bad header', () => {
    const bytes = serialize(trained(1));
    const { json } = headerOf(bytes);
    const c = bytes.slice();
    c.set(new TextEncoder().encode(json.replace('"activation":"tanh"', '"activation":"tanx"')), 12);
    expect(() => deserialize(reseal(c))).toThrow(/invalid architecture \(Unknown activation "tanx"/);
    const d = bytes.slice();
    d[12] = 0x20; // '{' -> ' ' : no longer JSON
    d[13] = 0x7b;
    expect(() => deserialize(reseal(d))).toThrow('header is not valid JSON');
    const e = bytes.slice();
    new DataView(e.buffer).setUint32(8, e.length, true);
    expect(() => deserialize(reseal(e))).toThrow('header runs past the end of the file');
    expect(() => deserialize([1, 2, 3] as unknown as Uint8Array)).toThrow('expected bytes');
  });
});
