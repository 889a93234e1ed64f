import type { HistoryPoint, Prediction, Progress, ProgressCallback, TrainState } from './api.ts';
import { loadMnist } from './data/load.ts';
import type { MnistSet } from './data/mnist.ts';
import { describe, Network } from './nn/network.ts';
import { preset } from './train/presets.ts';
import { Evaluation, Trainer } from './train/trainer.ts';
import { preprocess } from './preprocess.ts';

/** Work per slice: a prediction request waits at most this long behind training. */
const SLICE_MS = 8;
const REPORT_MS = 250;
const EVALS_PER_EPOCH = 4;

/** Yields to the worker's message queue without setTimeout's 4 ms clamp. */
function yieldToMessages(): Promise<void> {
  const ch = new MessageChannel();
  return new Promise((resolve) => {
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** One training session in the worker: data, model, background loop, predictions. */
export class Session {
  private data: { train: MnistSet; test: MnistSet } | null = null;
  private net!: Network;
  private trainer: Trainer | null = null;
  private evaluation: Evaluation | null = null;
  private state: TrainState = 'loading';
  private testAccuracy: number | null = null;
  private modelVersion = 0;
  private history: HistoryPoint[] = [];
  private onProgress: ProgressCallback | null = null;
  private running = false;
  private paused = false;
  private lastReport = 0;
  private rate = { samples: 0, ms: 0 };
  /** Training throughput, smoothed across reports; excludes evaluation time. */
  private samplesPerSec = 0;
  private lastLoss = NaN;
  private message: string | undefined;

  constructor(private readonly dataUrl: string, private seed = Date.now() >>> 0) {
    this.build();
  }

  private build(): void {
    const p = preset('default');
    this.net = new Network(p.spec, p.optimizer, this.seed);
    this.trainer = this.data ? new Trainer(this.net, p, this.data.train) : null;
    this.evaluation = null;
    this.testAccuracy = null;
    this.history = [];
    this.lastLoss = NaN;
    this.rate = { samples: 0, ms: 0 };
    this.samplesPerSec = 0;
    this.modelVersion++;
  }

  async start(onProgress: ProgressCallback): Promise<void> {
    this.onProgress = onProgress;
    if (this.running) return;
    this.running = true;
    this.report(true);
    try {
      this.data = await loadMnist(this.dataUrl);
    } catch (e) {
      this.state = 'error';
      this.message = (e as Error).message;
      this.report(true);
      this.running = false;
      throw e;
    }
    this.build();
    this.state = this.paused ? 'paused' : 'training';
    void this.loop();
  }

  private looping = false;
  private stepsSinceVersion = 0;

  /** The background loop; at most one runs (a quick pause→resume must not start a second). */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.running && this.state === 'training') {
        this.slice();
        this.report(this.state !== 'training');
        await yieldToMessages();
      }
    } finally {
      this.looping = false;
    }
  }

  private slice(): void {
    const t = this.trainer!;
    const t0 = performance.now();
    try {
      while (performance.now() - t0 < SLICE_MS) {
        if (this.evaluation) {
          const r = this.evaluation.next();
          if (r) this.finishEvaluation(r.accuracy);
          continue;
        }
        if (t.done) {
          this.state = 'converged';
          this.message = 'Training finished its schedule; the model is as good as it gets.';
          return;
        }
        const s0 = performance.now();
        const n = t.step();
        this.rate.ms += performance.now() - s0;
        this.rate.samples += n;
        this.stepsSinceVersion++;
        if (t.samplesSeen % Math.floor(t.train.count / EVALS_PER_EPOCH) < n || t.done) {
          this.evaluation = new Evaluation(this.net, this.data!.test, 100);
        }
      }
    } catch (e) {
      this.state = 'error';
      this.message = (e as Error).message;
    }
  }

  private finishEvaluation(accuracy: number): void {
    this.evaluation = null;
    this.testAccuracy = accuracy;
    const { loss } = this.trainer!.takeTrainingStats();
    this.lastLoss = loss;
    this.history.push({ samples: this.trainer!.samplesSeen, loss, testAccuracy: accuracy });
    this.modelVersion++;
  }

  private report(force: boolean): void {
    const now = performance.now();
    if (!this.onProgress || (!force && now - this.lastReport < REPORT_MS)) return;
    this.lastReport = now;
    const t = this.trainer;
    const stats = this.net.monitors.map((m) => m.take());
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
    const progress: Progress = {
      state: this.state,
      backend: 'typescript',
      model: describe(this.net.spec),
      samplesSeen: t?.samplesSeen ?? 0,
      epoch: t?.epoch ?? 0,
      samplesPerSec: Math.round(this.samplesPerSec),
      loss: this.lastLoss,
      testAccuracy: this.testAccuracy,
      modelVersion: this.modelVersion,
      layers: stats,
      history: this.history,
      message: this.message,
    };
    this.history = [];
    this.onProgress(progress);
  }

  pause(): void {
    this.paused = true;
    if (this.state === 'training') this.state = 'paused';
    this.report(true);
  }

  resume(): void {
    this.paused = false;
    if (this.state === 'paused') {
      this.state = 'training';
      void this.loop();
    }
    this.report(true);
  }

  reset(seed?: number): void {
    if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`Seed must be an integer, got ${seed}`);
    this.seed = seed ?? (Math.random() * 2 ** 32) >>> 0;
    this.build();
    if (this.data) {
      this.message = undefined;
      const wasIdle = this.state !== 'training';
      this.state = this.paused ? 'paused' : 'training';
      if (wasIdle && this.state === 'training') void this.loop();
    }
    this.report(true);
  }

  predict(rgba: unknown, width: unknown, height: unknown): Prediction | null {
    if (!(rgba instanceof Uint8ClampedArray || rgba instanceof Uint8Array)) {
      throw new Error(`predict: pixels must be a Uint8ClampedArray, got ${Object.prototype.toString.call(rgba)}`);
    }
    if (typeof width !== 'number' || typeof height !== 'number') throw new Error('predict: width and height must be numbers');
    const input = preprocess(rgba, width, height);
    // Before MNIST has arrived the weights are random: no guess beats a confident wrong one.
    if (!input || !this.data) return null;
    const { probabilities, logits } = this.net.predict(input);
    return { probabilities, logits, input, modelVersion: this.modelVersion };
  }
}
