// One training run: a network, its trainer, test evaluations at growing intervals, and the
// figures a report needs. Pure (no timers, no messaging): the session decides when to work.
import type { HistoryPoint, LayerStats, RunConfig, RunReport } from '../api.ts';
import type { MnistSet } from '../data/mnist.ts';
import type { Kernels } from '../nn/kernels.ts';
import { describe, Network } from '../nn/network.ts';
import { learningRateAt } from '../nn/optimizer.ts';
import { FiringCensus } from '../nn/stats.ts';
import type { Preset } from './presets.ts';
import { matchLesson, presetFor } from './run-config.ts';
import { Evaluation, Trainer } from './trainer.ts';

export interface RunData {
  train: MnistSet;
  test: MnistSet;
}

export interface RunOptions {
  kernels?: Kernels;
  /** Stop after this many training samples (a race); default: the preset's epochs. */
  samplesTarget?: number;
  /** Test images per evaluation chunk: small keeps each unit of work short. */
  evalChunk?: number;
  /** Continue an existing network (a restored checkpoint) instead of a fresh one. */
  net?: Network;
}

/** First test evaluation after this many samples; the gap doubles up to a quarter epoch. */
const FIRST_EVAL = 2000;

export class Run {
  readonly preset: Preset;
  readonly net: Network;
  readonly trainer: Trainer;
  readonly samplesTarget: number;
  testAccuracy: number | null = null;
  loss = NaN;
  finished = false;
  /** The run stopped on an error (e.g. diverged) rather than finishing its schedule. */
  failed = false;
  message: string | undefined;
  /** The test pass in progress, if any. */
  private evaluation: Evaluation | null = null;
  /** Made once and rewound: its batch buffers live in the kernels' memory. */
  private evaluator: Evaluation | null = null;
  private evaluated = 0;
  private census: FiringCensus[] = [];
  private deadForGood: (number | null)[];
  private nextEvalAt = FIRST_EVAL;
  private pending: HistoryPoint[] = [];
  /** Every history point of the run (checkpoints keep it for the chart). */
  readonly history: HistoryPoint[] = [];
  private readonly evalChunk: number;

  constructor(
    readonly id: number,
    readonly config: RunConfig,
    private readonly data: RunData,
    opts: RunOptions = {},
  ) {
    this.preset = presetFor(config);
    this.net = opts.net ?? new Network(this.preset.spec, this.preset.optimizer, config.seed, opts.kernels);
    this.trainer = new Trainer(this.net, this.preset, data.train);
    this.samplesTarget = opts.samplesTarget ?? this.preset.epochs * data.train.count;
    this.evalChunk = opts.evalChunk ?? 100;
    this.deadForGood = this.net.layers.map(() => null);
  }

  /** The network that answers: tests and predictions (see Trainer.model). */
  get model(): Network {
    return this.trainer.model;
  }

  get evaluating(): boolean {
    return this.evaluation !== null;
  }

  /** The learning rate the next step uses (peak rate through the schedule). */
  get learningRate(): number {
    return learningRateAt(this.net.optimizer, this.net.step);
  }

  /**
   * One unit of work: an evaluation chunk if one is due, else one training batch.
   * Returns the samples trained (0 for evaluation work or when finished).
   */
  work(): number {
    if (this.finished) return 0;
    if (this.evaluation) {
      this.evaluateChunk();
      return 0;
    }
    let n = 0;
    try {
      n = this.trainer.step();
    } catch (e) {
      this.finished = this.failed = true;
      this.message = (e as Error).message;
      return 0;
    }
    if (this.trainer.samplesSeen >= this.nextEvalAt || this.trainer.samplesSeen >= this.samplesTarget) {
      this.advanceEvalPoint();
      this.startEvaluation();
    }
    return n;
  }

  /** The gap to the next test doubles, up to a quarter epoch. */
  private advanceEvalPoint(): void {
    this.nextEvalAt = Math.min(this.nextEvalAt + this.data.train.count / 4, this.nextEvalAt * 2);
  }

  private startEvaluation(): void {
    this.evaluator ??= new Evaluation(this.model, this.data.test, this.evalChunk);
    this.evaluation = this.evaluator.restart();
    this.evaluated = 0;
    this.census = this.model.layers.map((l) => new FiringCensus(l.act?.isActive ? l.units : 0, l.positions));
  }

  private evaluateChunk(): void {
    const n = Math.min(this.evalChunk, this.data.test.count - this.evaluated);
    const r = this.evaluation!.next();
    this.evaluated += n;
    this.model.layers.forEach((l, i) => this.census[i].units && this.census[i].observe(l.out, n));
    if (!r) return;
    this.evaluation = null;
    this.testAccuracy = r.accuracy;
    this.deadForGood = this.census.map((c) => (c.units ? c.silent() : null));
    this.loss = this.trainer.takeTrainingStats().loss;
    const point = { samples: this.trainer.samplesSeen, loss: this.loss, testAccuracy: r.accuracy };
    this.pending.push(point);
    this.history.push(point);
    if (this.trainer.samplesSeen >= this.samplesTarget) this.finish();
  }

  private finish(): void {
    this.finished = true;
    this.message = 'Training finished its schedule; the model is as good as it gets.';
  }

  /**
   * Carries on from a checkpoint (the network came in through RunOptions.net): counters, the
   * last test result and the history. The epoch in progress finishes on a fresh shuffle.
   */
  resume(r: { samplesSeen: number; epoch: number; testAccuracy: number | null; loss: number; history: HistoryPoint[]; converged: boolean }): void {
    this.trainer.resumeAt(r.samplesSeen, r.epoch);
    this.testAccuracy = r.testAccuracy;
    this.loss = r.loss;
    this.history.push(...r.history);
    this.pending.push(...r.history);
    while (this.nextEvalAt <= r.samplesSeen) this.advanceEvalPoint();
    if (r.converged || r.samplesSeen >= this.samplesTarget) this.finish();
  }

  /** Changes the peak learning rate; the schedule's shape carries on from the current step. */
  setLearningRate(lr: number): void {
    this.net.optimizer.learningRate = lr;
    this.config.learningRate = lr;
  }

  /** Figures since the previous report (history points and gradient norms are taken). */
  report(): RunReport {
    const layers: LayerStats[] = this.net.monitors.map((m, i) => ({
      ...m.take(),
      units: m.units,
      deadForGood: this.deadForGood[i],
    }));
    const history = this.pending;
    this.pending = [];
    return {
      runId: this.id,
      config: this.config,
      lesson: matchLesson(this.config),
      model: describe(this.net.spec),
      samplesSeen: this.trainer.samplesSeen,
      epoch: this.trainer.epoch,
      loss: this.loss,
      testAccuracy: this.testAccuracy,
      layers,
      history,
      finished: this.finished,
      message: this.message,
    };
  }
}
