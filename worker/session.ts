import type {
  ErrorReport, LessonName, Prediction, Progress, ProgressCallback, Role, RunConfig, SaveReason, SaveResult, TrainState,
} from './api.ts';
import { DigitPadError } from './errors.ts';
import { tsKernels, type Kernels } from './nn/kernels.ts';
import { describe } from './nn/network.ts';
import { Autosave } from './persist/autosave.ts';
import { checkpointOf, decodeCheckpoint, encodeCheckpoint } from './persist/checkpoint.ts';
import { Shelf, type EntryInfo, type Restored, type ShelfStore } from './persist/shelf.ts';
import type { WriterLock } from './persist/writer-lock.ts';
import { preprocess } from './preprocess.ts';
import { entryFor } from './session-entries.ts';
import { checkLearningRate, defaultConfig, lessonConfig, matchLesson, presetFor, validateRunConfig } from './train/run-config.ts';
import { Race } from './train/race.ts';
import { Run, type RunData } from './train/run.ts';

/** Work per slice: a prediction request waits at most this long behind training. */
const SLICE_MS = 8;
const REPORT_MS = 250;
/** A reader tab re-reads the shelf at most this often when the writer says it saved. */
const REFRESH_MS = 1000;

/** Everything the session needs from outside, so a whole session runs in Node tests. */
export interface SessionDeps {
  loadData(): Promise<RunData>;
  loadKernels(): Promise<Kernels>;
  store: ShelfStore;
  lock: WriterLock;
  /** Monotonic milliseconds (performance.now). */
  now?: () => number;
  /** Wall-clock milliseconds (Date.now), for "saved at". */
  wall?: () => number;
  seed?: () => number;
  /** Lets queued messages (predictions, pause) run between slices. */
  yieldToMessages?: () => Promise<void>;
}

/**
 * The model the session has, one explicit state. 'none': nothing yet. 'saved': a shelf entry
 * that answers but does not train (MNIST still loading, or another tab trains). 'run': a run
 * that trains here (training, paused, converged or failed). Predict, export and report read
 * whichever it is the same way.
 */
type Current =
  | { kind: 'none' }
  | { kind: 'saved'; info: EntryInfo; saved: Restored }
  | { kind: 'run'; info: EntryInfo; run: Run };

