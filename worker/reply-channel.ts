// The worker's side of src/lib/worker-link.ts's reply channel: started with a name that carries a
// channel, it answers on that BroadcastChannel; requests still arrive by postMessage.
import type { Endpoint } from 'comlink';
import type { ReplyChannelMark } from './api.ts';

const MARK: ReplyChannelMark = '#replies:';

/** The worker's own name without the channel part. */
export const baseName = (name: string): string => name.split(MARK)[0];

/**
 * Where Comlink listens and answers: `scope` itself, or replies on the channel the name carries.
 * A channel clones and cannot transfer: a reply that moves buffers is cloned (answers are a few KB
 * to a few tens of KB); one that carries a port (a returned Comlink.proxy) goes by `scope`, where
 * the page listens too.
 */
export function repliesFor(name: string, scope: Endpoint): Endpoint & { close(): void } {
  const at = name.indexOf(MARK);
  let channel: BroadcastChannel | null = null;
  try {
    if (at >= 0 && typeof BroadcastChannel === 'function') channel = new BroadcastChannel(name.slice(at + MARK.length));
  } catch {
    // No channel: replies go by `scope` (the page listens there too).
  }
  return {
    postMessage: (message: unknown, transfer: Transferable[] = []) => {
      if (channel && transfer.every((t) => t instanceof ArrayBuffer)) channel.postMessage(message);
      else scope.postMessage(message, transfer);
    },
    addEventListener: (type, listener, options) => scope.addEventListener(type, listener, options),
    removeEventListener: (type, listener, options) => scope.removeEventListener(type, listener, options),
    close: () => channel?.close(),
  };
}
