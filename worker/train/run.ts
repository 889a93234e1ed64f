// One training run: a network, its trainer, test evaluations at growing intervals, and the
// figures a report needs. Pure (no timers, no messaging): the session decides when to work.
import type { EvaluationReport, HistoryPoint, LayerStats, RunConfig, RunReport } from '../api.ts';
import type { MnistSet } from '../data/mnist.ts';
import type { Kernels } from '../nn/kernels.ts';
import { describe, Network } from '../nn/network.ts';
import { learningRateAt } from '../nn/optimizer.ts';
import type { Preset } from './presets.ts';
import { fittedTo, matchLesson, presetFor } from './run-config.ts';
import { Trainer, type Tuning } from './trainer.ts';
import { FIRST_TEST, nextEvalAfter, nextTestPoint, TestPass } from './test-pass.ts';
import { DivergenceGuard, pct, weightTensors } from './guard.ts';
import { phaseCostNotice, type RunMark } from './phase.ts';
import { DigitPadError } from '../errors.ts';

const fmt = (lr: number) => (lr >= 0.01 ? lr.toPrecision(2) : lr.toExponential(1)).replace(/\.0+(e|$)/, '$1');

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
  /** The restored checkpoint's answering model and its average count. */
  model?: Network;
  averages?: number;
}

/** Rollbacks in one run after which it pauses instead of trying a lower rate again. */
export const MAX_ROLLBACKS = 3;
/** Each rollback divides the learning rate by this. */
const RATE_CUT = 4;

export class Run {
  readonly preset: Preset;
  readonly net: Network;
  readonly trainer: Trainer;
  /** Where the schedule ends (samples); a fine-tuning phase trains past it (tune). */
  readonly samplesTarget: number;
  /** A fine-tuning phase is on (see tune): its steps, then its closing test. */
  private phase = false;
  /** A phase asked for late in the schedule, to start when the schedule ends (see tune). */
  private queued: Tuning | null = null;
  /** The run as a test measured it, before the phase on now: put back if the phase costs over PHASE_COST. */
  private beforePhase: RunMark | null = null;
  /** The phase began while a test of its starting weights ran: that test's result is the baseline. */
  private baselineDue = false;
  /** The notice a phase undone left (a later phase that stands takes it away, not another notice). */
  private phaseNotice: string | null = null;
  /** Times the weights were put back without a step (undo, rollback): the bars must ask again. */
  rewrites = 0;
  testAccuracy: number | null = null;
  /** Best test accuracy so far; the divergence guard defends it. */
  best: number | null = null;
  loss = NaN;
  finished = false;
  /** The run stopped on an error rather than finishing its schedule. */
  failed = false;
  message: string | undefined;
  /** What the divergence guard did last, in words (null when it never had to act). */
  notice: string | null = null;
  rollbacks = 0;
  /** Diverged MAX_ROLLBACKS times: the session pauses it rather than trying again. */
  halted = false;
  private readonly guard: DivergenceGuard;
  private readonly tests: TestPass;
  /** Per layer, the hidden units the latest test never fired. */
  private deadForGood: (number | null)[];
  private nextEvalAt = FIRST_TEST;
  /** History points already sent in a report. */
  private reported = 0;
  /** The latest test pass's confusion and misreads; sent with the next report, once. */
  private lastEvaluation: EvaluationReport | null = null;
  /** The same, kept for checkpoints: where the saved weights fail comes back with them. */
  private testedAs: EvaluationReport | null = null;
  /** The test of the weights the divergence guard keeps: what a rollback brings back with them. */
  private kept: { evaluation: EvaluationReport | null; deadForGood: (number | null)[] };
  /** Every history point of the run (checkpoints keep it for the chart). */
  readonly history: HistoryPoint[] = [];
  /** The best test as of each history point: reported with the points, so only once saved. */
  private readonly bestAt: (number | null)[] = [];

