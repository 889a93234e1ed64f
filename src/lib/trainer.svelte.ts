// The one main-thread door to the workers: the training worker (a Session) and the inference
// worker that answers drawings (its side is Predictor; both start through WorkerLink).
// Components read the $state.raw fields and call the methods; no component touches a Worker
// or Comlink.

import * as Comlink from 'comlink';
import type { AddDigitOptions, AfterDelete, AddedDigit, DigitEntry, DigitPadApi, EvaluationReport, HistoryPoint, TakenBack } from '../../worker/api.ts';
import type { ImportedDigits, ImportedModel, LessonName, Progress, RunConfig, SaveResult } from '../../worker/api.ts';
import { appendHistory, chartAfter } from './history.ts';
import { appendLayerPoint, type LayerPoint } from './layer-history.ts';
import { Predictor } from './predictor.svelte.ts';
import { racing } from './progress-state.ts';
import { Watchdog } from './watchdog.ts';
import { LOAD_FAILED, WorkerLink, WorkerReplaced } from './worker-link.ts';

/** Restarts allowed within RESTART_WINDOW_MS before DigitPad gives up on its workers. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
const WATCH_EVERY_MS = 1_000;
const TRAINING = 'digitpad-training';
/** How long one "drawing" hint to the training worker holds. */
const DRAWING_HINT_MS = 1_000;

/** A finished or abandoned run kept for comparison with the current one. */
export interface PastRun {
  model: string;
  history: HistoryPoint[];
}

/**
 * The run that was answering, for the chart's key: its saved name with its layers. The layers
 * alone were the same for a lesson and the app's dense network (QA).
 */
function pastName(p: Progress): string {
  // The main run's entry: the answering one, or the pair's other when the companion answers.
  const ids = [p.storage?.activeId, p.storage?.companionId];
  const name = p.storage?.entries.find((e) => ids.includes(e.id) && e.model === p.model)?.name;
  return name ? `“${name}”, ${p.model}` : p.model;
}

export class Trainer {
  progress = $state.raw<Progress | null>(null);
  history = $state.raw<HistoryPoint[]>([]);
  /** Per-layer health over the current run (gradient norms, dead and saturated units). */
  layerHistory = $state.raw<LayerPoint[]>([]);
  /**
   * What was charted of each model this visit, by shelf entry: a model used again (Back to the
   * app's model, then Use on the lesson) shows its curves again, not an empty chart (QA).
   */
  #layersOf = new Map<string, LayerPoint[]>();
  /** The run before the current one, for comparison (null until the first change). */
  previous = $state.raw<PastRun | null>(null);
  /** The latest test pass of the current run: confusion matrix and misread images. */
  evaluation = $state.raw<EvaluationReport | null>(null);
  /** The convolutional network of the default pair: its history and latest test pass. */
  companionHistory = $state.raw<HistoryPoint[]>([]);
  companionEvaluation = $state.raw<EvaluationReport | null>(null);
  /** Accuracy histories of the two contenders of the current race. */
  raceHistory = $state.raw<[HistoryPoint[], HistoryPoint[]]>([[], []]);
  error = $state.raw<string | null>(null);
  /**
   * Your digits deleted from this page, by id, and when they were last all cleared (Date.now):
   * the answer line forgets a tap that is no longer kept, whichever panel removed it.
   */
  forgotten = $state.raw<{ ids: ReadonlySet<string>; clearedAt: number }>({ ids: new Set(), clearedAt: 0 });
  /** The workers failed again and again; nothing more will come from them. */
  failed = $state.raw(false);
  /** A worker was restarted: why, in words (null until it happens). */
  restarted = $state.raw<string | null>(null);
  /** Answers drawings (the inference worker). */
  readonly predictor: Predictor;

  #train: WorkerLink<DigitPadApi>;
  #onProgress = Comlink.proxy((p: Progress) => this.#receive(p));
  #watchdog = new Watchdog(performance.now());
  #watchTimer: ReturnType<typeof setInterval> | null = null;
  #restarts: number[] = [];
  #started = false;
  /** When the training worker was last told the person is drawing (-Infinity: told they stopped). */
  #drawingSaid = -Infinity;

