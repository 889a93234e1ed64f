import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_DIR, readMnist } from '../../scripts/mnist-node.ts';
import { parseIdx, parseMnistPair } from './idx.ts';

/** An IDX file: [0, 0, type, ndims], big-endian dims, then payload (zeros unless given). */
function idx(dims: number[], opts: { type?: number; payload?: ArrayLike<number>; extra?: number } = {}): Uint8Array {
  const size = opts.payload?.length ?? dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + size + (opts.extra ?? 0));
  const view = new DataView(out.buffer);
  out.set([0, 0, opts.type ?? 0x08, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  if (opts.payload) out.set(opts.payload, 4 + 4 * dims.length);
  return out;
}

describe('parseIdx on the real MNIST files', () => {
  const { train, test } = readMnist();

  it('reads 60,000 training and 10,000 test images of 28×28', () => {
    const raw = parseIdx(readFileSync(join(MNIST_DIR, 'train-images-idx3-ubyte')));
    expect(raw.dims).toEqual([60000, 28, 28]);
    expect(parseIdx(readFileSync(join(MNIST_DIR, 't10k-labels-idx1-ubyte'))).dims).toEqual([10000]);
    expect(train.count).toBe(60000);
    expect(train.images.length).toBe(60000 * 784);
    expect(test.count).toBe(10000);
    expect(test.images.length).toBe(10000 * 784);
  });

  it('has the known first training labels', () => {
    expect([...train.labels.subarray(0, 10)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  });

  it('has ink in the middle of the first image and none in the corner', () => {
    const first = train.images.subarray(0, 784);
    expect(first[0]).toBe(0);
    expect(Math.max(...first)).toBe(255);
  });
});

describe('parseIdx', () => {
  it('returns a view into the input, not a copy, even at an offset', () => {
    const inner = idx([2, 3], { payload: [1, 2, 3, 4, 5, 6] });
    const padded = new Uint8Array(inner.length + 5);
    padded.set(inner, 5);
    const { dims, data } = parseIdx(padded.subarray(5));
    expect(dims).toEqual([2, 3]);
    expect([...data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data.buffer).toBe(padded.buffer);
    expect(data.byteOffset).toBe(5 + 12);
  });

  it('rejects input shorter than the magic number', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow('IDX: truncated — expected at least 4 bytes, got 2');
  });

  it('rejects truncated data with the expected length', () => {
    const real = readFileSync(join(MNIST_DIR, 'train-images-idx3-ubyte')).subarray(0, 100);
    expect(() => parseIdx(real)).toThrow('IDX: truncated — expected 47040016 bytes, got 100');
  });

  it('rejects a truncated header', () => {
    expect(() => parseIdx(idx([5, 28, 28]).subarray(0, 10))).toThrow('IDX: truncated header — expected 16 bytes, got 10');
  });

  it('rejects a wrong magic number', () => {
    const bytes = idx([3]);
    bytes[0] = 0x1f;
    bytes[1] = 0x8b;
    expect(() => parseIdx(bytes)).toThrow('IDX: bad magic 0x1F8B0801');
  });

  it('rejects data types other than unsigned bytes', () => {
    expect(() => parseIdx(idx([3], { type: 0x0d }))).toThrow('IDX: unsupported data type 0x0D (only unsigned bytes)');
  });

  it('rejects 0 or more than 3 dimensions', () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0]))).toThrow('IDX: unsupported number of dimensions 0 (expected 1 to 3)');
    expect(() => parseIdx(idx([1, 1, 1, 1]))).toThrow('IDX: unsupported number of dimensions 4 (expected 1 to 3)');
  });

  it('rejects a zero dimension', () => {
    expect(() => parseIdx(idx([4, 0, 28]))).toThrow('IDX: dimension 1 is 0');
  });

  it('rejects trailing bytes', () => {
    expect(() => parseIdx(idx([2, 2], { extra: 3 }))).toThrow('IDX: 3 extra bytes after the data (expected 16 bytes, got 19)');
  });
});

describe('parseMnistPair', () => {
  const images = (n: number) => idx([n, 28, 28]);
  const labels = (values: number[]) => idx([values.length], { payload: values });

  it('pairs images with labels', () => {
    const set = parseMnistPair(images(3), labels([7, 0, 9]));
    expect(set.count).toBe(3);
    expect(set.images.length).toBe(3 * 784);
    expect([...set.labels]).toEqual([7, 0, 9]);
  });

  it('rejects images that are not (n, 28, 28)', () => {
    expect(() => parseMnistPair(idx([2, 28, 27]), labels([1, 2]))).toThrow('MNIST images: expected dims (n, 28, 28), got (2, 28, 27)');
    expect(() => parseMnistPair(idx([784]), labels([1]))).toThrow('MNIST images: expected dims (n, 28, 28), got (784)');
  });

  it('rejects labels that are not one-dimensional', () => {
    expect(() => parseMnistPair(images(2), idx([2, 1]))).toThrow('MNIST labels: expected dims (n), got (2, 1)');
  });

  it('rejects a count mismatch', () => {
    expect(() => parseMnistPair(images(3), labels([1, 2]))).toThrow('MNIST: 3 images but 2 labels');
  });

  it('rejects labels outside 0..9', () => {
    expect(() => parseMnistPair(images(3), labels([1, 10, 2]))).toThrow('MNIST labels: label 10 at index 1 is outside 0..9');
  });

  it('passes on IDX errors from either file', () => {
    expect(() => parseMnistPair(images(2), labels([1, 2]).subarray(0, 9))).toThrow('IDX: truncated — expected 10 bytes, got 9');
  });
});
