// One worker and its Comlink proxy, replaceable: terminating it rejects every call still
// pending on it (Comlink never would, its issue #428), so nothing waits forever on a dead worker.
import * as Comlink from 'comlink';
import type { ReplyChannelMark } from '../../worker/api.ts';

const REPLY_CHANNEL_MARK: ReplyChannelMark = '#replies:';

/**
 * Replies on a BroadcastChannel of the link's own as well as by the worker's postMessage
 * (requests go by postMessage); Comlink takes the first and ignores the other. After a pen-down
 * (discrete input) Chromium's scheduler defers posted-message tasks on the page until that
 * input's frame is presented: a worker's answer to the stroke's first movement, ready 1–2 ms
 * after it was asked, sat in the queue 6–10 ms with the page idle, and came too late for the
 * next frame. It does not defer channel messages (today; e2e (d) prints the first answer's
 * figure). Otherwise the postMessage comes first, ~0.7 ms sooner (worker/reply-channel.ts). A
 * worker without a channel, or a reply that must move a port, answers by postMessage alone.
 */
function replyChannel(worker: Worker, channel: BroadcastChannel): Comlink.Endpoint {
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => worker.postMessage(message, transfer ?? []),
    addEventListener: (type, listener, options) => {
      channel.addEventListener(type, listener, options);
      worker.addEventListener(type, listener, options);
    },
    removeEventListener: (type, listener, options) => {
      channel.removeEventListener(type, listener, options);
      worker.removeEventListener(type, listener, options);
    },
  };
}

/** A channel no other tab's has (a channel reaches every same-origin context of its name), or none. */
function openChannel(): BroadcastChannel | null {
  try {
    return new BroadcastChannel(Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join(''));
  } catch {
    return null; // no BroadcastChannel here: replies come by postMessage
  }
}

/** A call that was pending on a worker DigitPad replaced (it is retried or dropped, not shown). */
export class WorkerReplaced extends Error {}

/** Why, when a worker's script never ran (an error event without a message): offline, or not served. */
export const LOAD_FAILED = 'it failed to load';

export class WorkerLink<T> {
  readonly worker: Worker;
  readonly api: Comlink.Remote<T>;
  #reject!: (e: Error) => void;
  readonly #gone: Promise<never>;
  readonly #channel: BroadcastChannel | null;

  /** `replies`: 'channel' to take answers on a BroadcastChannel (see replyChannel), where there is one. */
  constructor(name: string, onError: (message: string) => void, replies: 'message' | 'channel' = 'message') {
    this.#channel = replies === 'channel' ? openChannel() : null;
    // The worker learns its channel from its name (worker/reply-channel.ts).
    const named = this.#channel === null ? name : `${name}${REPLY_CHANNEL_MARK}${this.#channel.name}`;
    this.worker = new Worker(new URL('../../worker/index.ts', import.meta.url), { type: 'module', name: named });
    this.api = Comlink.wrap<T>(this.#channel ? replyChannel(this.worker, this.#channel) : this.worker);
    this.#gone = new Promise<never>((_, reject) => (this.#reject = reject));
    this.#gone.catch(() => {});
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      onError(e.message ? `it failed: ${e.message}` : LOAD_FAILED);
    });
  }

  /** A call that also fails (with WorkerReplaced) when the worker is terminated under it. */
  ask<R>(fn: (api: Comlink.Remote<T>) => Promise<R>): Promise<R> {
    return Promise.race([fn(this.api), this.#gone]);
  }

  terminate(why: string): void {
    this.worker.terminate();
    this.#channel?.close();
    this.#reject(new WorkerReplaced(`The worker was replaced (${why})`));
  }
}
