// What a live region says, as Svelte state (the rules are Announcer's, announcer.ts).
import { untrack } from 'svelte';
import { Announcer } from './announcer.ts';

/**
 * Call while a component initialises; `text` is read when `key` changes (given the key before),
 * never tracked. `holdMs`: a revision is said once it has held this long (Announcer).
 */
export function spokenWhen(key: () => string | null, text: (before: string | null) => string, holdMs = 0): { readonly text: string } {
  let spoken = $state('');
  const announcer = new Announcer((line) => (spoken = line), holdMs);
  $effect(() => () => announcer.dispose());
  $effect(() => {
    const now = key();
    untrack(() => announcer.update(now, text));
  });
  return {
    get text() {
      return spoken;
    },
  };
}
