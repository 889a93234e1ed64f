import type { LessonName, Prediction, Progress, ProgressCallback, RunConfig, TrainState } from './api.ts';
import { loadMnist } from './data/load.ts';
import { loadKernels } from './nn/backend.ts';
import { tsKernels, type Kernels } from './nn/kernels.ts';
import { describe } from './nn/network.ts';
import { decodeCheckpoint, encodeCheckpoint, recordOf, type Checkpoint } from './persist/checkpoint.ts';
import { Checkpoints, type SaveReason } from './persist/checkpoints.ts';
import { idbStore } from './persist/idb-store.ts';
import { Autosave } from './persist/autosave.ts';
import { preprocess } from './preprocess.ts';
import { checkLearningRate, defaultConfig, lessonConfig, matchLesson, presetFor, validateRunConfig } from './train/run-config.ts';
import { Race } from './train/race.ts';
import { Run, type RunData } from './train/run.ts';

/** Work per slice: a prediction request waits at most this long behind training. */
const SLICE_MS = 8;
const REPORT_MS = 250;

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

/**
 * One training session in the worker: the data, the main run (whose model answers
 * predictions), an optional race between two other runs, and the background loop.
 */
export class Session {
  private data: RunData | null = null;
  /** The maths backend every network of this session lives in (WASM SIMD where supported). */
  private kernels: Kernels | null = null;
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
  /** The saved model in IndexedDB; its status goes out with every report. */
  private readonly checkpoints = new Checkpoints(idbStore(), () => this.report(true));
  private readonly autosave = new Autosave(this.checkpoints);
  /** A checkpoint waiting for MNIST: it answers predictions already and then becomes the main run. */
  private restored: Checkpoint | null = null;
  /** The user chose a configuration (or imported a model) before the saved one was read. */
  private configured = false;

  constructor(private readonly dataUrl: string, seed = randomSeed()) {
    this.config = defaultConfig(seed);
  }

  async start(onProgress: ProgressCallback): Promise<void> {
    this.onProgress = onProgress;
    if (this.started) return;
    this.started = true;
    // A retry after a failed download shows that it is loading again, not the old error.
    this.state = 'loading';
    this.message = undefined;
    this.report(true);
    // WASM can be refused (a CSP without wasm-unsafe-eval, no memory to reserve): train in TS.
    this.kernels ??= await loadKernels().catch(() => tsKernels);
    // Before MNIST: a restored model answers drawings while the data loads — unless an import
    // or a new configuration arrived while IndexedDB was being read.
    const saved = await this.checkpoints.restore(this.kernels);
    if (!this.main && !this.restored && !this.configured) this.adoptWhileLoading(saved);
    try {
      this.data = await loadMnist(this.dataUrl);
    } catch (e) {
      this.state = 'error';
      this.message = (e as Error).message;
      this.report(true);
      this.started = false;
      throw e;
    }
    this.newMainRun(this.restored);
  }

