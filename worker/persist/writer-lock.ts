// One writer per browser: the tab whose worker holds the "digitpad-writer" Web Lock trains and
// saves; other tabs answer drawings from the saved model and queue for the lock, so they take
// over by themselves when the writer's tab closes (the browser frees a dead tab's locks). A
// BroadcastChannel carries "saved" (readers refresh) and "handover" (a reader asks to train:
// the writer saves, steps down and releases the lock).

export type LockMessage = { type: 'saved' } | { type: 'handover' };

export interface WriterLock {
  /**
   * True when this tab is the writer now. Otherwise it queues, and `onGranted` runs once the
   * lock comes its way. `onLost` runs when another tab took the lock by force. `reclaim`: the
   * page restarted its own writing worker, whose lock may outlive it: take it.
   */
  acquire(onGranted: () => void, onLost: () => void, reclaim?: boolean): Promise<boolean>;
  /** Gives the lock up and queues for it again (after a handover). */
  release(): void;
  /** Asks the writer to hand over; resolves once this tab holds the lock (forcing it after a while). */
  takeOver(): Promise<void>;
  post(message: LockMessage): void;
  onMessage(handler: (message: LockMessage) => void): void;
}

const NAME = 'digitpad-writer';
/** A writer that does not hand over within this long (frozen, or busy saving) loses the lock by force. */
const HANDOVER_MS = 5000;
/**
 * On a reload the page's previous worker can hold the lock for a moment after the new page asks
 * for it: waiting this long first keeps a reload from starting as "Training in another tab".
 */
const RELOAD_GRACE_MS = 2000;

/** The browser's Web Locks and BroadcastChannel; one writer everywhere when they are missing. */
export function webLock(): WriterLock {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks || typeof BroadcastChannel === 'undefined') return soleWriter();
  const channel = new BroadcastChannel('digitpad');
  let handler: (m: LockMessage) => void = () => {};
  channel.onmessage = (e) => handler(e.data as LockMessage);
  /** Ends the callback that holds the lock (null while this tab does not hold it). */
  let held: (() => void) | null = null;
  /** The queued request, cancelled when this tab steals the lock instead. */
  let waiting: AbortController | null = null;
  let granted: () => void = () => {};
  let lost: () => void = () => {};

  /** Resolves true once the lock is held (false when ifAvailable and it is taken, or cancelled). */
  function request(options: LockOptions): Promise<boolean> {
    return new Promise((resolve) => {
      let mine: (() => void) | null = null;
      locks!
        .request(NAME, options, (lock) => {
          if (!lock) return resolve(false);
          return new Promise<void>((done) => {
            held = mine = done;
            resolve(true);
          });
        })
        .catch(() => {
          resolve(false);
          // AbortError after it was granted: another tab stole the lock.
          if (mine && held === mine) {
            held = null;
            lost();
            void queue().then((ok) => ok && granted());
          }
        });
    });
  }
  /** Queues for the lock; resolves true once it is held (false at once when held or already queued). */
  function queue(): Promise<boolean> {
    if (held || waiting) return Promise.resolve(false);
    const ac = (waiting = new AbortController());
    return request({ signal: ac.signal }).then((ok) => {
      if (waiting === ac) waiting = null;
      return ok;
    });
  }
  async function steal(): Promise<void> {
    waiting?.abort();
    waiting = null;
    if (await request({ steal: true })) granted();
  }
  return {
    async acquire(onGranted, onLost, reclaim = false) {
      granted = onGranted;
      lost = onLost;
      if (await request(reclaim ? { steal: true } : { ifAvailable: true })) return true;
      // Taken: by another tab, or by this page's previous worker on a reload. Queue, and if the
      // lock comes within the grace period this tab starts as the writer after all.
      let late = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const queued = queue().then((ok) => {
        if (ok && late) granted();
        return ok;
      });
      const grace = new Promise<false>((r) => {
        timer = setTimeout(() => {
          late = true;
          r(false);
        }, RELOAD_GRACE_MS);
      });
      const inTime = await Promise.race([queued, grace]);
      clearTimeout(timer);
      return inTime;
    },
    release() {
      const done = held;
      held = null;
      done?.();
      void queue().then((ok) => ok && granted());
    },
    async takeOver() {
      if (held) return;
      const mine = new Promise<void>((resolve) => {
        const before = granted;
        granted = () => {
          granted = before;
          resolve();
          before();
        };
      });
      channel.postMessage({ type: 'handover' } satisfies LockMessage);
      const timer = setTimeout(() => void steal(), HANDOVER_MS);
      await mine;
      clearTimeout(timer);
    },
    post: (m) => channel.postMessage(m),
    onMessage(h) {
      handler = h;
    },
  };
}

/** No Web Locks (Node, old browsers): this tab is the only writer there is. */
export function soleWriter(): WriterLock {
  return {
    acquire: async () => true,
    release: () => {},
    takeOver: async () => {},
    post: () => {},
    onMessage: () => {},
  };
}
