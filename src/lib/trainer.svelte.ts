// The one main-thread door to the training worker. Components read the $state.raw fields and
// call the methods; nothing else touches the Worker or Comlink.

import * as Comlink from 'comlink';
import type { DigitPadApi, HistoryPoint, LessonName, Prediction, Progress, RunConfig, SaveResult } from '../../worker/api.ts';
import { appendHistory } from './history.ts';
import { appendLayerPoint, type LayerPoint } from './layer-history.ts';
import { Watchdog } from './watchdog.ts';

/** Restarts allowed within RESTART_WINDOW_MS before DigitPad gives up on the worker. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
const WATCH_EVERY_MS = 1_000;

/** A promise that only ever rejects, when told to (handled, so an unused one is not an error). */
function rejecter(): { promise: Promise<never>; reject: (e: Error) => void } {
  let reject!: (e: Error) => void;
  const promise = new Promise<never>((_, r) => (reject = r));
  promise.catch(() => {});
  return { promise, reject };
}

/** A call that was pending on a worker DigitPad terminated (it is retried or dropped, not shown). */
class WorkerReplaced extends Error {}

/** A finished or abandoned run kept for comparison with the current one. */
export interface PastRun {
  model: string;
  history: HistoryPoint[];
}

export class Trainer {
  progress = $state.raw<Progress | null>(null);
  history = $state.raw<HistoryPoint[]>([]);
  /** Per-layer health over the current run (gradient norms, dead and saturated units). */
  layerHistory = $state.raw<LayerPoint[]>([]);
  /** The run before the current one, for comparison (null until the first change). */
  previous = $state.raw<PastRun | null>(null);
  /** Accuracy histories of the two contenders of the current race. */
  raceHistory = $state.raw<[HistoryPoint[], HistoryPoint[]]>([[], []]);
  prediction = $state.raw<Prediction | null>(null);
  error = $state.raw<string | null>(null);
  /** The worker failed again and again; nothing more will come from it. */
  failed = $state.raw(false);
  /** The worker was restarted: why, in words (null until it happens). */
  restarted = $state.raw<string | null>(null);

  #worker!: Worker;
  #api!: Comlink.Remote<DigitPadApi>;
  #onProgress = Comlink.proxy((p: Progress) => this.#receive(p));
  /** Rejects every call still pending on a worker that is terminated (Comlink never would). */
  #gone = rejecter();
  #watchdog = new Watchdog(performance.now());
  #watchTimer: ReturnType<typeof setInterval> | null = null;
  #restarts: number[] = [];
  #started = false;

  // Latest-wins prediction: #latest is the newest drawing, kept intact (each request transfers
  // a copy of its pixels), so it can be sent again when the model improves. At most one request
  // is in flight; drawings that arrive meanwhile overwrite each other and only the newest goes.
  #latest: ImageData | null = null;
  #unsent = false;
  #inFlight = false;
  /** Bumps when the pad is cleared, so a late answer about the old drawing is dropped. */
  #epoch = 0;

  constructor() {
    this.#spawn();
  }

