// The shelf of saved models: one IndexedDB record per run plus an index, written together in one
// transaction, one operation at a time. Restores the answering model (setting aside anything
// that fails its checks), saves, switches, renames, deletes, and keeps storage bounded.
// The store is a two-method interface, so tests use a Map and the app IndexedDB (idb-store.ts).
import type { EntryKind, LessonName, SaveReason, SaveResult, ShelfEntry, StorageStatus } from '../api.ts';
import { DigitPadError, NewerFormatError } from '../errors.ts';
import type { Kernels } from '../nn/kernels.ts';
import { describe } from '../nn/network.ts';
import { readSpec } from '../nn/serialize.ts';
import { decodeCheckpoint, testedAt, type Checkpoint, type CheckpointMetrics } from './checkpoint.ts';
import { bestDefault, bestOfEach, bestOwn, deletable, emptyIndex, isDefaultArchitecture, overflow, parseIndex, RETENTION_RULE, type ShelfIndex } from './shelf-index.ts';
import { describeStorageError } from './storage-errors.ts';
import { Serial } from './serial.ts';

export interface ShelfStore {
  get(key: string): Promise<unknown>;
  /** Sets and deletes keys in one transaction: all of it happens or none. */
  write(set: [string, unknown][], del?: string[]): Promise<void>;
}

export const INDEX_KEY = 'shelf';
export const QUARANTINE_KEY = 'quarantine';
/** The single slot of DigitPad before the shelf; moved onto the shelf on first start. */
export const LEGACY_KEY = 'model';
export const blobKey = (id: string) => `model:${id}`;

/** Who a run is on the shelf. */
export interface EntryInfo {
  id: string;
  kind: EntryKind;
  lesson: LessonName | null;
  name: string;
  createdAt: number;
  /** An import's file (ShelfEntry.source). */
  source?: string;
}

/** Where a saved run stands: answering or not, and the default pair it belongs to (undefined: unchanged). */
export interface Placement {
  answering: boolean;
  pair?: { main: string; companion: string } | null;
}

export interface Restored {
  info: EntryInfo;
  cp: Checkpoint;
  bytes: Uint8Array;
}

interface QuarantineRecord {
  bytes: Uint8Array;
  name: string;
  reason: string;
  at: number;
}

interface Job {
  bytes: Uint8Array;
  metrics: CheckpointMetrics;
  reason: SaveReason;
  /** A function is asked when the write happens: a save queued behind a delete names the pair as it is then. */
  placement: Placement | (() => Placement);
  done?: Promise<SaveResult>;
}

export class Shelf {
  status: StorageStatus = {
    entries: [], activeId: null, companionId: null, bestIds: [], ownId: null, savedAt: null, reason: null, error: null, notice: null,
    restoredAt: null, quarantine: null, rule: RETENTION_RULE,
  };
  private index: ShelfIndex = emptyIndex();
  /**
   * The last open() could not read the list of saved models: this.index is empty, not the
   * stored list, and writing it would drop every saved model. Writes read it again first.
   */
  unread = false;
  private readonly queue = new Serial();
  /** Saves queued but not started, by entry: a newer save replaces the bytes instead of queueing. */
  private pending = new Map<string, Job>();

