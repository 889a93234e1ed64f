// The one main-thread door to the training worker. Components read the $state.raw fields and
// call the methods; nothing else touches the Worker or Comlink.

import * as Comlink from 'comlink';
import type { DigitPadApi, HistoryPoint, LessonName, Prediction, Progress, RunConfig } from '../../worker/api.ts';
import { appendHistory } from './history.ts';
import { appendLayerPoint, type LayerPoint } from './layer-history.ts';

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
  /** The worker itself failed (did not load or crashed); nothing more will come from it. */
  failed = $state.raw(false);

  #worker = new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module' });
  #api = Comlink.wrap<DigitPadApi>(this.#worker);
  #onProgress = Comlink.proxy((p: Progress) => this.#receive(p));

  // Latest-wins prediction: #latest is the newest drawing, kept intact (each request transfers
  // a copy of its pixels), so it can be sent again when the model improves. At most one request
  // is in flight; drawings that arrive meanwhile overwrite each other and only the newest goes.
  #latest: ImageData | null = null;
  #unsent = false;
  #inFlight = false;
  /** Bumps when the pad is cleared, so a late answer about the old drawing is dropped. */
  #epoch = 0;

  constructor() {
    this.#worker.addEventListener('error', (e) => {
      this.failed = true;
      this.error = `The training worker stopped: ${e.message || 'it failed to load'}.`;
    });
  }

  async start(): Promise<void> {
    await this.#call(() => this.#api.start(this.#onProgress));
  }

  /** Sends raw pixels straight to the worker; errors reject (for the page's debug handle). */
  predictRaw(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null> {
    return this.#api.predict(Comlink.transfer(rgba, [rgba.buffer]), width, height);
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
  async saveCheckpoint(reason: 'hidden' | 'update'): Promise<void> {
    await this.#call(() => this.#api.saveCheckpoint(reason));
  }

  /** The model as a file's bytes. Rejects with the reason (the caller shows it). */
  exportModel(): Promise<Uint8Array> {
    return this.#api.exportModel();
  }

  /** Replaces the model with a file's; rejects with the reason and the current model stays. */
  importModel(bytes: Uint8Array): Promise<void> {
    return this.#api.importModel(Comlink.transfer(bytes, [bytes.buffer]));
  }

  /** Deletes the saved model and trains a fresh one. */
  async forgetModel(): Promise<void> {
    await this.#call(() => this.#api.forgetModel());
  }

  dismissNotice(): void {
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
    this.#worker.terminate();
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
    if (p.state === 'error') this.error = p.message ?? 'Training stopped with an error.';
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
    try {
      const result = await this.#api.predict(
        Comlink.transfer(rgba, [rgba.buffer]),
        image.width,
        image.height,
      );
      if (epoch === this.#epoch) this.prediction = result;
      // The model moved on while we waited (e.g. the last report before converging): ask again.
      if (result && result.modelVersion !== this.#modelVersion && this.#latest) this.#unsent = true;
    } catch (e) {
      this.#fail(e);
    } finally {
      this.#inFlight = false;
    }
    void this.#pump();
  }

  async #call(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.#fail(e);
    }
  }

  #fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
  }
}
