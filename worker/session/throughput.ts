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

  /**
   * What the figure is of: a run, or a race of two. Other work (the convolutional network taking
   * the training over, a race, a switch, a new model) starts window and figure over, or the panel
   * would show the dense network's ~16,000 samples/s beside the convolutional one for a while.
   */
  follow(work: object | null): void {
    if (work === this.work) return;
    this.work = work;
    this.samples = this.ms = this.perSec = 0;
  }

  private work: object | null = null;
}