  constructor(
    readonly id: number,
    readonly config: RunConfig,
    private readonly data: RunData,
    opts: RunOptions = {},
  ) {
    this.preset = fittedTo(presetFor(config), opts.net?.spec.classes);
    this.net = opts.net ?? new Network(this.preset.spec, this.preset.optimizer, config.seed, opts.kernels);
    const restored = opts.model ? { model: opts.model, averages: opts.averages ?? 0 } : undefined;
    this.trainer = new Trainer(this.net, this.preset, data.train, restored);
    this.guard = new DivergenceGuard(this.net, this.trainer.model);
    this.samplesTarget = opts.samplesTarget ?? this.preset.epochs * data.train.count;
    this.tests = new TestPass(this.trainer.model, data.test, opts.evalChunk ?? 100);
    this.deadForGood = this.net.layers.map(() => null);
    this.kept = { evaluation: null, deadForGood: this.deadForGood };
  }

  /** The network that answers: tests and predictions (see Trainer.model). */
  get model(): Network {
    return this.trainer.model;
  }

  /** Where the answering model failed in its latest test (null: not tested since it was built or restored without one). */
  get evaluationReport(): EvaluationReport | null {
    return this.testedAs;
  }

  get evaluating(): boolean {
    return this.tests.running;
  }

  /** The weights are the ones the last test measured: nothing trained since, no test running. */
  get tested(): boolean {
    return !this.tests.running && this.history.at(-1)?.samples === this.trainer.samplesSeen;
  }

  /**
   * How many history points a report shows when `shown` may be (autosave.shown: the saved ones):
   * never fewer than were already sent, as a save that lands after a failing one can say.
   */
  shownUpTo(shown: number): number {
    return Math.max(this.reported, Math.min(shown, this.history.length));
  }

  /** The best test accuracy among the history points shown (a report's, a pair's contest). */
  bestShown(shown: number): number | null {
    const upTo = this.shownUpTo(shown);
    return upTo === this.history.length ? this.best : (this.bestAt[upTo - 1] ?? null);
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
    if (this.tests.running) {
      this.evaluateChunk();
      return 0;
    }
    let n = 0;
    try {
      n = this.trainer.step();
    } catch (e) {
      if (!(e instanceof DigitPadError && e.kind === 'diverged')) {
        this.finished = this.failed = true;
        this.message = (e as Error).message;
        return 0;
      }
      this.rollBack('the training loss became infinite');
      return 0;
    }
    if (this.trainer.samplesSeen >= this.nextEvalAt || this.trainingDone()) {
      this.advanceEvalPoint();
      this.tests.start();
    }
    return n;
  }

  private advanceEvalPoint(): void {
    this.nextEvalAt = nextTestPoint(this.nextEvalAt, this.data.train.count);
  }

  /**
   * Tests the model as it is now, unless that was just done: a pause or a handover saves a
   * model whose accuracy was measured, not the last test's figure on newer weights.
   */
  testNow(): void {
    if (this.tests.running || this.finished || this.trainer.samplesSeen === 0) return;
    if (this.history.at(-1)?.samples === this.trainer.samplesSeen) return;
    this.tests.start();
  }

  private evaluateChunk(): void {
    const r = this.tests.next(this.trainer.samplesSeen);
    if (!r) return;
    this.lastEvaluation = this.testedAs = r.report;
    this.deadForGood = r.deadForGood;
    this.loss = this.trainer.takeTrainingStats().loss;
    this.record(r.accuracy, this.loss);
    const verdict = this.guard.judge(r.accuracy, this.best);
    if (!verdict.ok) this.rollBack(verdict.why);
    else if (this.best === null || r.accuracy >= this.best) {
      this.best = r.accuracy;
      this.guard.keep(r.accuracy);
      this.kept = { evaluation: r.report, deadForGood: r.deadForGood };
    }
    this.bestAt[this.bestAt.length - 1] = this.best;
    if (this.baselineDue) {
      // The weights the phase starts from, measured now (no step comes before a running test ends).
      this.baselineDue = false;
      this.beforePhase = verdict.ok && this.beforePhase ? { ...this.beforePhase, tested: true, testAccuracy: r.accuracy, best: this.best, loss: this.loss, testedAs: r.report } : null;
    }
    if (!this.trainingDone()) return;
    if (this.phase && this.phaseTooCostly(r.accuracy)) return;
    const queued = this.queued;
    this.queued = null;
    // A halted run refuses the phase: it finishes as before.
    if (!(queued && !this.phase && this.tune(queued))) this.finish();
  }

