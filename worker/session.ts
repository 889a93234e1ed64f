// One training session in the worker, as a person drives it: runs to start, the shelf of saved
// models, and the tabs that share it. The engine (slots, loop, reports) is session/core.ts.
import type { LessonName, RunConfig, SaveReason, SaveResult } from './api.ts';
import { PIXELS } from './data/mnist.ts';
import { DigitPadError } from './errors.ts';
import { decodeCheckpoint } from './persist/checkpoint.ts';
import type { EntryInfo, Restored } from './persist/shelf.ts';
import { SessionCore } from './session/core.ts';
import { entryFor } from './session-entries.ts';
import type { SessionDeps } from './session/deps.ts';
import { checkLearningRate, defaultConfig, lessonConfig, matchLesson, presetFor, validateRunConfig } from './train/run-config.ts';
import { Race } from './train/race.ts';
import { checkLabel, drawingFromStrokes } from './personal/your-digits.ts';
import type { AddedDigit, DigitEntry, ImportedDigits, TakenBack } from './personal/types.ts';
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

export class Session extends SessionCore {
  private lastRefresh = -Infinity;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: SessionDeps) {
    super(deps);
    deps.lock.onMessage((m) => (m.type === 'saved' ? void this.refresh() : void this.handOver()));
  }

  pause(): Promise<SaveResult> {
    for (const s of this.slots()) s.autosave.paused = true;
    // Stored at once: the pause's test of the weights takes seconds on the convolutional network,
    // and a page reloaded meanwhile came back training. A failed write shows in the status.
    if (this.role === 'writer') this.shelf.setPaused(true).catch(() => {});
    return this.stopAndSave('pause');
  }

  resume(): void {
    if (this.role === 'writer') this.shelf.setPaused(false).catch(() => {});
    this.paused = false;
    for (const s of this.slots()) {
      s.autosave.paused = false;
      s.run?.unhalt();
      void s.autosave.save('resume'); // no longer saved as paused
    }
    this.settle();
  }

  reset(seed?: number): void {
    if (seed !== undefined && !Number.isInteger(seed)) throw new DigitPadError('input', `Seed must be an integer, got ${seed}`);
    this.configure({ ...this.config, seed: seed ?? this.randomSeed() });
  }

  /** A new main run under a new shelf entry; before MNIST has loaded the choice waits for it. */
  configure(config: RunConfig): void {
    this.mustWrite('start a new run');
    try {
      validateRunConfig(config);
      presetFor(config); // throws for anything a run cannot be built from, before it is adopted
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    if (this.data) return this.newRun(config);
    this.wanted = structuredClone(config);
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
    this.speed.restart();
    this.settle();
  }

  stopRace(): void {
    this.contest = null;
    this.settle();
  }

  // --- The shelf: saving, switching, pinning, import and export.

  /**
   * The page is hidden: the latest test points are written now (it may be closed any moment).
   * An update is about to reload it: training stops, the current weights are tested and saved.
   */
  checkpoint(reason: SaveReason): Promise<SaveResult> {
    if (this.role !== 'writer') return Promise.resolve({ ok: true }); // the writing tab has it
    if (reason === 'update') return this.stopAndSave(reason);
    return Promise.all(this.slots().map((s) => s.autosave.save(reason))).then((r) => r.find((x) => !x.ok) ?? { ok: true });
  }

  /** A model file: the answering model's (no id), or a shelf entry's. */
  async exportModel(id?: string): Promise<Uint8Array> {
    const slot = id === undefined ? this.answering : this.slots().find((s) => s.id === id);
    if (slot) return slot.file(this.wall());
    if (id !== undefined) return (await this.shelf.bytes(id)).slice();
    throw new DigitPadError('busy', 'There is no trained model to export yet: MNIST is still loading');
  }

  /**
   * A file becomes a new shelf entry and answers; a bad file throws and the current model stays.
   * The model it replaces is saved first, as when switching to a saved one (useModel).
   */
  async importModel(bytes: unknown, name?: string): Promise<void> {
    this.mustWrite('import a model');
    const cp = decodeCheckpoint(bytes, this.kernels ?? undefined);
    // The name the person sees is the file's; a file without one keeps the name it was saved with.
    const info = this.shelf.newInfo('import', matchLesson(cp.metrics.config), (name ?? cp.metrics.name ?? 'Imported model').slice(0, 80));
    const paused = this.paused;
    await this.stopAndSave('handover');
    this.paused = paused;
    this.useSaved({ info, cp, bytes: bytes as Uint8Array });
    const result = await this.shelf.save(info, bytes as Uint8Array, cp.metrics, 'import', { answering: true, pair: null });
    if (!result.ok) throw new DigitPadError('storage', `The model answers now, but it could not be saved: ${result.error.message}`);
  }

  /**
   * A saved model becomes the main one (alone: no companion), and trains on in the writing tab;
   * the app's convolutional network comes back as the default pair's, with `fresh` the dense
   * network that trains beside it.
   */
  private useSaved(saved: Restored, fresh: { config: RunConfig; info: EntryInfo } | null = null): void {
    this.wanted = null;
    for (const s of this.slots()) s.autosave.stop();
    const slot = this.slot(saved.info, { kind: 'saved', saved });
    [this.main, this.companion] = fresh ? [null, slot] : [slot, null];
    this.pinned = null;
    this.config = structuredClone(fresh?.config ?? saved.cp.metrics.config);
    this.freshDense = fresh?.info ?? null;
    if (this.data && this.role === 'writer') this.adopt(slot, saved);
    this.modelVersion++;
    // Without MNIST yet, train() starts the dense network once it has loaded.
    if (fresh && this.data && this.role === 'writer') return this.newDenseBeside(fresh.config, fresh.info);
    this.settle();
  }

  /** The entry answers from now on (and trains on, in the writing tab). */
  async useModel(id: string): Promise<void> {
    if (this.answering?.id === id) return;
    // A reading tab follows the writer's choice: its own would be undone at the writer's next save.
    this.mustWrite('switch models');
    if (this.companion?.id === id || this.main?.id === id) return this.pinModel(this.main?.id === id ? 'main' : 'companion');
    const saved = await this.shelf.load(id, this.kernels ?? undefined);
    // The app's convolutional network ("Back to" it after a lesson) brings the pair back: a fresh
    // dense network trains beside it, as after deleting the pair's dense network.
    const cnn = saved.info.kind === 'default' && saved.cp.metrics.config.kind === 'cnn';
    const config = defaultConfig(this.randomSeed());
    const fresh = cnn ? { config, info: entryFor(this.shelf, config, this.wall()) } : null;
    const paused = this.paused;
    if (this.role === 'writer') {
      await this.stopAndSave('handover');
      await this.shelf.setActive(id, fresh && { main: fresh.info.id, companion: id });
    }
    this.paused = paused;
    this.useSaved(saved, fresh);
  }

  /** Which model of the pair answers; null lets the better-testing one answer again. */
  async pinModel(which: 'main' | 'companion' | null): Promise<void> {
    this.mustWrite('choose the answering model');
    const slot = which === 'main' ? this.main : which === 'companion' ? this.companion : null;
    if (which !== null && !slot) throw new DigitPadError('input', `There is no ${which} model to pin`);
    this.pinned = slot?.id ?? null;
    await this.shelf.setPinned(this.pinned);
    this.report(true);
  }

  async renameModel(id: string, name: string): Promise<void> {
    this.mustWrite('rename models');
    const clean = String(name).trim().slice(0, 80);
    if (!clean) throw new DigitPadError('input', 'A name cannot be empty');
    await this.shelf.rename(id, clean);
    const slot = this.slots().find((s) => s.id === id);
    if (slot) slot.info.name = clean;
  }

  /** Deletes an entry. Deleting a held model drops it; with none left a fresh default model trains. */
  async deleteModel(id: string): Promise<void> {
    this.mustWrite('delete models');
    const slot = this.slots().find((s) => s.id === id);
    // The pair's dense network: a fresh one takes its place beside the convolutional one, in the
    // stored pair too, so a reload before the fresh one's first save still brings back a pair.
    const beside = slot === this.main && this.companion?.info.kind === 'default' ? this.companion : null;
    const config = defaultConfig(this.randomSeed());
    const fresh = beside && entryFor(this.shelf, config, this.wall());
    // Stopped first: a save queued behind the delete would write the entry back.
    slot?.autosave.stop();
    try {
      // A CNN not saved yet cannot come back: then there is no pair to keep.
      await this.shelf.delete(id, fresh && this.shelf.entry(beside.id) ? { main: fresh.id, companion: beside.id } : null);
    } catch (e) {
      // Not deleted: it carries on being saved.
      if (slot?.run) slot.autosave.resume(slot.run, slot.info);
      throw e;
    }
    if (!slot) return;
    this.pinned = null;
    if (fresh && this.data) return this.newDenseBeside(config, fresh);
    // MNIST still loading: the fresh one starts with training (train()).
    if (fresh) [this.main, this.config, this.freshDense] = [null, config, fresh];
    else if (slot === this.main) [this.main, this.companion] = [this.companion, null];
    else this.companion = null;
    this.modelVersion++;
    if (this.main || fresh) return this.settle();
    if (this.data) this.newRun(config);
    else this.configure(config);
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.shelf.exportQuarantine();
  }

  discardQuarantine(): Promise<void> {
    this.mustWrite('delete the set-aside record');
    return this.shelf.discardQuarantine();
  }

  dismissNotice(): void {
    this.shelf.dismissNotice();
    for (const s of this.slots()) if (s.run) s.run.notice = null;
  }

  /** MNIST test images by index (28×28 bytes each, concatenated): the misread ones, say. */
  testImages(indices: unknown): Uint8Array {
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
    let digit;
    try {
      digit = await this.yours.add(this.answering?.model ?? null, drawing.input, label, drawing.strokes, { pen, scored: first ? first.verdict : shown });
    } catch (e) {
      this.learned(undone);
      if (!first || !(e instanceof DigitPadError)) throw e;
      throw new DigitPadError(e.kind, `${e.message} (your earlier tap was taken back)`);
    }
    this.learned(this.yours.learn([digit]) || undone);
    return { id: digit.id, verdict: digit.verdict, status: this.yours.status() };
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
    this.learned(this.yours.learn(r.added, true));
    return { added: r.added.length, skipped: r.skipped, status: this.yours.status() };
  }

  /** After a change to your digits: train if a phase started, report, and tell other tabs. */
  private learned(phase: boolean): void {
    if (phase) this.settle();
    else this.report(true);
    this.deps.lock.post({ type: 'saved' }); // a reading tab reads the list again
  }

  // --- Tabs: one writer at a time (persist/writer-lock.ts).

  private mustWrite(what: string): void {
    if (this.role === 'reader') {
      throw new DigitPadError('busy', `DigitPad is training in another tab; take over here to ${what}.`);
    }
  }

  /** This tab asks to train; the writing tab saves and steps down. */
  async takeOver(): Promise<void> {
    if (this.role === 'writer') return;
    await this.deps.lock.takeOver();
  }

  /** Another tab asked to train: save, stop, let it have the lock. */
  private async handOver(): Promise<void> {
    if (this.role !== 'writer') return;
    const paused = this.paused;
    await this.stopAndSave('handover');
    this.paused = paused;
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