  constructor() {
    this.#train = new WorkerLink<DigitPadApi>(TRAINING, (why) => this.#restart('training', why));
    this.predictor = new Predictor(
      (message) => (this.error = message),
      (pending) => (pending ? this.#watchdog.predictionSent(performance.now()) : this.#watchdog.predictionDone()),
      (why) => this.#restart('inference', why),
      // Training goes on giving way until the finished drawing's answer (the closer look) is back.
      () => this.drawing(false),
    );
    this.#connect();
  }

  /** The newest answer for the pad (null: empty pad, or no model yet). */
  get prediction() {
    return this.predictor.prediction;
  }

  /** A direct line from the training worker to the inference worker for model snapshots. */
  #connect(): void {
    const { port1, port2 } = new MessageChannel();
    void this.#train.ask((api) => api.connectInference(Comlink.transfer(port1, [port1]))).catch(() => {});
    this.predictor.listen(port2);
  }

  /**
   * A worker that errors or stops answering is replaced by a new one: the training worker carries
   * on from the last saved model, the inference worker gets the current snapshot again. The person
   * is told; repeated failures end in `failed`.
   */
  #restart(worker: 'training' | 'inference', why: string): void {
    if (this.failed) return;
    const loadFailed = why === LOAD_FAILED;
    const now = performance.now();
    this.#restarts = this.#restarts.filter((t) => now - t < RESTART_WINDOW_MS).concat(now);
    if (this.#restarts.length > MAX_RESTARTS) {
      this.#train.terminate(why);
      this.predictor.dispose();
      this.failed = true;
      // Given up: no more checks, which would restart again and say so every second.
      clearInterval(this.#watchTimer ?? undefined);
      this.#watchTimer = null;
      // The error says it all (with Reload): the restart notice beside it would say the opposite.
      this.restarted = null;
      const offline = !navigator.onLine;
      this.error = loadFailed
        ? `DigitPad could not load its workers${offline ? ': you are offline' : ''}. Your saved model is safe: reload the page${offline ? ' once you are back online' : ''}.`
        : `DigitPad's workers keep failing (${why}); reload the page to try again.`;
      return;
    }
    this.#watchdog = new Watchdog(now);
    // A script that never loaded (the connection dropped on a first visit) did not stop responding.
    const what = loadFailed ? `The recognizer could not load (${why})` : `The recognizer stopped responding (${why})`;
    if (worker === 'inference') {
      this.restarted = `${what}. It was restarted.`;
      this.predictor.replace(why);
    } else {
      this.restarted = `${what}. It was restarted and carries on from the last saved model.`;
      // The old worker may still hold the writer's lock if it was this tab's writer: take it back.
      const reclaim = this.progress?.role === 'writer';
      this.#train.terminate(why);
      this.#train = new WorkerLink<DigitPadApi>(TRAINING, (w) => this.#restart('training', w));
      if (this.#started) void this.#call(() => this.#train.api.start(this.#onProgress, { reclaim }));
    }
    this.#connect();
    this.predictor.resend();
  }

  /** Checks the worker once a second while the page is visible. */
  #watch(): void {
    this.#watchTimer ??= setInterval(() => {
      const now = performance.now();
      if (document.visibilityState !== 'visible') return this.#watchdog.wake(now);
      const stuck = this.#watchdog.stuck(now);
      if (stuck) this.#restart(stuck.worker, stuck.why);
    }, WATCH_EVERY_MS);
  }

  async start(): Promise<void> {
    this.#started = true;
    this.#watch();
    await this.#call(() => this.#train.api.start(this.#onProgress));
  }

  async pause(): Promise<void> {
    await this.#call(() => this.#train.api.pause());
  }

  async resume(): Promise<void> {
    await this.#call(() => this.#train.api.resume());
  }

  /** A fresh model with a new seed; its history starts over. */
  async reset(): Promise<void> {
    await this.#call(() => this.#train.api.reset());
  }

  /** A new run with these settings; the current one is kept as `previous` for comparison. */
  async configure(config: RunConfig): Promise<void> {
    await this.#call(() => this.#train.api.configure(config));
  }

  /** The settings of one of the article's lessons (same seed as now unless given). */
  async lesson(name: LessonName, seed?: number): Promise<RunConfig | null> {
    try {
      return await this.#train.ask((api) => api.lesson(name, seed));
    } catch (e) {
      if (!(e instanceof WorkerReplaced)) this.#fail(e);
      return null;
    }
  }

  async setLearningRate(lr: number): Promise<void> {
    await this.#call(() => this.#train.api.setLearningRate(lr));
  }

  async race(a: RunConfig, b: RunConfig): Promise<void> {
    this.raceHistory = [[], []];
    await this.#call(() => this.#train.api.race(a, b));
  }

  async stopRace(): Promise<void> {
    await this.#call(() => this.#train.api.stopRace());
  }

  async clearRace(): Promise<void> {
    await this.#call(() => this.#train.api.clearRace());
  }

  /** Checkpoint the model now (page hidden, or an update is about to reload the page). */
  async saveCheckpoint(reason: 'hidden' | 'update'): Promise<SaveResult> {
    try {
      return await this.#train.ask<SaveResult>((api) => api.saveCheckpoint(reason) as Promise<SaveResult>);
    } catch (e) {
      return { ok: false, error: { kind: 'storage', message: (e as Error).message } };
    }
  }

  // The shelf of saved models. These reject with the reason; the caller shows it.

  /** A model as a file's bytes: the answering one, or a shelf entry's. */
  exportModel(id?: string): Promise<Uint8Array> {
    return this.#train.ask((api) => api.exportModel(id));
  }

  /** A file becomes a new saved model and answers; the current one stays on the shelf. */
  importModel(bytes: Uint8Array, name?: string): Promise<ImportedModel> {
    return this.#train.ask((api) => api.importModel(Comlink.transfer(bytes, [bytes.buffer]), name));
  }

  useModel(id: string): Promise<void> {
    return this.#train.ask((api) => api.useModel(id));
  }

  renameModel(id: string, name: string): Promise<void> {
    return this.#train.ask((api) => api.renameModel(id, name));
  }

  deleteModel(id: string): Promise<AfterDelete> {
    return this.#train.ask((api) => api.deleteModel(id));
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.#train.ask((api) => api.exportQuarantine());
  }

  discardQuarantine(): Promise<void> {
    return this.#train.ask((api) => api.discardQuarantine());
  }

  /** MNIST test images by index (28×28 bytes each): the misread ones of the confusion matrix. */
  testImages(indices: number[]): Promise<Uint8Array> {
    return this.#train.ask((api) => api.testImages(indices));
  }

  /** Which model of the pair answers ('main', 'companion'), or null for the better-testing one. */
  async pinModel(which: 'main' | 'companion' | null): Promise<void> {
    await this.#call(() => this.#train.api.pinModel(which));
  }

  // Your digits: the person says what a drawing is; the models learn it (worker/personal).

  /**
   * "It is a `label`" (instead of the digit an earlier tap made, `options.replaces`): resolves
   * with how the model read it before learning it. Rejects with the reason.
   */
  addDigit(strokes: number[][], label: number, options?: AddDigitOptions): Promise<AddedDigit> {
    return this.#train.ask((api) => api.addDigit(strokes, label, options) as Promise<AddedDigit>);
  }

  listDigits(): Promise<DigitEntry[]> {
    return this.#train.ask((api) => api.listDigits());
  }

  async deleteDigit(id: string): Promise<TakenBack> {
    const taken = await this.#train.ask((api) => api.deleteDigit(id));
    this.forgotten = { ...this.forgotten, ids: new Set(this.forgotten.ids).add(id) };
    return taken;
  }

  async clearDigits(): Promise<void> {
    await this.#train.ask((api) => api.clearDigits());
    this.forgotten = { ids: new Set(), clearedAt: Date.now() };
  }

  /** Whether a digit tapped at `at` (Date.now) has been deleted or cleared from this page since. */
  isForgotten(id: string, at: number): boolean {
    return this.forgotten.ids.has(id) || at <= this.forgotten.clearedAt;
  }

  exportDigits(): Promise<Uint8Array> {
    return this.#train.ask((api) => api.exportDigits());
  }

  async restoreDigit(id: string): Promise<void> {
    await this.#train.ask((api) => api.restoreDigit(id));
    const ids = new Set(this.forgotten.ids);
    ids.delete(id);
    this.forgotten = { ...this.forgotten, ids };
  }

  importDigits(bytes: Uint8Array): Promise<ImportedDigits> {
    return this.#train.ask((api) => api.importDigits(Comlink.transfer(bytes, [bytes.buffer])) as Promise<ImportedDigits>);
  }

  /** Train in this tab; the tab that trained goes on answering from the saved model. */
  async takeOver(): Promise<void> {
    await this.#call(() => this.#train.api.takeOver());
  }

  dismissNotice(): void {
    this.restarted = null;
    void this.#call(() => this.#train.api.dismissNotice());
  }

  /**
   * The pad changed (strokes as [x0, y0, x1, y1, …] each, or null when empty): ask what it
   * shows. `numberWidth`: the number pad's width in heights, to read a whole number. `settled`:
   * the pen is up, so the answer may take a closer look.
   */
  requestPrediction(strokes: number[][] | null, at?: number, numberWidth: number | null = null, settled = true): void {
    this.predictor.request(strokes, at, numberWidth, settled);
  }

  /**
   * A stroke is being drawn (true) or has ended (false): training gives way meanwhile. The hint
   * lasts DRAWING_HINT_MS and is renewed while the stroke goes on, so a lost "stopped" costs
   * training a second at most.
   */
  drawing(active: boolean): void {
    const now = performance.now();
    if (active && now - this.#drawingSaid < DRAWING_HINT_MS / 2) return;
    if (!active && this.#drawingSaid === -Infinity) return;
    this.#drawingSaid = active ? now : -Infinity;
    const ms = active ? DRAWING_HINT_MS : 0;
    this.#watchdog.givingWay(now, ms);
    void this.#train.ask((api) => api.giveWay(ms)).catch(() => {});
  }

  dismissError(): void {
    this.error = null;
  }

  dispose(): void {
    if (this.#watchTimer) clearInterval(this.#watchTimer);
    this.#watchTimer = null;
    this.#started = false;
    this.#train.terminate('closed');
    this.predictor.dispose();
  }

  #receive(p: Progress): void {
    const before = this.progress;
    // A new run: its charts start over, and the old run's curve stays for comparison.
    if (before && before.runId !== p.runId && p.runId !== 0) {
      // A saved model that starts training here is the same model, not the run before it.
      if (this.history.length > 0 && before.runId !== 0) this.previous = { model: pastName(before), history: this.history };
      this.history = [];
      if (p.entry === undefined) this.layerHistory = [];
      this.evaluation = null;
    }
    if (before && before.entry !== p.entry) {
      if (before.entry !== undefined) this.#layersOf.set(before.entry, this.layerHistory);
      // Not past where it stands: a model that came back from an older save charts on from there.
      this.layerHistory = p.entry === undefined ? [] : (this.#layersOf.get(p.entry) ?? []).filter((pt) => pt.samples <= p.samplesSeen);
    }
    const c = p.companion;
    if (!c || (before?.companion && before.companion.runId !== c.runId && c.runId !== 0)) {
      this.companionHistory = [];
      this.companionEvaluation = null;
    }
    if (c) ({ history: this.companionHistory, evaluation: this.companionEvaluation } = chartAfter({ history: this.companionHistory, evaluation: this.companionEvaluation }, c));
    this.progress = p;
    this.#watchdog.progress(performance.now(), p.state === 'training' && p.role === 'writer');
    ({ history: this.history, evaluation: this.evaluation } = chartAfter({ history: this.history, evaluation: this.evaluation }, p));
    // Not while a race runs (the model waits).
    if (p.layers.length > 0 && p.state === 'training' && !racing(p)) {
      this.layerHistory = appendLayerPoint(this.layerHistory, { samples: p.samplesSeen, layers: p.layers });
    }
    if (p.race) {
      const [a, b] = p.race.runs;
      if (a.history.length > 0 || b.history.length > 0) {
        this.raceHistory = [appendHistory(this.raceHistory[0], a.history), appendHistory(this.raceHistory[1], b.history)];
      }
    }
    if (p.state === 'error' && p.error?.kind !== 'data') this.error = p.error?.message ?? 'Training stopped with an error.';
  }

  async #call(fn: () => Promise<void>): Promise<void> {
    try {
      await this.#train.ask(() => fn());
    } catch (e) {
      if (!(e instanceof WorkerReplaced)) this.#fail(e);
    }
  }

  #fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
  }
}