  /** Your digits came that no phase has taught it yet: one is queued or on (checkpoints keep this). */
  get phaseDue(): boolean {
    return this.queued !== null || this.tuning;
  }

  /** Batches left in the schedule (0 once it is over). */
  get stepsLeft(): number {
    return Math.max(0, Math.ceil((this.samplesTarget - this.trainer.samplesSeen) / this.preset.batchSize));
  }

  /** The schedule, or the fine-tuning phase after it, has trained all its steps. */
  private trainingDone(): boolean {
    return this.phase ? this.trainer.tuningLeft === 0 : this.trainer.samplesSeen >= this.samplesTarget;
  }

  /**
   * Fine-tunes a run whose schedule is over (new personal digits came in): `t.steps` more steps
   * at `t.learningRate`, then a test, and it is finished again; a phase in progress starts over
   * with the new steps. A run still in its schedule needs none (new samples ride in its own
   * batches) unless its rate has already decayed below the phase's (the last quarter of the
   * default schedules; for SGD, whose rates are far above Adam's, never): then those batches
   * barely move the weights, and the phase is queued for the schedule's end (phaseDue). A failed
   * or halted run is left alone. Returns whether a phase is on now.
   */
  tune(t: Tuning): boolean {
    if (this.failed || this.halted) return false;
    if (this.trainer.samplesSeen < this.samplesTarget) {
      // Past warm-up the schedule's rate only falls.
      if (this.net.step >= this.net.optimizer.warmupSteps && this.learningRate < t.learningRate) this.queued = t;
      return false;
    }
    // A phase that starts over keeps the mark from before the first. Weights under test now are
    // the ones the phase starts from: the baseline is that test's result once it comes.
    if (!this.phase) {
      this.baselineDue = this.tests.running;
      this.beforePhase = this.baselineDue || (this.tested && this.testAccuracy !== null) ? this.mark() : null;
    }
    this.trainer.tune(t);
    this.phase = true;
    this.nextEvalAt = Infinity;
    this.finished = false;
    this.message = undefined;
    return true;
  }

  /**
   * The phase's closing test came out more than PHASE_COST below the test before it: back to the
   * weights from before the phase, finished as they were, and the person is told. Else it stands.
   */
  private phaseTooCostly(accuracy: number): boolean {
    const before = this.beforePhase;
    this.beforePhase = null;
    const network = this.net.spec.conv?.length ? 'the convolutional network' : 'the dense network';
    const notice = phaseCostNotice(before, accuracy, this.data.test.count, network);
    if (!(notice && before && this.undo(before, Infinity))) {
      if (this.notice !== null && this.notice === this.phaseNotice) this.notice = this.phaseNotice = null;
      return false;
    }
    this.finish(); // a phase begun during the schedule's closing test was marked before it finished
    this.notice = this.phaseNotice = notice;
    return true;
  }

  /** A copy of the run as it is now, to go back to with undo (a correction taken back). */
  mark(): RunMark {
    const { tested, rollbacks, testAccuracy, best, loss, testedAs, deadForGood, finished, phase, queued, message, beforePhase, baselineDue } = this;
    const tensors = weightTensors(this.net, this.model).map((a) => a.slice());
    return { samples: this.trainer.samplesSeen, tensors, tested, rollbacks, testAccuracy, best, loss, testedAs, deadForGood, finished, phase, queued, message, tuning: this.trainer.phaseState, beforePhase, baselineDue };
  }

