// The answering model in its own worker: predictions never wait behind a training step, a test
// pass or a save. The training worker sends a snapshot of the answering weights whenever they
// change (a few times a second while training); this side only preprocesses and runs forward.
// Pure (no Comlink, no `self`): Node tests drive it directly.
import type { ModelSnapshot, NumberReading, Prediction } from '../api.ts';
import { DigitPadError } from '../errors.ts';
import { tsKernels, type Kernels } from '../nn/kernels.ts';
import { Network, paramSizes } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { inputFromStrokes, padStrokes } from '../preprocess/from-strokes.ts';
import { preprocess } from '../preprocess.ts';
import { checkPad, type PadStroke } from '../number/pad.ts';
import { markUnsure, readNumber } from '../number/read.ts';
import { DIGITS } from '../notdigit/verdict.ts';
import { scoreOf } from '../personal/digit.ts';
import { penInNumber, penOf, withoutStrays, type Pen } from '../notdigit/pen.ts';
import { checkHabits, type PenHabits } from '../notdigit/habits.ts';
import { fnv1a } from '../checksum.ts';
import { answerOf } from './answer.ts';
import { LookAhead } from './look-ahead.ts';

const ANSWERED_KEPT = 4;
/** A number's digits remembered for the same: a long number's, and the sides of a crowded pair. */
const DIGITS_KEPT = 64;

export class Inference {
  private net: Network | null = null;
  private specKey = '';
  /** The training worker's modelVersion of the weights in use (-1: none yet). */
  version = -1;
  /** The person's pen habits, sent with the snapshots: pen tests yield for the digits they wrote so. */
  private habits: PenHabits | null = null;
  private built = 0;
  /** Finished drawings (their strokes as JSON) → whether the last answer was "Not sure". */
  private readonly answered = new Map<string, boolean>();
  /** The same for the digits of finished numbers, by their inputs. */
  private readonly answeredDigits = new Map<number, boolean>();
  /** The drawing of the last movement, read ahead for its pen-up (look-ahead.ts). */
  private ahead: LookAhead | null = null;

  constructor(private kernels: Kernels = tsKernels) {}

  /** How many times the network was built (new architecture or kernels): warm-up.ts starts over. */
  get builds(): number {
    return this.built;
  }

  /** Faster kernels that arrived later (WASM compiles while the first snapshots come in). */
  useKernels(kernels: Kernels): void {
    this.kernels = kernels;
    const net = this.net;
    if (!net) return;
    this.net = new Network(net.spec, defaultOptimizer, 0, kernels);
    this.built++;
    this.net.params.forEach((p, i) => p.value.set(net.params[i].value));
  }

  /** Takes a snapshot (validated: a wrong shape keeps the current model and throws). */
  apply(s: ModelSnapshot): void {
    if (s.spec === null) {
      this.net = null;
      this.specKey = '';
      this.version = s.version;
      this.habits = checkHabits(s.habits);
      return;
    }
    const sizes = paramSizes(s.spec);
    if (s.values.length !== sizes.length || s.values.some((v, i) => !(v instanceof Float32Array) || v.length !== sizes[i])) {
      throw new DigitPadError('input', 'Model snapshot does not match its architecture');
    }
    const key = JSON.stringify(s.spec);
    if (key !== this.specKey || !this.net) {
      this.net = new Network(s.spec, defaultOptimizer, 0, this.kernels);
      this.specKey = key;
      this.built++;
    }
    this.net.params.forEach((p, i) => p.value.set(s.values[i]));
    this.version = s.version;
    this.habits = checkHabits(s.habits);
  }