function yieldViaChannel(): Promise<void> {
  const ch = new MessageChannel();
  return new Promise((resolve) => {
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

export class Session {
  private data: RunData | null = null;
  private dataLoading: Promise<RunData> | null = null;
  private kernels: Kernels | null = null;
  private current: Current = { kind: 'none' };
  /** A configuration chosen before MNIST arrived: it wins over a restored model. */
  private wanted: RunConfig | null = null;
  private config: RunConfig;
  private contest: Race | null = null;
  private runIds = 0;
  private state: TrainState = 'loading';
  private role: Role = 'starting';
  private error: ErrorReport | null = null;
  private modelVersion = 0;
  private onProgress: ProgressCallback | null = null;
  private started = false;
  private paused = false;
  private looping = false;
  private readonly idle: (() => void)[] = [];
  private lastReport = 0;
  private lastRefresh = -Infinity;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private rate = { samples: 0, ms: 0 };
  private samplesPerSec = 0;
  private stepsSinceVersion = 0;
  private readonly now: () => number;
  private readonly wall: () => number;
  private readonly randomSeed: () => number;
  private readonly pause$: () => Promise<void>;
  readonly shelf: Shelf;
  private readonly autosave: Autosave;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.wall = deps.wall ?? Date.now;
    this.randomSeed = deps.seed ?? (() => (Math.random() * 2 ** 32) >>> 0);
    this.pause$ = deps.yieldToMessages ?? yieldViaChannel;
    this.config = defaultConfig(this.randomSeed());
    this.shelf = new Shelf(deps.store, () => this.report(true), this.wall);
    this.autosave = new Autosave(this.shelf, this.now, this.wall, (ok) => {
      if (ok) deps.lock.post({ type: 'saved' });
      this.report(true); // the test result it saved may be shown now
    });
    deps.lock.onMessage((m) => (m.type === 'saved' ? void this.refresh() : void this.handOver()));
  }

  private get run(): Run | null {
    return this.current.kind === 'run' ? this.current.run : null;
  }

  async start(onProgress: ProgressCallback, options: { reclaim?: boolean } = {}): Promise<void> {
    this.onProgress = onProgress;
    if (this.started) return;
    this.started = true;
    this.state = 'loading';
    this.error = null;
    this.report(true);
    // WASM can be refused (a CSP without wasm-unsafe-eval, no memory to reserve): train in TS.
    this.kernels ??= await this.deps.loadKernels().catch(() => tsKernels);
    if (this.role === 'starting') {
      const writer = await this.deps.lock.acquire(() => void this.becomeWriter(), () => this.becomeReader(), options.reclaim);
      this.role = writer ? 'writer' : 'reader';
    }
    await this.shelf.open(this.role === 'writer');
    const saved = await this.shelf.restore(this.kernels, this.role === 'writer');
    // An import or a new configuration that arrived while IndexedDB was read wins.
    if (saved && this.current.kind === 'none' && !this.wanted) this.answerWith(saved);
    if (this.role === 'reader') return this.settle();
    await this.train();
  }

  /** Loads MNIST (once) and turns what answers into a training run. */
  private async train(): Promise<void> {
    try {
      this.data ??= await (this.dataLoading ??= this.deps.loadData());
    } catch (e) {
      this.dataLoading = null;
      this.started = false;
      this.state = 'error';
      this.error = { kind: 'data', message: (e as Error).message };
      this.report(true);
      throw new DigitPadError('data', (e as Error).message, { cause: e });
    }
    if (this.role !== 'writer') return;
    const c = this.current;
    if (this.wanted) this.newRun(this.wanted);
    else if (c.kind === 'saved') this.adopt(c.info, c.saved);
    else if (c.kind === 'none') this.newRun(this.config);
    else this.settle();
  }

  /** A saved model answers (training waits for MNIST, or for this tab to become the writer). */
  private answerWith(saved: Restored): void {
    this.current = { kind: 'saved', info: saved.info, saved };
    this.config = structuredClone(saved.cp.metrics.config);
    this.modelVersion++;
    this.report(true);
  }

  /** A saved model becomes the training run and carries on from where it was saved. */
  private adopt(info: EntryInfo, saved: Restored): void {
    const { cp } = saved;
    this.config = structuredClone(cp.metrics.config);
    const run = new Run(++this.runIds, this.config, this.data!, { net: cp.net, model: cp.model, averages: cp.averages });
    run.resume(cp.metrics);
    if (cp.metrics.paused) this.paused = this.autosave.paused = true;
    this.follow(info, run);
  }

  /** A fresh run of `config` under a new shelf entry; the entry it replaces stays on the shelf. */
  private newRun(config: RunConfig): void {
    this.wanted = null;
    this.config = structuredClone(config);
    const run = new Run(++this.runIds, this.config, this.data!, { kernels: this.kernels! });
    this.follow(entryFor(this.shelf, this.config, this.wall()), run);
  }

  private follow(info: EntryInfo, run: Run): void {
    this.current = { kind: 'run', info, run };
    this.autosave.follow(run, info);
    this.rate = { samples: 0, ms: 0 };
    this.samplesPerSec = 0;
    this.error = null;
    this.modelVersion++;
    this.settle();
  }

  /** Puts state in line with what there is to do, and keeps the loop running while there is. */
  private settle(): void {
    const run = this.run;
    const racing = this.contest !== null && !this.contest.done;
    if (this.role !== 'writer' || !run) this.state = this.data || this.role === 'reader' ? 'paused' : 'loading';
    else if (this.paused || run.halted) this.state = 'paused';
    else if (racing || !run.finished) this.state = 'training';
    else {
      this.state = run.failed ? 'error' : 'converged';
      this.error = run.failed ? { kind: 'internal', message: run.message ?? 'Training failed' } : null;
    }
    if (this.state === 'training' || this.testing()) void this.loop();
    this.report(true);
  }

  /** Paused with a test of the current weights still running (it finishes before the save). */
  private testing(): boolean {
    return this.state === 'paused' && this.role === 'writer' && this.run?.evaluating === true;
  }

  /** The background loop; at most one runs (a quick pause→resume must not start a second). */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.state === 'training' || this.testing()) {
        if (this.state === 'training') this.slice();
        else this.testSlice();
        this.autosave.tick();
        this.report(false);
        await this.pause$();
      }
    } finally {
      this.looping = false;
      for (const done of this.idle.splice(0)) done();
    }
  }

  /** Resolves once the loop has stopped (at once when it is not running). */
  private whenIdle(): Promise<void> {
    return this.looping ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  private testSlice(): void {
    const t0 = this.now();
    while (this.run!.evaluating && this.now() - t0 < SLICE_MS) this.run!.work();
  }

  /** Stops training, tests the weights as they are now and saves them with their accuracy. */
  private async stopAndSave(reason: SaveReason): Promise<SaveResult> {
    this.paused = true;
    this.run?.testNow();
    this.settle();
    await this.whenIdle();
    return this.autosave.save(reason);
  }

  private slice(): void {
    const t0 = this.now();
    const race = this.contest && !this.contest.done ? this.contest : null;
    const main = this.run!;
    // During a race the contenders take turns, one unit of work each, so neither gets ahead.
    const runs = race ? race.runs : [main];
    while (this.now() - t0 < SLICE_MS) {
      for (const run of runs) {
        const s0 = this.now();
        const n = run.work();
        if (n > 0) {
          this.rate.ms += this.now() - s0;
          this.rate.samples += n;
          if (!race) this.stepsSinceVersion++;
        }
      }
      if (race ? race.check() : main.finished || main.halted) break;
    }
    if (race ? race.done : main.finished || main.halted) this.settle();
  }

  private report(force: boolean): void {
    const now = this.now();
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
    const run = this.run;
    const m = this.current.kind === 'saved' ? this.current.saved.cp.metrics : null;
    const main = run?.report(this.autosave.shown(run)) ?? {
      runId: 0,
      config: this.config,
      lesson: matchLesson(this.config),
      model: describe(presetFor(this.config).spec),
      samplesSeen: m?.samplesSeen ?? 0,
      epoch: m?.epoch ?? 0,
      loss: m?.loss ?? NaN,
      testAccuracy: m?.testAccuracy ?? null,
      layers: [],
      history: [],
      finished: m?.converged ?? false,
    };
    this.onProgress({
      ...main,
      state: this.state,
      role: this.role,
      backend: this.kernels?.name ?? 'typescript',
      samplesPerSec: Math.round(this.samplesPerSec),
      modelVersion: this.modelVersion,
      learningRate: run?.learningRate ?? this.config.learningRate,
      message: this.error?.message ?? main.message,
      error: this.error,
      guard: run?.notice ?? null,
      storage: this.shelf.status,
      race: this.contest?.report() ?? null,
    } satisfies Progress);
  }

  pause(): Promise<SaveResult> {
    this.autosave.paused = true;
    return this.stopAndSave('pause');
  }

  resume(): void {
    this.paused = this.autosave.paused = false;
    this.run?.unhalt();
    this.settle();
  }

  reset(seed?: number): void {
    if (seed !== undefined && !Number.isInteger(seed)) throw new DigitPadError('input', `Seed must be an integer, got ${seed}`);
    this.configure({ ...this.config, seed: seed ?? this.randomSeed() });
  }

  /** A new main run under a new shelf entry; before MNIST has loaded the choice waits for it. */
  configure(config: RunConfig): void {
    this.mustWrite('start a new run');
    try {
      validateRunConfig(config);
      presetFor(config); // throws for anything a run cannot be built from, before it is adopted
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    if (this.data) return this.newRun(config);
    this.wanted = structuredClone(config);
    this.config = structuredClone(config);
    if (this.current.kind !== 'none') this.modelVersion++; // the bars must ask again
    this.current = { kind: 'none' };
    this.report(true);
  }

  lesson(name: LessonName, seed?: number): RunConfig {
    return lessonConfig(name, seed ?? this.config.seed);
  }

  setLearningRate(lr: number): void {
    checkLearningRate(lr);
    this.config.learningRate = lr;
    this.run?.setLearningRate(lr);
    this.report(true);
  }

  race(a: RunConfig, b: RunConfig): void {
    this.mustWrite('race');
    if (!this.data) throw new DigitPadError('busy', 'A race needs the MNIST data, which is still loading');
    this.contest = new Race([this.runIds + 1, this.runIds + 2], a, b, this.data, this.kernels ?? undefined);
    this.runIds += 2;
    this.rate = { samples: 0, ms: 0 };
    this.settle();
  }

  stopRace(): void {
    this.contest = null;
    this.settle();
  }

  // --- The shelf: saving, switching, import and export.

  /**
   * The page is hidden: the latest test point is written now (it may be closed any moment). An
   * update is about to reload it: training stops, the current weights are tested and saved.
   */
  checkpoint(reason: SaveReason): Promise<SaveResult> {
    if (this.role !== 'writer') return Promise.resolve({ ok: true }); // the writing tab has it
    return reason === 'update' ? this.stopAndSave(reason) : this.autosave.save(reason);
  }

  /** A model file: the answering model's, or a shelf entry's. */
  async exportModel(id?: string): Promise<Uint8Array> {
    const c = this.current;
    if (id !== undefined && !(c.kind !== 'none' && c.info.id === id)) return (await this.shelf.bytes(id)).slice();
    if (c.kind === 'run') return encodeCheckpoint(checkpointOf(c.run, this.wall(), c.info.name));
    if (c.kind === 'saved') return c.saved.bytes.slice();
    throw new DigitPadError('busy', 'There is no trained model to export yet: MNIST is still loading');
  }

  /** A file becomes a new shelf entry and answers; a bad file throws and the current model stays. */
  async importModel(bytes: unknown, name?: string): Promise<void> {
    this.mustWrite('import a model');
    const cp = decodeCheckpoint(bytes, this.kernels ?? undefined);
    // The name the person sees is the file's; a file without one keeps the name it was saved with.
    const info = this.shelf.newInfo('import', matchLesson(cp.metrics.config), (name ?? cp.metrics.name ?? 'Imported model').slice(0, 80));
    const saved: Restored = { info, cp, bytes: bytes as Uint8Array };
    this.wanted = null;
    if (this.data) this.adopt(info, saved);
    else this.answerWith(saved);
    const result = await this.shelf.save(info, saved.bytes, cp.metrics, 'import');
    if (!result.ok) throw new DigitPadError('storage', `The model answers now, but it could not be saved: ${result.error.message}`);
  }

  /** The entry answers from now on (and trains on, in the writing tab). */
  async useModel(id: string): Promise<void> {
    const c = this.current;
    if (c.kind !== 'none' && c.info.id === id) return;
    const saved = await this.shelf.load(id, this.kernels ?? undefined);
    const paused = this.paused;
    if (this.role === 'writer') {
      await this.stopAndSave('handover');
      await this.shelf.setActive(id);
    }
    this.paused = paused;
    if (this.data && this.role === 'writer') this.adopt(saved.info, saved);
    else this.answerWith(saved);
  }

  async renameModel(id: string, name: string): Promise<void> {
    this.mustWrite('rename models');
    const clean = String(name).trim().slice(0, 80);
    if (!clean) throw new DigitPadError('input', 'A name cannot be empty');
    await this.shelf.rename(id, clean);
    const c = this.current;
    if (c.kind !== 'none' && c.info.id === id) c.info.name = clean;
  }

  /** Deletes an entry; deleting the answering one starts a fresh default model. */
  async deleteModel(id: string): Promise<void> {
    this.mustWrite('delete models');
    const c = this.current;
    const answering = c.kind !== 'none' && c.info.id === id;
    if (answering) this.autosave.stop();
    await this.shelf.delete(id);
    if (!answering) return;
    this.current = { kind: 'none' };
    this.modelVersion++;
    const fresh = defaultConfig(this.randomSeed());
    if (this.data) this.newRun(fresh);
    else this.configure(fresh);
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.shelf.exportQuarantine();
  }

  discardQuarantine(): Promise<void> {
    this.mustWrite('delete the set-aside record');
    return this.shelf.discardQuarantine();
  }

  dismissNotice(): void {
    this.shelf.dismissNotice();
    if (this.run) this.run.notice = null;
  }

  // --- Tabs: one writer at a time (persist/writer-lock.ts).

  private mustWrite(what: string): void {
    if (this.role === 'reader') {
      throw new DigitPadError('busy', `DigitPad is training in another tab; take over here to ${what}.`);
    }
  }

  /** This tab asks to train; the writing tab saves and steps down. */
  async takeOver(): Promise<void> {
    if (this.role === 'writer') return;
    await this.deps.lock.takeOver();
  }

  /** Another tab asked to train: save, stop, let it have the lock. */
  private async handOver(): Promise<void> {
    if (this.role !== 'writer') return;
    const paused = this.paused;
    await this.stopAndSave('handover');
    this.paused = paused;
    this.becomeReader();
    this.deps.lock.release();
  }

  private becomeReader(): void {
    this.role = 'reader';
    this.autosave.stop();
    this.contest = null;
    const c = this.current;
    this.settle();
    // Keep answering with what this tab had, as a saved model, until the writer saves anew.
    if (c.kind === 'run') void this.refresh(true);
  }

  /** The lock came this tab's way: carry on from what the last writer saved. */
  private async becomeWriter(): Promise<void> {
    this.role = 'writer';
    await this.shelf.open(true);
    const saved = await this.shelf.restore(this.kernels ?? undefined, true);
    if (saved) this.answerWith(saved);
    else this.current = { kind: 'none' };
    if (this.started) await this.train().catch(() => {});
  }

  /** A reader re-reads the shelf when the writer saved, and answers with its newest model. */
  private async refresh(force = false): Promise<void> {
    if (this.role !== 'reader') return;
    const wait = this.lastRefresh + REFRESH_MS - this.now();
    if (!force && wait > 0) {
      // Saves come in bursts: one refresh after the burst picks up the last of them.
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = null;
        void this.refresh(true);
      }, wait);
      return;
    }
    this.lastRefresh = this.now();
    await this.shelf.open(false);
    const saved = await this.shelf.restore(this.kernels ?? undefined, false);
    if (saved && this.role === 'reader') this.answerWith(saved);
  }

  /** preprocess() checks the pixels and sizes, whatever crossed the boundary. */
  predict(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Prediction | null {
    let input: Float32Array | null;
    try {
      input = preprocess(rgba, width, height);
    } catch (e) {
      throw new DigitPadError('input', (e as Error).message);
    }
    const c = this.current;
    // Before MNIST has arrived there is no model worth asking (unless one was restored): no
    // guess beats a confident wrong one.
    const net = c.kind === 'run' ? c.run.model : c.kind === 'saved' ? c.saved.cp.model : null;
    if (!input || !net) return null;
    const { probabilities, logits } = net.predict(input);
    return { probabilities, logits, input, modelVersion: this.modelVersion };
  }
}
