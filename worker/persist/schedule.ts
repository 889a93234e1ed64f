// When to checkpoint while training. Pure: the caller passes the clock.
//
// - every 30 s of training time (time the loop actually ran; paused or throttled gaps don't count);
// - after an evaluation that beat the best test accuracy so far, at most once per 10 s;
// Saves on pause, on page hide, at convergence and after an import are the caller's (not timed).

export const CHECKPOINT_EVERY_MS = 30_000;
export const MIN_GAP_MS = 10_000;
/** A longer gap between two ticks is a pause or a throttled tab, not training. */
const MAX_TICK_MS = 1_000;

export class SaveSchedule {
  private trainingMs = 0;
  private lastTick: number | null = null;
  private lastSave = -Infinity;
  private best = -Infinity;
  private improved = false;

  constructor(
    readonly everyMs = CHECKPOINT_EVERY_MS,
    readonly minGapMs = MIN_GAP_MS,
  ) {}

  /** Call from the training loop with the current time (ms). */
  tick(now: number): void {
    if (this.lastTick !== null) this.trainingMs += Math.min(MAX_TICK_MS, Math.max(0, now - this.lastTick));
    this.lastTick = now;
  }

  /** The loop stopped (pause, convergence): the next tick starts a new stretch. */
  idle(): void {
    this.lastTick = null;
  }

  evaluated(accuracy: number): void {
    if (accuracy > this.best) {
      this.best = accuracy;
      this.improved = true;
    }
  }

  due(now: number): boolean {
    return this.trainingMs >= this.everyMs || (this.improved && now - this.lastSave >= this.minGapMs);
  }

  saved(now: number): void {
    this.trainingMs = 0;
    this.improved = false;
    this.lastSave = now;
  }

  /** A new run (fresh, restored or imported) starts with `best` as its best accuracy so far. */
  restart(best: number | null = null): void {
    this.trainingMs = 0;
    this.lastTick = null;
    this.improved = false;
    this.best = best ?? -Infinity;
  }
}
