import type { Kernels } from '../nn/kernels.ts';

// MNIST in memory: raw bytes as shipped, scaled to 0..1 only when a batch is filled.
// Keeping Uint8Array (55 MB) instead of Float32Array (220 MB) matters in a browser tab.

export const PIXELS = 28 * 28;

export interface MnistSet {
  /** count × 784 bytes, 0 = background, 255 = ink, row-major 28×28 per image. */
  images: Uint8Array;
  /** count digits, 0..9. */
  labels: Uint8Array;
  count: number;
}

// v/255 for every byte value: one lookup per pixel instead of a division.
const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * Copies samples order[start..start+size) into x (size × 784, pixels scaled to 0..1) and labels.
 * Returns how many it filled: fewer than size at the end of order. Entries of x and labels
 * past that count are left as they were.
 * With `kernels` and `staging` (≥ size × 784 bytes, in the kernels' memory), the raw bytes are
 * gathered there with memcpy-speed set() and scaled by one SIMD kernel call, not per pixel.
 */
export function fillBatch(
  set: MnistSet,
  order: Uint32Array | number[],
  start: number,
  size: number,
  x: Float32Array,
  labels: Uint8Array,
  kernels?: Kernels,
  staging?: Uint8Array,
): number {
  const n = Math.max(0, Math.min(size, order.length - start));
  if (x.length < n * PIXELS || labels.length < n) {
    throw new RangeError(`fillBatch: buffers hold fewer than ${n} samples`);
  }
  if (staging && staging.length < n * PIXELS) throw new RangeError(`fillBatch: staging holds fewer than ${n} samples`);
  const { images } = set;
  for (let i = 0; i < n; i++) {
    const s = order[start + i];
    if (!(s >= 0 && s < set.count)) throw new RangeError(`fillBatch: sample index ${s} outside 0..${set.count - 1}`);
    const src = s * PIXELS;
    if (kernels && staging) staging.set(images.subarray(src, src + PIXELS), i * PIXELS);
    else {
      const dst = i * PIXELS;
      for (let j = 0; j < PIXELS; j++) x[dst + j] = SCALE[images[src + j]];
    }
    labels[i] = set.labels[s];
  }
  if (kernels && staging) kernels.unitFromBytes(x, staging, n * PIXELS);
  return n;
}

/** Samples from..from+count of set, sharing its memory (no copy). */
export function subset(set: MnistSet, from: number, count: number): MnistSet {
  if (!(from >= 0 && count >= 0 && from + count <= set.count)) {
    throw new RangeError(`subset: ${from}..${from + count} outside 0..${set.count}`);
  }
  return {
    images: set.images.subarray(from * PIXELS, (from + count) * PIXELS),
    labels: set.labels.subarray(from, from + count),
    count,
  };
}
