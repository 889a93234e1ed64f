// Web Locks and BroadcastChannel for several sessions in one Node process (tests): one holder,
// a queue in request order, handover on request, messages to every other session.
import type { LockMessage, WriterLock } from '../persist/writer-lock.ts';

interface Member {
  granted: () => void;
  lost: () => void;
  handler: (m: LockMessage) => void;
}

export function lockHub() {
  let holder: Member | null = null;
  const queue: Member[] = [];
  const members: Member[] = [];
  const grantNext = () => {
    if (holder) return;
    holder = queue.shift() ?? null;
    if (holder) queueMicrotask(holder.granted);
  };
  return {
    get holderIndex() {
      return holder ? members.indexOf(holder) : -1;
    },
    /** One session's view of the lock. */
    lock(): WriterLock {
      const me: Member = { granted: () => {}, lost: () => {}, handler: () => {} };
      members.push(me);
      const broadcast = (m: LockMessage) => {
        for (const other of members) if (other !== me) queueMicrotask(() => other.handler(structuredClone(m)));
      };
      return {
        async acquire(onGranted, onLost, reclaim = false) {
          me.granted = onGranted;
          me.lost = onLost;
          if (reclaim && holder) {
            const old = holder;
            holder = null;
            queueMicrotask(old.lost);
          }
          if (!holder) {
            holder = me;
            return true;
          }
          queue.push(me);
          return false;
        },
        release() {
          if (holder === me) holder = null;
          if (!queue.includes(me)) queue.push(me);
          grantNext();
        },
        async takeOver() {
          if (holder === me) return;
          const granted = new Promise<void>((resolve) => {
            const before = me.granted;
            me.granted = () => {
              me.granted = before;
              resolve();
              before();
            };
          });
          // This session goes first when the holder lets go.
          queue.splice(queue.indexOf(me), 1);
          queue.unshift(me);
          broadcast({ type: 'handover' });
          await granted;
        },
        post: broadcast,
        onMessage(h) {
          me.handler = h;
        },
      };
    },
  };
}
