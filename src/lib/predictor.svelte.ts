// The bars' side of the inference worker: latest-wins predictions of the pad's strokes, asked
// again when a newer model arrives. At most two requests are in flight; drawings that arrive
// meanwhile overwrite each other and only the newest goes. Answers come back in order.
import * as Comlink from 'comlink';
import type { InferenceApi, InferenceWorkerName, NumberReading, Prediction } from '../../worker/api.ts';
import { WorkerLink, WorkerReplaced } from './worker-link.ts';

const NAME: InferenceWorkerName = 'digitpad-inference';
/** Latencies kept for the page's debug handle (browser tests read them). */
const KEEP = 200;
/**
 * Requests the worker may hold at once. Two: a newer drawing goes out while the previous answer
 * is still on its way back (or waiting behind a frame on this thread), so it does not wait a
 * round trip; more would only queue stale drawings in the worker.
 */
const MAX_IN_FLIGHT = 2;

/** What the pad holds: a digit on the square pad, or a number on the wide one (width in heights). */
interface Drawing {
  strokes: number[][];
  at: number;
  /** The number pad's width in heights; null for the square digit pad. */
  numberWidth: number | null;
  /** The pen is up: the worker takes a closer look (a few ms more). */
  settled: boolean;
  /** Its latency is recorded (asked again for a newer model, it is not a new pointer event). */
  timed?: boolean;
}

function keep(list: number[], ms: number): void {
  list.push(ms);
  if (list.length > KEEP) list.shift();
}

export class Predictor {
  prediction = $state.raw<Prediction | null>(null);
  /** The number read from the wide pad (null in digit mode or on an empty pad). */
  reading = $state.raw<NumberReading | null>(null);
  /** The newest drawing has not been answered yet. */
  busy = $state.raw(false);
  /**
   * The bars show the answer to a finished drawing (the pen is up), or nothing. It turns true
   * with that answer, not with the pen-up itself: what a finished drawing shows (the guess line,
   * the correction buttons) changes the page, and a frame painting it would hold the answer back.
   */
  settled = $state.raw(true);
  /** ms from a drawing change (the pointer event) to its probabilities on the main thread. */
  readonly latencies: number[] = [];
  /** ms from the same change to the animation frame that paints its bars (the next frame's callbacks run before its paint). */
  readonly paintLatencies: number[] = [];
  #link: WorkerLink<InferenceApi>;
  #latest: Drawing | null = null;
  #unsent = false;
  #inFlight = 0;
  /** Bumps when the pad is cleared, so a late answer about the old drawing is dropped. */
  #epoch = 0;
  /** The model version the inference worker has (answers carry the version they used). */
  #version = -1;
  #onModel = Comlink.proxy((version: number) => this.#modelChanged(version));

  constructor(
    private readonly onError: (message: string) => void,
    /** A request was sent (true) or answered (false): the watchdog times it. */
    private readonly onPending: (pending: boolean) => void,
    private readonly onCrash: (why: string) => void,
    /** A finished drawing was answered (or failed): training may stop giving way. */
    private readonly onSettled: () => void,
  ) {
    this.#link = new WorkerLink<InferenceApi>(NAME, onCrash, 'channel');
  }

  /** Snapshots of the answering model arrive on `port` (the training worker holds the other end). */
  listen(port: MessagePort): void {
    void this.#link.ask((api) => api.listen(Comlink.transfer(port, [port]), this.#onModel)).catch(() => {});
  }

  /** A new inference worker (the old one hung or failed); the caller connects it again. */
  replace(why: string): void {
    this.#link.terminate(why);
    this.#link = new WorkerLink<InferenceApi>(NAME, this.onCrash, 'channel');
    this.#inFlight = 0;
    this.#version = -1;
    this.#unsent = this.#latest !== null;
  }

  dispose(): void {
    this.#link.terminate('closed');
  }

