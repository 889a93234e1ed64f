// A panel's buttons run one operation at a time (export, import, delete…): busy while it runs,
// then its result line or its error, in words, and what was there stays as it was.
import { tick } from 'svelte';

export class Action {
  busy = $state(false);
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  /**
   * `home`: where the keyboard focus goes when the operation took away the button that had it
   * (a deleted row, a Use button gone once its model answers), rather than to the page.
   */
  constructor(private readonly home: () => HTMLElement | null | undefined = () => null) {}

  /** `op` returns the line to show when it is done (or null); `fail` words its error. */
  async run(op: () => Promise<string | null>, fail: (e: Error) => string): Promise<void> {
    // Buttons are aria-disabled while busy, not disabled (the focus stays on them): ignored here.
    if (this.busy) return;
    const from = document.activeElement;
    this.busy = true;
    this.error = this.done = null;
    try {
      this.done = await op();
    } catch (e) {
      this.error = fail(e as Error);
    } finally {
      this.busy = false;
    }
    await tick();
    // Only when the button that had the focus is gone or disabled and nothing else took it:
    // a person who went on to draw keeps their place.
    const lost = from instanceof HTMLElement && from !== document.body && (!from.isConnected || (from as HTMLButtonElement).disabled);
    if (lost && (document.activeElement === null || document.activeElement === document.body)) this.home()?.focus();
  }

  /** The same, its error as "<what> failed: …". */
  act(what: string, op: () => Promise<string | null>): Promise<void> {
    return this.run(op, (e) => `${what} failed: ${e.message}`);
  }
}

/** For {@attach}: focus the element as it mounts (a field or the safe choice that just opened). */
export const focusNow = (el: HTMLElement) => el.focus();
