// Keeps the training run saved as fast as it learns: every test result is written to the shelf,
// as soon as the previous write allows (a gap of a few times what a write costs, so saving never
// takes more than a small share of the worker), and at once when the page is hidden, paused or
// about to update. Saves happen only at test points — a saved model is always one whose
// accuracy was measured and passed the divergence guard, never weights caught mid-divergence —
// and never during a fine-tuning phase (Run.tuning), which may yet be undone.
import type { SaveReason, SaveResult } from '../api.ts';
import type { Run } from '../train/run.ts';
import { checkpointOf, encodeCheckpoint } from './checkpoint.ts';
import type { EntryInfo, Placement, Shelf } from './shelf.ts';

/** Saving may take at most about 1/WRITE_SHARE of the time… */
const WRITE_SHARE = 5;
/** …with gaps between these bounds: a better result reaches storage within ~2 s at worst. */
const MIN_GAP_MS = 100;
const MAX_GAP_MS = 1500;
/** After a failed write (a full quota, a broken database) the same point is tried again this much later. */
export const RETRY_MS = 10_000;

export class Autosave {
  private run: Run | null = null;
  private info: EntryInfo | null = null;
  /** History points of the run in storage (or that need no storage): reports show up to here. */
  committed = 0;
  /** History points captured by the last save started. */
  private captured = 0;
  private writing = false;
  private notBefore = 0;
  /** A write failed: reports stop waiting for saves until one succeeds. */
  private failing = false;
  /** The person paused the run: it is saved as paused and comes back paused. */
  paused = false;
  /** Whether the last save started was of a paused run (a change is worth a write). */
  private capturedPaused = false;

  constructor(
    private readonly shelf: Shelf,
    private readonly now: () => number,
    private readonly wall: () => number,
    /** Called after each save lands (e.g. to tell other tabs). */
    private readonly onSaved: (ok: boolean) => void = () => {},
    /** Whether the run answers, and the pair it belongs to, at the moment each save is written. */
    private readonly placement: () => Placement = () => ({ answering: true }),
    /** Runs `fn` in `ms`: a point that came within the gap is saved when the gap ends (below). */
    private readonly defer: (fn: () => void, ms: number) => void = (fn, ms) => void setTimeout(fn, ms),
  ) {}

  /** A tick is due once the gap between writes is over. */
  private deferred = false;

  /** A new main run (fresh, restored or imported): everything it has so far is on record. */
  follow(run: Run, info: EntryInfo): void {
    this.run = run;
    this.info = info;
    this.committed = this.captured = run.history.length;
    this.capturedPaused = this.paused;
    this.notBefore = 0;
  }

  /** The same run again after stop() (a delete that failed): what is saved and due stays as it was. */
  resume(run: Run, info: EntryInfo): void {
    this.run = run;
    this.info = info;
  }

  /** Stop saving (this tab is no longer the writer). */
  stop(): void {
    this.run = this.info = null;
  }

  /**
   * Call after each slice: saves a new test result when the gap allows, else once it is over. A
   * run's last test point often comes within the gap after the one before, and no slice follows
   * it: the training loop stops with the run. It used to wait for the page to be hidden; a
   * lesson's finished model could then come back from its second-last point (QA, stop 52).
   */
  tick(): void {
    const run = this.run;
    // A write on its way ticks again when it lands.
    if (!run || this.writing || run.history.length <= this.captured) return;
    const wait = this.notBefore - this.now();
    if (wait > 0) return this.tickIn(wait);
    void this.save(run.finished ? 'converged' : 'evaluation');
  }

  private tickIn(ms: number): void {
    if (this.deferred) return;
    this.deferred = true;
    this.defer(() => {
      this.deferred = false;
      this.tick();
    }, ms);
  }

  /** How many history points a report may show: only what is saved, unless saving fails. */
  shown(run: Run): number {
    if (run !== this.run || this.failing) return run.history.length;
    return this.committed;
  }

  /**
   * Saves the latest test point now (page hidden, pause, update, import); resolves once it is
   * stored. A point already saved or being saved is not written twice.
   */
  save(reason: SaveReason): Promise<SaveResult> {
    const run = this.run;
    // Nothing measured yet: nothing to lose (a run is saved from its first test on). Mid-phase
    // weights are not saved either: the phase may yet be undone (PHASE_COST, train/phase.ts), and a reload
    // runs it again from the model saved before it (the digits changed after that save).
    if (!run || ((run.history.length === 0 || run.tuning) && reason !== 'import')) return Promise.resolve({ ok: true });
    const same = run.history.length <= this.captured && this.paused === this.capturedPaused;
    if (same && reason !== 'import') return this.last;
    return (this.last = this.write(run, this.info!, reason));
  }

  private last: Promise<SaveResult> = Promise.resolve({ ok: true });

  private async write(run: Run, info: EntryInfo, reason: SaveReason): Promise<SaveResult> {
    const upTo = run.history.length;
    const cp = checkpointOf(run, this.wall(), info.name, this.paused);
    let bytes: Uint8Array;
    try {
      bytes = encodeCheckpoint(cp);
    } catch (e) {
      this.failing = true;
      return { ok: false, error: { kind: 'diverged', message: (e as Error).message } };
    }
    this.captured = Math.max(this.captured, upTo);
    this.capturedPaused = this.paused;
    this.writing = true;
    const t0 = this.now();
    const result = await this.shelf.save(info, bytes, cp.metrics, reason, this.placement);
    this.writing = false;
    const cost = this.now() - t0;
    this.notBefore = this.now() + (result.ok ? Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, WRITE_SHARE * cost)) : RETRY_MS);
    this.failing = !result.ok;
    if (result.ok && run === this.run) this.committed = Math.max(this.committed, upTo);
    // Not stored: the point is still to save. A finished run has no later point to carry it,
    // and the person told to free space expects the model to be saved once they have.
    if (!result.ok && run === this.run) this.captured = this.committed;
    this.onSaved(result.ok);
    this.tick(); // a point that came meanwhile, or this one again after a failure
    return result;
  }
}
