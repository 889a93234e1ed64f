// Choosing a backend, and the network on the WASM one: same seed → bit-identical results per
// backend; the same gradients and training trajectory as the TypeScript reference (which the
// gradient-check tests pin down) within float32 tolerance; save and load across backends.
import { describe, expect, it } from 'vitest';
import { availableBackends, loadKernels } from './backend.ts';
import { kernelsFor, tsKernels } from './kernels.ts';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer, type OptimizerConfig } from './optimizer.ts';
import { Rng } from './rng.ts';
import { deserialize, serialize } from './serialize.ts';

const spec: ModelSpec = { inputs: 50, hidden: [33, 17], activation: 'relu', classes: 10 };
const adam: OptimizerConfig = { ...defaultOptimizer, learningRate: 3e-3, weightDecay: 1e-4 };

function data(seed: number, batch: number) {
  const rng = new Rng(seed);
  // Sparse, non-negative inputs like MNIST pixels.
  const x = Float32Array.from({ length: batch * spec.inputs }, () => (rng.next() < 0.6 ? 0 : rng.next()));
  const y = Uint8Array.from({ length: batch }, () => Math.floor(rng.next() * spec.classes));
  return { x, y };
}

function train(net: Network, steps: number): number[] {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { x, y } = data(100 + s, 13);
    losses.push(net.trainBatch(x, y, 13).loss);
  }
  return losses;
}

const weights = (net: Network) => net.params.map((p) => Array.from(p.value));

describe('loadKernels', () => {
  it('picks the best available backend; Node always has plain SIMD', async () => {
    const have = availableBackends();
    expect(have).toContain('wasm-simd');
    expect(have.at(-1)).toBe('typescript');
    expect((await loadKernels()).name).toBe(have[0]);
    expect((await loadKernels({ backend: 'wasm' })).name).toBe(have[0]);
    expect(await loadKernels({ backend: 'typescript' })).toBe(tsKernels);
    expect((await loadKernels({ backend: 'wasm-simd' })).name).toBe('wasm-simd');
  });

  it('rejects unknown or unsupported backends and bad memory sizes with clear errors', async () => {
    await expect(loadKernels({ backend: 'webgpu' as never })).rejects.toThrow('Unknown backend "webgpu"');
    if (!availableBackends().includes('wasm-relaxed-simd')) {
      await expect(loadKernels({ backend: 'wasm-relaxed-simd' })).rejects.toThrow(/not supported here/);
    }
    await expect(loadKernels({ memoryMiB: 0 })).rejects.toThrow('memoryMiB must be in 1..1024, got 0');
  });

  it('the optimiser updates tensors with the kernels whose memory holds them', async () => {
    const k = await loadKernels({ backend: 'wasm' });
    expect(kernelsFor(k.alloc(4))).toBe(k);
    expect(kernelsFor(new Float32Array(4))).toBe(tsKernels);
  });
});

describe.each(availableBackends().filter((b) => b !== 'typescript'))('Network on %s', (backend) => {
  it('same seed → bit-identical weights and losses (two separate memories)', async () => {
    const a = new Network(spec, adam, 5, await loadKernels({ backend }));
    const b = new Network(spec, adam, 5, await loadKernels({ backend }));
    expect(train(a, 30)).toEqual(train(b, 30));
    expect(weights(a)).toEqual(weights(b));
  });

  it('computes the same gradients as the TypeScript reference', async () => {
    const w = new Network(spec, adam, 9, await loadKernels({ backend }));
    const t = new Network(spec, adam, 9, tsKernels);
    const { x, y } = data(1, 13);
    w.trainBatch(x, y, 13);
    t.trainBatch(x, y, 13);
    for (let i = 0; i < w.layers.length; i++) {
      for (const key of ['dw', 'db'] as const) {
        const g = w.layers[i][key], ref = t.layers[i][key];
        const scale = Math.max(...Array.from(ref, Math.abs));
        for (let j = 0; j < ref.length; j++) expect(Math.abs(g[j] - ref[j])).toBeLessThanOrEqual(1e-5 * scale + 1e-7);
      }
    }
  });

  it('follows the TypeScript trajectory over 50 steps within float32 drift', async () => {
    const w = new Network(spec, adam, 3, await loadKernels({ backend }));
    const t = new Network(spec, adam, 3, tsKernels);
    const lw = train(w, 50), lt = train(t, 50);
    for (let s = 0; s < 50; s++) expect(Math.abs(lw[s] - lt[s])).toBeLessThan(1e-3);
    const ww = weights(w).flat(), wt = weights(t).flat();
    let worst = 0;
    for (let i = 0; i < wt.length; i++) worst = Math.max(worst, Math.abs(ww[i] - wt[i]));
    expect(worst).toBeLessThan(1e-4); // 50 steps of Adam at 3e-3 move weights by up to ~0.15
  });

  it('saves and loads across backends: same bytes, same predictions', async () => {
    const k = await loadKernels({ backend });
    const net = new Network(spec, adam, 4, k);
    train(net, 10);
    const bytes = serialize(net);
    const onTs = deserialize(bytes).net;
    const onWasm = deserialize(bytes, k).net;
    expect(onWasm.layers[0].w.buffer).not.toBe(onTs.layers[0].w.buffer);
    expect(serialize(onWasm)).toEqual(bytes);
    expect(serialize(onTs)).toEqual(bytes);
    const x = data(77, 1).x;
    const p1 = onWasm.predict(x).probabilities, p2 = onTs.predict(x).probabilities;
    for (let c = 0; c < 10; c++) expect(p1[c]).toBeCloseTo(p2[c], 5);
  });
});