  /** A new main run: fresh from this.config, or carrying on from a checkpoint. */
  private newMainRun(from: Checkpoint | null = null): void {
    this.restored = null;
    if (from) this.config = structuredClone(from.metrics.config);
    this.main = new Run(++this.runIds, this.config, this.data!, from ? { net: from.net } : { kernels: this.kernels! });
    if (from) this.main.resume(from.metrics);
    this.autosave.follow(this.main, from?.metrics.testAccuracy);
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
        if (!this.contest || this.contest.done) this.autosave.tick();
        this.report(false);
        await yieldToMessages();
      }
    } finally {
      this.looping = false;
      this.autosave.idle();
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
      if (race ? race.check() : this.main!.finished) break;
    }
    if (!race && this.main!.finished) void this.autosave.save('converged');
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
    const saved = this.restored?.metrics;
    const main = this.main?.report() ?? {
      runId: 0,
      config: this.config,
      lesson: matchLesson(this.config),
      model: describe(presetFor(this.config).spec),
      samplesSeen: saved?.samplesSeen ?? 0,
      epoch: saved?.epoch ?? 0,
      loss: saved?.loss ?? NaN,
      testAccuracy: saved?.testAccuracy ?? null,
      layers: [],
      history: [],
      finished: false,
    };
    const progress: Progress = {
      ...main,
      state: this.state,
      backend: this.kernels?.name ?? 'typescript',
      samplesPerSec: Math.round(this.samplesPerSec),
      modelVersion: this.modelVersion,
      learningRate: this.main?.learningRate ?? this.config.learningRate,
      message: this.message,
      storage: this.checkpoints.status,
      race: this.contest?.report() ?? null,
    };
    this.onProgress(progress);
  }

  pause(): void {
    this.paused = true;
    if (this.state === 'training') this.state = 'paused';
    void this.autosave.save('pause');
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
    presetFor(config); // throws for anything a run cannot be built from, before it is adopted
    this.config = structuredClone(config);
    this.configured = true;
    this.dropRestored();
    if (this.data) this.newMainRun();
    else this.report(true);
  }

  /** Forgets a restored model that was answering while MNIST loads; the bars must re-ask. */
  private dropRestored(): void {
    if (!this.restored) return;
    this.restored = null;
    this.modelVersion++;
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
    if (!this.data) throw new Error('A race needs the MNIST data, which is still loading');
    this.contest = new Race([this.runIds + 1, this.runIds + 2], a, b, this.data, this.kernels ?? undefined);
    this.runIds += 2;
    this.rate = { samples: 0, ms: 0 };
    this.settle();
  }

  stopRace(): void {
    this.contest = null;
    this.settle();
  }

  // --- Checkpoints (worker/persist): every 30 s of training, after a better test result (at
  // most every 10 s), on pause, at the end of the schedule, on page hide and after an import.

  private adoptWhileLoading(cp: Checkpoint | null): void {
    if (!cp) return;
    this.restored = cp;
    this.config = structuredClone(cp.metrics.config);
    this.modelVersion++;
    this.report(true);
  }

  /** Saves the main run now (the page is hidden, or an update is about to reload it). */
  checkpoint(reason: SaveReason): Promise<void> {
    return this.autosave.save(reason);
  }

  /** The current model as a file (the same bytes as a checkpoint). */
  exportModel(): Uint8Array {
    if (this.main) return encodeCheckpoint(this.main.net, recordOf(this.main));
    if (this.restored) return encodeCheckpoint(this.restored.net, this.restored.metrics);
    throw new Error('There is no trained model to export yet: MNIST is still loading');
  }

  /** Replaces the model with a file's; a bad file throws and the current model stays. */
  async importModel(bytes: unknown): Promise<void> {
    const cp = decodeCheckpoint(bytes, this.kernels ?? undefined);
    this.configured = true;
    if (this.data) {
      this.newMainRun(cp);
      await this.autosave.save('import');
    } else {
      this.adoptWhileLoading(cp);
      await this.checkpoints.save(bytes as Uint8Array, 'import', cp.metrics.samplesSeen, cp.metrics.testAccuracy);
    }
  }

  /** Deletes the saved model and starts a fresh one. */
  async forgetModel(): Promise<void> {
    this.dropRestored();
    const done = this.checkpoints.forget();
    this.reset();
    await done;
  }

  dismissNotice(): void {
    this.checkpoints.dismissNotice();
  }

  /** preprocess() checks the pixels and sizes, whatever crossed the boundary. */
  predict(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Prediction | null {
    const input = preprocess(rgba, width, height);
    // Before MNIST has arrived there is no model worth asking (unless one was restored): no
    // guess beats a confident wrong one.
    const net = this.main?.model ?? this.restored?.net;
    if (!input || !net) return null;
    const { probabilities, logits } = net.predict(input);
    return { probabilities, logits, input, modelVersion: this.modelVersion };
  }
}
