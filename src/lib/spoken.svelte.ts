// What a live region says. A screen reader speaks every change of its text, so the text changes
// only when a key does (a new reading, a new training state, a new cell picked), not each time
// the figures under it refresh. A null key says nothing.
import { untrack } from 'svelte';

/**
 * Call while a component initialises; `text` is read when `key` changes (given the key before),
 * never tracked.
 */
export function spokenWhen(key: () => string | null, text: (before: string | null) => string): { readonly text: string } {
  let spoken = $state('');
  let last: string | null = null;
  $effect(() => {
    const now = key();
    if (now === last) return;
    const before = last;
    last = now;
    spoken = now === null ? '' : untrack(() => text(before));
  });
  return {
    get text() {
      return spoken;
    },
  };
}
