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
  /** Till when the training worker was asked to give way to the pen: it sends nothing meanwhile. */
  #quietUntil = -Infinity;

  constructor(now: number) {
    this.#progressAt = now;
  }

  progress(now: number, training: boolean): void {
    this.#progressAt = now;
    this.#training = training;
  }

  /**
   * The page asked the training worker to rest for `ms` while a stroke is drawn; its silence till
   * then is asked for, not a hang (a person drawing for 10 s on end restarted it: QA).
   */
  givingWay(now: number, ms: number): void {
    // A worker already silent too long stays called stuck: the hint excuses only what follows it.
    if (this.#stalledFor(now) <= STALL_MS) this.#quietUntil = Math.max(this.#quietUntil, now + ms);
  }

  /** How long the training worker has been silent without being asked to be (0: not training). */
  #stalledFor(now: number): number {
    return this.#training ? now - Math.max(this.#progressAt, this.#quietUntil) : 0;
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
    const stalled = this.#stalledFor(now);
    if (stalled > STALL_MS) {
      return { worker: 'training', why: `training sent no progress for ${Math.round(stalled / 1000)} s` };
    }
    return null;
  }
}