  /** A canvas's pixels (dark or opaque ink) → probabilities; null without ink or model. */
  predictPixels(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Prediction | null {
    let input: Float32Array | null;
    try {
      input = preprocess(rgba, width, height);
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    return this.answer(input)?.prediction ?? null;
  }

  /**
   * The pad's strokes ([x0, y0, x1, y1, …] per stroke, pad fractions) → probabilities; a settled
   * drawing (the pen is up) gets the closer look.
   */
  predictStrokes(strokes: unknown, settled = false, remember = true): Prediction | null {
    // A warm-up's made-up digits (remember false) neither lean, nor push the pad's drawing out,
    // nor take the look-ahead's place.
    const ahead = remember && this.ahead?.fits(strokes, this.net, this.version) ? this.ahead : null;
    if (remember && settled) this.ahead = null;
    const padded = ahead?.padded ?? withoutStrays(padStrokes(strokes));
    // The same finished ink asked about again (a newer model): its last answer steadies this one.
    const key = settled && remember ? JSON.stringify(strokes) : null;
    const was = key === null ? undefined : this.answered.get(key);
    // The answer's input is moved to the page: the look-ahead keeps its own.
    const input = ahead ? ahead.input.slice() : inputFromStrokes(padded);
    const read = settled ? ahead?.finish() : undefined;
    // A 0, 6 or 8 still being drawn has not closed yet: the loop tests wait for the pen to lift.
    const answer = this.answer(input, settled, read?.pen ?? penOf(padded, settled), was, read?.logits);
    const p = answer?.prediction ?? null;
    if (key !== null && p) {
      this.answered.delete(key);
      this.answered.set(key, p.notADigit);
      // A few drawings back is enough (the pad's, and an Undo's earlier ink).
      for (const old of this.answered.keys()) if (this.answered.size > ANSWERED_KEPT) this.answered.delete(old);
    }
    if (remember && !settled && answer && input) {
      this.ahead = ahead ?? new LookAhead(this.net!, this.version, strokes, padded, input.slice(), answer.logits);
    }
    return p;
  }

  /** Reads a little more of the last movement's drawing ahead of its pen-up; false: nothing left. */
  lookAhead(): boolean {
    return this.ahead !== null && this.ahead.readBy(this.net, this.version) && this.ahead.step();
  }

  /** A number on a wide pad ([x0, y0, …] in fractions of its width and height) → its digits. */
  readNumber(strokes: unknown, width: number, height: number, settled = false): NumberReading | null {
    const net = this.net;
    if (!net) return null;
    let padded: PadStroke[];
    try {
      padded = padStrokes(strokes);
      checkPad({ width, height });
    } catch (e) {
      throw e instanceof DigitPadError ? e : new DigitPadError('input', (e as Error).message);
    }
    // Each digit is judged as a lone drawing is: the ten bars, and whether it looks like a digit.
    const reading = readNumber(padded, width, height, (x, strokes, pieces, oneWholeStroke) => {
      // A digit still being written lacks parts and loops it will have: judged once the pen is up.
      const pen = settled ? penInNumber(strokes, pieces, oneWholeStroke) : penInNumber(strokes);
      if (!settled) return answerOf(net, x, false, pen, this.habits).verdict;
      // A finished digit read again by a newer model leans to its last answer, as a lone drawing
      // does: a number's last digit went "?", 3, "?", 2 while training, each change spoken (QA).
      const key = fnv1a(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
      const v = answerOf(net, x, true, pen, this.habits, this.answeredDigits.get(key)).verdict;
      this.answeredDigits.delete(key);
      this.answeredDigits.set(key, v.notADigit);
      for (const old of this.answeredDigits.keys()) if (this.answeredDigits.size > DIGITS_KEPT) this.answeredDigits.delete(old);
      return v;
    });
    const digits = reading.digits.map(({ judgement: v, ...d }) => ({ ...d, notADigit: v.notADigit, score: scoreOf(v) }));
    const text = markUnsure(reading.text, digits.map((d) => d.notADigit));
    return { ...reading, text, digits, modelVersion: this.version };
  }

  /**
   * pen: what the drawing's strokes say (none for canvas pixels). views: the closer look's
   * outputs, read ahead. Also the network's own outputs for the drawing (all its classes).
   */
  private answer(input: Float32Array | null, settled = false, pen?: Pen, wasNotSure?: boolean, views?: Float32Array): { prediction: Prediction; logits: Float32Array } | null {
    // Before the first model there is nothing worth asking: no guess beats a confident wrong one.
    if (!input || !this.net) return null;
    const { verdict: v, logits } = answerOf(this.net, input, settled, pen, this.habits, wasNotSure, views);
    const prediction: Prediction = {
      probabilities: v.digitProbabilities,
      logits: logits.slice(0, DIGITS),
      notADigit: v.notADigit,
      notSureReason: v.reason,
      notDigitProbability: v.notDigitProbability,
      score: scoreOf(v),
      input,
      modelVersion: this.version,
    };
    return { prediction, logits };
  }
}
