import { Network, validateSpec, type ModelSpec } from './network.ts';
import type { OptimizerConfig } from './optimizer.ts';
import type { Kernels } from './kernels.ts';

// Layout: "DPNN" | u32 version | u32 header length | header JSON | pad to 4 | float32 tensors
// (per parameter: value, m, v) | u32 FNV-1a checksum of everything before it.
const MAGIC = 0x4e4e5044; // "DPNN" little-endian
export const FORMAT_VERSION = 1;

interface Header {
  spec: ModelSpec;
  optimizer: OptimizerConfig;
  seed: number;
  step: number;
  /** Free-form extras (e.g. metrics) the caller wants to keep with the weights. */
  meta: Record<string, unknown>;
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

export function serialize(net: Network, meta: Record<string, unknown> = {}): Uint8Array {
  const header: Header = { spec: net.spec, optimizer: net.optimizer, seed: net.seed, step: net.step, meta };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headLen = (12 + json.length + 3) & ~3;
  const floats = net.params.reduce((s, p) => s + 3 * p.value.length, 0);
  const bytes = new Uint8Array(headLen + floats * 4 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  const f = new Float32Array(bytes.buffer, headLen, floats);
  let o = 0;
  for (const p of net.params) for (const a of [p.value, p.m, p.v]) f.set(a, (o += a.length) - a.length);
  view.setUint32(bytes.length - 4, fnv1a(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
}

/** Rebuilds a network; throws a clear Error for anything but an intact file of this format. */
export function deserialize(bytes: Uint8Array, kernels?: Kernels): { net: Network; meta: Record<string, unknown> } {
  if (!(bytes instanceof Uint8Array)) throw new Error('Model: expected bytes');
  if (bytes.length < 16) throw new Error(`Model: file too short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('Model: not a DigitPad model file (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`Model: format version ${version} is not supported (expected ${FORMAT_VERSION})`);
  if (view.getUint32(bytes.length - 4, true) !== fnv1a(bytes.subarray(0, bytes.length - 4))) {
    throw new Error('Model: checksum mismatch — the file is corrupt or truncated');
  }
  const jsonLen = view.getUint32(8, true);
  if (12 + jsonLen > bytes.length - 4) throw new Error('Model: header runs past the end of the file');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen)));
  } catch {
    throw new Error('Model: header is not valid JSON');
  }
  try {
    validateSpec(header.spec);
  } catch (e) {
    throw new Error(`Model: invalid architecture (${(e as Error).message})`);
  }
  // Sizes are checked against the header before anything is allocated: a tiny file must not
  // make the worker build a network of a hundred million weights first.
  const headLen = (12 + jsonLen + 3) & ~3;
  const sizes = [header.spec.inputs, ...header.spec.hidden, header.spec.classes];
  const floats = 3 * sizes.slice(1).reduce((s, units, i) => s + (sizes[i] + 1) * units, 0);
  if (headLen + floats * 4 + 4 !== bytes.length) {
    throw new Error(`Model: size ${bytes.length} does not match its architecture (${headLen + floats * 4 + 4} expected)`);
  }
  let net: Network;
  try {
    net = new Network(header.spec, header.optimizer, header.seed, kernels);
  } catch (e) {
    throw new Error(`Model: invalid architecture (${(e as Error).message})`);
  }
  const f = new Float32Array(bytes.slice(headLen, headLen + floats * 4).buffer);
  for (let i = 0; i < f.length; i++) {
    if (!Number.isFinite(f[i])) throw new Error(`Model: non-finite value at index ${i}`);
  }
  let o = 0;
  for (const p of net.params) {
    for (const a of [p.value, p.m, p.v]) {
      a.set(f.subarray(o, o + a.length));
      o += a.length;
    }
  }
  if (!(Number.isInteger(header.step) && header.step >= 0)) throw new Error('Model: bad step count');
  net.step = header.step;
  return { net, meta: header.meta ?? {} };
}
