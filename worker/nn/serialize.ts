import { DigitPadError, NewerFormatError } from '../errors.ts';
import { Network, paramSizes, validateSpec, type ModelSpec } from './network.ts';
import { validateOptimizer, type OptimizerConfig } from './optimizer.ts';
import type { Kernels } from './kernels.ts';
import { fnv1a } from '../checksum.ts';

// Layout: "DPNN" | u32 version | u32 header length | header JSON | pad to 4 | float32 tensors |
// u32 FNV-1a checksum of everything before it.
// Tensors, version 2: every parameter's value, m, v in `params` order; then, when the header
// says so, every parameter's answering value (the running average the app predicts with).
// Version 1 (no answering values) still loads.
const MAGIC = 0x4e4e5044; // "DPNN" little-endian
export const FORMAT_VERSION = 2;
/** A header is a few kB (the training history is the bulk); anything near this is not ours. */
export const MAX_HEADER_BYTES = 1 << 20;
const MAX_STEP = 1e9;

interface Header {
  spec: ModelSpec;
  optimizer: OptimizerConfig;
  seed: number;
  step: number;
  /** Version 2: the file holds answering values after the training tensors. */
  answer?: boolean;
  /** Updates the running average has had (its early rate depends on it). */
  averages?: number;
  /** Free-form extras (e.g. metrics) the caller wants to keep with the weights. */
  meta: Record<string, unknown>;
}

/** The model that answers, when it is not the trained weights themselves. */
export interface Answer {
  /** One array per parameter, same shapes as `net.params[i].value`. */
  values: Float32Array[];
  averages: number;
}

export interface Decoded {
  net: Network;
  answer: Answer | null;
  meta: Record<string, unknown>;
}

/** Messages quote what a file says: bounded, so a hostile file cannot make them huge. */
const bad = (message: string) =>
  new DigitPadError('model-file', message.length > 200 ? `${message.slice(0, 199)}…` : message);
/** worker/personal/file.ts's magic: the other file DigitPad exports, easily picked by mistake. */
const DIGITS_MAGIC = 0x44595044; // "DPYD"
const notAModel = (view: DataView) =>
  bad(view.getUint32(0, true) === DIGITS_MAGIC ? 'this is a file of your digits, not a model: import it under Your digits' : 'not a DigitPad model file');

/** Throws on non-finite numbers: no file DigitPad writes may hold NaN or ±Infinity. */
export function serialize(net: Network, meta: Record<string, unknown> = {}, answer: Answer | null = null): Uint8Array {
  const header: Header = {
    spec: net.spec, optimizer: net.optimizer, seed: net.seed, step: net.step, answer: answer !== null,
    averages: answer?.averages ?? 0, meta,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headLen = (12 + json.length + 3) & ~3;
  const tensors = net.params.flatMap((p) => [p.value, p.m, p.v]).concat(answer?.values ?? []);
  const floats = tensors.reduce((s, a) => s + a.length, 0);
  const bytes = new Uint8Array(headLen + floats * 4 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  const f = new Float32Array(bytes.buffer, headLen, floats);
  let o = 0;
  for (const a of tensors) {
    f.set(a, o);
    o += a.length;
  }
  const at = firstNonFinite(f);
  if (at >= 0) throw new DigitPadError('diverged', `The model holds a non-finite value (index ${at}); it was not saved`);
  view.setUint32(bytes.length - 4, fnv1a(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
}

function firstNonFinite(f: Float32Array): number {
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return i;
  return -1;
}

/** Reads and bounds-checks the header; nothing is allocated on its say-so before this passes. */
function readHeader(bytes: Uint8Array, view: DataView, version: number): { header: Header; headLen: number } {
  const jsonLen = view.getUint32(8, true);
  if (12 + jsonLen > bytes.length - 4) throw bad('header runs past the end of the file');
  if (jsonLen > MAX_HEADER_BYTES) throw bad(`header is ${jsonLen} bytes, more than ${MAX_HEADER_BYTES}`);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen)));
  } catch {
    throw bad('header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null) throw bad('header is not an object');
  try {
    validateSpec(header.spec);
  } catch (e) {
    throw bad(`invalid architecture (${(e as Error).message})`);
  }
  try {
    validateOptimizer(header.optimizer);
  } catch (e) {
    throw bad(`invalid optimizer settings (${(e as Error).message})`);
  }
  const { seed, step } = header;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) throw bad('bad seed');
  if (!(Number.isInteger(step) && step >= 0 && step <= MAX_STEP)) throw bad('bad step count');
  const averages = header.averages ?? 0;
  if (!(Number.isInteger(averages) && averages >= 0 && averages <= MAX_STEP)) throw bad('bad average count');
  if (version === 1 && header.answer) throw bad('bad header (answering values in a version 1 file)');
  if (header.answer !== undefined && typeof header.answer !== 'boolean') throw bad('bad header (answer)');
  if (header.meta !== undefined && (typeof header.meta !== 'object' || header.meta === null)) throw bad('bad header (meta)');
  return { header, headLen: (12 + jsonLen + 3) & ~3 };
}

/** The architecture a model file holds, read from its header alone (no checksum, no tensors). */
export function readSpec(bytes: Uint8Array): ModelSpec {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16) throw bad('not a DigitPad model file');
  if (view.getUint32(0, true) !== MAGIC) throw notAModel(view);
  return readHeader(bytes, view, view.getUint32(4, true)).header.spec;
}

