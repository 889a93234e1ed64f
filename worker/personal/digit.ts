// One of "Your digits": a drawing the person labelled (a correction, or a right guess confirmed),
// the 28×28 input the network saw, its strokes when kept, and how the model read it before it
// learnt it (the prequential verdict). Every field is bounded and checked wherever it comes from
// (the UI, IndexedDB, a file): check() throws a plain Error saying what is wrong.

/** A point as the pad records it: fractions of the pad's width and height (src/lib/strokes.ts). */
export interface PadPoint {
  x: number;
  y: number;
}

/** How the answering model read a digit before it had learnt it. */
export interface Verdict {
  /** The digit it guessed (its top probability). */
  predicted: number;
  /** That guess's probability, 0..1. */
  probability: number;
  /** The bars said "Not sure": no guess was made, so it was not read right whatever `predicted` is. */
  notSure?: true;
}

/** A verdict counts as read right: the bars named the person's digit. */
export const readRight = (v: Verdict, label: number) => v.predicted === label && !v.notSure;

/**
 * The bars' answer as a score for your digits: its top digit, that digit's probability sharing
 * its mass with "not a digit" (as the network's own eleven outputs do, so a drawing shown as
 * "Not sure" is no confident reading), and whether the bars said "Not sure".
 */
export function scoreOf(a: { top: number; topProbability: number; notDigitProbability: number; notADigit: boolean }): Verdict {
  const probability = Math.round(a.topProbability * (1 - a.notDigitProbability) * 1e4) / 1e4;
  return a.notADigit ? { predicted: a.top, probability, notSure: true } : { predicted: a.top, probability };
}

export interface YourDigit {
  /** Unique within the set, e.g. "lq3x1k2-9zt0": [0-9a-z-], at most 40 characters. */
  id: string;
  /** What the person says it is, 0–9. */
  label: number;
  /** The 28×28 input the network saw, row-major, ink 0..255 (MNIST's scale). */
  pixels: Uint8Array;
  /** The pen strokes on the pad, when they were kept. */
  strokes: PadPoint[][] | null;
  /** Date.now() when it was added. */
  createdAt: number;
  /** The model's reading before it learnt the digit; null when there was no model. */
  verdict: Verdict | null;
  /**
   * One digit of a number: its strokes are the pieces cut from the number's (number/segment.ts),
   * judged as its bars were (pen.ts penInNumber), not as a drawing of its own.
   */
  inNumber?: true;
}

export const PIXELS = 784;
/** The set keeps at most this many digits (1.6 MB of pixels). */
export const MAX_DIGITS = 2000;
/** Strokes beyond these bounds are not kept (the input is what training uses). */
export const MAX_STROKES = 40;
export const MAX_POINTS = 1000;
/** Pad fractions outside this range are not a drawing on the pad. */
const COORD_MIN = -1;
const COORD_MAX = 2;
/** No date before 2020 or after 2100. */
const TIME_MIN = 1.5e12;
const TIME_MAX = 4.1e12;
const ID = /^[0-9a-z-]{1,40}$/;

export const isLabel = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 9;

export const isVerdict = (v: Verdict): boolean =>
  isLabel(v.predicted) && typeof v.probability === 'number' && v.probability >= 0 && v.probability <= 1 && (v.notSure === undefined || v.notSure === true);

/** The input as the network saw it (0..1) → bytes, as MNIST stores its images. */
export function toPixels(input: Float32Array): Uint8Array {
  if (!(input instanceof Float32Array) || input.length !== PIXELS) {
    throw new Error(`A digit's input must be ${PIXELS} values (28×28), got ${input instanceof Float32Array ? input.length : typeof input}`);
  }
  const out = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = input[i];
    if (!(v >= 0 && v <= 1)) throw new Error(`A digit's input must hold values in 0..1, got ${v} at ${i}`);
    out[i] = Math.round(v * 255);
  }
  return out;
}

/** Bytes → the 0..1 input the network reads. */
export function toInput(pixels: Uint8Array): Float32Array {
  return Float32Array.from(pixels, (v) => v / 255);
}

/**
 * Strokes as kept: plain {x, y} points with finite coordinates in range, or null when there
 * are none, too many to keep, or a point far off the pad (the pointer is followed past its edge:
 * the digit is kept by its pixels). Anything that is not a list of finite points throws.
 */
export function keepStrokes(raw: unknown): PadPoint[][] | null {
  if (raw === null || raw === undefined) return null;
  if (!Array.isArray(raw)) throw new Error('Strokes must be a list of strokes');
  if (raw.length === 0 || raw.length > MAX_STROKES) return null;
  let points = 0;
  let offPad = false;
  const out: PadPoint[][] = [];
  for (const s of raw) {
    if (!Array.isArray(s)) throw new Error('Each stroke must be a list of points');
    points += s.length;
    if (points > MAX_POINTS) return null;
    out.push(
      Array.from(s, (p: unknown) => {
        const { x, y } = (p ?? {}) as { x?: unknown; y?: unknown };
        if (!isFiniteNumber(x) || !isFiniteNumber(y)) throw new Error('A stroke point must have finite x and y');
        offPad ||= !isCoord(x) || !isCoord(y);
        // Stored as float32 (file.ts): rounded now, a digit reads back exactly as it was kept.
        return { x: Math.fround(x), y: Math.fround(y) };
      }),
    );
  }
  return offPad ? null : out;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCoord = (v: number) => v >= COORD_MIN && v <= COORD_MAX;

/** Throws an Error naming the first field that is not what a digit holds. */
export function check(d: YourDigit): YourDigit {
  if (typeof d.id !== 'string' || !ID.test(d.id)) throw new Error('bad id');
  if (!isLabel(d.label)) throw new Error(`bad label ${String(d.label)}`);
  if (!(d.pixels instanceof Uint8Array) || d.pixels.length !== PIXELS) throw new Error('bad pixels');
  if (!(typeof d.createdAt === 'number' && d.createdAt >= TIME_MIN && d.createdAt <= TIME_MAX)) throw new Error('bad createdAt');
  if (d.verdict !== null && !isVerdict(d.verdict)) throw new Error('bad verdict');
  if (d.strokes !== null && keepStrokes(d.strokes) === null) throw new Error('bad strokes');
  if (d.inNumber !== undefined && d.inNumber !== true) throw new Error('bad inNumber');
  return d;
}

/** A new id, unique in practice: time then 32 random bits, base 36. */
export function newId(now: number): string {
  return `${Math.floor(now).toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
}
