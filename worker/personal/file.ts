// "Your digits" as one file (export, import, and each IndexedDB chunk): versioned, checksummed,
// every field bounded. A crafted file is refused with a DigitPadError('model-file') saying what
// is wrong, after work linear in its size: nothing it says makes reading it cost more.
//
// Layout: "DPYD" | u32 version | u32 header length | header JSON | pad to 4 |
//   pixels (count × 784 bytes, 28×28 row-major, ink 0..255) |
//   stroke points (float32 x, y pairs, digit by digit, stroke by stroke) |
//   u32 FNV-1a checksum of everything before it. All integers little-endian.
// Header: { kind: "digitpad-your-digits", count, points, digits: [{ id, label, createdAt,
//   verdict: [predicted, probability] | null, notSure?: true (the bars said "Not sure"; readers
//   before it ignore it), inNumber?: true (a digit of a number, its strokes pieces of the
//   number's; readers before it ignore it), strokes: [points per stroke] | null }] }.

import { DigitPadError, NewerFormatError } from '../errors.ts';
import { check, MAX_DIGITS, MAX_POINTS, MAX_STROKES, PIXELS, type PadPoint, type YourDigit } from './digit.ts';
import { fnv1a } from '../checksum.ts';

const MAGIC = 0x44595044; // "DPYD" little-endian
/** worker/nn/serialize.ts's magic: a model file picked by mistake. */
const MODEL_MAGIC = 0x4e4e5044; // "DPNN"
export const DIGITS_FORMAT = 1;
const KIND = 'digitpad-your-digits';
/** 2,000 digits of header, each with up to 40 stroke lengths, stay well under this. */
const MAX_HEADER_BYTES = 2 << 20;
/** The largest file the bounds allow (~17.6 MB), rounded up. */
export const MAX_DIGITS_FILE_BYTES = 24_000_000;

const bad = (message: string) => {
  const m = `Not a file of your digits: ${message}`;
  return new DigitPadError('model-file', m.length > 200 ? `${m.slice(0, 199)}…` : m);
};

interface HeaderDigit {
  id: string;
  label: number;
  createdAt: number;
  verdict: [number, number] | null;
  notSure?: true;
  inNumber?: true;
  strokes: number[] | null;
}

