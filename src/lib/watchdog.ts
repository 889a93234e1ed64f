// Notices a worker that stopped answering: the training worker sent no progress report for a
// while although it said it was training, or the inference worker left a prediction pending
// for seconds. Pure (the caller passes the clock), so it
// is tested without a worker.

/** A training worker reports 4× a second; this long without one is a hang, not a slow step. */
export const STALL_MS = 10_000;
/** A prediction takes milliseconds; this long is a worker that will not answer. */
export const PREDICTION_MS = 4_000;

export class Watchdog {
  #progressAt: number;
  #training = false;
  #predictionSince: number | null = null;

  constructor(now: number) {
    this.#progressAt = now;
  }

  progress(now: number, training: boolean): void {
    this.#progressAt = now;
    this.#training = training;
  }

  predictionSent(now: number): void {
    this.#predictionSince ??= now;
  }

  predictionDone(): void {
    this.#predictionSince = null;
  }

  /** The page was hidden (timers throttled, nothing to judge by): start the clocks again. */
  wake(now: number): void {
    this.#progressAt = now;
    if (this.#predictionSince !== null) this.#predictionSince = now;
  }

  /** Which worker looks stuck at `now` and why, or null while both look alive. */
  stuck(now: number): { worker: 'training' | 'inference'; why: string } | null {
    if (this.#predictionSince !== null && now - this.#predictionSince > PREDICTION_MS) {
      return { worker: 'inference', why: `a drawing waited ${Math.round((now - this.#predictionSince) / 1000)} s for an answer` };
    }
    if (this.#training && now - this.#progressAt > STALL_MS) {
      return { worker: 'training', why: `training sent no progress for ${Math.round((now - this.#progressAt) / 1000)} s` };
    }
    return null;
  }
}
