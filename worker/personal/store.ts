// Your digits in IndexedDB, beside the model shelf (same database and object store, through the
// same two-method ShelfStore). They are kept in chunks of up to 100 digits, each chunk one DPYD
// file (file.ts), plus an index: adding a digit rewrites one chunk and the index in one
// transaction, never the whole set. Memory changes only once a write has landed, so what the
// person sees is what is stored. A chunk that fails its checks is set aside (one record holds
// them all), not silently dropped; one written by a newer DigitPad leaves the whole set read-only.

import { DigitPadError, NewerFormatError } from '../errors.ts';
import type { ShelfStore } from '../persist/shelf.ts';
import { Serial } from '../persist/serial.ts';
import { MAX_DIGITS, type YourDigit } from './digit.ts';
import { decodeDigits, encodeDigits } from './file.ts';

export const DIGITS_KEY = 'your-digits';
export const chunkKey = (n: number) => `your-digits:${n}`;
export const DIGITS_ASIDE_KEY = 'your-digits:set-aside';
/** Digits per chunk: one add rewrites at most ~80 KB of pixels (plus strokes). */
export const CHUNK = 100;
/** Damaged chunks kept aside, newest last: a set's worth (MAX_DIGITS / CHUNK), a few MB at most. */
const MAX_ASIDE = 20;

/** What could not be read, kept as it was found (for a person or a later version to look at). */
interface AsideRecord {
  chunks: { bytes: Uint8Array; reason: string; at: number }[];
}

/** The chunks an aside record holds; one of before stop 74 held one chunk, as `{ bytes, reason, at }`. */
function asideChunks(raw: unknown): AsideRecord['chunks'] {
  const r = raw as Partial<AsideRecord> & { bytes?: unknown; reason?: unknown; at?: unknown };
  if (Array.isArray(r?.chunks)) return r.chunks;
  if (r?.bytes instanceof Uint8Array) return [{ bytes: r.bytes, reason: String(r.reason ?? ''), at: Number(r.at) || 0 }];
  return [];
}

interface DigitsIndex {
  version: 1;
  /** Chunk numbers, oldest first. */
  chunks: number[];
  /** The number the next new chunk gets. */
  next: number;
  /** Date.now() of the last add or import (a model saved before it has not learnt everything). */
  changedAt: number;
}

const emptyIndex = (): DigitsIndex => ({ version: 1, chunks: [], next: 0, changedAt: 0 });

function parseIndex(raw: unknown): DigitsIndex | 'newer' | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<DigitsIndex>;
  if (typeof r.version === 'number' && r.version > 1) return 'newer';
  const int = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 2 ** 31;
  if (r.version !== 1 || !Array.isArray(r.chunks) || r.chunks.length > MAX_DIGITS || !int(r.next)) return null;
  if (!Array.from(r.chunks).every((c) => int(c) && c < r.next!) || new Set(r.chunks).size !== r.chunks.length) return null;
  if (!(typeof r.changedAt === 'number' && r.changedAt >= 0 && r.changedAt < 1e14)) return null;
  return { version: 1, chunks: [...r.chunks], next: r.next!, changedAt: r.changedAt };
}

export interface Loaded {
  /** One-off news for the person (a chunk set aside, a newer format), or null. */
  notice: string | null;
  /** Reading failed altogether (the set is empty until it can be read). */
  error: string | null;
}

export class DigitStore {
  private index = emptyIndex();
  /** Each chunk's digits, in the index's order. */
  private chunks = new Map<number, YourDigit[]>();
  private list: YourDigit[] | null = [];
  private readonly queue = new Serial();
  /** Saved by a newer DigitPad: kept as it is, never written. */
  readOnly = false;
  /**
   * No load has succeeded yet (none run, or the last failed): memory holds none of the stored
   * digits, and writing would drop them, so a change reads them first.
   */
  private unread = true;

