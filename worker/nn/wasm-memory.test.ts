// The one WASM memory: it can never grow (growth would detach every tensor view), blocks are
// recycled, a full memory degrades to staged copies instead of breaking, and training an
// epoch allocates nothing in it after the first batch.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { preset } from '../train/presets.ts';
import { Trainer } from '../train/trainer.ts';
import { loadKernels } from './backend.ts';
import { tsKernels } from './kernels.ts';
import { Network } from './network.ts';
import { WasmHeap } from './wasm/heap.ts';
import type { WasmKernels } from './wasm/wasm-kernels.ts';

const wasm = async (memoryMiB?: number) => (await loadKernels({ backend: 'wasm', memoryMiB })) as WasmKernels;

describe('WASM memory', () => {
  it('cannot grow, so views handed out earlier can never be detached', async () => {
    const k = await wasm(4);
    const first = k.alloc(1000);
    first.fill(3);
    const bytes = k.heap.buffer.byteLength;
    expect(() => k.heap.memory.grow(1)).toThrow(RangeError);
    // Fill the memory and then some: the overflow lands outside, the memory stays as it was.
    const many = Array.from({ length: 40 }, () => k.alloc(32 * 1024));
    expect(k.heap.foreignAllocs).toBeGreaterThan(0);
    expect(k.heap.memory.buffer).toBe(k.heap.buffer);
    expect(k.heap.buffer.byteLength).toBe(bytes);
    expect(first.length).toBe(1000);
    expect(first.every((v) => v === 3)).toBe(true);
    expect(many.filter((a) => a.buffer === k.heap.buffer).length).toBeGreaterThan(20);
  });

  it('tensors that did not fit still compute correctly (staged through the memory)', async () => {
    const k = await wasm(1);
    while (k.heap.reserve(4096) >= 0); // nothing left but the staging block
    const a = k.alloc(6), b = k.alloc(6), bias = k.alloc(2), out = k.alloc(6);
    expect(a.buffer).not.toBe(k.heap.buffer);
    a.set([1, 0, 2, 0, 3, 4]);
    b.set([1, 2, 3, 4, 5, 6]);
    bias.set([0.5, -0.5]);
    k.matmul(out, a, b, bias, 3, 2, 2); // (3×2)·(2×2)
    const ref = new Float32Array(6);
    tsKernels.matmul(ref, a, b, bias, 3, 2, 2);
    expect(out).toEqual(ref);
  });

  it('a call that cannot be staged runs on the TypeScript kernels and stays right', async () => {
    const k = await wasm(1); // the 1 MiB staging block is all there is
    const big = Float32Array.from({ length: 300_000 }, (_, i) => (i % 7) - 3); // 1.2 MB outside
    expect(k.sumSquares(big, big.length)).toBe(tsKernels.sumSquares(big, big.length));
    expect(k.fallbacks).toBe(1);
    const small = Float32Array.from([3, 4]);
    expect(k.sumSquares(small, 2)).toBe(25);
    expect(k.fallbacks).toBe(1);
  });

  it('a model built while old ones still fill the memory trains like the TypeScript one', async () => {
    // Wide enough that neither the second net nor its transposed-matrix scratch fits in 8 MiB.
    const k = await wasm(8);
    const spec = { inputs: 784, hidden: [512, 512], activation: 'relu' as const, classes: 10 };
    const opt = preset('default').optimizer;
    const keep = new Network(spec, opt, 1, k); // still referenced: its blocks stay taken
    const net = new Network(spec, opt, 2, k);
    const ref = new Network(spec, opt, 2, tsKernels);
    const x = Float32Array.from({ length: 64 * 784 }, (_, i) => ((i * 7919) % 13 === 0 ? 0.8 : 0));
    const y = Uint8Array.from({ length: 64 }, (_, i) => i % 10);
    for (let s = 0; s < 3; s++) {
      const a = net.trainBatch(x, y, 64).loss;
      const b = ref.trainBatch(x, y, 64).loss;
      expect(a).toBeCloseTo(b, 4);
    }
    expect(k.heap.foreignAllocs).toBeGreaterThan(0);
    expect(k.fallbacks).toBeGreaterThan(0);
    expect(keep.layers.length).toBe(3);
  });

  it('recycles released blocks and merges free neighbours', () => {
    const heap = new WasmHeap(1 << 20);
    const cap = heap.capacity;
    const a = heap.reserve(1000), b = heap.reserve(1000), c = heap.reserve(1000);
    expect(b - a).toBe(1024); // 64-byte aligned
    expect(a % 64).toBe(0);
    heap.release(b);
    expect(heap.reserve(500)).toBe(b); // first fit: the hole
    heap.release(a);
    heap.release(b);
    heap.release(c);
    expect(heap.bytesInUse).toBe(0);
    expect(heap.reserve(cap)).toBe(a); // one block again: everything merged
    expect(heap.reserve(1)).toBe(-1);
  });

  it('a new model reuses the memory of one that was garbage-collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // Room for three default models; ten are made one after the other, each dropped at once.
    const k = await wasm(16);
    const spec = preset('default');
    for (let i = 0; i < 10; i++) {
      new Network(spec.spec, spec.optimizer, i, k); // ~3.8 MB of tensors
      gc();
      for (let t = 0; t < 3; t++) await new Promise((r) => setTimeout(r, 0)); // finalizers run in a later task
    }
    expect(k.heap.foreignAllocs).toBe(0);
    expect(k.heap.peakBytes).toBeLessThan(16 * 2 ** 20);
  });

  it('one epoch of training allocates nothing in the memory after the first batch', async () => {
    const k = await wasm();
    const p = preset('mlp-128');
    p.epochs = 1;
    const net = new Network(p.spec, p.optimizer, 1, k);
    const trainer = new Trainer(net, p, readMnist().train);
    trainer.step();
    const inUse = k.heap.bytesInUse, peak = k.heap.peakBytes;
    const w = net.layers[0].w;
    while (!trainer.done) trainer.step();
    expect(k.heap.bytesInUse).toBe(inUse);
    expect(k.heap.peakBytes).toBe(peak);
    expect(k.heap.foreignAllocs).toBe(0);
    // The first layer's weights are still the live view the kernels update.
    expect(w.buffer).toBe(k.heap.buffer);
    expect(w.length).toBe(784 * 128);
  }, 60_000);
});
