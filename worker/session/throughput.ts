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
}

/**
 * A figure for each thing that trains: a run, or a race of two. The panel shows the figure of what
 * trains now, so the dense network's ~16,000 samples/s never stands beside the convolutional
 * network (~2,000), and training that comes back to a run (after a few steps on your digits by
 * the other model, say) finds that run's own figure waiting.
 */
export class Throughputs<Work extends object> {
  private readonly figures = new WeakMap<Work, Throughput>();

  of(work: Work): Throughput {
    let t = this.figures.get(work);
    if (!t) this.figures.set(work, (t = new Throughput()));
    return t;
  }
}
