// The one main-thread door to the training worker. Components read the $state.raw fields and
// call the methods; nothing else touches the Worker or Comlink.

import * as Comlink from 'comlink';
import type { DigitPadApi, HistoryPoint, Prediction, Progress } from '../../worker/api.ts';
import { appendHistory } from './history.ts';

export class Trainer {
  progress = $state.raw<Progress | null>(null);
  history = $state.raw<HistoryPoint[]>([]);
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
    this.history = [];
    await this.#call(() => this.#api.reset());
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
    this.progress = p;
    this.#modelVersion = p.modelVersion;
    if (p.history.length > 0) this.history = appendHistory(this.history, p.history);
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