  /**
   * Back to `m`: the weights, Adam's state, the answering average, the phase and the schedule's
   * end as they were — unless more than `within` samples were trained between the mark and
   * `asked` (the training since is worth more than the undo), the run failed, or the divergence
   * guard rolled it back meanwhile. The schedule's position and the sample count carry on. A
   * test figure is recorded again (so the autosave writes it) only for weights that test
   * measured; others are tested now. Returns whether it went back.
   */
  undo(m: RunMark, within: number, asked = this.trainer.samplesSeen): boolean {
    if (this.failed || this.rollbacks !== m.rollbacks || asked - m.samples > within) return false;
    // A tap taken back: the notice of a phase undone for it is about a digit no longer kept.
    if (this.notice !== null && this.notice === this.phaseNotice) this.notice = this.phaseNotice = null;
    this.finished = m.finished;
    this.phase = m.phase;
    this.queued = m.queued;
    this.message = m.message;
    this.trainer.phaseState = m.tuning;
    [this.beforePhase, this.baselineDue] = m.phase ? [m.beforePhase, m.baselineDue] : [null, false];
    if (m.phase) this.nextEvalAt = Infinity; // its closing test is still to come
    if (this.trainer.samplesSeen === m.samples) return true; // not a step since: the weights are as they were
    weightTensors(this.net, this.model).forEach((a, i) => a.set(m.tensors[i]));
    for (const mon of this.net.monitors) mon.restart(); // they watched the weights just undone
    this.rewrites++;
    this.tests.cancel();
    this.best = m.best;
    if (m.tested) {
      this.testAccuracy = m.testAccuracy;
      this.loss = m.loss;
      this.lastEvaluation = this.testedAs = m.testedAs;
      this.deadForGood = m.deadForGood;
      if (m.testAccuracy !== null) {
        this.guard.keep(m.testAccuracy);
        this.kept = { evaluation: m.testedAs, deadForGood: m.deadForGood };
        this.record(m.testAccuracy, m.loss);
      }
    } else {
      // Weights no test has measured as they are: measure them (a finished run finishes again after it).
      // The guard's last good model may hold the learning taken back: these weights replace it
      // (they came between two good tests), so a rollback cannot bring the tap back.
      if (this.guard.keptAccuracy !== null) this.guard.keep(this.guard.keptAccuracy);
      this.kept = { evaluation: null, deadForGood: this.net.layers.map(() => null) };
      this.finished = false;
      this.testedAs = null;
      this.tests.start();
    }
    return true;
  }

  /** A fine-tuning phase is on: its steps, or its closing test. */
  get tuning(): boolean {
    return this.phase && !this.finished;
  }

  private record(accuracy: number, loss: number): void {
    this.testAccuracy = accuracy;
    this.history.push({ samples: this.trainer.samplesSeen, loss, testAccuracy: accuracy });
    this.bestAt.push(this.best);
  }

  /**
   * Back to the last good model with a quarter of the rate; after MAX_ROLLBACKS the run halts
   * (the session pauses it). The person is told what happened in words.
   */
  private rollBack(why: string): void {
    this.guard.restore();
    this.rewrites++;
    // The diverged test described the weights just thrown away: the confusion shown is the kept
    // one's, and so are the units silent at the test; the training window starts again (QA: "94 %
    // dead" beside the 96.9 % model put back).
    this.lastEvaluation = this.testedAs = this.kept.evaluation;
    this.deadForGood = this.kept.deadForGood;
    for (const m of this.net.monitors) m.restart();
    this.rollbacks++;
    const from = this.config.learningRate;
    const back = this.guard.keptAccuracy;
    const to = back === null ? 'its starting weights' : `the last good model (${pct(back)})`;
    if (back !== null) this.record(back, NaN);
    if (this.rollbacks >= MAX_ROLLBACKS) {
      this.halted = true;
      this.notice = `Training diverged ${this.rollbacks} times (${why}): DigitPad went back to ${to} and paused. Lower the learning rate before resuming.`;
      return;
    }
    this.setLearningRate(Math.max(1e-5, from / RATE_CUT));
    // "again": this notice replaces the one before it, which named the higher rate the person set (QA).
    this.notice = `Training diverged${this.rollbacks > 1 ? ' again' : ''} at learning rate ${fmt(from)} (${why}): DigitPad went back to ${to} and lowered the rate to ${fmt(this.config.learningRate)}.`;
  }

