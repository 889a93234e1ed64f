// "Your digits": the drawings the person labelled, stored beside the model, scored before they
// are learnt (prequential) and learnt by rehearsal. The session holds one YourDigits and calls
// it from its API methods; every run it holds (the main model, its convolutional companion)
// learns them, each with a rehearsal source of its own (Run.trainer.sources) and phases (Run.tune).

import { DigitPadError } from '../errors.ts';
import type { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import type { ShelfStore } from '../persist/shelf.ts';
import type { Tuning } from '../train/trainer.ts';
import type { RunMark } from '../train/phase.ts';
import type { Run } from '../train/run.ts';
import { check, keepStrokes, MAX_DIGITS, newId, readRight, toInput, toPixels, type Verdict, type YourDigit } from './digit.ts';
import { decodeDigits, encodeDigits } from './file.ts';
import { prequential } from './prequential.ts';
import { Rehearsal, REHEARSAL, type RehearsalOptions } from './rehearsal.ts';
import { checkLabel, reading, verdictAsShown } from './reading.ts';
import { DigitStore } from './store.ts';
import { penHabits, type PenHabits } from '../notdigit/habits.ts';
import { penOf, type Pen } from '../notdigit/pen.ts';
import type { DigitEntry, Learnt, YourDigitsStatus } from './types.ts';

/**
 * The fine-tuning phase after new digits, once the run's schedule is over: 100 steps (6,400
 * samples, a fraction of a second of training), the rate falling from 3·10⁻⁴ to 0 along a
 * cosine, the answering average following at 0.1 per step. Higher rates learn a correction in
 * fewer steps but cost converged models more MNIST accuracy (1·10⁻³: −0.24 points on average
 * over 14 UNIPEN writers, against −0.09); corrections are read right after 4–32 steps anyway.
 * Measured in bench/personal.ts and personal.test.ts.
 */
export const PHASE: Tuning = { steps: 100, learningRate: 3e-4, average: 0.1 };
/** Corrections "Now read as" waits for at most (the newest). */
const MAX_PENDING = 5;
/**
 * A digit taken back is unlearnt (its run goes back to the weights from before it) when the
 * take-back comes within UNDO_SECONDS of the tap and the run trained at most UNDO_SHARE of its
 * schedule since, without reaching the schedule's end: a person notices a wrong tap after reading
 * what it did, seconds later, and a convolutional network in its schedule (~2,000 samples/s in
 * Chromium) has by then gone far past a phase, its long running average still reading the tap.
 * Undoing costs that much MNIST training, which the schedule does not repeat; a wrong label left
 * in the weights would go on misreading the person's own digit. A dense network trains a tenth of
 * its schedule in seconds, and there a tap washes out within a few steps once it leaves the
 * batches (docs/your-digits.md). Otherwise a run goes back only within UNDO_WITHIN phases' worth
 * of steps (a finished run, which trains little after its phase).
 */
export const UNDO_WITHIN = 2;
export const UNDO_SECONDS = 30;
export const UNDO_SHARE = 0.1;
/** A right guess at least this sure needs no phase of its own: the digit joins the rehearsal. */
export const CONFIDENT = 0.9;

export interface YourDigitsOptions {
  /** Wall clock (Date.now) for createdAt. */
  wall?: () => number;
  /** Monotonic clock (performance.now) for how long learning a correction took. */
  now?: () => number;
  seed?: number;
  phase?: Tuning;
  rehearsal?: RehearsalOptions;
}

/** A digit the model read wrong (or unsure) is worth a phase; a confident right one is not. */
export const needsPhase = (d: YourDigit) => !d.verdict || !readRight(d.verdict, d.label) || d.verdict.probability < CONFIDENT;

export class YourDigits {
  readonly store: DigitStore;
  private readonly wall: () => number;
  private readonly now: () => number;
  private readonly phase: Tuning;
  private readonly seed: number;
  private readonly rehearsalOptions: RehearsalOptions;
  /** The runs that learn the digits, each with its own rehearsal source. */
  private readonly runs = new Map<Run, Rehearsal>();
  private attached = 0;
  /**
   * Until a new digit is learnt: the digit it was mistaken for (or its runner-up when read right),
   * and the pen evidence the bars had for it.
   */
  private added = new Map<string, { rival: number | null; pen: Pen | undefined }>();
  /** Corrections the answering model does not read right yet, and when they were added. */
  private pending: { digit: YourDigit; at: number; pen: Pen | undefined }[] = [];
  private learnt: Learnt | null = null;
  private version = 0;
  private habitsOf: { version: number; habits: PenHabits } | null = null;
  /** The latest digit learnt alone, and each run as it was before: taking it back undoes the learning. */
  private undo: { id: string; marks: Map<Run, RunMark>; at: number } | null = null;
  /** The digit deleted last, which Undo can put back (a slip on its ×). */
  private deletedLast: YourDigit | null = null;
  notice: string | null = null;
  private error: string | null = null;

  constructor(store: ShelfStore, o: YourDigitsOptions = {}) {
    this.wall = o.wall ?? Date.now;
    this.now = o.now ?? (() => performance.now());
    this.phase = o.phase ?? PHASE;
    this.store = new DigitStore(store, this.wall);
    this.seed = o.seed ?? 0x79647373;
    this.rehearsalOptions = o.rehearsal ?? REHEARSAL;
  }

  get digits(): readonly YourDigit[] {
    return this.store.digits;
  }

  /** Oldest first by when each was kept, not stored: a digit put back (or imported) is in its place. */
  private get byTime(): YourDigit[] {
    return this.digits.slice().sort((a, b) => a.createdAt - b.createdAt);
  }

  /** How the person writes each digit (pen tests yield to it); recomputed when the list changes. */
  get habits(): { version: number; habits: PenHabits } {
    if (this.habitsOf?.version !== this.version) this.habitsOf = { version: this.version, habits: penHabits(this.digits) };
    return this.habitsOf;
  }

  /** Reads them from storage (at start, and in a reading tab when the writer saved). Never throws. */
  async open(writable: boolean): Promise<void> {
    const before = this.ids();
    const r = await this.store.load(writable);
    this.notice = r.notice ?? this.notice;
    this.error = r.error;
    this.pending = [];
    this.undo = null;
    for (const r of this.runs.values()) r.forget('all');
    // A reading tab reads them again after every save of the writer's, models included: the page
    // fetches the list and the pen habits are worked out again only when the set changed.
    if (this.ids() !== before) this.version++;
  }

  private ids(): string {
    return this.digits.map((d) => d.id).join(' ');
  }

  /**
   * Mixes the digits into this run's batches from now on (once per run). A model saved before
   * the digits last changed has not learnt them all: it gets a phase (after its schedule).
   * Returns whether the run must train (a phase started).
   */
  attach(run: Run, savedAt = Infinity): boolean {
    if (!this.runs.has(run)) {
      const r = new Rehearsal(() => this.store.digits, new Rng(this.seed + this.attached++), this.rehearsalOptions);
      r.setReplay(run.trainer.train);
      run.trainer.sources.push(r);
      this.runs.set(run, r);
    }
    return this.digits.length > 0 && savedAt < this.store.changedAt && run.tune(this.phase);
  }

  /** A run the session no longer holds stops learning them. */
  detach(run: Run): void {
    const r = this.runs.get(run);
    if (!r) return;
    const sources = run.trainer.sources;
    sources.splice(sources.indexOf(r), 1);
    this.runs.delete(run);
    this.undo?.marks.delete(run);
  }

  /** Only these runs learn from now on: the others are detached. */
  keep(runs: readonly (Run | null | undefined)[]): void {
    for (const run of [...this.runs.keys()]) if (!runs.includes(run)) this.detach(run);
  }

  /** Whether new digits still ride fresh in this run's batches (it has not trained on them all yet). */
  fresh(run: Run): boolean {
    return (this.runs.get(run)?.freshLeft ?? 0) > 0;
  }

  /** The rehearsal source mixed into this run's batches (tests and the bench read its counts). */
  rehearsalOf(run: Run): Rehearsal | undefined {
    return this.runs.get(run);
  }

  /**
   * A new digit: scored by `model` as it is now, before it learns it, as the bars showed it (null
   * when there is no model) — `pen`: the evidence the bars had (default: its kept strokes'); `scored`:
   * the verdict an earlier tap on the same drawing got (the bars the person saw then); `inNumber`:
   * one digit of a number, kept as such (habits.ts reads its pieces as its bars did) — then stored. Throws a DigitPadError ('input', 'storage') and keeps nothing on failure.
   */
  async add(model: Network | null, input: Float32Array, label: number, strokes?: unknown, o: { pen?: Pen; scored?: Verdict | null; inNumber?: boolean } = {}): Promise<YourDigit> {
    checkLabel(label);
    let digit: YourDigit;
    let rival: number | null = null;
    let pen: Pen | undefined;
    try {
      const pixels = toPixels(input);
      const at = this.wall();
      const kept = keepStrokes(strokes);
      pen = o.pen ?? (kept ? penOf(kept) : undefined);
      const read = model ? reading(model, input, label, { pen, habits: this.habits.habits }) : null;
      rival = read?.rival ?? null;
      const verdict = o.scored !== undefined ? o.scored : (read?.verdict ?? null);
      digit = check({ id: newId(at), label, pixels, strokes: kept, createdAt: at, verdict, ...(o.inNumber ? { inNumber: true as const } : {}) });
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    await this.store.add([digit]);
    this.error = null; // a change lands only once the digits were read
    this.added.set(digit.id, { rival, pen });
    this.version++;
    return digit;
  }

  /**
   * New digits are learnt by every attached run: fresh in its batches for a phase's worth of
   * steps, and once its schedule is over a fine-tuning phase when any was read wrong or unsure
   * (an import: always). `how`: a tap, an import, or a digit put back after its delete (undelete).
   * Returns whether a run must train (a phase started).
   */
  learn(digits: readonly YourDigit[], how: 'tap' | 'import' | 'put back' = 'tap'): boolean {
    if (digits.length === 0) return false;
    // One digit (a tap) can be taken back; an import cannot. Marked before any step learns it. A
    // digit put back leaves the latest tap's mark as it is: that tap can still be taken back.
    if (how !== 'put back') {
      this.undo = digits.length === 1 && how === 'tap' ? { id: digits[0].id, marks: new Map([...this.runs.keys()].map((r) => [r, r.mark()])), at: this.now() } : null;
    }
    const always = how === 'import';
    const fresh = digits.map((digit) => ({ digit, rival: this.added.get(digit.id)?.rival ?? null }));
    // "Now read as" times a tapped digit the bars did not read right (another digit, or "Not
    // sure"); only the newest few are shown, and each costs a closer look per check.
    if (how === 'tap') {
      for (const d of digits) if (d.verdict && !readRight(d.verdict, d.label)) this.pending.push({ digit: d, at: this.now(), pen: this.added.get(d.id)?.pen });
      this.pending = this.pending.slice(-MAX_PENDING);
    }
    for (const d of digits) this.added.delete(d.id);
    let phase = false;
    for (const [run, r] of this.runs) {
      if ((always || digits.some(needsPhase)) && run.tune(this.phase)) phase = true;
      // A phase queued for the schedule's end: the digits stay fresh until it is over.
      r.welcome(fresh, run.phaseDue && !run.tuning ? run.stepsLeft + this.phase.steps : this.phase.steps);
    }
    return phase;
  }

  /**
   * Call between slices with the answering network: notes when it first reads a correction right
   * as the bars would (the closer look, the drawing's pen evidence, the person's habits).
   */
  track(model: Network): void {
    if (this.pending.length === 0) return;
    const habits = this.habits.habits;
    this.pending = this.pending.filter((p) => {
      if (!readRight(verdictAsShown(model, toInputOnce(p.digit), p.pen, habits), p.digit.label)) return true;
      this.learnt = { id: p.digit.id, label: p.digit.label, ms: Math.round(this.now() - p.at) };
      return false;
    });
  }

  /**
   * Deletes a digit. The latest digit learnt on its own is also unlearnt: each run that learnt
   * it goes back to how it was before (Run.undo) when the delete comes within UNDO_SECONDS of
   * the tap and the run trained no more than UNDO_SHARE of its schedule since (nor reached its
   * end), or, at any time, no more than UNDO_WITHIN phases' worth of steps. Returns the runs that
   * went back.
   */
  async delete(id: string): Promise<Set<Run>> {
    if (!this.digits.some((d) => d.id === id)) throw new DigitPadError('input', `There is no digit "${String(id).slice(0, 40)}" in your digits`);
    const undo = this.undo?.id === id ? this.undo : null;
    const soon = undo !== null && this.now() - undo.at <= UNDO_SECONDS * 1000;
    const asked = new Map([...(undo?.marks.keys() ?? [])].map((r) => [r, r.trainer.samplesSeen]));
    const gone = this.digits.find((d) => d.id === id)!;
    await this.store.delete(new Set([id]));
    this.deletedLast = gone;
    this.error = null;
    for (const r of this.runs.values()) r.forget(new Set([id]));
    this.pending = this.pending.filter((p) => p.digit.id !== id);
    this.added.delete(id);
    if (this.learnt?.id === id) this.learnt = null;
    this.version++;
    if (undo && this.undo === undo) this.undo = null;
    const back = new Set<Run>();
    for (const [run, mark] of undo?.marks ?? []) {
      const phases = UNDO_WITHIN * this.phase.steps * run.preset.batchSize;
      const seen = asked.get(run) ?? run.trainer.samplesSeen;
      const scheduleEnded = mark.samples < run.samplesTarget && seen >= run.samplesTarget;
      const within = soon && !scheduleEnded ? Math.max(phases, UNDO_SHARE * run.samplesTarget) : phases;
      if (this.runs.has(run) && run.undo(mark, within, seen)) back.add(run);
    }
    return back;
  }

  /**
   * Puts the digit deleted last back as it was (its score before learning included); the caller
   * has the models learn it again (learn). What its delete unlearnt stays unlearnt.
   */
  async undelete(id: string): Promise<YourDigit> {
    const d = this.deletedLast;
    if (d?.id !== id) throw new DigitPadError('input', 'Only the digit deleted last can be put back');
    const {
      added: [back],
    } = await this.store.addNew([d]);
    if (!back) {
      if (this.digits.some((x) => x.id === id)) throw new DigitPadError('input', 'It is among your digits already');
      throw new DigitPadError('storage', 'There is no room left among your digits');
    }
    this.deletedLast = null;
    this.error = null;
    this.version++;
    return back;
  }

  async clear(): Promise<void> {
    await this.store.clear();
    this.error = null;
    this.undo = null;
    this.deletedLast = null;
    for (const r of this.runs.values()) r.forget('all');
    this.pending = [];
    this.added.clear();
    this.learnt = null;
    this.version++;
  }

  /** All of them as one DPYD file (digitpad-digits.dpyd). */
  exportFile(): Uint8Array {
    return encodeDigits(this.digits);
  }

  /**
   * Adds a file's digits that are not here yet (same id), as many as there is room for: `already`
   * were here, `noRoom` did not fit (the person must hear of those: the file still holds them).
   */
  async importFile(bytes: unknown): Promise<{ added: YourDigit[]; already: number; noRoom: number }> {
    const incoming = decodeDigits(bytes);
    const { added, already } = await this.store.addNew(incoming);
    this.error = null;
    this.version++;
    return { added, already, noRoom: incoming.length - already - added.length };
  }

  /** Newest first; `limit` entries from `offset`. */
  list(offset = 0, limit = MAX_DIGITS): DigitEntry[] {
    const from = Math.max(0, Math.floor(Number(offset) || 0)), n = Math.max(0, Math.floor(Number(limit) || 0));
    return this.byTime
      .reverse()
      .slice(from, from + n)
      .map((d) => ({ id: d.id, label: d.label, createdAt: d.createdAt, verdict: d.verdict, pixels: d.pixels.slice(), hasStrokes: d.strokes !== null }));
  }

  /**
   * `paused`: the person paused training, so nothing learns until they resume. `trains`: whether
   * the session trains this run now (default: any unfinished run may).
   */
  status(paused = false, trains: (run: Run) => boolean = () => true): YourDigitsStatus {
    const digits = this.digits;
    // A finished run trains on new digits only in a phase (a digit it read wrong or unsure): fresh
    // digits it read right wait for a next phase, and said "Learning…" for good before. So did a
    // dense network waiting for the convolutional one to finish first (QA, stop 51).
    const due = [...this.runs].some(([run, r]) => run.tuning || (r.freshLeft > 0 && !run.finished && trains(run)));
    const byLabel = new Array<number>(10).fill(0);
    for (const d of digits) byLabel[d.label]++;
    return {
      count: digits.length,
      byLabel,
      prequential: prequential(this.byTime),
      learning: due && (paused ? 'on resume' : true),
      learnt: this.learnt,
      version: this.version,
      readOnly: this.store.readOnly,
      notice: this.notice,
      error: this.error,
    };
  }
}

/** A pending digit is read again at every check until it reads right: its input made once. */
const inputs = new WeakMap<YourDigit, Float32Array>();
function toInputOnce(d: YourDigit): Float32Array {
  let x = inputs.get(d);
  if (!x) inputs.set(d, (x = toInput(d.pixels)));
  return x;
}