  #spawn(): void {
    this.#gone = rejecter();
    this.#worker = new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module' });
    this.#api = Comlink.wrap<DigitPadApi>(this.#worker);
    this.#worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.#restart(e.message ? `it failed: ${e.message}` : 'it failed to load');
    });
    this.#watchdog = new Watchdog(performance.now());
  }

  /**
   * A worker that errors or stops answering is replaced by a new one, which carries on from the
   * last saved model; the person is told. Repeated failures end in `failed`.
   */
  #restart(why: string): void {
    const now = performance.now();
    this.#restarts = this.#restarts.filter((t) => now - t < RESTART_WINDOW_MS).concat(now);
    this.#worker.terminate();
    this.#gone.reject(new WorkerReplaced(`The training worker was restarted (${why})`));
    this.#inFlight = false;
    if (this.#restarts.length > MAX_RESTARTS) {
      this.failed = true;
      this.error = `The training worker stopped (${why}) and keeps failing; reload the page to try again.`;
      return;
    }
    this.restarted = `The recognizer stopped responding (${why}). It was restarted and carries on from the last saved model.`;
    // The old worker may still hold the writer's lock if it was this tab's writer: take it back.
    const reclaim = this.progress?.role === 'writer';
    this.#spawn();
    if (this.#started) void this.#call(() => this.#api.start(this.#onProgress, { reclaim }));
    if (this.#latest) {
      this.#unsent = true;
      void this.#pump();
    }
  }

  /** Checks the worker once a second while the page is visible. */
  #watch(): void {
    this.#watchTimer ??= setInterval(() => {
      const now = performance.now();
      if (document.visibilityState !== 'visible') return this.#watchdog.wake(now);
      const why = this.#watchdog.stuck(now);
      if (why) this.#restart(why);
    }, WATCH_EVERY_MS);
  }

  /** A call that also fails when the worker is restarted under it. */
  #ask<T>(fn: (api: Comlink.Remote<DigitPadApi>) => Promise<T>): Promise<T> {
    return Promise.race([fn(this.#api), this.#gone.promise]);
  }

  async start(): Promise<void> {
    this.#started = true;
    this.#watch();
    await this.#call(() => this.#api.start(this.#onProgress));
  }

  /** Sends raw pixels straight to the worker; errors reject (for the page's debug handle). */
  predictRaw(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null> {
    return this.#ask((api) => api.predict(Comlink.transfer(rgba, [rgba.buffer]), width, height));
  }

  async pause(): Promise<void> {
    await this.#call(() => this.#api.pause());
  }

  async resume(): Promise<void> {
    await this.#call(() => this.#api.resume());
  }

  /** A fresh model with a new seed; its history starts over. */
  async reset(): Promise<void> {
    await this.#call(() => this.#api.reset());
  }

  /** A new run with these settings; the current one is kept as `previous` for comparison. */
  async configure(config: RunConfig): Promise<void> {
    await this.#call(() => this.#api.configure(config));
  }

  /** The settings of one of the article's lessons (same seed as now unless given). */
  async lesson(name: LessonName, seed?: number): Promise<RunConfig | null> {
    try {
      return await this.#api.lesson(name, seed);
    } catch (e) {
      this.#fail(e);
      return null;
    }
  }

  async setLearningRate(lr: number): Promise<void> {
    await this.#call(() => this.#api.setLearningRate(lr));
  }

  async race(a: RunConfig, b: RunConfig): Promise<void> {
    this.raceHistory = [[], []];
    await this.#call(() => this.#api.race(a, b));
  }

  async stopRace(): Promise<void> {
    await this.#call(() => this.#api.stopRace());
  }

  /** Checkpoint the model now (page hidden, or an update is about to reload the page). */
  async saveCheckpoint(reason: 'hidden' | 'update'): Promise<SaveResult> {
    try {
      return await this.#ask<SaveResult>((api) => api.saveCheckpoint(reason) as Promise<SaveResult>);
    } catch (e) {
      return { ok: false, error: { kind: 'storage', message: (e as Error).message } };
    }
  }

  // The shelf of saved models. These reject with the reason; the caller shows it.

  /** A model as a file's bytes: the answering one, or a shelf entry's. */
  exportModel(id?: string): Promise<Uint8Array> {
    return this.#ask((api) => api.exportModel(id));
  }

  /** A file becomes a new saved model and answers; the current one stays on the shelf. */
  importModel(bytes: Uint8Array, name?: string): Promise<void> {
    return this.#ask((api) => api.importModel(Comlink.transfer(bytes, [bytes.buffer]), name));
  }

  useModel(id: string): Promise<void> {
    return this.#ask((api) => api.useModel(id));
  }

  renameModel(id: string, name: string): Promise<void> {
    return this.#ask((api) => api.renameModel(id, name));
  }

  deleteModel(id: string): Promise<void> {
    return this.#ask((api) => api.deleteModel(id));
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.#ask((api) => api.exportQuarantine());
  }

  discardQuarantine(): Promise<void> {
    return this.#ask((api) => api.discardQuarantine());
  }

  /** Train in this tab; the tab that trained goes on answering from the saved model. */
  async takeOver(): Promise<void> {
    await this.#call(() => this.#api.takeOver());
  }

  dismissNotice(): void {
    this.restarted = null;
    void this.#call(() => this.#api.dismissNotice());
  }

  /** Ask what the drawing shows; null means the pad is empty. The trainer keeps `image`. */
  requestPrediction(image: ImageData | null): void {
    this.#latest = image;
    if (image === null) {
      this.#epoch++;
      this.#unsent = false;
      this.prediction = null;
      return;
    }
    this.#unsent = true;
    void this.#pump();
  }

  dismissError(): void {
    this.error = null;
  }

  dispose(): void {
    if (this.#watchTimer) clearInterval(this.#watchTimer);
    this.#watchTimer = null;
    this.#started = false;
    this.#worker.terminate();
    this.#gone.reject(new WorkerReplaced('DigitPad closed its worker'));
  }

  /** The worker's newest model version, to spot answers computed on an older one. */
  #modelVersion = -1;

  #receive(p: Progress): void {
    const before = this.progress;
    // A new run: its charts start over, and the old run's curve stays for comparison.
    if (before && before.runId !== p.runId && p.runId !== 0) {
      if (this.history.length > 0) this.previous = { model: before.model, history: this.history };
      this.history = [];
      this.layerHistory = [];
    }
    this.progress = p;
    this.#watchdog.progress(performance.now(), p.state === 'training' && p.role === 'writer');
    this.#modelVersion = p.modelVersion;
    if (p.history.length > 0) this.history = appendHistory(this.history, p.history);
    if (p.layers.length > 0 && p.state === 'training' && !p.race?.runs.some((r) => !r.finished)) {
      this.layerHistory = appendLayerPoint(this.layerHistory, { samples: p.samplesSeen, layers: p.layers });
    }
    if (p.race) {
      const [a, b] = p.race.runs;
      if (a.history.length > 0 || b.history.length > 0) {
        this.raceHistory = [appendHistory(this.raceHistory[0], a.history), appendHistory(this.raceHistory[1], b.history)];
      }
    }
    if (p.state === 'error' && p.error?.kind !== 'data') this.error = p.error?.message ?? 'Training stopped with an error.';
    // `!==` rather than `>`: after a reset the version starts over and is lower than ours.
    // While a request is in flight its answer may already be newer; the next report will tell.
    const shown = this.prediction;
    if (shown !== null && p.modelVersion !== shown.modelVersion && !this.#inFlight) {
      this.#unsent = this.#latest !== null;
      void this.#pump();
    }
  }

  async #pump(): Promise<void> {
    const image = this.#latest;
    if (this.#inFlight || !this.#unsent || image === null) return;
    this.#unsent = false;
    this.#inFlight = true;
    const epoch = this.#epoch;
    const rgba = image.data.slice();
    const worker = this.#worker;
    this.#watchdog.predictionSent(performance.now());
    try {
      const result = await this.#ask((api) => api.predict(Comlink.transfer(rgba, [rgba.buffer]), image.width, image.height));
      this.#watchdog.predictionDone();
      if (epoch === this.#epoch) this.prediction = result;
      // The model moved on while we waited (e.g. the last report before converging): ask again.
      if (result && result.modelVersion !== this.#modelVersion && this.#latest) this.#unsent = true;
    } catch (e) {
      this.#watchdog.predictionDone();
      // A restart rejected it: the new worker gets the drawing (see #restart).
      if (e instanceof WorkerReplaced) return;
      this.#fail(e);
    } finally {
      if (worker === this.#worker) this.#inFlight = false;
    }
    void this.#pump();
  }

  async #call(fn: () => Promise<void>): Promise<void> {
    try {
      await Promise.race([fn(), this.#gone.promise]);
    } catch (e) {
      if (!(e instanceof WorkerReplaced)) this.#fail(e);
    }
  }

  #fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
  }
}
