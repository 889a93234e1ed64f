// The shelf's table of contents: which models are saved, which one answers, and the rule that
// keeps storage bounded. Pure: the shelf reads and writes it with the blobs, in one transaction.
import type { RunConfig, ShelfEntry } from '../api.ts';
import { describe } from '../nn/network.ts';
import { defaultConfig, presetFor } from '../train/run-config.ts';

export interface ShelfIndex {
  version: 1;
  /** The entry whose model answers (and trains, in the writing tab). */
  active: string | null;
  /**
   * The default set-up's two models: the quick MLP (main) and the convolutional network that
   * trains once the MLP is a quarter through (companion); whichever tests better answers. Both
   * come back after a reload. A member not saved yet is missing from the entries.
   */
  pair?: { main: string; companion: string } | null;
  /** The person chose which model of the pair answers. */
  pinned?: string | null;
  /**
   * The person paused training (or resumed it): written the moment they do, before the pause's
   * test and save, so a reload right after still comes back paused. Absent in indexes written
   * before it was recorded: then the answering model's own file says.
   */
  paused?: boolean;
  entries: ShelfEntry[];
}

/** Besides the answering model, the best default models and the best own one, this many recent runs are kept. */
export const KEEP_RECENT = 4;
export const RETENTION_RULE =
  `DigitPad keeps the models that answer and train now, your best dense network and your best convolutional ` +
  `network (marked "Best"), the app's own model that "Back to" returns to, and the ${KEEP_RECENT} most recently ` +
  `saved other runs; when a new run is saved, ` +
  'older ones beyond that are removed. Export a run to keep it for good.';

export const emptyIndex = (): ShelfIndex => ({ version: 1, active: null, pair: null, pinned: null, entries: [] });

const better = (a: ShelfEntry, b: ShelfEntry | null) =>
  !b || a.testAccuracy! > b.testAccuracy! || (a.testAccuracy === b.testAccuracy && a.savedAt > b.savedAt);

/** The best-testing entry that `keep` accepts (ties: the more recent), or null. */
function bestWhere(entries: readonly ShelfEntry[], keep: (e: ShelfEntry) => boolean): ShelfEntry | null {
  let best: ShelfEntry | null = null;
  for (const e of entries) if (!e.unreadable && e.testAccuracy !== null && keep(e) && better(e, best)) best = e;
  return best;
}

/** The best default-architecture entry, or null; of one architecture if given. */
export const bestDefault = (entries: readonly ShelfEntry[], model?: string): ShelfEntry | null =>
  bestWhere(entries, (e) => e.defaultArchitecture && (!model || e.model === model));

/** The best of the app's own models (dense or convolutional; not a lesson of the same shape): where "back" goes. */
export const bestOwn = (entries: readonly ShelfEntry[]): ShelfEntry | null => bestWhere(entries, (e) => e.kind === 'default');

/** The best-testing entry of each default architecture (the dense and the convolutional network). */
export function bestOfEach(entries: readonly ShelfEntry[]): string[] {
  const models = new Set(entries.filter((e) => e.defaultArchitecture).map((e) => e.model));
  return [...models].flatMap((m) => bestDefault(entries, m)?.id ?? []);
}

/**
 * What the retention rule never drops: answering, the pair, the pin, the best of each default
 * architecture, and the best own model, where "Back to" goes (a lesson of the same shape may test
 * better than it, and a few runs later it was gone, and with it the way back).
 */
function kept(index: ShelfIndex): Set<string | null | undefined> {
  return new Set([index.active, index.pair?.main, index.pair?.companion, index.pinned, ...bestOfEach(index.entries), bestOwn(index.entries)?.id]);
}

/** Entries the retention rule drops: none of the kept ones, and not among the recent few. */
export function overflow(index: ShelfIndex): ShelfEntry[] {
  const keep = kept(index);
  const others = index.entries.filter((e) => !keep.has(e.id)).sort((a, b) => b.savedAt - a.savedAt);
  return others.slice(KEEP_RECENT);
}

/** A name to suggest deleting when storage is full: the oldest entry the rule does not protect. */
export function deletable(index: ShelfIndex): ShelfEntry | null {
  const keep = kept(index);
  const others = index.entries.filter((e) => !keep.has(e.id)).sort((a, b) => a.savedAt - b.savedAt);
  return others[0] ?? null;
}

/**
 * Until stop 54 the app's dense network was "Default model" on the shelf and "Dense network" in the
 * training panel; a shelf saved then reads with the panel's name (a name the person chose stays).
 */
const OLD_NAME = /^Default model( \d+)?$/;
const renamed = (e: ShelfEntry): ShelfEntry =>
  e.kind === 'default' && OLD_NAME.test(e.name) ? { ...e, name: e.name.replace('Default model', 'Dense network') } : e;

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
      (e.testAccuracy === null || (isNum(e.testAccuracy) && e.testAccuracy <= 1)) && (e.testedAt === undefined || isNum(e.testedAt)) &&
      (e.source === undefined || isStr(e.source)),
  );
  if (!ok) return null;
  const has = (id: unknown) => typeof id === 'string' && r.entries!.some((e) => e.id === id);
  const active = has(r.active) ? r.active! : null;
  // One member may be yet to save (a fresh dense network beside the convolutional one kept): it
  // trains afresh after a reload.
  const pair = r.pair && isStr(r.pair.main) && isStr(r.pair.companion) && (has(r.pair.main) || has(r.pair.companion))
    ? { main: r.pair.main, companion: r.pair.companion } : null;
  const pinned = has(r.pinned) ? r.pinned! : null;
  return { version: 1, active, pair, pinned, ...(typeof r.paused === 'boolean' ? { paused: r.paused } : {}), entries: r.entries.map(renamed) };
}

/** Same architecture as the app's default network or its default convolutional network. */
export function isDefaultArchitecture(config: RunConfig): boolean {
  const model = describe(presetFor(config).spec);
  return model === describe(presetFor(defaultConfig(0)).spec) || model === describe(presetFor(defaultConfig(0, 'cnn')).spec);
}
