// One training session in the worker, as a person drives it: runs to start, your digits, and the
// tabs that share the shelf. The shelf's models are session/models.ts; the engine (slots, loop,
// reports) is session/core.ts.
import type { LessonName, RunConfig, SaveResult } from './api.ts';
import { PIXELS } from './data/mnist.ts';
import { DigitPadError } from './errors.ts';
import type { SessionDeps } from './session/deps.ts';
import { ModelsSession } from './session/models.ts';
import { checkLearningRate, lessonConfig, presetFor, validateRunConfig } from './train/run-config.ts';
import { Race } from './train/race.ts';
import { checkLabel, drawingFromStrokes } from './personal/reading.ts';
import type { AddedDigit, DigitEntry, ImportedDigits, TakenBack, YourDigitsStatus } from './personal/types.ts';
import { isVerdict, type Verdict } from './personal/digit.ts';
import { penInNumber, penOf } from './notdigit/pen.ts';
import type { Run } from './train/run.ts';

export type { SessionDeps };

/** A reader tab re-reads the shelf at most this often when the writer says it saved. */
const REFRESH_MS = 1000;

/** addDigit's options, checked: they come from the page. */
function addOptions(raw: unknown): { replaces?: string; inNumber: boolean; shown?: Verdict } {
  if (raw === undefined || raw === null) return { inNumber: false };
  const o = raw as { replaces?: unknown; inNumber?: unknown; shown?: unknown };
  const shown = o.shown as Verdict | undefined;
  const shownOk = shown === undefined || (typeof shown === 'object' && shown !== null && isVerdict(shown));
  if (typeof raw !== 'object' || (o.replaces !== undefined && typeof o.replaces !== 'string') || (o.inNumber !== undefined && typeof o.inNumber !== 'boolean') || !shownOk) {
    throw new DigitPadError('input', 'addDigit options must be { replaces?: an id, inNumber?: true or false, shown?: { predicted: 0–9, probability: 0–1, notSure?: true } }');
  }
  const score = shown && { predicted: shown.predicted, probability: shown.probability, ...(shown.notSure ? { notSure: true as const } : {}) };
  return { replaces: o.replaces as string | undefined, inNumber: o.inNumber === true, ...(score ? { shown: score } : {}) };
}

