import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { fillBatch, PIXELS, subset, type MnistSet } from './mnist.ts';

// Image i has every pixel equal to 10*i + 5; label 9 - i.
function tiny(n: number): MnistSet {
  const images = new Uint8Array(n * PIXELS);
  for (let i = 0; i < n; i++) images.fill(10 * i + 5, i * PIXELS, (i + 1) * PIXELS);
  return { images, labels: Uint8Array.from({ length: n }, (_, i) => 9 - i), count: n };
}

describe('fillBatch', () => {
  it('scales pixels to 0..1 in the given order', () => {
    const set = tiny(4);
    const x = new Float32Array(2 * PIXELS);
    const labels = new Uint8Array(2);
    expect(fillBatch(set, [3, 1, 0, 2], 1, 2, x, labels)).toBe(2);
    expect(x[0]).toBe(Math.fround(15 / 255));
    expect(x[PIXELS - 1]).toBe(Math.fround(15 / 255));
    expect(x[PIXELS]).toBe(Math.fround(5 / 255));
    expect([...labels]).toEqual([8, 9]);
  });

  it('maps 0 to 0 and 255 to exactly 1', () => {
    const set: MnistSet = { images: new Uint8Array(PIXELS).fill(255, 0, 1), labels: new Uint8Array(1), count: 1 };
    const x = new Float32Array(PIXELS);
    fillBatch(set, [0], 0, 1, x, new Uint8Array(1));
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(0);
  });

  it('fills a short last batch and leaves the rest alone', () => {
    const set = tiny(5);
    const order = Uint32Array.from([4, 3, 2, 1, 0]);
    const x = new Float32Array(4 * PIXELS).fill(-1);
    const labels = new Uint8Array(4).fill(99);
    expect(fillBatch(set, order, 4, 4, x, labels)).toBe(1);
    expect(x[0]).toBe(Math.fround(5 / 255));
    expect(x[PIXELS]).toBe(-1);
    expect([...labels]).toEqual([9, 99, 99, 99]);
    expect(fillBatch(set, order, 5, 4, x, labels)).toBe(0);
  });

  it('matches the raw bytes on real MNIST', () => {
    const { train } = readMnist();
    const x = new Float32Array(32 * PIXELS);
    const labels = new Uint8Array(32);
    const order = Uint32Array.from({ length: 32 }, (_, i) => 59999 - i);
    expect(fillBatch(train, order, 0, 32, x, labels)).toBe(32);
    for (let j = 0; j < PIXELS; j++) expect(x[j]).toBe(Math.fround(train.images[59999 * PIXELS + j] / 255));
    expect(labels[0]).toBe(train.labels[59999]);
  });

  it('rejects indices outside the set and buffers that are too small', () => {
    const set = tiny(2);
    expect(() => fillBatch(set, [0, 2], 0, 2, new Float32Array(2 * PIXELS), new Uint8Array(2))).toThrow(
      'fillBatch: sample index 2 outside 0..1',
    );
    expect(() => fillBatch(set, [0, 1], 0, 2, new Float32Array(PIXELS), new Uint8Array(2))).toThrow(
      'fillBatch: buffers hold fewer than 2 samples',
    );
  });
});

describe('subset', () => {
  it('shares memory with the full set', () => {
    const set = tiny(5);
    const part = subset(set, 1, 3);
    expect(part.count).toBe(3);
    expect([...part.labels]).toEqual([8, 7, 6]);
    expect(part.images[0]).toBe(15);
    expect(part.images.length).toBe(3 * PIXELS);
    expect(part.images.buffer).toBe(set.images.buffer);
  });

  it('rejects ranges outside the set', () => {
    expect(() => subset(tiny(5), 3, 3)).toThrow('subset: 3..6 outside 0..5');
  });
});