  constructor(
    private readonly store: ShelfStore,
    private readonly onChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get entries(): readonly ShelfEntry[] {
    return this.index.entries;
  }

  /** The pair member the person wants answering, as stored. */
  get pinned(): string | null {
    return this.index.pinned ?? null;
  }

  /** Whether the person left training paused, as stored; undefined: not recorded (an older index). */
  get paused(): boolean | undefined {
    return this.index.paused;
  }

  entry(id: string): ShelfEntry | undefined {
    return this.index.entries.find((e) => e.id === id);
  }

  /** Reads the index (a reader tab calls it again when the writer saved). Never throws. */
  open(writable: boolean): Promise<void> {
    return this.queue.run(async () => {
      try {
        await this.readIndex();
        const q = (await this.store.get(QUARANTINE_KEY)) as QuarantineRecord | undefined;
        this.status.quarantine = q?.bytes instanceof Uint8Array ? { name: q.name, reason: q.reason, at: q.at, bytes: q.bytes.length } : null;
        if (writable) await this.migrateLegacy();
        this.publish();
      } catch (e) {
        this.unread = true;
        this.update({ error: { kind: 'storage', message: `Could not read the saved models: ${(e as Error).message}` } });
      }
    });
  }

  private async readIndex(): Promise<void> {
    const raw = await this.store.get(INDEX_KEY);
    const index = parseIndex(raw);
    if (raw !== undefined && !index) this.update({ notice: 'The list of saved models was unreadable and was started afresh.' });
    this.index = index ?? emptyIndex();
    if (this.unread) this.update({ error: null });
    this.unread = false;
  }

  /** Before a write: an index open() could not read is read now, or the write is refused. */
  private async mustHaveIndex(): Promise<void> {
    if (!this.unread) return;
    try {
      await this.readIndex();
      this.publish();
    } catch (e) {
      const message = `Could not read the saved models, so nothing is saved over them: ${(e as Error).message}`;
      this.update({ error: { kind: 'storage', message } });
      throw new DigitPadError('storage', message, { cause: e });
    }
  }

  /** The single-slot checkpoint of earlier versions becomes the shelf's first entry. */
  private async migrateLegacy(): Promise<void> {
    const bytes = await this.store.get(LEGACY_KEY);
    if (bytes === undefined) return;
    try {
      const cp = decodeCheckpoint(bytes);
      const info = this.newInfo('default', null, 'Saved model', cp.metrics.savedAt);
      this.index = this.withEntry(info, bytes as Uint8Array, cp.metrics, { answering: true });
      await this.store.write([[blobKey(info.id), bytes], [INDEX_KEY, this.index]], [LEGACY_KEY]);
    } catch (e) {
      await this.setAside(bytes, 'Saved model', e, [LEGACY_KEY]);
    }
  }

  /**
   * The answering model, else the best default one. A record that fails its checks is set
   * aside (quarantine) with a notice, one from a newer DigitPad is left in place, marked.
   */
  restore(kernels: Kernels | undefined, writable: boolean): Promise<Restored | null> {
    return this.queue.run(async () => {
      const tried = new Set<string>();
      for (;;) {
        const pick = [this.index.active, bestDefault(this.index.entries)?.id].find((id) => id && !tried.has(id) && !this.entry(id)?.unreadable);
        if (!pick) return null;
        tried.add(pick);
        try {
          const r = await this.read(pick, kernels);
          if (writable && this.index.active !== pick) await this.persist({ ...this.index, active: pick });
          this.update({ restoredAt: this.now(), reason: 'restored', savedAt: r.cp.metrics.savedAt });
          this.publish();
          return r;
        } catch (e) {
          if (e instanceof DigitPadError && e.kind === 'storage') {
            this.update({ error: { kind: 'storage', message: e.message } });
            return null;
          }
          await this.reject(pick, e, writable);
        }
      }
    });
  }

  /**
   * The answering model (as restore() finds it) and, when it belongs to the default pair, the
   * other model of the pair: both come back after a reload. A pair member that fails its
   * checks is set aside like any record.
   */
  restorePair(kernels: Kernels | undefined, writable: boolean): Promise<{ main: Restored | null; companion: Restored | null }> {
    return this.restore(kernels, writable).then((active) =>
      this.queue.run(async () => {
        const pair = this.index.pair;
        if (!active || !pair || (pair.main !== active.info.id && pair.companion !== active.info.id)) return { main: active, companion: null };
        const otherId = pair.main === active.info.id ? pair.companion : pair.main;
        let other: Restored | null = null;
        // Not saved yet (a fresh member of the pair): the session starts it afresh.
        if (!this.entry(otherId)) return pair.main === active.info.id ? { main: active, companion: null } : { main: null, companion: active };
        try {
          other = await this.read(otherId, kernels);
        } catch (e) {
          if (!(e instanceof DigitPadError && e.kind === 'storage')) await this.reject(otherId, e, writable);
          if (writable) await this.persist({ ...this.index, pair: null }).catch(() => {});
        }
        return pair.main === active.info.id ? { main: active, companion: other } : { main: other, companion: active };
      }),
    );
  }

  /** Which model of the pair the person wants answering (null: whichever tests better). */
  setPinned(id: string | null): Promise<void> {
    return this.change(() => ({ ...this.index, pinned: id }));
  }

  /** Records at once that the person paused or resumed training (a small write: no model bytes). */
  setPaused(paused: boolean): Promise<void> {
    return this.change(() => ({ ...this.index, paused }));
  }

  /** One entry's model (to switch to it); throws a DigitPadError. */
  load(id: string, kernels?: Kernels): Promise<Restored> {
    return this.queue.run(() => this.read(id, kernels));
  }

  /** One entry's stored bytes (export). */
  bytes(id: string): Promise<Uint8Array> {
    return this.queue.run(async () => (await this.read(id, undefined, false)).bytes);
  }

  private async read(id: string, kernels: Kernels | undefined, decode = true): Promise<Restored> {
    const entry = this.entry(id);
    if (!entry) throw new DigitPadError('input', `There is no saved model "${id}"`);
    if (entry.unreadable) throw new DigitPadError('model-file', `"${entry.name}" cannot be used: ${entry.unreadable}`);
    let bytes: unknown;
    try {
      bytes = await this.store.get(blobKey(id));
    } catch (e) {
      throw new DigitPadError('storage', `Could not read "${entry.name}": ${(e as Error).message}`);
    }
    if (!(bytes instanceof Uint8Array)) throw new DigitPadError('model-file', 'the stored record is not a model file');
    const info: EntryInfo = { id, kind: entry.kind, lesson: entry.lesson, name: entry.name, createdAt: entry.createdAt };
    const cp = decode ? decodeCheckpoint(bytes, kernels) : (null as unknown as Checkpoint);
    return { info, cp, bytes };
  }

  /** A record that failed to load: newer ones are marked and kept, anything else set aside. */
  private async reject(id: string, e: unknown, writable: boolean): Promise<void> {
    const entry = this.entry(id)!;
    if (e instanceof NewerFormatError) {
      const entries = this.index.entries.map((x) => (x.id === id ? { ...x, unreadable: e.message } : x));
      this.index = { ...this.index, entries, active: this.index.active === id ? null : this.index.active };
      if (writable) await this.persist(this.index).catch(() => {});
      this.update({ notice: `"${entry.name}" was saved by a newer version of DigitPad and is kept as it is; this version cannot use it.` });
      this.publish();
      return;
    }
    const bytes = await this.store.get(blobKey(id)).catch(() => undefined);
    if (!writable) {
      this.index = { ...this.index, entries: this.index.entries.filter((x) => x.id !== id) };
      return;
    }
    this.index = { ...this.index, entries: this.index.entries.filter((x) => x.id !== id), active: this.index.active === id ? null : this.index.active };
    await this.setAside(bytes, entry.name, e, [blobKey(id)]);
  }

  private async setAside(bytes: unknown, name: string, e: unknown, del: string[]): Promise<void> {
    const reason = (e as Error).message;
    const record: QuarantineRecord = { bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(0), name, reason, at: this.now() };
    try {
      await this.store.write([[QUARANTINE_KEY, record], [INDEX_KEY, this.index]], del);
      this.status.quarantine = { name, reason, at: record.at, bytes: record.bytes.length };
    } catch (err) {
      this.update({ error: describeStorageError(err, null) });
    }
    this.update({ notice: `The saved model "${name}" could not be loaded (${reason}). It was set aside: export it or delete it below.` });
    this.publish();
  }

  /**
   * Saves a run's bytes under its entry (created on first save) and, by default, makes it the
   * answering one; the retention rule drops what it no longer keeps, in the same transaction.
   */
  save(info: EntryInfo, bytes: Uint8Array, metrics: CheckpointMetrics, reason: SaveReason, placement: Job['placement'] = { answering: true }): Promise<SaveResult> {
    const queued = this.pending.get(info.id);
    if (queued?.done) {
      Object.assign(queued, { bytes, metrics, reason, placement });
      return queued.done;
    }
    const job: Job = { bytes, metrics, reason, placement };
    this.pending.set(info.id, job);
    return (job.done = this.queue.run(async (): Promise<SaveResult> => {
      this.pending.delete(info.id);
      try {
        await this.mustHaveIndex();
      } catch {
        return { ok: false, error: this.status.error! };
      }
      const next = this.withEntry(info, job.bytes, job.metrics, typeof job.placement === 'function' ? job.placement() : job.placement);
      const dropped = overflow(next);
      const kept = { ...next, entries: next.entries.filter((e) => !dropped.includes(e)) };
      try {
        await this.store.write([[blobKey(info.id), job.bytes], [INDEX_KEY, kept]], dropped.map((e) => blobKey(e.id)));
      } catch (e) {
        const error = describeStorageError(e, deletable(next));
        this.update({ error });
        return { ok: false, error };
      }
      this.index = kept;
      this.update({ savedAt: this.now(), reason: job.reason, error: null });
      this.publish();
      return { ok: true };
    }));
  }

  private withEntry(info: EntryInfo, bytes: Uint8Array, m: CheckpointMetrics, placement: Placement): ShelfIndex {
    // The file's own architecture: a model from before the "not a digit" output has ten classes.
    const spec = readSpec(bytes);
    const existing = this.entry(info.id), source = info.source ?? existing?.source;
    const entry: ShelfEntry = {
      id: info.id, name: existing?.name ?? info.name, kind: info.kind, lesson: info.lesson, model: describe(spec),
      defaultArchitecture: isDefaultArchitecture(m.config),
      testAccuracy: m.testAccuracy, testedAt: testedAt(m), samplesSeen: m.samplesSeen, converged: m.converged, paused: m.paused === true,
      createdAt: info.createdAt, savedAt: this.now(), bytes: bytes.length,
      ...(source === undefined ? {} : { source }),
    };
    const entries = this.index.entries.filter((e) => e.id !== info.id).concat(entry);
    const pair = placement.pair === undefined ? this.index.pair : placement.pair;
    return { ...this.index, active: placement.answering ? info.id : this.index.active, pair, entries };
  }

  /**
   * Makes an entry the answering one (after the session switched to it), with the pair it now
   * belongs to and the pin if given, in one write.
   */
  setActive(id: string, pair?: ShelfIndex['pair'], pinned?: string | null): Promise<void> {
    // Queued behind a delete of that entry (it answered for the delete's moment): the index must not name it.
    return this.change(() => (this.index.entries.some((e) => e.id === id)
      ? { ...this.index, active: id, ...(pair === undefined ? {} : { pair }), ...(pinned === undefined ? {} : { pinned }) }
      : this.index));
  }

  rename(id: string, name: string): Promise<void> {
    return this.change(() => ({ ...this.index, entries: this.index.entries.map((e) => (e.id === id ? { ...e, name } : e)) }));
  }

  /**
   * Deletes an entry; `pairAfter` is the pair it leaves (a fresh member in its place), else none.
   * The answering one deleted, the other member of its pair answers (a tab reading the index
   * meanwhile would otherwise fall back to the best default model); `unpin`: the pin goes too.
   */
  delete(id: string, pairAfter: ShelfIndex['pair'] = null, unpin = false): Promise<void> {
    return this.change(() => {
      const i = this.index;
      const inPair = i.pair && (i.pair.main === id || i.pair.companion === id);
      const other = inPair ? (i.pair!.main === id ? i.pair!.companion : i.pair!.main) : null;
      const next = i.active !== id ? i.active : other && this.entry(other) ? other : null;
      const pinned = unpin || i.pinned === id ? null : i.pinned;
      return { ...i, entries: i.entries.filter((e) => e.id !== id), active: next, pair: inPair ? pairAfter : i.pair, pinned };
    }, [blobKey(id)]);
  }

  exportQuarantine(): Promise<Uint8Array> {
    return this.queue.run(async () => {
      const q = (await this.store.get(QUARANTINE_KEY)) as QuarantineRecord | undefined;
      if (!q?.bytes) throw new DigitPadError('input', 'Nothing was set aside');
      return q.bytes;
    });
  }

  discardQuarantine(): Promise<void> {
    return this.queue.run(async () => {
      await this.write([], [QUARANTINE_KEY]);
      this.status.quarantine = null;
      this.publish();
    });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  /** Waits for every queued operation. */
  flush(): Promise<void> {
    return this.queue.idle();
  }

  newInfo(kind: EntryKind, lesson: LessonName | null, name: string, createdAt = this.now()): EntryInfo {
    const id = `${createdAt.toString(36)}-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
    return { id, kind, lesson, name, createdAt };
  }

  private change(next: () => ShelfIndex, del: string[] = []): Promise<void> {
    return this.queue.run(async () => {
      await this.mustHaveIndex();
      const index = next();
      await this.write([[INDEX_KEY, index]], del);
      this.index = index;
      this.publish();
    });
  }

  private async persist(index: ShelfIndex): Promise<void> {
    await this.write([[INDEX_KEY, index]]);
    this.index = index;
  }

  /** A write that reports failure in the status and rethrows it as a StorageError. */
  private async write(set: [string, unknown][], del: string[] = []): Promise<void> {
    try {
      await this.store.write(set, del);
      if (this.status.error) this.update({ error: null });
    } catch (e) {
      const error = describeStorageError(e, deletable(this.index));
      this.update({ error });
      throw new DigitPadError('storage', error.message, { cause: e });
    }
  }

  private publish(): void {
    const i = this.index;
    const companionId = i.pair ? (i.pair.main === i.active ? i.pair.companion : i.pair.main) : null;
    this.update({ entries: i.entries, activeId: i.active, companionId, bestIds: bestOfEach(i.entries), ownId: bestOwn(i.entries)?.id ?? null });
  }


  private update(patch: Partial<StorageStatus>): void {
    this.status = { ...this.status, ...patch };
    this.onChange();
  }
}