  /**
   * The pad changed: strokes as [x0, y0, x1, y1, …] per stroke in fractions of the pad, or null
   * for an empty pad. `numberWidth`: the number pad's width in heights (null: the digit pad).
   * `settled`: the pen is up (a stroke ended, an undo).
   */
  request(strokes: number[][] | null, at = performance.now(), numberWidth: number | null = null, settled = true): void {
    if (strokes === null) {
      this.#latest = null;
      this.#epoch++;
      this.#unsent = false;
      this.prediction = null;
      this.reading = null;
      this.busy = false;
      this.settled = true;
      return;
    }
    this.#latest = { strokes, at, numberWidth, settled };
    this.#unsent = true;
    this.busy = true;
    // Until this drawing is answered the bars show an older one (an undo, a tap, a kept drawing
    // shown again). While a stroke is drawn the page already shows the pen down: nothing changes.
    this.settled = false;
    void this.#pump();
  }

  /** Raw pixels straight to the inference worker; errors reject (the page's debug handle). */
  predictPixels(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null> {
    return this.#link.ask((api) => api.predict(Comlink.transfer(rgba, [rgba.buffer]), width, height));
  }

  #modelChanged(version: number): void {
    this.#version = version;
    // A drawing answered by an older model, or not at all (it was asked before there was a
    // model): ask again. `!==` rather than `>`: a new session's versions start over.
    const shown = this.prediction ?? this.reading;
    if (this.#latest && (shown === null || shown.modelVersion !== version)) {
      this.#unsent = true;
      void this.#pump();
    }
  }

  async #pump(): Promise<void> {
    const latest = this.#latest;
    if (this.#inFlight >= MAX_IN_FLIGHT || !this.#unsent || latest === null) return;
    this.#unsent = false;
    if (this.#inFlight++ === 0) this.onPending(true);
    const epoch = this.#epoch;
    const link = this.#link;
    const version = this.#version;
    try {
      const result = await (latest.numberWidth === null
        ? link.ask((api) => api.predictStrokes(latest.strokes, latest.settled))
        : link.ask((api) => api.readNumber(latest.strokes, latest.numberWidth!, 1, latest.settled)));
      if (epoch === this.#epoch) {
        if (latest.numberWidth === null) [this.prediction, this.reading] = [result as Prediction | null, null];
        else [this.prediction, this.reading] = [null, result as NumberReading | null];
        if (!latest.timed) {
          latest.timed = true;
          const at = latest.at;
          keep(this.latencies, performance.now() - at);
          requestAnimationFrame(() => keep(this.paintLatencies, performance.now() - at));
        }
        // A newer model arrived while this one was being answered (or while "no model yet" was
        // on its way back): ask again.
        if (result ? result.modelVersion !== this.#version && this.#version >= 0 : this.#version !== version) this.#unsent = true;
        this.#answered(latest);
      }
    } catch (e) {
      // A replaced worker's calls are dropped: the new worker gets the drawing (replace, resend).
      if (!(e instanceof WorkerReplaced)) {
        this.onError(e instanceof Error ? e.message : String(e));
        if (epoch === this.#epoch) this.#answered(latest);
      }
    }
    if (link !== this.#link) return;
    // The watchdog times from the last answer: a worker that keeps answering is alive.
    this.onPending(false);
    if (--this.#inFlight > 0) this.onPending(true);
    this.busy = (this.#unsent || this.#inFlight > 0) && this.#latest !== null;
    void this.#pump();
  }

  #answered(drawing: Drawing): void {
    // An answer to an older drawing than the pad's (a new stroke has begun) settles nothing.
    this.settled = drawing.settled && drawing === this.#latest;
    if (this.settled) this.onSettled();
  }

  /** Strokes of the square pad straight to the inference worker (the page's debug handle). */
  predictStrokes(strokes: number[][], settled = false): Promise<Prediction | null> {
    return this.#link.ask((api) => api.predictStrokes(strokes, settled));
  }

  /** After replace() and listen(): send the current drawing to the new worker. */
  resend(): void {
    void this.#pump();
  }
}