export class Session extends ModelsSession {
  private lastRefresh = -Infinity;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: SessionDeps) {
    super(deps);
    deps.lock.onMessage((m) => (m.type === 'saved' ? void this.refresh() : void this.handOver()));
  }

  pause(): Promise<SaveResult> {
    this.notSwitching();
    for (const s of this.slots()) s.autosave.paused = true;
    // Stored at once: the pause's test of the weights takes seconds on the convolutional network,
    // and a page reloaded meanwhile came back training. A failed write shows in the status. A
    // reading tab is told at once too: it says "Paused in another tab".
    if (this.role === 'writer') this.shelf.setPaused(true).then(() => this.tellReaders(), () => {});
    return this.stopAndSave('pause');
  }

  resume(): void {
    this.notSwitching();
    if (this.role === 'writer') this.shelf.setPaused(false).then(() => this.tellReaders(), () => {});
    this.paused = false;
    for (const s of this.slots()) {
      s.autosave.paused = false;
      s.run?.unhalt();
      void s.autosave.save('resume'); // no longer saved as paused
    }
    this.settle();
  }

  /** A switch (models.ts switchTo) ends with the pause or resume it started under: a click meanwhile would be undone. */
  private notSwitching(): void {
    if (this.switching > 0) throw new DigitPadError('busy', 'DigitPad is switching models; pause or resume once it has (a few seconds)');
  }

  reset(seed?: number): void {
    if (seed !== undefined && !Number.isInteger(seed)) throw new DigitPadError('input', `Seed must be an integer, got ${seed}`);
    this.configure({ ...this.config, seed: seed ?? this.randomSeed() });
  }

  /**
   * A new main run under a new shelf entry; before MNIST has loaded the choice waits for it.
   * `fromLessons`: the lessons panel chose it (the API's configure), not Reset or a deletion.
   */
  configure(config: RunConfig, fromLessons = false): void {
    this.mustWrite('start a new run');
    try {
      validateRunConfig(config);
      presetFor(config); // throws for anything a run cannot be built from, before it is adopted
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    if (this.data) return this.newRun(config, fromLessons);
    this.wanted = { config: structuredClone(config), fromLessons };
    this.config = structuredClone(config);
    if (this.main) this.modelVersion++; // the bars must ask again
    this.main = this.companion = null;
    this.report(true);
  }

  lesson(name: LessonName, seed?: number): RunConfig {
    return lessonConfig(name, seed ?? this.config.seed);
  }

  /** The main run's peak rate changes at once; the run carries on. */
  setLearningRate(lr: number): void {
    checkLearningRate(lr);
    this.config.learningRate = lr;
    this.main?.run?.setLearningRate(lr);
    this.report(true);
  }

  race(a: RunConfig, b: RunConfig): void {
    this.mustWrite('race');
    if (!this.data) throw new DigitPadError('busy', 'A race needs the MNIST data, which is still loading');
    this.contest = new Race([this.runIds + 1, this.runIds + 2], a, b, this.data, this.kernels ?? undefined);
    this.runIds += 2;
    this.settle();
  }

  stopRace(): void {
    this.contest?.stop();
    this.settle();
  }

  clearRace(): void {
    this.contest = null;
    this.settle();
  }

  /**
   * MNIST test images by index (28×28 bytes each, concatenated): the misread ones, say. A reading
   * tab trains nothing and so has not loaded MNIST: the saved model's misreads load it then.
   */
  async testImages(indices: unknown): Promise<Uint8Array> {
    if (!this.data && this.role === 'reader') {
      try {
        this.data = await (this.dataLoading ??= this.deps.loadData());
      } catch (e) {
        this.dataLoading = null;
        throw new DigitPadError('data', (e as Error).message, { cause: e });
      }
    }
    const test = this.data?.test;
    if (!test) throw new DigitPadError('busy', 'The MNIST test images are still loading');
    const ok = Array.isArray(indices) && indices.length <= 1000 && indices.every((i) => Number.isInteger(i) && i >= 0 && i < test.count);
    if (!ok) throw new DigitPadError('input', `Test image indices must be up to 1000 whole numbers in 0–${test.count - 1}`);
    const out = new Uint8Array(indices.length * PIXELS);
    indices.forEach((i: number, k) => out.set(test.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS));
    return out;
  }

  // --- Your digits: corrections and confirmations, learnt by rehearsal (worker/personal).

  /**
   * A drawing (the pad's strokes, as sent to the inference worker) is `label`: scored by the
   * answering model before it learns it, as the bars showed it, stored, then learnt by every run
   * held here. `inNumber`: a digit of a number (its bars had its stroke count and its parts as pen
   * evidence, not its loops or dots). `replaces`: the digit an earlier tap on the same drawing
   * made, taken back first (and unlearnt); the new one keeps its score. One already gone is no
   * error. Nothing changes when the drawing or label is bad.
   */
  async addDigit(strokes: unknown, label: number, options?: unknown): Promise<AddedDigit> {
    this.mustWrite('correct a guess');
    const drawing = drawingFromStrokes(strokes);
    checkLabel(label);
    const { replaces, inNumber, shown } = addOptions(options);
    const pen = inNumber ? penInNumber(drawing.strokes.length, drawing.strokes) : penOf(drawing.strokes);
    let undone = false;
    // The drawing was scored when it was first tapped, on the bars the person saw: the
    // replacement keeps that score (a model still training has learnt the first tap since).
    const first = replaces === undefined ? undefined : this.yours.digits.find((d) => d.id === replaces);
    if (first) {
      try {
        undone = this.unlearnt(await this.yours.delete(first.id)).size > 0;
      } catch (e) {
        throw new DigitPadError('storage', `Your earlier tap could not be replaced (${(e as Error).message}); it is still kept`);
      }
    }
    // Scored by the model that answers, once a test has measured it: in a fresh page's first
    // seconds the random weights the run starts from are no model's reading (the pad says "No
    // guess yet"), and a digit they called "not sure" was counted as misread. The bars the page
    // saw came from those weights too (a new lesson answers at once), so they score nothing either.
    const scorer = this.answering?.hasTest ? this.answering.model : null;
    const scored = first ? first.verdict : scorer ? shown : null;
    let digit;
    try {
      digit = await this.yours.add(scorer, drawing.input, label, drawing.strokes, { pen, scored, inNumber });
    } catch (e) {
      this.learned(undone);
      if (!first || !(e instanceof DigitPadError)) throw e;
      throw new DigitPadError(e.kind, `${e.message} (your earlier tap was taken back)`);
    }
    this.learned(this.yours.learn([digit]) || undone);
    return { id: digit.id, verdict: digit.verdict, status: this.digitsStatus() };
  }

  listDigits(offset?: number, limit?: number): DigitEntry[] {
    return this.yours.list(offset, limit);
  }

  /**
   * Deletes one of your digits; the latest one tapped is also unlearnt (YourDigits.delete).
   * `unlearnt`: the answering model went back to its weights from before it.
   */
  async deleteDigit(id: string): Promise<TakenBack> {
    this.mustWrite('delete your digits');
    const back = this.unlearnt(await this.yours.delete(id));
    this.learned(back.size > 0);
    const answering = this.answering?.run;
    return { unlearnt: !!answering && back.has(answering) };
  }

  /** Puts the digit deleted last back among your digits (Undo after its ×); the models learn it again. */
  async restoreDigit(id: string): Promise<YourDigitsStatus> {
    this.mustWrite('put a digit back');
    const digit = await this.yours.undelete(id);
    this.learned(this.yours.learn([digit], 'put back'));
    return this.digitsStatus();
  }

  /** Runs went back (Run.undo): the bars ask the restored weights, and a re-recorded test is saved now. */
  private unlearnt(back: Set<Run>): Set<Run> {
    if (back.size === 0) return back;
    this.modelVersion++;
    this.saveTestedNow();
    return back;
  }

  async clearDigits(): Promise<void> {
    this.mustWrite('clear your digits');
    await this.yours.clear();
    this.learned(false);
  }

  exportDigits(): Uint8Array {
    return this.yours.exportFile();
  }

  async importDigits(bytes: unknown): Promise<ImportedDigits> {
    this.mustWrite('import digits');
    const r = await this.yours.importFile(bytes);
    this.learned(this.yours.learn(r.added, 'import'));
    return { added: r.added.length, already: r.already, noRoom: r.noRoom, status: this.digitsStatus() };
  }

  /** After a change to your digits: train if a phase started, report, and tell other tabs. */
  private learned(phase: boolean): void {
    if (phase) this.settle();
    else this.report(true);
    this.tellReaders();
  }


  // --- Tabs: one writer at a time (persist/writer-lock.ts).

  /** This tab asks to train; the writing tab saves and steps down. */
  async takeOver(): Promise<void> {
    if (this.role === 'writer') return;
    await this.deps.lock.takeOver();
  }

  /** Another tab asked to train: save, stop, let it have the lock. */
  private async handOver(): Promise<void> {
    if (this.role !== 'writer') return;
    await this.handOverModels();
    this.becomeReader();
    this.deps.lock.release();
  }

  protected becomeReader(): void {
    this.role = 'reader';
    for (const s of this.slots()) s.autosave.stop();
    this.contest = null;
    this.settle();
    // Keep answering with what this tab had until the writer saves anew.
    void this.refresh(true);
  }

  /** The lock came this tab's way: carry on from what the last writer saved. */
  protected async becomeWriter(): Promise<void> {
    this.role = 'writer';
    // A reading tab has usually not loaded MNIST (only its misread images ask for it): its reports
    // say so until training starts, not "Paused" (QA).
    if (!this.data) this.state = 'loading';
    await this.restoreSaved(true);
    if (this.started) await this.train().catch(() => {});
  }

  /** A reader re-reads the shelf when the writer saved, and answers with its newest models. */
  private async refresh(force = false): Promise<void> {
    if (this.role !== 'reader') return;
    const wait = this.lastRefresh + REFRESH_MS - this.now();
    if (!force && wait > 0) {
      // Saves come in bursts: one refresh after the burst picks up the last of them.
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = null;
        void this.refresh(true);
      }, wait);
      return;
    }
    this.lastRefresh = this.now();
    if (this.role === 'reader') await this.restoreSaved(true);
  }
}
