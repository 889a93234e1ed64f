// Two configurations trained side by side on the same data from the same kind of start, so the
// article's "ReLU trains faster" shows as a gap between two accuracy curves.
import type { RaceReport, RunConfig } from '../api.ts';
import type { Kernels } from '../nn/kernels.ts';
import { validateRunConfig } from './run-config.ts';
import { Run, type RunData } from './run.ts';

/** One epoch per contender: long enough for the gap to show and close. */
export const RACE_SAMPLES = 60000;

export class Race {
  readonly runs: [Run, Run];
  done = false;
  /** Stopped before both contenders finished: its curves so far are the result. */
  stopped = false;

  constructor(ids: [number, number], a: RunConfig, b: RunConfig, data: RunData, kernels?: Kernels) {
    validateRunConfig(a);
    validateRunConfig(b);
    const opts = { samplesTarget: RACE_SAMPLES, kernels };
    this.runs = [new Run(ids[0], structuredClone(a), data, opts), new Run(ids[1], structuredClone(b), data, opts)];
  }

  /** Marks the race done once both contenders have finished; returns done. */
  check(): boolean {
    return (this.done ||= this.runs.every((r) => r.finished));
  }

  /** Ends the race where it is (a race already over stays as it ended). */
  stop(): void {
    if (this.done) return;
    this.done = true;
    this.stopped = true;
  }

  report(): RaceReport {
    return { runs: [this.runs[0].report(), this.runs[1].report()], samplesTarget: RACE_SAMPLES, done: this.done, stopped: this.stopped };
  }
}
