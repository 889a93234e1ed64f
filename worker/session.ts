import type { LessonName, Prediction, Progress, ProgressCallback, RunConfig, TrainState } from './api.ts';
import { loadMnist } from './data/load.ts';
import { describe } from './nn/network.ts';
import { preprocess } from './preprocess.ts';
import { checkLearningRate, defaultConfig, lessonConfig, presetFor, validateRunConfig } from './train/run-config.ts';
import { Run, type RunData } from './train/run.ts';

/** Work per slice: a prediction request waits at most this long behind training. */
const SLICE_MS = 8;
const REPORT_MS = 250;
/** A race is one epoch per contender: long enough for the gap to show and close. */
const RACE_SAMPLES = 60000;

/** Yields to the worker's message queue without setTimeout's 4 ms clamp. */
function yieldToMessages(): Promise<void> {
  const ch = new MessageChannel();
  return new Promise((resolve) => {
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

function randomSeed(): number {
  return (Math.random() * 2 ** 32) >>> 0;
}

interface Race {
  runs: [Run, Run];
  done: boolean;
}

/**
 * One training session in the worker: the data, the main run (whose model answers
 * predictions), an optional race between two other runs, and the background loop.
 */
export class Session {
  private data: RunData | null = null;
  private config: RunConfig;
  private main: Run | null = null;
  private contest: Race | null = null;
  private runIds = 0;
  private state: TrainState = 'loading';
  private modelVersion = 0;
  private onProgress: ProgressCallback | null = null;
  private started = false;
  private paused = false;
  private looping = false;
  private lastReport = 0;
  private rate = { samples: 0, ms: 0 };
  /** Training throughput, smoothed across reports; excludes evaluation time. */
  private samplesPerSec = 0;
  private stepsSinceVersion = 0;
  private message: string | undefined;

  constructor(private readonly dataUrl: string, seed = randomSeed()) {
    this.config = defaultConfig(seed);
  }

  async start(onProgress: ProgressCallback): Promise<void> {
    this.onProgress = onProgress;
    if (this.started) return;
    this.started = true;
    this.report(true);
    try {
      this.data = await loadMnist(this.dataUrl);
    } catch (e) {
      this.state = 'error';
      this.message = (e as Error).message;
      this.report(true);
      this.started = false;
      throw e;
    }
    this.newMainRun();
  }

  private newMainRun(): void {
    this.main = new Run(++this.runIds, this.config, this.data!);
    this.rate = { samples: 0, ms: 0 };
    this.samplesPerSec = 0;
    this.message = undefined;
    this.modelVersion++;
    this.settle();
  }

  /** Puts state in line with what there is to do, and keeps the loop running while there is. */
  private settle(): void {
    if (!this.main) return;
    const racing = this.contest !== null && !this.contest.done;
    if (this.paused) this.state = 'paused';
    else if (racing || !this.main.finished) this.state = 'training';
    else {
      this.state = this.main.failed ? 'error' : 'converged';
      this.message = this.main.message;
    }
    if (this.state === 'training') void this.loop();
    this.report(true);
  }

  /** The background loop; at most one runs (a quick pause→resume must not start a second). */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.state === 'training') {
        this.slice();
        this.report(false);
        await yieldToMessages();
      }
    } finally {
      this.looping = false;
    }
  }

  private slice(): void {
    const t0 = performance.now();
    const race = this.contest && !this.contest.done ? this.contest : null;
    // During a race the contenders take turns, one unit of work each, so neither gets ahead.
    const runs = race ? race.runs : [this.main!];
    while (performance.now() - t0 < SLICE_MS) {
      for (const run of runs) {
        const s0 = performance.now();
        const n = run.work();
        if (n > 0) {
          this.rate.ms += performance.now() - s0;
          this.rate.samples += n;
          if (!race) this.stepsSinceVersion++;
        }
      }
      if (race ? runs.every((r) => r.finished) : this.main!.finished) break;
    }
    if (race && runs.every((r) => r.finished)) race.done = true;
    if (race ? race.done : this.main!.finished) this.settle();
  }

  private report(force: boolean): void {
    const now = performance.now();
    if (!this.onProgress || (!force && now - this.lastReport < REPORT_MS)) return;
    this.lastReport = now;
    if (this.rate.ms > 50) {
      const r = (this.rate.samples / this.rate.ms) * 1000;
      this.samplesPerSec = this.samplesPerSec ? 0.7 * this.samplesPerSec + 0.3 * r : r;
      this.rate = { samples: 0, ms: 0 };
    }
    // Weights change every step; re-predicting a few times a second is plenty for the bars.
    if (this.stepsSinceVersion > 0) {
      this.modelVersion++;
      this.stepsSinceVersion = 0;
    }
    const main = this.main?.report() ?? {
      runId: 0,
      config: this.config,
      model: describe(presetFor(this.config).spec),
      samplesSeen: 0,
      epoch: 0,
      loss: NaN,
      testAccuracy: null,
      layers: [],
      history: [],
      finished: false,
    };
    const progress: Progress = {
      ...main,
      state: this.state,
      backend: 'typescript',
      samplesPerSec: Math.round(this.samplesPerSec),
      modelVersion: this.modelVersion,
      learningRate: this.main?.learningRate ?? this.config.learningRate,
      message: this.message,
      race: this.contest && {
        runs: [this.contest.runs[0].report(), this.contest.runs[1].report()],
        samplesTarget: RACE_SAMPLES,
        done: this.contest.done,
      },
    };
    this.onProgress(progress);
  }

  pause(): void {
    this.paused = true;
    if (this.state === 'training') this.state = 'paused';
    this.report(true);
  }

  resume(): void {
    this.paused = false;
    if (this.state === 'paused') this.settle();
    else this.report(true);
  }

  reset(seed?: number): void {
    if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`Seed must be an integer, got ${seed}`);
    this.configure({ ...this.config, seed: seed ?? randomSeed() });
  }

  /** A new main run; before MNIST has loaded the choice waits for it. */
  configure(config: RunConfig): void {
    validateRunConfig(config);
    this.config = structuredClone(config);
    if (this.data) this.newMainRun();
    else this.report(true);
  }

  lesson(name: LessonName, seed?: number): RunConfig {
    return lessonConfig(name, seed ?? this.config.seed);
  }

  setLearningRate(lr: number): void {
    checkLearningRate(lr);
    this.config.learningRate = lr;
    this.main?.setLearningRate(lr);
    this.report(true);
  }

  race(a: RunConfig, b: RunConfig): void {
    validateRunConfig(a);
    validateRunConfig(b);
    if (!this.data) throw new Error('A race needs the MNIST data, which is still loading');
    const opts = { samplesTarget: RACE_SAMPLES };
    this.contest = {
      runs: [new Run(++this.runIds, structuredClone(a), this.data, opts), new Run(++this.runIds, structuredClone(b), this.data, opts)],
      done: false,
    };
    this.rate = { samples: 0, ms: 0 };
    this.settle();
  }

  stopRace(): void {
    this.contest = null;
    this.settle();
  }

  predict(rgba: unknown, width: unknown, height: unknown): Prediction | null {
    if (!(rgba instanceof Uint8ClampedArray || rgba instanceof Uint8Array)) {
      throw new Error(`predict: pixels must be a Uint8ClampedArray, got ${Object.prototype.toString.call(rgba)}`);
    }
    if (typeof width !== 'number' || typeof height !== 'number') throw new Error('predict: width and height must be numbers');
    const input = preprocess(rgba, width, height);
    // Before MNIST has arrived there is no model worth asking: no guess beats a confident wrong one.
    if (!input || !this.main) return null;
    const { probabilities, logits } = this.main.net.predict(input);
    return { probabilities, logits, input, modelVersion: this.modelVersion };
  }
}
