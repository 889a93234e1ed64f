import type { Role, ShelfEntry, StorageStatus } from '../../../worker/api.ts';

/**
 * The saved model that answers when it is not one of the app's own pair: a lesson, a custom
 * network or an imported file (null while the pair answers, or before the answering model's first save).
 */
export function otherAnswering(status: StorageStatus | null): ShelfEntry | null {
  const active = status?.entries.find((e) => e.id === status.activeId);
  return active && active.kind !== 'default' ? active : null;
}

/**
 * The saved model "Back to" returns to: the app's own model, offered while a lesson, a custom
 * network or an imported file answers, and only in the tab that may switch (the writer). The
 * answering line's button and the shelf's badge both ask this, so they never disagree.
 */
export function backToEntry(status: StorageStatus | null, role: Role | undefined): ShelfEntry | null {
  if (!status || role !== 'writer' || !otherAnswering(status)) return null;
  return status.entries.find((e) => e.id === status.ownId) ?? null;
}
