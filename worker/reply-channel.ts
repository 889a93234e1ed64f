// The worker's side of src/lib/worker-link.ts's reply channel: started with a name that carries a
// channel, it answers on that BroadcastChannel; requests still arrive by postMessage.
import type { Endpoint } from 'comlink';
import type { ReplyChannelMark } from './api.ts';

const MARK: ReplyChannelMark = '#replies:';

/** The worker's own name without the channel part. */
export const baseName = (name: string): string => name.split(MARK)[0];

/** Where Comlink listens and answers: `scope` itself, or replies on the channel the name carries. */
export function repliesFor(name: string, scope: Endpoint): Endpoint {
  const at = name.indexOf(MARK);
  if (at < 0 || typeof BroadcastChannel !== 'function') return scope;
  const channel = new BroadcastChannel(name.slice(at + MARK.length));
  return {
    // Cloned, not transferred: a channel cannot move buffers (answers are a few KB).
    postMessage: (message: unknown) => channel.postMessage(message),
    addEventListener: (type, listener, options) => scope.addEventListener(type, listener, options),
    removeEventListener: (type, listener, options) => scope.removeEventListener(type, listener, options),
  };
}
