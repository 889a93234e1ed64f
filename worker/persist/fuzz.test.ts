// A crafted or damaged model file is refused with a clear message, or loads — quickly, whatever
// it says. Thousands of mutations of a valid file: flipped bytes, truncations, header fields
// set to hostile values, wrong size fields; every file is resealed with a valid checksum too, so
// the checks behind the checksum are what is tested.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { DigitPadError } from '../errors.ts';
import { Rng } from '../nn/rng.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { checkpointOf, decodeCheckpoint, encodeCheckpoint } from './checkpoint.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 2000), test: subset(mnist.test, 0, 200) };
const config = { ...defaultConfig(3), hidden: [8] };

function trainedFile(): Uint8Array {
  const run = new Run(1, config, data);
  while (run.history.length < 1) run.work();
  return encodeCheckpoint(checkpointOf(run, 1_700_000_000_000, 'fuzz'));
}

function reseal(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 4) return bytes;
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length - 4; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, h >>> 0, true);
  return bytes;
}

const HOSTILE: unknown[] = [
  -1, 0, 1, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, 1e308, -1e308, null, true, 'x', '', [], {}, [1, 2, 3],
  Array(5000).fill(4096), { a: { b: { c: 1 } } }, 'NaN', 4096, 4097, 60_000_000, 60_000_001,
];

/** Every [path] of scalar or array fields in a JSON value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setPath(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
}

/** The file with its header JSON replaced (length field and padding adjusted, tensors kept). */
function withHeader(file: Uint8Array, header: unknown): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset);
  const oldLen = view.getUint32(8, true);
  const tensors = file.subarray((12 + oldLen + 3) & ~3);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headLen = (12 + json.length + 3) & ~3;
  const out = new Uint8Array(headLen + tensors.length);
  out.set(file.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(tensors, headLen);
  return reseal(out);
}

describe('model files under fuzzing', () => {
  it('refuses or loads each of 3,000 mutated files, clearly, without a hang', () => {
    const file = trainedFile();
    const len = new DataView(file.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + len)));
    const fields = paths(header).filter((p) => p.length > 0);
    const rng = new Rng(2026);
    const pick = <T>(a: T[]): T => a[Math.floor(rng.next() * a.length)];
    const outcomes = { loaded: 0, refused: 0 };
    const messages = new Set<string>();
    let slowest = 0;
    let slowestCase = '';

    for (let i = 0; i < 3000; i++) {
      let bytes: Uint8Array;
      let what: string;
      const kind = i % 4;
      if (kind === 0) {
        bytes = file.slice();
        const flips = 1 + Math.floor(rng.next() * 8);
        for (let f = 0; f < flips; f++) bytes[Math.floor(rng.next() * bytes.length)] ^= 1 + Math.floor(rng.next() * 255);
        if (rng.next() < 0.7) reseal(bytes);
        what = `${flips} flipped bytes`;
      } else if (kind === 1) {
        const cut = Math.floor(rng.next() * file.length);
        bytes = file.slice(0, cut);
        if (rng.next() < 0.5) reseal(bytes);
        what = `truncated to ${cut}`;
      } else if (kind === 2) {
        const h = structuredClone(header);
        const path = pick(fields);
        const value = pick(HOSTILE);
        setPath(h, path, value);
        bytes = withHeader(file, h);
        what = `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`;
      } else {
        bytes = file.slice();
        const v = pick([0, 1, 3, len - 1, len + 1, 0xffffffff, 0x7fffffff, file.length, Math.floor(rng.next() * 2 ** 32)]);
        new DataView(bytes.buffer).setUint32(pick([4, 8]), v, true);
        reseal(bytes);
        what = `size field ${v}`;
      }

      const cpu = process.cpuUsage();
      try {
        const cp = decodeCheckpoint(bytes);
        // Loading includes carrying on: the run is built and resumed from the record.
        const run = new Run(2, cp.metrics.config, data, { net: cp.net, model: cp.model, averages: cp.averages });
        run.resume(cp.metrics);
        outcomes.loaded++;
      } catch (e) {
        expect(e, what).toBeInstanceOf(DigitPadError);
        expect((e as DigitPadError).kind, what).toBe('model-file');
        expect((e as Error).message.length, what).toBeGreaterThan(5);
        expect((e as Error).message.length, what).toBeLessThanOrEqual(200);
        messages.add((e as Error).message.replace(/\d+/g, 'N'));
        outcomes.refused++;
      }
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      if (ms > slowest) [slowest, slowestCase] = [ms, what];
    }
    console.log(
      `fuzz: ${outcomes.loaded} loaded, ${outcomes.refused} refused with ${messages.size} distinct messages; ` +
        `slowest ${slowest.toFixed(1)} ms CPU (${slowestCase})`,
    );
    if (process.env.FUZZ_MESSAGES) console.log([...messages].join('\n'));
    expect(outcomes.refused).toBeGreaterThan(2000);
    expect(outcomes.loaded).toBeGreaterThan(10);
    // CPU time, not wall time: another process on the machine cannot make this fail.
    expect(slowest).toBeLessThan(200);
  });
});
