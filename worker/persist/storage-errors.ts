// Storage failures in words the person can act on: a full quota names a model to delete.
import type { ErrorReport, ShelfEntry } from '../api.ts';

export function describeStorageError(e: unknown, suggestion: ShelfEntry | null): ErrorReport {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const message = e instanceof Error || e instanceof DOMException ? e.message : String(e);
  if (name === 'QuotaExceededError') {
    const what = suggestion
      ? `delete a saved model you no longer need (the oldest is "${suggestion.name}") or free space in the browser`
      : 'free space in the browser (site data of other sites) or export the model to keep it as a file';
    return {
      kind: 'storage',
      message: `Could not save the model: the browser's storage quota is full (QuotaExceededError). To make room, ${what}.`,
    };
  }
  return { kind: 'storage', message: `Could not save the model: ${message || name || 'unknown storage error'}` };
}
