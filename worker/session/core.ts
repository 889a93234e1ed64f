// The session's engine: the models it holds (slots), the background loop that trains them, and
// the reports. worker/session.ts adds what a person can do to them. At most two slots: the main
// model, and — for the default set-up — the convolutional network that trains once the quick
// MLP is a quarter through its schedule (the MLP finishes after it) and answers as soon as it
// tests better (unless the person pinned one).
import type {
  ErrorReport, Progress, ProgressCallback, Role, RunConfig, SaveReason, SaveResult, TrainState, YourDigitsStatus,
} from '../api.ts';
import { DigitPadError } from '../errors.ts';
import { tsKernels, type Kernels } from '../nn/kernels.ts';
import { Autosave } from '../persist/autosave.ts';
import { Shelf, type EntryInfo, type Placement, type Restored } from '../persist/shelf.ts';
import { entryFor } from '../session-entries.ts';
import { defaultConfig } from '../train/run-config.ts';
import type { Race } from '../train/race.ts';
import { Run, type RunData } from '../train/run.ts';
import { YourDigits } from '../personal/your-digits.ts';
import { yieldViaChannel, type SessionDeps } from './deps.ts';
import { GiveWay, GIVE_WAY_REST_MS } from './give-way.ts';
import { Slot } from './slot.ts';
import { Snapshots, type SendSnapshot } from './snapshots.ts';
import { Throughputs } from './throughput.ts';
import { answeringOf, cnnFollows, readyForCnn, trainingOf } from './pair.ts';
import { noticeOf, reportOf } from './report.ts';
import { shelfView } from './shelf-view.ts';

/** Work per slice: the loop yields to messages (pause, saves, API calls) this often. */
export const SLICE_MS = 8;
const REPORT_MS = 250;
/** How often a correction not read right yet is read again: "Now read as" is timed to this. */
const TRACK_MS = 50;

/** A configuration chosen before MNIST arrived, and whether the lessons panel chose it. */
interface Wanted {
  config: RunConfig;
  fromLessons: boolean;
}

/** A dense network to train beside the pair's convolutional one, and its shelf entry. */
export interface FreshDense {
  config: RunConfig;
  info: EntryInfo;
}

export abstract class SessionCore {
  protected data: RunData | null = null;
  protected dataLoading: Promise<RunData> | null = null;
  protected kernels: Kernels | null = null;
  /** The model the person chose (or the default one), and the CNN that follows it. */
  protected main: Slot | null = null;
  protected companion: Slot | null = null;
  /** The pair member the person wants answering; null: whichever tests better. */
  protected pinned: string | null = null;
  /** A configuration chosen before MNIST arrived: it wins over a restored model. */
  protected wanted: Wanted | null = null;
  protected config: RunConfig;
  protected contest: Race | null = null;
  protected runIds = 0;
  protected state: TrainState = 'loading';
  protected role: Role = 'starting';
  protected error: ErrorReport | null = null;
  protected modelVersion = 0;
  protected started = false;
  protected paused = false;
  private onProgress: ProgressCallback | null = null;
  private looping = false;
  private readonly idle: (() => void)[] = [];
  private lastReport = 0;
  private trackedAt = -Infinity;
  private lastNotice: string | null = null;
  private answeringId: string | null = null;
  private readonly snapshots = new Snapshots();
  /** Samples/s for the panel, a figure for each run or race (throughput.ts). */
  private readonly speeds = new Throughputs<Race | Run>();
  private stepsSinceVersion = 0;
  protected readonly now: () => number;
  protected readonly wall: () => number;
  protected readonly randomSeed: () => number;
  private readonly yield$: () => Promise<void>;
  private readonly rest: (ms: number) => Promise<void>;
  private readonly way: GiveWay;
  readonly shelf: Shelf;
  /** The person's labelled drawings: stored beside the shelf, learnt by every run held here. */
  readonly yours: YourDigits;

