// The saved-models list as the page shows it, from the shelf's status and what this tab does now.
import type { StorageStatus } from '../api.ts';

/**
 * `answering`: the id of the model that answers now (undefined: none held here); `writer`: this
 * tab trains and writes, and `paused` is its state.
 *
 * - The entry marked answering is the model that answers now, or none while that model has no
 *   save yet (a reset or a lesson before its first test). The stored index keeps its own
 *   answering entry, which a reload before that save brings back.
 * - A pause is recorded in the shelf's index at once, its model's file only with the next save
 *   (a tab closed in between): the answering entry says what the writing tab does now.
 */
export function shelfView(status: StorageStatus, answering: string | undefined, writer: boolean, paused: boolean): StorageStatus {
  const activeId = answering === undefined ? status.activeId : status.entries.some((e) => e.id === answering) ? answering : null;
  const stale = writer && activeId !== null && status.entries.some((e) => e.id === activeId && Boolean(e.paused) !== paused);
  if (activeId === status.activeId && !stale) return status;
  const entries = stale ? status.entries.map((e) => (e.id === activeId ? { ...e, paused } : e)) : status.entries;
  return { ...status, activeId, entries };
}