export function encodeDigits(digits: readonly YourDigit[]): Uint8Array {
  if (digits.length > MAX_DIGITS) throw new DigitPadError('input', `At most ${MAX_DIGITS} digits fit in one file`);
  let points = 0;
  const list: HeaderDigit[] = digits.map((d) => {
    const strokes = d.strokes?.map((s) => s.length) ?? null;
    points += strokes?.reduce((a, b) => a + b, 0) ?? 0;
    const verdict: [number, number] | null = d.verdict ? [d.verdict.predicted, d.verdict.probability] : null;
    return { id: d.id, label: d.label, createdAt: d.createdAt, verdict, ...(d.verdict?.notSure ? { notSure: true as const } : {}), ...(d.inNumber ? { inNumber: true as const } : {}), strokes };
  });
  const json = new TextEncoder().encode(JSON.stringify({ kind: KIND, count: digits.length, points, digits: list }));
  const head = (12 + json.length + 3) & ~3;
  const bytes = new Uint8Array(head + digits.length * PIXELS + points * 8 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, DIGITS_FORMAT, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  digits.forEach((d, i) => bytes.set(d.pixels, head + i * PIXELS));
  const xy = new Float32Array(bytes.buffer, head + digits.length * PIXELS, points * 2);
  let o = 0;
  for (const d of digits) {
    for (const p of d.strokes?.flat() ?? []) {
      xy[o++] = p.x;
      xy[o++] = p.y;
    }
  }
  view.setUint32(bytes.length - 4, fnv1a(bytes.subarray(0, bytes.length - 4)), true);
  return bytes;
}

const isInt = (x: unknown, min: number, max: number): x is number => Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

/** The digits in a file, every one checked; throws a DigitPadError('model-file') otherwise. */
export function decodeDigits(bytes: unknown): YourDigit[] {
  if (!(bytes instanceof Uint8Array)) throw bad(`expected bytes, got ${Object.prototype.toString.call(bytes)}`);
  if (bytes.length > MAX_DIGITS_FILE_BYTES) throw bad(`it is ${(bytes.length / 1e6).toFixed(1)} MB, more than the ${MAX_DIGITS_FILE_BYTES / 1e6} MB limit`);
  if (bytes.length < 16) throw bad(`it is only ${bytes.length} bytes long`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) === MODEL_MAGIC) {
    // Worded as the model importer words the opposite mistake (one sentence, then what is kept).
    throw new DigitPadError('model-file', 'This is a model file, not your digits: import it under Saved models. Your digits are kept.');
  }
  if (view.getUint32(0, true) !== MAGIC) throw bad('it is not a .dpyd file DigitPad exported, or it was damaged');
  const version = view.getUint32(4, true);
  if (version > DIGITS_FORMAT) throw new NewerFormatError(version, DIGITS_FORMAT);
  if (version < 1) throw bad(`format version ${version}`);
  const jsonLength = view.getUint32(8, true);
  if (jsonLength > MAX_HEADER_BYTES || 12 + jsonLength > bytes.length - 4) throw bad(`header length ${jsonLength}`);
  if (fnv1a(bytes.subarray(0, bytes.length - 4)) !== view.getUint32(bytes.length - 4, true)) {
    throw bad('checksum mismatch (the file is damaged or was changed)');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + jsonLength)));
  } catch {
    throw bad('the header is not JSON');
  }
  const h = header as { kind?: unknown; count?: unknown; points?: unknown; digits?: unknown };
  if (typeof h !== 'object' || h === null || h.kind !== KIND) throw bad('the header is not one of DigitPad');
  if (!isInt(h.count, 0, MAX_DIGITS)) throw bad(`count ${String(h.count).slice(0, 20)} (at most ${MAX_DIGITS})`);
  if (!isInt(h.points, 0, h.count * MAX_POINTS)) throw bad('points');
  if (!Array.isArray(h.digits) || h.digits.length !== h.count) throw bad('the digit list does not match its count');
  const head = (12 + jsonLength + 3) & ~3;
  const expected = head + h.count * PIXELS + h.points * 8 + 4;
  if (bytes.length !== expected) throw bad(`it is ${bytes.length} bytes, its header says ${expected}`);

  const xy = new Float32Array(bytes.slice(head + h.count * PIXELS, bytes.length - 4).buffer);
  const ids = new Set<string>();
  let o = 0;
  const digits = (h.digits as unknown[]).map((raw, i): YourDigit => {
    const d = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<HeaderDigit>;
    const fail = (what: string): never => {
      throw bad(`digit ${i}: ${what}`);
    };
    const lengths = d.strokes ?? null;
    if (lengths !== null) {
      if (!Array.isArray(lengths) || lengths.length < 1 || lengths.length > MAX_STROKES) fail('strokes');
      let n = 0;
      for (const len of lengths) n += isInt(len, 1, MAX_POINTS) ? len : fail('stroke length');
      if (n > MAX_POINTS || o + 2 * n > xy.length) fail('too many stroke points');
    }
    const strokes = lengths?.map((len) => Array.from({ length: len }, (): PadPoint => ({ x: xy[o++], y: xy[o++] }))) ?? null;
    const v = d.verdict;
    if (!(v === null || (Array.isArray(v) && v.length === 2))) fail('verdict');
    if (!(d.notSure === undefined || (d.notSure === true && v !== null))) fail('notSure');
    if (!(d.inNumber === undefined || d.inNumber === true)) fail('inNumber');
    const digit: YourDigit = {
      id: d.id as string,
      label: d.label as number,
      pixels: bytes.slice(head + i * PIXELS, head + (i + 1) * PIXELS),
      strokes,
      createdAt: d.createdAt as number,
      verdict: v ? { predicted: v[0], probability: v[1], ...(d.notSure ? { notSure: true as const } : {}) } : null,
      ...(d.inNumber ? { inNumber: true as const } : {}),
    };
    try {
      check(digit);
    } catch (e) {
      fail((e as Error).message);
    }
    if (ids.has(digit.id)) fail(`id "${digit.id}" appears twice`);
    ids.add(digit.id);
    return digit;
  });
  if (o !== xy.length) throw bad(`the strokes hold ${o / 2} points, the header says ${h.points}`);
  return digits;
}
