// What a live region says. A screen reader speaks every change of its text, so the text changes
// only when a key does (a new reading, a new training state, a new cell picked), not each time
// the figures under it refresh. Once said, the line empties again: a screen reader reading the
// page later would otherwise find a stale line ("first test pending") beside the live figures.
import { untrack } from 'svelte';

/** How long a line stays after it is set: long past its announcement, which is queued at once. */
const SAID_MS = 10_000;

/**
 * Call while a component initialises; `text` is read when `key` changes (given the key before),
 * never tracked.
 */
export function spokenWhen(key: () => string | null, text: (before: string | null) => string): { readonly text: string } {
  let spoken = $state('');
  let last: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  $effect(() => () => clearTimeout(timer));
  $effect(() => {
    const now = key();
    if (now === last) return;
    const before = last;
    last = now;
    clearTimeout(timer);
    const said = now === null ? '' : untrack(() => text(before));
    spoken = said;
    if (said) timer = setTimeout(() => (spoken = ''), SAID_MS);
  });
  return {
    get text() {
      return spoken;
    },
  };
}