  constructor(
    private readonly store: ShelfStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every digit, oldest first. */
  get digits(): readonly YourDigit[] {
    return (this.list ??= this.index.chunks.flatMap((c) => this.chunks.get(c) ?? []));
  }

  get changedAt(): number {
    return this.index.changedAt;
  }

  /** Reads the index and every chunk (again, in a tab that does not write). Never throws. */
  load(writable: boolean): Promise<Loaded> {
    return this.queue.run(async () => {
      try {
        const loaded = await this.read(writable);
        this.unread = false;
        return loaded;
      } catch (e) {
        this.reset(emptyIndex(), new Map());
        this.unread = true;
        return { notice: null, error: `Could not read your digits: ${(e as Error).message}` };
      }
    });
  }

  private async read(writable: boolean): Promise<Loaded> {
    const raw = await this.store.get(DIGITS_KEY);
    const index = raw === undefined ? emptyIndex() : parseIndex(raw);
    this.readOnly = index === 'newer';
    if (index === 'newer') {
      this.reset(emptyIndex(), new Map());
      return { notice: 'Your digits were saved by a newer version of DigitPad; this version leaves them as they are.', error: null };
    }
    if (!index) {
      this.reset(emptyIndex(), new Map());
      return { notice: 'The list of your digits was unreadable and was started afresh.', error: null };
    }
    const chunks = new Map<number, YourDigit[]>();
    const ids = new Set<string>();
    const aside: { chunk: number; bytes: unknown; reason: string }[] = [];
    let count = 0;
    for (const c of index.chunks) {
      const bytes = await this.store.get(chunkKey(c));
      try {
        const digits = decodeDigits(bytes).filter((d) => !ids.has(d.id));
        if (digits.length === 0) throw new Error('an empty chunk');
        if (count + digits.length > MAX_DIGITS) throw new Error(`more than ${MAX_DIGITS} digits`);
        digits.forEach((d) => ids.add(d.id));
        count += digits.length;
        chunks.set(c, digits);
      } catch (e) {
        if (e instanceof NewerFormatError) {
          this.readOnly = true;
          this.reset(emptyIndex(), new Map());
          return { notice: 'Your digits were saved by a newer version of DigitPad; this version leaves them as they are.', error: null };
        }
        aside.push({ chunk: c, bytes, reason: (e as Error).message });
      }
    }
    const kept: DigitsIndex = { ...index, chunks: index.chunks.filter((c) => chunks.has(c)) };
    this.reset(kept, chunks);
    if (aside.length === 0) return { notice: null, error: null };
    const [first] = aside;
    if (writable) {
      // Every damaged chunk, after those set aside before (a later load must not write over them):
      // when those cannot be read, the damaged chunks stay where they are, to be set aside later.
      const earlier = await this.store.get(DIGITS_ASIDE_KEY).then(asideChunks, () => null);
      if (earlier) {
        const found = aside.map((a) => ({ bytes: a.bytes instanceof Uint8Array ? a.bytes : new Uint8Array(0), reason: a.reason, at: this.now() }));
        const record: AsideRecord = { chunks: [...earlier, ...found].slice(-MAX_ASIDE) };
        await this.store.write([[DIGITS_ASIDE_KEY, record], [DIGITS_KEY, kept]], aside.map((a) => chunkKey(a.chunk))).catch(() => {});
      }
    }
    return { notice: `Some of your digits could not be read (${first.reason}) and were set aside; the others are kept.`, error: null };
  }

  /** Appends digits (a new one): all of them, or none when there is no room. */
  add(digits: readonly YourDigit[]): Promise<void> {
    return this.queue.run(async () => {
      await this.writable();
      if (this.digits.length + digits.length > MAX_DIGITS) {
        throw new DigitPadError('input', `Your digits can hold ${MAX_DIGITS}; there is room for ${MAX_DIGITS - this.digits.length} more. Delete some (export them first to keep them).`);
      }
      await this.append(digits);
    });
  }

  /** Fills the last chunk, then new ones; one transaction. */
  private async append(digits: readonly YourDigit[]): Promise<void> {
    const index: DigitsIndex = { ...this.index, chunks: [...this.index.chunks], changedAt: this.now() };
    const chunks = new Map(this.chunks);
    let last = index.chunks.at(-1);
    for (const d of digits) {
      if (last === undefined || chunks.get(last)!.length >= CHUNK) {
        last = index.next++;
        index.chunks.push(last);
        chunks.set(last, []);
      }
      chunks.set(last, [...chunks.get(last)!, d]);
    }
    const touched = index.chunks.filter((c) => chunks.get(c) !== this.chunks.get(c));
    await this.write(index, chunks, touched, []);
  }

  /**
   * Adds those of `digits` not stored yet (by id), as many as there is room for: `added`;
   * `already`: how many were stored. Judged against what is stored, read again first if need be
   * (an import after a failed read).
   */
  addNew(digits: readonly YourDigit[]): Promise<{ added: YourDigit[]; already: number }> {
    return this.queue.run(async () => {
      await this.writable();
      const have = new Set(this.digits.map((d) => d.id));
      const unseen = digits.filter((d) => !have.has(d.id));
      const added = unseen.slice(0, MAX_DIGITS - this.digits.length);
      if (added.length) await this.append(added);
      return { added, already: digits.length - unseen.length };
    });
  }

  /** Removes digits by id (unknown ids are ignored). */
  delete(ids: ReadonlySet<string>): Promise<void> {
    return this.queue.run(async () => {
      await this.writable();
      const chunks = new Map(this.chunks);
      const touched: number[] = [];
      const emptied: number[] = [];
      for (const c of this.index.chunks) {
        const before = chunks.get(c)!;
        const after = before.filter((d) => !ids.has(d.id));
        if (after.length === before.length) continue;
        if (after.length) {
          chunks.set(c, after);
          touched.push(c);
        } else {
          chunks.delete(c);
          emptied.push(c);
        }
      }
      const index: DigitsIndex = { ...this.index, chunks: this.index.chunks.filter((c) => chunks.has(c)) };
      await this.write(index, chunks, touched, emptied);
    });
  }

  clear(): Promise<void> {
    return this.queue.run(async () => {
      await this.writable();
      // All of them: what was set aside holds drawings too.
      await this.write({ ...emptyIndex(), next: this.index.next, changedAt: this.index.changedAt }, new Map(), [], this.index.chunks, [DIGITS_ASIDE_KEY]);
    });
  }

  /** Before a change: digits a failed load left unread are read now, or the change is refused. */
  private async writable(): Promise<void> {
    if (this.unread) {
      try {
        await this.read(true);
        this.unread = false;
      } catch (e) {
        throw new DigitPadError('storage', `Could not read your digits, so nothing is written over them: ${(e as Error).message}`, { cause: e });
      }
    }
    if (this.readOnly) throw new DigitPadError('storage', 'Your digits were saved by a newer version of DigitPad; this version cannot change them.');
  }

  private async write(index: DigitsIndex, chunks: Map<number, YourDigit[]>, touched: number[], emptied: number[], alsoDelete: string[] = []): Promise<void> {
    const set: [string, unknown][] = touched.map((c) => [chunkKey(c), encodeDigits(chunks.get(c)!)]);
    try {
      await this.store.write([...set, [DIGITS_KEY, index]], [...emptied.map(chunkKey), ...alsoDelete]);
    } catch (e) {
      throw new DigitPadError('storage', storageMessage(e), { cause: e });
    }
    this.reset(index, chunks);
  }

  private reset(index: DigitsIndex, chunks: Map<number, YourDigit[]>): void {
    this.index = index;
    this.chunks = chunks;
    this.list = null;
  }

}

/** A failed write in words the person can act on; nothing in memory changed. */
function storageMessage(e: unknown): string {
  const name = (e as Error)?.name ?? '';
  if (name === 'QuotaExceededError') {
    return "Could not save your digits: the browser's storage quota is full (QuotaExceededError). Delete a saved model or some of your digits, or free space in the browser.";
  }
  return `Could not save your digits: ${(e as Error)?.message || name || String(e)}`;
}