  /** The person resumes a halted run: it gets MAX_ROLLBACKS more chances. */
  unhalt(): void {
    this.halted = false;
    this.rollbacks = 0;
  }

  private finish(): void {
    this.finished = true;
    this.phase = false;
    this.message = 'Training finished its schedule; the model is as good as it gets.';
  }

  /**
   * Carries on from a checkpoint (the network came in through RunOptions.net): counters, the
   * last test result and the history. The epoch in progress finishes on a fresh shuffle.
   */
  resume(r: { samplesSeen: number; epoch: number; testAccuracy: number | null; best: number | null; loss: number; history: HistoryPoint[]; converged: boolean; evaluation?: EvaluationReport }): void {
    if (r.evaluation) this.lastEvaluation = this.testedAs = r.evaluation;
    this.trainer.resumeAt(r.samplesSeen, r.epoch);
    this.testAccuracy = r.testAccuracy;
    this.best = r.best ?? r.testAccuracy;
    if (r.testAccuracy !== null) this.guard.keep(r.testAccuracy);
    this.kept = { evaluation: r.evaluation ?? null, deadForGood: this.deadForGood };
    this.loss = r.loss;
    this.history.push(...r.history);
    this.bestAt.push(...r.history.map(() => this.best));
    this.nextEvalAt = nextEvalAfter(r.samplesSeen, this.data.train.count);
    if (r.converged || r.samplesSeen >= this.samplesTarget) this.finish();
  }

  /** Changes the peak learning rate; the schedule's shape carries on from the current step. */
  setLearningRate(lr: number): void {
    this.net.optimizer.learningRate = lr;
    this.config.learningRate = lr;
  }

  /**
   * Figures since the previous report (history points and gradient norms are taken). `shown`:
   * how many history points may be shown yet (the session shows a test result once it is saved).
   */
  report(shown = this.history.length): RunReport {
    const layers: LayerStats[] = this.net.monitors.map((m, i) => ({
      ...m.take(),
      units: m.units,
      deadForGood: this.deadForGood[i],
    }));
    const upTo = this.shownUpTo(shown);
    const history = this.history.slice(this.reported, upTo);
    this.reported = upTo;
    const last = this.history[upTo - 1];
    // Sent with the history point it belongs to (not before that point may be shown).
    const evaluation = upTo === this.history.length && this.lastEvaluation ? this.lastEvaluation : undefined;
    if (evaluation) this.lastEvaluation = null;
    return {
      ...(evaluation ? { evaluation } : {}),
      runId: this.id,
      config: this.config,
      lesson: matchLesson(this.config),
      model: describe(this.net.spec),
      samplesSeen: this.trainer.samplesSeen,
      epoch: this.trainer.epoch,
      epochs: Math.ceil(this.samplesTarget / this.data.train.count),
      loss: upTo === this.history.length ? this.loss : last?.loss ?? NaN,
      testAccuracy: upTo === this.history.length ? this.testAccuracy : last?.testAccuracy ?? null,
      best: this.bestShown(upTo),
      layers,
      history,
      finished: this.finished,
      // Until its result is saved and shown: the count moved on beside the old figure for a report (QA).
      testing: this.evaluating || upTo < this.history.length,
      message: this.message,
    };
  }
}