/**
 * Two model files hold the same network: one architecture, and tensors (weights, optimizer state,
 * answering values) equal to the bit, whatever their training records say (name, save time).
 * False when either is not an intact model file.
 */
export function sameNetwork(a: Uint8Array, b: Uint8Array): boolean {
  const x = tensorsOf(a), y = tensorsOf(b);
  if (!x || !y || x.spec !== y.spec || x.tensors.length !== y.tensors.length) return false;
  for (let i = 0; i < x.tensors.length; i++) if (x.tensors[i] !== y.tensors[i]) return false;
  return true;
}

/**
 * A short fingerprint of the network a model file holds (architecture and tensors, not its
 * record), or null for no intact model file: what an imported entry remembers of its file.
 */
export function networkDigest(bytes: Uint8Array): string | null {
  const x = tensorsOf(bytes);
  return x && [fnv1a(new TextEncoder().encode(x.spec)), fnv1a(x.tensors), x.tensors.length].map((n) => n.toString(36)).join('-');
}

function tensorsOf(bytes: Uint8Array): { spec: string; tensors: Uint8Array } | null {
  if (bytes.length < 16) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  try {
    const { header, headLen } = readHeader(bytes, view, view.getUint32(4, true));
    return { spec: JSON.stringify(header.spec), tensors: bytes.subarray(headLen, bytes.length - 4) };
  } catch {
    return null;
  }
}

/** Rebuilds a network; throws a DigitPadError ('model-file') for anything but an intact file. */
export function deserialize(bytes: Uint8Array, kernels?: Kernels): Decoded {
  if (!(bytes instanceof Uint8Array)) throw bad('expected bytes');
  if (bytes.length < 16) throw bad(`file too short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw notAModel(view);
  const version = view.getUint32(4, true);
  if (version > FORMAT_VERSION && version < 1000) throw new NewerFormatError(version, FORMAT_VERSION);
  // No version of DigitPad ever wrote a number this large there: the file is damaged, or no model.
  if (version >= 1000) throw bad('a damaged file or not a DigitPad model (its header makes no sense)');
  if (version < 1 || version > FORMAT_VERSION) throw bad(`format version ${version} is not supported (expected 1 to ${FORMAT_VERSION})`);
  if (view.getUint32(bytes.length - 4, true) !== fnv1a(bytes.subarray(0, bytes.length - 4))) {
    throw bad('checksum mismatch — the file is corrupt or truncated');
  }
  const { header, headLen } = readHeader(bytes, view, version);
  // Sizes are checked against the header before anything is allocated: a tiny file must not
  // make the worker build a network of a hundred million weights first.
  const sizes = paramSizes(header.spec);
  const perCopy = sizes.reduce((s, n) => s + n, 0);
  const floats = perCopy * (header.answer ? 4 : 3);
  if (headLen + floats * 4 + 4 !== bytes.length) {
    throw bad(`size ${bytes.length} does not match its architecture (${headLen + floats * 4 + 4} expected)`);
  }
  const f = new Float32Array(bytes.slice(headLen, headLen + floats * 4).buffer);
  const at = firstNonFinite(f);
  if (at >= 0) throw bad(`non-finite value at index ${at}`);
  const net = new Network(header.spec, header.optimizer, header.seed, kernels);
  let o = 0;
  for (const p of net.params) {
    for (const a of [p.value, p.m, p.v]) {
      a.set(f.subarray(o, o + a.length));
      o += a.length;
    }
  }
  net.step = header.step;
  let answer: Answer | null = null;
  if (header.answer) {
    answer = { values: sizes.map((n) => f.slice(o, (o += n))), averages: header.averages ?? 0 };
  }
  return { net, answer, meta: header.meta ?? {} };
}
