// The shelf's table of contents: which models are saved, which one answers, and the rule that
// keeps storage bounded. Pure: the shelf reads and writes it with the blobs, in one transaction.
import type { ShelfEntry } from '../api.ts';

export interface ShelfIndex {
  version: 1;
  /** The entry whose model answers (and trains, in the writing tab). */
  active: string | null;
  entries: ShelfEntry[];
}

/** Besides the answering model and the best default model, this many recent runs are kept. */
export const KEEP_RECENT = 4;
export const RETENTION_RULE =
  `DigitPad keeps the model that answers, your best default model, and the ${KEEP_RECENT} most recently ` +
  'saved other runs; when a new run is saved, older ones beyond that are removed. Export a run to keep it for good.';

export const emptyIndex = (): ShelfIndex => ({ version: 1, active: null, entries: [] });

/** The best default-architecture entry (ties: the more recent), or null. */
export function bestDefault(entries: readonly ShelfEntry[]): ShelfEntry | null {
  let best: ShelfEntry | null = null;
  for (const e of entries) {
    if (!e.defaultArchitecture || e.unreadable || e.testAccuracy === null) continue;
    if (!best || e.testAccuracy > best.testAccuracy! || (e.testAccuracy === best.testAccuracy && e.savedAt > best.savedAt)) best = e;
  }
  return best;
}

/** Entries the retention rule drops: not answering, not the best default, not among the recent few. */
export function overflow(index: ShelfIndex): ShelfEntry[] {
  const keep = new Set([index.active, bestDefault(index.entries)?.id]);
  const others = index.entries.filter((e) => !keep.has(e.id)).sort((a, b) => b.savedAt - a.savedAt);
  return others.slice(KEEP_RECENT);
}

/** A name to suggest deleting when storage is full: the oldest entry the rule does not protect. */
export function deletable(index: ShelfIndex): ShelfEntry | null {
  const keep = new Set([index.active, bestDefault(index.entries)?.id]);
  const others = index.entries.filter((e) => !keep.has(e.id)).sort((a, b) => a.savedAt - b.savedAt);
  return others[0] ?? null;
}

const isStr = (x: unknown, max = 200) => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const MAX_ENTRIES = 64;

/** The stored index if it is one we wrote, else null (the caller starts a fresh one). */
export function parseIndex(raw: unknown): ShelfIndex | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<ShelfIndex>;
  if (r.version !== 1 || !Array.isArray(r.entries) || r.entries.length > MAX_ENTRIES) return null;
  if (!(r.active === null || isStr(r.active))) return null;
  const ok = r.entries.every(
    (e) =>
      typeof e === 'object' && e !== null && isStr(e.id) && isStr(e.name) && isStr(e.model) && isStr(e.kind) &&
      isNum(e.samplesSeen) && isNum(e.savedAt) && isNum(e.createdAt) && isNum(e.bytes) &&
      (e.testAccuracy === null || (isNum(e.testAccuracy) && e.testAccuracy <= 1)),
  );
  if (!ok) return null;
  const active = r.entries.some((e) => e.id === r.active) ? r.active! : null;
  return { version: 1, active, entries: r.entries };
}
