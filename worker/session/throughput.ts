// Training speed for the panel: samples per second of training work alone (tests and rests
// excluded), smoothed across reports so one slow slice on a busy machine does not make it jump.

/** A window must hold this much training work before it moves the figure. */
const MIN_WINDOW_MS = 50;

export class Throughput {
  private samples = 0;
  private ms = 0;
  private perSec = 0;

  /** `samples` trained in `ms` of work. */
  add(samples: number, ms: number): void {
    this.samples += samples;
    this.ms += ms;
  }

  /** The smoothed figure, with the window since the last call folded in once it is long enough. */
  take(): number {
    if (this.ms > MIN_WINDOW_MS) {
      const r = (this.samples / this.ms) * 1000;
      this.perSec = this.perSec ? 0.7 * this.perSec + 0.3 * r : r;
      this.samples = this.ms = 0;
    }
    return Math.round(this.perSec);
  }

  /** Other work from now on (a race): the window starts over; `forget` drops the figure too (a new model). */
  restart(forget = false): void {
    this.samples = this.ms = 0;
    if (forget) this.perSec = 0;
  }
}
