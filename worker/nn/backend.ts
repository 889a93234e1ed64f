// Picks the fastest kernels this runtime can run: WebAssembly with relaxed SIMD (fused
// multiply-add; Chromium), else plain 128-bit SIMD (Node 20, older browsers), else the
// TypeScript reference. Works the same in Node, Vitest and a Vite-bundled module worker:
// the modules are embedded as base64 by scripts/build-wasm.mjs, nothing is fetched.
import { tsKernels, type Kernels } from './kernels.ts';
import { RELAXED_SIMD_WASM, SIMD_WASM } from './wasm/modules.gen.ts';
import { createWasmKernels } from './wasm/wasm-kernels.ts';

export type BackendName = 'wasm-relaxed-simd' | 'wasm-simd' | 'typescript';
export const BACKENDS: readonly BackendName[] = ['wasm-relaxed-simd', 'wasm-simd', 'typescript'];

export interface LoadOptions {
  /**
   * 'auto' (default): the best this runtime supports. 'wasm': the best WASM one, or an error
   * if there is none. A backend name: exactly that one, or an error.
   */
  backend?: 'auto' | 'wasm' | BackendName;
  /**
   * Size of the WASM memory. It is fixed (growing would detach every tensor view), so it
   * covers a few models at once: a new model's tensors reuse an old one's after it is
   * garbage-collected. The default model needs ~6 MiB; the pages are only touched as used.
   */
  memoryMiB?: number;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Backends this runtime can run, best first. Validating the module is the feature test. */
export function availableBackends(): BackendName[] {
  const out: BackendName[] = [];
  if (typeof WebAssembly === 'object') {
    if (WebAssembly.validate(decode(RELAXED_SIMD_WASM))) out.push('wasm-relaxed-simd');
    if (WebAssembly.validate(decode(SIMD_WASM))) out.push('wasm-simd');
  }
  out.push('typescript');
  return out;
}

/** The kernels to hand to `new Network(spec, optimizer, seed, kernels)`; `.name` says which. */
export async function loadKernels(opts: LoadOptions = {}): Promise<Kernels> {
  const want = opts.backend ?? 'auto';
  const have = availableBackends();
  let pick: BackendName;
  if (want === 'auto') pick = have[0];
  else if (want === 'wasm') {
    if (have[0] === 'typescript') throw new Error('No WebAssembly SIMD in this runtime');
    pick = have[0];
  } else {
    if (!BACKENDS.includes(want)) throw new Error(`Unknown backend "${want}" (expected auto, wasm or ${BACKENDS.join(', ')})`);
    if (!have.includes(want)) throw new Error(`Backend "${want}" is not supported here (have ${have.join(', ')})`);
    pick = want;
  }
  if (pick === 'typescript') return tsKernels;
  const bytes = decode(pick === 'wasm-relaxed-simd' ? RELAXED_SIMD_WASM : SIMD_WASM);
  const memoryMiB = opts.memoryMiB ?? 64;
  if (!(memoryMiB >= 1 && memoryMiB <= 1024)) throw new Error(`memoryMiB must be in 1..1024, got ${memoryMiB}`);
  return createWasmKernels(pick, await WebAssembly.compile(bytes), memoryMiB * 2 ** 20);
}
