// One storage operation at a time, in the order asked: a read-modify-write of the shelf's list or
// of your digits never interleaves with another, and a failed one does not stop the next.
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op, op);
    this.tail = run.catch(() => {});
    return run;
  }

  /** Waits for every operation asked so far. */
  idle(): Promise<void> {
    return this.tail.then(() => {});
  }
}
