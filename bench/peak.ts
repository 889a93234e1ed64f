// The one-core f32x4 multiply-add peak, measured in the same run as the CNN it is compared
// with (the machine's load changes from minute to minute): worker/nn/wasm/peak.as, the dense
// layers' register tile over cache-resident data, on the same module build as the kernels.
import type { ModelSpec } from '../worker/nn/network.ts';
import { convPlan, denseInputs } from '../worker/nn/spec.ts';
import { RELAXED_SIMD_WASM, SIMD_WASM } from '../worker/nn/wasm/modules.gen.ts';

type PeakTile = (out: number, a: number, b: number, k: number, reps: number) => number;

/** GFLOP/s of the tile (best of `tries` timed runs of ~50 ms, after a warm-up that lets V8 tier up). */
export async function f32x4Peak(backend: string, tries = 7): Promise<number> {
  const bytes = Buffer.from(backend === 'wasm-relaxed-simd' ? RELAXED_SIMD_WASM : SIMD_WASM, 'base64');
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 2 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  const peak = instance.exports.peakTile as PeakTile;
  const K = 256, a = 65536, b = a + 2 * K * 4, out = b + K * 16 * 4; // 2×256 and 256×16 floats: L1-resident
  new Float32Array(memory.buffer, a, 2 * K + 16 * K).fill(0.5);
  peak(out, a, b, K, 20000);
  let best = 0;
  for (let t = 0; t < tries; t++) {
    const reps = 20000, t0 = performance.now();
    peak(out, a, b, K, reps);
    best = Math.max(best, (2 * 2 * 16 * K * reps) / ((performance.now() - t0) * 1e6));
  }
  return best;
}

/**
 * Multiply-adds of one training sample, forward and backward, counted as dense products: a
 * convolution's k·k·cin·cout per output pixel (padding included), a dense layer's in·out; the
 * backward pass has the same again for the weight gradient and for the input gradient, except
 * the first layer's (nobody needs the gradient of the image). Skipped zeros count as done.
 */
export function trainingMacs(spec: ModelSpec): { forward: number; training: number } {
  const layers: number[] = convPlan(spec).map((p) => p.oh * p.ow * p.k * p.k * p.cin * p.cout);
  const sizes = [denseInputs(spec), ...spec.hidden, spec.classes];
  for (let i = 1; i < sizes.length; i++) layers.push(sizes[i - 1] * sizes[i]);
  const forward = layers.reduce((s, m) => s + m, 0);
  return { forward, training: 3 * forward - layers[0] };
}
