import type { Role, ShelfEntry, StorageStatus } from '../../../worker/api.ts';

/**
 * The saved model "Back to" returns to: the app's own model, offered while a lesson, a custom
 * network or an imported file answers, and only in the tab that may switch (the writer). The
 * answering line's button and the shelf's badge both ask this, so they never disagree.
 */
export function backToEntry(status: StorageStatus | null, role: Role | undefined): ShelfEntry | null {
  if (!status || role !== 'writer') return null;
  const active = status.entries.find((e) => e.id === status.activeId);
  if (!active || active.kind === 'default') return null;
  return status.entries.find((e) => e.id === status.ownId) ?? null;
}
