// Keeps the one saved model: restores it (discarding anything invalid), saves in order,
// forgets, and describes what happened for the UI. The storage itself is a 3-method interface,
// so tests use a Map and the app uses IndexedDB (./idb-store.ts).

import type { Kernels } from '../nn/kernels.ts';
import { decodeCheckpoint, type Checkpoint } from './checkpoint.ts';

export interface CheckpointStore {
  get(): Promise<unknown>;
  set(bytes: Uint8Array): Promise<void>;
  del(): Promise<void>;
}

export type SaveReason = 'interval' | 'evaluation' | 'pause' | 'hidden' | 'converged' | 'import' | 'update';

/** What the UI shows about the saved model (crosses the worker boundary inside Progress). */
export interface StorageStatus {
  /** Date.now() of the last successful save (or of the restored checkpoint), null when none. */
  savedAt: number | null;
  /** Size of the saved model in bytes (0 when none). */
  bytes: number;
  /** Why the last save happened. */
  reason: SaveReason | 'restored' | null;
  /** Samples seen and test accuracy of the model as saved. */
  samplesSeen: number;
  testAccuracy: number | null;
  /** Last save or delete failed; null once one succeeds. */
  error: string | null;
  /** One-off news for the user, e.g. a corrupt checkpoint was discarded. */
  notice: string | null;
  /** Date.now() when the model was restored at start-up, null when this run started fresh. */
  restoredAt: number | null;
}

export function describeStorageError(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const message = e instanceof Error || e instanceof DOMException ? e.message : String(e);
  if (name === 'QuotaExceededError') {
    return `Could not save the model: the browser's storage quota is full (QuotaExceededError). Free some space or export the model.`;
  }
  return `Could not save the model: ${message || name || 'unknown storage error'}`;
}

interface Pending {
  bytes: Uint8Array | null;
  reason: SaveReason;
  samplesSeen: number;
  testAccuracy: number | null;
}

export class Checkpoints {
  status: StorageStatus = {
    savedAt: null, bytes: 0, reason: null, samplesSeen: 0, testAccuracy: null, error: null, notice: null, restoredAt: null,
  };
  /** Operations run one at a time, in the order asked. */
  private queue: Promise<void> = Promise.resolve();
  /** A save that is queued but not started: later saves replace its bytes instead of queueing. */
  private pending: Pending | null = null;

  constructor(
    private readonly store: CheckpointStore,
    /** Called after every status change. */
    private readonly onChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The saved checkpoint, or null when there is none. Anything invalid is deleted and reported
   * as a notice; a failing store is reported as an error. Never throws.
   */
  async restore(kernels?: Kernels): Promise<Checkpoint | null> {
    let raw: unknown;
    try {
      raw = await this.store.get();
    } catch (e) {
      this.update({ error: `Could not read the saved model: ${(e as Error).message}` });
      return null;
    }
    if (raw === undefined) return null;
    try {
      const cp = decodeCheckpoint(raw, kernels);
      const m = cp.metrics;
      this.update({
        savedAt: m.savedAt, bytes: (raw as Uint8Array).length, reason: 'restored', samplesSeen: m.samplesSeen,
        testAccuracy: m.testAccuracy, restoredAt: this.now(),
      });
      return cp;
    } catch (e) {
      const reason = (e as Error).message.replace(/^Model: /, '');
      this.update({ notice: `Saved model was corrupt and was discarded: ${reason}. Training a fresh one.` });
      await this.forget();
      return null;
    }
  }

  /** Queues a save of encoded checkpoint bytes; resolves once stored (or failed, see status). */
  save(bytes: Uint8Array, reason: SaveReason, samplesSeen: number, testAccuracy: number | null): Promise<void> {
    if (this.pending) {
      Object.assign(this.pending, { bytes, reason, samplesSeen, testAccuracy });
      return this.queue;
    }
    const job: Pending = { bytes, reason, samplesSeen, testAccuracy };
    this.pending = job;
    return this.enqueue(async () => {
      if (this.pending === job) this.pending = null;
      if (!job.bytes) return; // cancelled by forget()
      try {
        await this.store.set(job.bytes);
        this.update({
          savedAt: this.now(), bytes: job.bytes.length, reason: job.reason, samplesSeen: job.samplesSeen,
          testAccuracy: job.testAccuracy, error: null,
        });
      } catch (e) {
        this.update({ error: describeStorageError(e) });
      }
    });
  }

  /** Cancels a queued save and deletes the stored checkpoint. */
  forget(): Promise<void> {
    if (this.pending) {
      this.pending.bytes = null;
      this.pending = null;
    }
    return this.enqueue(async () => {
      try {
        await this.store.del();
        this.update({ savedAt: null, bytes: 0, reason: null, samplesSeen: 0, testAccuracy: null, error: null, restoredAt: null });
      } catch (e) {
        this.update({ error: `Could not delete the saved model: ${(e as Error).message}` });
      }
    });
  }

  /** Waits for every queued operation. */
  flush(): Promise<void> {
    return this.queue;
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(op);
    return this.queue;
  }

  private update(patch: Partial<StorageStatus>): void {
    this.status = { ...this.status, ...patch };
    this.onChange();
  }
}