  constructor(protected readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.wall = deps.wall ?? Date.now;
    this.randomSeed = deps.seed ?? (() => (Math.random() * 2 ** 32) >>> 0);
    this.yield$ = deps.yieldToMessages ?? yieldViaChannel;
    this.rest = deps.rest ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.way = new GiveWay(this.now);
    this.config = defaultConfig(this.randomSeed());
    this.shelf = new Shelf(deps.store, () => this.report(true), this.wall);
    this.yours = new YourDigits(deps.store, { wall: this.wall, now: this.now, seed: this.randomSeed() });
  }

  /**
   * The pair's fresh dense network, named in the stored pair before MNIST has loaded (after a
   * delete or a "Back to" the CNN): train() starts it under that entry.
   */
  protected freshDense: FreshDense | null = null;
  /**
   * Models are being handed over (ModelsSession.switchTo; a count: switches may overlap). Reports
   * say 'switching', not the 'paused' the handover's test and save run under.
   */
  protected switching = 0;

  /** Another tab took the lock by force, or this tab handed it over. */
  protected abstract becomeReader(): void;
  /** The lock came this tab's way. */
  protected abstract becomeWriter(): Promise<void>;

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
    await this.restoreSaved();
    if (this.role === 'reader') return this.settle();
    await this.train();
  }

  /** The saved models answer (a pair comes back together); an import or configuration made meanwhile wins. */
  protected async restoreSaved(replace = false, digits = true): Promise<void> {
    const writable = this.role === 'writer';
    await this.shelf.open(writable);
    if (digits) await this.yours.open(writable);
    const { main, companion } = await this.shelf.restorePair(this.kernels ?? undefined, writable);
    if (!replace && (this.main || this.wanted)) return;
    // A pin names a member of the pair, or none (an index written before the pin was cleared with it).
    this.pinned = [main, companion].some((r) => r?.info.id === this.shelf.pinned) ? this.shelf.pinned : null;
    this.main = main ? this.slot(main.info, { kind: 'saved', saved: main }) : null;
    this.companion = companion ? this.slot(companion.info, { kind: 'saved', saved: companion }) : null;
    // Only the pair's CNN: the dense network to come is a default one (not the lesson shown before).
    this.config = this.main ? structuredClone(this.main.config) : this.companion ? defaultConfig(this.randomSeed()) : this.config;
    this.freshDense = null;
    this.modelVersion++;
    this.report(true);
  }

  /** Loads MNIST (once) and turns the saved models into training runs (or starts a fresh one). */
  protected async train(): Promise<void> {
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
    if (this.startWanted()) return;
    // The saved models could not be read at start: once more (MNIST took seconds) before a
    // fresh run stands in for them and answers; a configuration chosen meanwhile wins.
    if (!this.main && this.shelf.unread) await this.restoreSaved(false, false);
    if (this.startWanted()) return;
    for (const s of [this.main, this.companion]) if (s?.state.kind === 'saved') this.adopt(s, s.state.saved);
    // The pair's dense network was deleted, or not saved yet: a fresh one trains beside the other.
    if (!this.main && this.companion) return this.newDenseBeside(this.freshDense ?? undefined);
    if (!this.main) return this.newRun(this.config);
    this.settle();
  }

  /** Starts the configuration chosen before MNIST arrived, if one was; true: it did. */
  private startWanted(): boolean {
    const w = this.wanted;
    if (w) this.newRun(w.config, w.fromLessons);
    return w !== null;
  }

  protected slot(info: EntryInfo, state: Slot['state']): Slot {
    const autosave: Autosave = new Autosave(
      this.shelf, this.now, this.wall,
      (ok) => {
        if (ok) this.deps.lock.post({ type: 'saved' });
        this.report(true); // the test result it saved may be shown now
      },
      (): Placement => this.placement(slot),
    );
    const slot: Slot = new Slot(info, state, autosave);
    autosave.paused = this.paused;
    if (state.kind === 'run') autosave.follow(state.run, info);
    if (state.kind === 'run') this.yours.attach(state.run); // a fresh run: the digits ride in its batches
    return slot;
  }

  private placement(slot: Slot): Placement {
    // A switch stored its choice before the held models' handover saves: those leave it alone.
    if (this.switching > 0) return { answering: false };
    // The pair's CNN without its dense network yet leaves the stored pair as it is (it names the fresh one).
    const pair = !this.main ? undefined : this.companion ? { main: this.main.id, companion: this.companion.id } : null;
    return { answering: this.answering === slot, pair: slot === this.main || slot === this.companion ? pair : undefined };
  }

  /** A saved model becomes a training run and carries on from where it was saved. */
  protected adopt(slot: Slot, saved: Restored): void {
    const { cp } = saved;
    const run = new Run(++this.runIds, structuredClone(cp.metrics.config), this.data!, { net: cp.net, model: cp.model, averages: cp.averages });
    run.resume(cp.metrics);
    // The person's last pause or resume, as recorded the moment they made it; else (an index from
    // before it was) as the answering model was saved.
    if ((this.shelf.paused ?? cp.metrics.paused) && (slot === this.main || !this.main)) this.paused = true;
    slot.state = { kind: 'run', run };
    slot.autosave.paused = this.paused;
    slot.autosave.follow(run, slot.info);
    // Saved before your digits last changed, or with a phase still due: it has not learnt them all
    // (a phase, after its schedule).
    this.yours.attach(run, cp.metrics.phaseDue ? -Infinity : cp.metrics.savedAt);
    this.modelVersion++;
  }

  /**
   * A fresh main run of `config` under a new shelf entry; the entries before it stay on the shelf.
   * `fromLessons`: never one of the app's own models (session-entries.ts entryFor).
   */
  protected newRun(config: RunConfig, fromLessons = false): void {
    this.wanted = null;
    this.config = structuredClone(config);
    for (const s of [this.main, this.companion]) s?.autosave.stop();
    const run = new Run(++this.runIds, this.config, this.data!, { kernels: this.kernels! });
    this.main = this.slot(entryFor(this.shelf, this.config, this.wall(), fromLessons), { kind: 'run', run });
    this.companion = null;
    this.freshDense = null;
    this.pinned = null;
    this.error = null;
    this.modelVersion++;
    this.settle();
  }

  /**
   * A fresh dense network of the default pair beside the convolutional one it keeps: the pair's
   * dense network was deleted (or came back unsaved after a reload), and the convolutional one
   * carries on training (as a deleted convolutional network is followed by a fresh one beside the
   * dense network it leaves).
   */
  protected newDenseBeside({ config, info }: FreshDense = this.freshDenseEntry()): void {
    this.freshDense = null;
    this.config = config;
    const run = new Run(++this.runIds, this.config, this.data!, { kernels: this.kernels! });
    this.main = this.slot(info, { kind: 'run', run });
    this.modelVersion++;
    this.settle();
  }

  /** A default dense network's settings and shelf entry, to train beside the convolutional one. */
  protected freshDenseEntry(): FreshDense {
    const config = defaultConfig(this.randomSeed());
    return { config, info: entryFor(this.shelf, config, this.wall()) };
  }

  /** The model that answers: the pinned one, else the pair member that tests better. */
  protected get answering(): Slot | null {
    return answeringOf(this.main, this.companion, this.pinned);
  }

  /** Your digits' status: "learning" only while the run that would learn them trains. */
  protected digitsStatus(): YourDigitsStatus {
    return this.yours.status(this.paused, (run) => run === this.training?.run);
  }

  /** The slot the loop trains (pair.ts trainingOf). */
  private get training(): Slot | null {
    return trainingOf(this.main, this.companion, this.answering, (run) => this.yours.fresh(run));
  }

  /**
   * The default dense network is ready for its convolutional companion (pair.ts readyForCnn): it
   * trains next, under an entry of its own. Lessons, custom networks and imports get no companion.
   */
  private followWithCnn(): boolean {
    const m = this.main, run = m?.run;
    if (this.companion || !run || !cnnFollows(m) || !readyForCnn(run)) return false;
    const config = defaultConfig(m!.config.seed, 'cnn');
    const cnn = new Run(++this.runIds, config, this.data!, { kernels: this.kernels! });
    this.companion = this.slot(entryFor(this.shelf, config, this.wall()), { kind: 'run', run: cnn });
    return true;
  }

  /** The race under way, if one is: while it runs, the loop trains its contenders, not the slots. */
  private get racing(): Race | null {
    return this.contest && !this.contest.done ? this.contest : null;
  }

  /** What the loop trains now, a race or one run: the panel's samples/s is its figure. */
  private get trainingWork(): Race | Run | null {
    return this.racing ?? this.training?.run ?? null;
  }

  /** Puts state in line with what there is to do, and keeps the loop running while there is. */
  protected settle(): void {
    if (this.role === 'writer' && this.data) this.followWithCnn();
    this.yours.keep(this.slots().map((s) => s.run)); // runs no longer held stop learning them
    const run = this.main?.run;
    if (this.role !== 'writer' || !run) this.state = this.data || this.role === 'reader' ? 'paused' : 'loading';
    // A run the divergence guard halted pauses training (its notice says so), whichever it is.
    else if (this.paused || this.slots().some((s) => s.run?.halted)) this.state = 'paused';
    else if (this.racing || this.training) this.state = 'training';
    else {
      this.state = run.failed ? 'error' : 'converged';
      this.error = run.failed ? { kind: 'internal', message: run.message ?? 'Training failed' } : null;
    }
    if (this.state === 'training' || this.testing()) void this.loop();
    this.report(true);
  }

  /** Paused with a test of the current weights still running (it finishes before the save). */
  private testing(): boolean {
    return this.state === 'paused' && this.role === 'writer' && this.slots().some((s) => s.run?.evaluating);
  }

  protected slots(): Slot[] {
    return [this.main, this.companion].filter((s): s is Slot => s !== null);
  }

  /** The background loop; at most one runs (a quick pause→resume must not start a second). */
  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.state === 'training' || this.testing()) {
        // A person drawing gets both cores: the page, the inference worker and the compositor
        // answer the pen. Resting half the time instead left the answers' p95 ~45 % higher (README).
        if (this.way.active) {
          await this.rest(GIVE_WAY_REST_MS);
          continue;
        }
        if (this.state === 'training') this.slice();
        else this.testSlice();
        for (const s of this.slots()) s.autosave.tick();
        this.report(false);
        await this.yield$();
      }
    } finally {
      this.looping = false;
      for (const done of this.idle.splice(0)) done();
    }
  }

  /** The person is drawing for up to `ms` more (0: has stopped): training rests between slices. */
  giveWay(ms: number): void {
    this.way.hint(ms);
  }

  /** Resolves once the loop has stopped (at once when it is not running). */
  protected whenIdle(): Promise<void> {
    return this.looping ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  private testSlice(): void {
    const t0 = this.now();
    for (const s of this.slots()) while (s.run?.evaluating && this.now() - t0 < SLICE_MS) s.run.work();
  }

  /** Saves each run's latest test point now: one no slice may come to save (a finished run went back). */
  protected saveTestedNow(): void {
    for (const s of this.slots()) if (s.run) void s.autosave.save(s.run.finished ? 'converged' : 'evaluation');
  }

  /** Stops training, tests the weights as they are now and saves them with their accuracy. */
  protected async stopAndSave(reason: SaveReason): Promise<SaveResult> {
    this.paused = true;
    for (const s of this.slots()) s.run?.testNow();
    this.settle();
    await this.whenIdle();
    // The paused bars may read a correction right that the last slice had no turn to check.
    const answering = this.answering?.model;
    if (answering) this.yours.track(answering);
    const results = await Promise.all(this.slots().map((s) => s.autosave.save(reason)));
    return results.find((r) => !r.ok) ?? { ok: true };
  }

  private slice(): void {
    const t0 = this.now();
    const race = this.racing;
    const slot = this.training;
    // During a race the contenders take turns, one unit of work each, so neither gets ahead.
    const runs = race ? race.runs : slot?.run ? [slot.run] : [];
    const speed = race ? this.speeds.of(race) : slot?.run ? this.speeds.of(slot.run) : null;
    let switched = false;
    while (runs.length > 0 && this.now() - t0 < SLICE_MS) {
      for (const run of runs) {
        const s0 = this.now(), rewrites = run.rewrites;
        const n = run.work();
        if (n > 0) speed?.add(n, this.now() - s0);
        // New weights, by a step or put back (a phase undone, a rollback): the bars ask again.
        if ((n > 0 || run.rewrites !== rewrites) && !race && slot === this.answering) this.stepsSinceVersion++;
      }
      // The dense network gives way right after the test readyForCnn waits for, not a step later.
      if (race ? race.check() : !slot?.trainable || (slot === this.main && (switched = this.followWithCnn()))) break;
    }
    // Only a model that trains can come to read a correction; the bars' reading (five views for
    // the closer look) costs 1–2 ms on the convolutional network.
    if (!race && slot && slot === this.answering && this.now() - this.trackedAt >= TRACK_MS) {
      this.trackedAt = this.now();
      this.yours.track(slot.model);
    }
    if (race ? race.done : !slot?.trainable || switched) this.settle();
  }

  protected report(force: boolean): void {
    const now = this.now();
    // A new notice (a divergence rolled back) is reported at once: a second one within the same
    // 250 ms would otherwise replace it unseen.
    const notice = noticeOf(this.answering, this.main, this.companion);
    if (notice !== this.lastNotice) {
      this.lastNotice = notice;
      force = true;
    }
    if (!force && now - this.lastReport < REPORT_MS) return;
    this.lastReport = now;
    // Weights change every step; re-predicting a few times a second is plenty for the bars.
    if (this.stepsSinceVersion > 0) {
      this.modelVersion++;
      this.stepsSinceVersion = 0;
    }
    this.noticeAnswering();
    this.publishModel();
    if (!this.onProgress) return;
    // What trains now: the slice that handed the training over measured the model before it.
    const work = this.trainingWork;
    this.onProgress(
      reportOf(this, {
        state: this.switching > 0 && this.state === 'paused' ? 'switching' : this.state, role: this.role, backend: this.kernels?.name ?? 'typescript',
        writerPaused: this.role === 'reader' && this.shelf.paused === true,
        samplesPerSec: work ? this.speeds.of(work).take() : 0, modelVersion: this.modelVersion, error: this.error,
        yourDigits: this.digitsStatus(),
      }) satisfies Progress,
    );
  }

  /** The pair's better model (or the pinned one) answers: the bars switch, the shelf marks it. */
  private noticeAnswering(): void {
    const a = this.answering;
    if (!a || a.id === this.answeringId) return;
    const first = this.answeringId === null;
    this.answeringId = a.id;
    this.modelVersion++;
    if (!first && this.role === 'writer' && this.shelf.entry(a.id)) void this.shelf.setActive(a.id).catch(() => {});
  }

  /** Snapshots of the answering model go to `send` from now on, starting with the current one. */
  connectInference(send: SendSnapshot): void {
    this.snapshots.connect(send);
    this.publishModel();
  }

  private publishModel(): void {
    this.snapshots.publish(this.modelVersion, this.answering?.model ?? null, this.yours.habits);
  }

  /** What reports read (report.ts): the slots, the pin and the configuration. */
  get view() {
    return {
      main: this.main, companion: this.companion, companionDue: this.companion === null && cnnFollows(this.main), answering: this.answering,
      training: this.training, pinned: this.pinned, config: this.config, contest: this.contest,
      storage: shelfView(this.shelf.status, this.answering?.id, this.role === 'writer', this.paused),
    };
  }
}
