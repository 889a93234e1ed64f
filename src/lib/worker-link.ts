// One worker and its Comlink proxy, replaceable: terminating it rejects every call still
// pending on it (Comlink never would, its issue #428), so nothing waits forever on a dead worker.
import * as Comlink from 'comlink';

/** A call that was pending on a worker DigitPad replaced (it is retried or dropped, not shown). */
export class WorkerReplaced extends Error {}

export class WorkerLink<T> {
  readonly worker: Worker;
  readonly api: Comlink.Remote<T>;
  #reject!: (e: Error) => void;
  readonly #gone: Promise<never>;

  constructor(name: string, onError: (message: string) => void) {
    this.worker = new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module', name });
    this.api = Comlink.wrap<T>(this.worker);
    this.#gone = new Promise<never>((_, reject) => (this.#reject = reject));
    this.#gone.catch(() => {});
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      onError(e.message ? `it failed: ${e.message}` : 'it failed to load');
    });
  }

  /** A call that also fails (with WorkerReplaced) when the worker is terminated under it. */
  ask<R>(fn: (api: Comlink.Remote<T>) => Promise<R>): Promise<R> {
    return Promise.race([fn(this.api), this.#gone]);
  }

  terminate(why: string): void {
    this.worker.terminate();
    this.#reject(new WorkerReplaced(`The worker was replaced (${why})`));
  }
}
