import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { baseName, repliesFor } from './reply-channel.ts';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

describe('reply channel', () => {
  it('a plain name keeps the worker scope; a name with a channel keeps its base name', () => {
    const sent: unknown[] = [];
    const scope = { postMessage: (m: unknown) => sent.push(m), addEventListener() {}, removeEventListener() {} } as Comlink.Endpoint;
    repliesFor('digitpad-inference', scope).postMessage('by the scope');
    expect(sent).toEqual(['by the scope']);
    expect(baseName('digitpad-inference#replies:abc123')).toBe('digitpad-inference');
    expect(baseName('digitpad-inference')).toBe('digitpad-inference');
  });

  it('requests arrive on the scope and each answer, Float32Arrays and all, comes back on the named channel and the scope; the first to arrive answers', async () => {
    // The page's side: requests by the port (a worker's postMessage), replies on the channel and
    // the port, one Comlink listener on both (src/lib/worker-link.ts).
    const { port1: page, port2: scope } = new MessageChannel();
    const replies = new BroadcastChannel('test-replies-1');
    const elsewhere = new BroadcastChannel('test-replies-2');
    opened.push(page, scope, replies, elsewhere);
    let strays = 0;
    elsewhere.onmessage = () => strays++;
    // As the inference API answers: its arrays marked to be moved (a channel copies them instead).
    let calls = 0;
    const api = {
      answer: (xs: number[]) => {
        calls++;
        const probabilities = Float32Array.from(xs, (x) => x / 2);
        return Comlink.transfer({ probabilities }, [probabilities.buffer]);
      },
      fail: () => {
        throw new Error('wrong-sized pixel array');
      },
    };
    const workerSide = repliesFor('digitpad-inference#replies:test-replies-1', scope as unknown as Comlink.Endpoint);
    opened.push(workerSide);
    Comlink.expose(api, workerSide);
    const heard = { channel: 0, port: 0 };
    const remote = Comlink.wrap<typeof api>({
      postMessage: (m: unknown, t?: Transferable[]) => page.postMessage(m, t as never),
      addEventListener: (type: string, l: EventListenerOrEventListenerObject) => {
        // Comlink reads only `data` off an event.
        const call = (data: unknown) => {
          const e = { data } as unknown as Event;
          return typeof l === 'function' ? l(e) : l.handleEvent(e);
        };
        replies.addEventListener(type, (e) => (heard.channel++, call((e as MessageEvent).data)));
        page.on(type, (data: unknown) => (heard.port++, call(data)));
      },
      removeEventListener: () => {},
    });
    const r = await remote.answer([1, 2, 3]);
    expect(r.probabilities).toBeInstanceOf(Float32Array);
    expect(Array.from(r.probabilities)).toEqual([0.5, 1, 1.5]);
    // The second copy of a reply changes nothing: the next call gets its own answer.
    expect(Array.from((await remote.answer([4])).probabilities)).toEqual([2]);
    await expect(remote.fail()).rejects.toThrow('wrong-sized pixel array');
    await expect.poll(() => heard).toEqual({ channel: 3, port: 3 });
    expect(calls).toBe(2);
    expect(strays).toBe(0);
    remote[Comlink.releaseProxy]();
  });

  it('a reply that must move a port goes by the scope alone', async () => {
    const { port1: page, port2: scope } = new MessageChannel();
    const replies = new BroadcastChannel('test-replies-3');
    opened.push(page, scope, replies);
    const workerSide = repliesFor('digitpad-inference#replies:test-replies-3', scope as unknown as Comlink.Endpoint);
    opened.push(workerSide);
    const { port1: other } = new MessageChannel();
    opened.push(other);
    const onChannel = new Promise((r) => (replies.onmessage = (e) => r(e.data)));
    const onPortToo = new Promise((r) => page.once('message', r));
    workerSide.postMessage({ id: 'a' }, [new ArrayBuffer(8)]);
    expect(await onChannel).toEqual({ id: 'a' });
    expect(await onPortToo).toEqual({ id: 'a' });
    const onChannelAfter: unknown[] = [];
    const cameAfter = new Promise((r) => (replies.onmessage = (e) => (onChannelAfter.push(e.data), r(e.data))));
    const onPort = new Promise((r) => page.once('message', r));
    workerSide.postMessage({ id: 'b', port: other }, [other as unknown as Transferable]);
    workerSide.postMessage({ id: 'c' }, []);
    // The buffer's reply came both ways; the port's only by the scope (a channel cannot move it):
    // the channel's next message, in order, is the one after it.
    expect(((await onPort) as { id: string }).id).toBe('b');
    expect(await cameAfter).toEqual({ id: 'c' });
    expect(onChannelAfter).toEqual([{ id: 'c' }]);
  });
});
