// A panel's buttons run one operation at a time (export, import, delete…): busy while it runs,
// then its result line or its error, in words, and what was there stays as it was.

export class Action {
  busy = $state(false);
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  /** `op` returns the line to show when it is done (or null); `fail` words its error. */
  async run(op: () => Promise<string | null>, fail: (e: Error) => string): Promise<void> {
    this.busy = true;
    this.error = this.done = null;
    try {
      this.done = await op();
    } catch (e) {
      this.error = fail(e as Error);
    } finally {
      this.busy = false;
    }
  }

  /** The same, its error as "<what> failed: …". */
  act(what: string, op: () => Promise<string | null>): Promise<void> {
    return this.run(op, (e) => `${what} failed: ${e.message}`);
  }
}
