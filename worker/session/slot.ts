// One model the session holds: a shelf entry that only answers (loaded while MNIST loads, or
// in a tab where another one trains) or a run that trains here — and its autosave. The session
// holds up to two: the main model and, for the default set-up, the convolutional network that
// trains once the main one has had its head start and takes over answering once it tests better.
import type { RunConfig, RunReport } from '../api.ts';
import { describe, type Network } from '../nn/network.ts';
import type { Autosave } from '../persist/autosave.ts';
import { checkpointOf, encodeCheckpoint } from '../persist/checkpoint.ts';
import type { EntryInfo, Restored } from '../persist/shelf.ts';
import { matchLesson, presetFor } from '../train/run-config.ts';
import type { Run } from '../train/run.ts';

export type SlotState = { kind: 'saved'; saved: Restored } | { kind: 'run'; run: Run };

export class Slot {
  /** A saved model's history and test pass went out in a report (see report). */
  private figuresSent = false;

  constructor(
    public info: EntryInfo,
    public state: SlotState,
    readonly autosave: Autosave,
  ) {}

  get run(): Run | null {
    return this.state.kind === 'run' ? this.state.run : null;
  }

  get id(): string {
    return this.info.id;
  }

  /** The network that answers: the run's running average, or the saved model's. */
  get model(): Network {
    return this.state.kind === 'run' ? this.state.run.model : this.state.saved.cp.model;
  }

  get config(): RunConfig {
    return this.state.kind === 'run' ? this.state.run.config : this.state.saved.cp.metrics.config;
  }

  /**
   * Best test accuracy so far (how the two models of a pair compete for answering): among the
   * results already saved, as reports show them. The latest, unsaved, made the convolutional
   * network answer beside a lower figure than the dense network's for a report or two (QA).
   */
  get best(): number | null {
    if (this.state.kind === 'run') return this.state.run.bestShown(this.autosave.shown(this.state.run));
    const m = this.state.saved.cp.metrics;
    return m.best ?? m.testAccuracy;
  }

  /** Has a test result, saved or not: its weights are no longer random. */
  get hasTest(): boolean {
    return this.state.kind === 'run' ? this.state.run.best !== null : this.best !== null;
  }

  /** Still has training to do here (a saved-only model has none until it becomes a run). */
  get trainable(): boolean {
    const run = this.run;
    return run !== null && !run.finished && !run.halted;
  }

  /** Figures for a report: the run's (only test results already saved), or the saved record's. */
  report(): RunReport {
    const run = this.run;
    if (run) return { ...run.report(this.autosave.shown(run)), entry: this.id };
    const m = (this.state as { saved: Restored }).saved.cp.metrics;
    const p = presetFor(m.config);
    // Its chart and where it fails, once: a run's reports send only what is new, a saved model's
    // first report all it has (`whole`: the page starts its chart over from them).
    const first = !this.figuresSent;
    this.figuresSent = true;
    return {
      ...(first ? { whole: true as const, ...(m.evaluation ? { evaluation: m.evaluation } : {}) } : {}),
      runId: 0,
      entry: this.id,
      config: m.config,
      lesson: matchLesson(m.config),
      model: describe(p.spec),
      samplesSeen: m.samplesSeen,
      epoch: m.epoch,
      epochs: p.epochs,
      loss: m.loss,
      testAccuracy: m.testAccuracy,
      best: this.best,
      layers: [],
      history: first ? m.history : [],
      finished: m.converged,
      testing: false,
    };
  }

  /** The model as a file: the run as it is now, or the saved bytes. */
  file(savedAt: number): Uint8Array {
    if (this.state.kind === 'saved') return this.state.saved.bytes.slice();
    return encodeCheckpoint(checkpointOf(this.state.run, savedAt, this.info.name));
  }
}
