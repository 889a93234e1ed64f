import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { baseName, repliesFor } from './reply-channel.ts';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

describe('reply channel', () => {
  it('a plain name keeps the worker scope; a name with a channel keeps its base name', () => {
    const scope = {} as Comlink.Endpoint;
    expect(repliesFor('digitpad-inference', scope)).toBe(scope);
    expect(baseName('digitpad-inference#replies:abc123')).toBe('digitpad-inference');
    expect(baseName('digitpad-inference')).toBe('digitpad-inference');
  });

  it('requests arrive on the scope and the answers, Float32Arrays and all, come back on the named channel only', async () => {
    // The page's side: requests by the port (a worker's postMessage), replies on the channel.
    const { port1: page, port2: scope } = new MessageChannel();
    const replies = new BroadcastChannel('test-replies-1');
    const elsewhere = new BroadcastChannel('test-replies-2');
    opened.push(page, scope, replies, elsewhere);
    let strays = 0;
    elsewhere.onmessage = () => strays++;
    const api = { answer: (xs: number[]) => ({ probabilities: Float32Array.from(xs, (x) => x / 2) }) };
    const workerSide = repliesFor('digitpad-inference#replies:test-replies-1', scope as unknown as Comlink.Endpoint);
    Comlink.expose(api, workerSide);
    const remote = Comlink.wrap<typeof api>({
      postMessage: (m: unknown, t?: Transferable[]) => page.postMessage(m, t as never),
      addEventListener: (type: string, l: EventListenerOrEventListenerObject) => replies.addEventListener(type, l),
      removeEventListener: (type: string, l: EventListenerOrEventListenerObject) => replies.removeEventListener(type, l),
    });
    // Nothing answers on the port itself: a reply there would mean the channel was not used.
    let onPort = 0;
    page.on('message', () => onPort++);
    const r = await remote.answer([1, 2, 3]);
    expect(r.probabilities).toBeInstanceOf(Float32Array);
    expect(Array.from(r.probabilities)).toEqual([0.5, 1, 1.5]);
    expect(onPort).toBe(0);
    expect(strays).toBe(0);
    remote[Comlink.releaseProxy]();
  });
});
