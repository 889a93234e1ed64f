// What a session needs from outside — data, kernels, storage, the writer lock, clocks and the way
// it waits — so a whole session runs in Node tests with fakes.
import type { Kernels } from '../nn/kernels.ts';
import type { ShelfStore } from '../persist/shelf.ts';
import type { WriterLock } from '../persist/writer-lock.ts';
import type { RunData } from '../train/run.ts';

/** Everything the session needs from outside, so a whole session runs in Node tests. */
export interface SessionDeps {
  loadData(): Promise<RunData>;
  loadKernels(): Promise<Kernels>;
  store: ShelfStore;
  lock: WriterLock;
  /** Monotonic milliseconds (performance.now). */
  now?: () => number;
  /** Wall-clock milliseconds (Date.now), for "saved at". */
  wall?: () => number;
  seed?: () => number;
  /** Lets queued messages (pause, API calls) run between slices. */
  yieldToMessages?: () => Promise<void>;
  /** Leaves the CPU to others for ms (a timer; not a busy wait). */
  rest?: (ms: number) => Promise<void>;
}

/** Lets queued messages run: a MessageChannel round trip, without setTimeout's clamping. */
export function yieldViaChannel(): Promise<void> {
  const ch = new MessageChannel();
  return new Promise((resolve) => {
    ch.port1.onmessage = () => {
      // Closed, or a started port pair with a listener may outlive its use (~125 a second).
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
