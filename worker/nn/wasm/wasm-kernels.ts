// The WebAssembly SIMD kernels behind the Kernels interface. Tensors from alloc() live in the
// module's memory and are passed as byte addresses; any other Float32Array (a prediction's
// input, a test's array, an allocation that did not fit) is copied through a staging block
// first, and copied back if it is written. Scratch space the kernels need (non-zero lists,
// a transposed matrix) comes from the same staging block, sized once and reused.
import { registerMemory, tsKernels, type AdamStep, type Kernels } from '../kernels.ts';
import { WasmHeap } from './heap.ts';

interface Exports {
  matmul(out: number, a: number, b: number, bias: number, m: number, k: number, n: number, scratch: number): void;
  matmulTransA(out: number, a: number, b: number, m: number, k: number, n: number, scratch: number): void;
  matmulTransB(out: number, a: number, b: number, m: number, n: number, k: number, scratch: number): void;
  sumRows(out: number, a: number, m: number, n: number): void;
  adam(w: number, g: number, m: number, v: number, n: number, step: number, b1: number, b2: number, invBc2: number, eps: number, wd: number): void;
  sgd(w: number, g: number, m: number, n: number, lr: number, mu: number, wd: number): void;
  unitFromBytes(out: number, bytes: number, n: number): void;
  warpAffine(x: number, batch: number, maps: number, scratch: number): void;
  strokeWidth(x: number, batch: number, amounts: number, field: number): void;
  sumSquares(a: number, n: number): number;
  average(avg: number, w: number, n: number, rate: number): void;
  padImages(xp: number, x: number, batch: number, h: number, w: number, c: number, pad: number): void;
  transpose(bT: number, b: number, k: number, n: number): void;
  convScatter(dxp: number, dOut: number, wT: number, batch: number, hp: number, wp: number, cin: number, cout: number, k: number, scratch: number): void;
  cropImages(x: number, xp: number, batch: number, h: number, w: number, c: number, pad: number): void;
  convValid(out: number, xp: number, w: number, bias: number, batch: number, hp: number, wp: number, cin: number, cout: number, k: number, relu: number, scratch: number): void;
  reluBackward(d: number, y: number, n: number): void;
  convGradWT(dwT: number, xp: number, dOut: number, batch: number, hp: number, wp: number, cin: number, cout: number, k: number, scratch: number): void;
  addTransposed(dw: number, dwT: number, K: number, cout: number): void;
  maxPool2(out: number, x: number, batch: number, h: number, w: number, c: number): void;
  maxPool2Backward(dx: number, dOut: number, x: number, out: number, batch: number, h: number, w: number, c: number): void;
}

export interface WasmKernels extends Kernels {
  readonly heap: WasmHeap;
  /** Calls that ran on the TypeScript kernels because the memory had no room to stage. */
  readonly fallbacks: number;
}

function need(name: string, a: ArrayLike<number>, n: number): void {
  if (a.length < n) throw new RangeError(`${name}: expected at least ${n} values, got ${a.length}`);
}

/** Instantiates one compiled kernels module over a fresh memory of `memoryBytes`. */
export async function createWasmKernels(name: string, module: WebAssembly.Module, memoryBytes: number): Promise<WasmKernels> {
  const heap = new WasmHeap(memoryBytes);
  const instance = await WebAssembly.instantiate(module, { env: { memory: heap.memory } });
  const x = instance.exports as unknown as Exports;
  const buf = heap.buffer;

  // Staging: one block, grown (re-reserved) only between calls, bump-allocated within a call.
  let stage = heap.reserve(1 << 20);
  let stageSize = 1 << 20;
  let used = 0;
  /** Calls that ran on the TypeScript kernels for want of staging space (tests read it). */
  let fallbacks = 0;
  const copyBack: { a: Float32Array; at: number; n: number }[] = [];

  /**
   * Call start: make sure `bytes` of staging exist for this call. False when the memory is too
   * full for them (old models not yet collected): the caller then runs the TypeScript kernel,
   * which works on any array, views into this memory included — slower, never wrong.
   */
  function begin(bytes: number): boolean {
    used = 0;
    if (bytes <= stageSize) return true;
    const size = Math.ceil((bytes * 1.5) / 65536) * 65536;
    heap.release(stage);
    const at = heap.reserve(size);
    if (at < 0) {
      stage = heap.reserve(stageSize); // the block just released fits again: stay usable
      fallbacks++;
      return false;
    }
    stage = at;
    stageSize = size;
    return true;
  }
  function take(bytes: number): number {
    const at = stage + used;
    used += (bytes + 63) & ~63;
    return at;
  }
  const foreignBytes = (a: Float32Array, n: number) => (a.buffer === buf ? 0 : (n * 4 + 63) & ~63);
  /** Address of a's first n values, staging a copy when a is not in the memory. */
  function addr(a: Float32Array, n: number, written = false): number {
    if (a.buffer === buf) return a.byteOffset;
    const at = take(n * 4);
    new Float32Array(buf, at, n).set(n === a.length ? a : a.subarray(0, n));
    if (written) copyBack.push({ a, at, n });
    return at;
  }
  function end(): void {
    for (const c of copyBack) c.a.set(new Float32Array(buf, c.at, c.n));
    copyBack.length = 0;
  }

  const k: WasmKernels = {
    name,
    heap,
    get fallbacks() {
      return fallbacks;
    },
    alloc: (length) => heap.floats(length),
    allocBytes: (length) => heap.bytes(length),

    matmul(out, a, b, bias, m, kk, n) {
      need('matmul a', a, m * kk), need('matmul b', b, kk * n), need('matmul bias', bias, n), need('matmul out', out, m * n);
      if (!begin(foreignBytes(out, m * n) + foreignBytes(a, m * kk) + foreignBytes(b, kk * n) + foreignBytes(bias, n) + 12 * kk + 256)) return tsKernels.matmul(out, a, b, bias, m, kk, n);
      x.matmul(addr(out, m * n, true), addr(a, m * kk), addr(b, kk * n), addr(bias, n), m, kk, n, take(12 * kk + 12));
      end();
    },

    matmulTransA(out, a, b, m, kk, n) {
      need('matmulTransA a', a, m * kk), need('matmulTransA b', b, m * n), need('matmulTransA out', out, kk * n);
      if (!begin(foreignBytes(out, kk * n) + foreignBytes(a, m * kk) + foreignBytes(b, m * n) + 12 * m + 256)) return tsKernels.matmulTransA(out, a, b, m, kk, n);
      x.matmulTransA(addr(out, kk * n, true), addr(a, m * kk), addr(b, m * n), m, kk, n, take(12 * m + 12));
      end();
    },

    matmulTransB(out, a, b, m, n, kk) {
      need('matmulTransB a', a, m * n), need('matmulTransB b', b, kk * n), need('matmulTransB out', out, m * kk);
      const scratch = 4 * kk * n + 12 * n + 128;
      if (!begin(foreignBytes(out, m * kk) + foreignBytes(a, m * n) + foreignBytes(b, kk * n) + scratch)) return tsKernels.matmulTransB(out, a, b, m, n, kk);
      x.matmulTransB(addr(out, m * kk, true), addr(a, m * n), addr(b, kk * n), m, n, kk, take(scratch));
      end();
    },

    sumRows(out, a, m, n) {
      need('sumRows a', a, m * n), need('sumRows out', out, n);
      if (!begin(foreignBytes(out, n) + foreignBytes(a, m * n))) return tsKernels.sumRows(out, a, m, n);
      x.sumRows(addr(out, n, true), addr(a, m * n), m, n);
      end();
    },

    adam(w, g, m, v, n, s: AdamStep) {
      need('adam w', w, n), need('adam g', g, n), need('adam m', m, n), need('adam v', v, n);
      if (!begin(foreignBytes(w, n) + foreignBytes(g, n) + foreignBytes(m, n) + foreignBytes(v, n))) return tsKernels.adam(w, g, m, v, n, s);
      x.adam(addr(w, n, true), addr(g, n), addr(m, n, true), addr(v, n, true), n,
        s.lr / s.bc1, s.beta1, s.beta2, 1 / s.bc2, s.eps, s.weightDecay);
      end();
    },

    sgd(w, g, mom, n, lr, mu, wd) {
      need('sgd w', w, n), need('sgd g', g, n);
      const useMom = mom !== null && mu !== 0;
      if (useMom) need('sgd momentum', mom, n);
      if (!begin(foreignBytes(w, n) + foreignBytes(g, n) + (useMom ? foreignBytes(mom, n) : 0))) return tsKernels.sgd(w, g, mom, n, lr, mu, wd);
      x.sgd(addr(w, n, true), addr(g, n), useMom ? addr(mom, n, true) : 0, n, lr, useMom ? mu : 0, wd);
      end();
    },

    unitFromBytes(out, bytes, n) {
      need('unitFromBytes bytes', bytes, n), need('unitFromBytes out', out, n);
      if (!begin(foreignBytes(out, n) + (bytes.buffer === buf ? 0 : n + 64))) return tsKernels.unitFromBytes(out, bytes, n);
      let src = bytes.byteOffset;
      if (bytes.buffer !== buf) {
        src = take(n);
        new Uint8Array(buf, src, n).set(n === bytes.length ? bytes : bytes.subarray(0, n));
      }
      x.unitFromBytes(addr(out, n, true), src, n);
      end();
    },

    average(avg, w, n, rate) {
      need('average avg', avg, n), need('average w', w, n);
      if (!begin(foreignBytes(avg, n) + foreignBytes(w, n))) return tsKernels.average(avg, w, n, rate);
      x.average(addr(avg, n, true), addr(w, n), n, rate);
      end();
    },

    sumSquares(a, n) {
      need('sumSquares a', a, n);
      if (!begin(foreignBytes(a, n))) return tsKernels.sumSquares(a, n);
      const s = x.sumSquares(addr(a, n), n);
      end();
      return s;
    },

    // Convolutions run on a zero-bordered copy of their input in the staging block (see conv.as).
    conv2d(out, xs, w, bias, s) {
      const { batch, h, w: wd, cin, cout, k, pad } = s;
      const hp = h + 2 * pad, wp = wd + 2 * pad, nx = batch * h * wd * cin, no = batch * (hp - k + 1) * (wp - k + 1) * cout, nw = k * k * cin * cout;
      need('conv2d x', xs, nx), need('conv2d w', w, nw), need('conv2d bias', bias, cout), need('conv2d out', out, no);
      const padded = pad ? batch * hp * wp * cin * 4 + 64 : 0, lists = 12 * (k * k * cin + 4) + 192;
      if (!begin(foreignBytes(out, no) + foreignBytes(xs, nx) + foreignBytes(w, nw) + foreignBytes(bias, cout) + padded + lists)) return tsKernels.conv2d(out, xs, w, bias, s);
      const xa = addr(xs, nx);
      const xp = pad ? take(padded) : xa;
      if (pad) x.padImages(xp, xa, batch, h, wd, cin, pad);
      x.convValid(addr(out, no, true), xp, addr(w, nw), addr(bias, cout), batch, hp, wp, cin, cout, k, s.relu ? 1 : 0, take(lists));
      end();
    },

    conv2dGradW(dw, xs, dOut, s) {
      const { batch, h, w: wd, cin, cout, k, pad } = s;
      const hp = h + 2 * pad, wp = wd + 2 * pad, pixels = batch * (hp - k + 1) * (wp - k + 1);
      const nx = batch * h * wd * cin, nd = pixels * cout, nw = k * k * cin * cout;
      need('conv2dGradW x', xs, nx), need('conv2dGradW dOut', dOut, nd), need('conv2dGradW dw', dw, nw);
      const padded = pad ? batch * hp * wp * cin * 4 + 64 : 0, lists = 12 * (pixels + 4) + 192;
      if (!begin(foreignBytes(dw, nw) + foreignBytes(xs, nx) + foreignBytes(dOut, nd) + padded + 4 * nw + 64 + lists)) return tsKernels.conv2dGradW(dw, xs, dOut, s);
      const xa = addr(xs, nx);
      const xp = pad ? take(padded) : xa;
      if (pad) x.padImages(xp, xa, batch, h, wd, cin, pad);
      const dwT = take(4 * nw);
      new Float32Array(buf, dwT, nw).fill(0);
      x.convGradWT(dwT, xp, addr(dOut, nd), batch, hp, wp, cin, cout, k, take(lists));
      x.addTransposed(addr(dw, nw, true), dwT, k * k * cin, cout);
      end();
    },

    conv2dGradX(dx, dOut, w, s) {
      // Scattered from dOut's non-zeros into a zero-bordered dx, then cropped (see conv.as).
      const { batch, h, w: wd, cin, cout, k, pad } = s;
      const hp = h + 2 * pad, wp = wd + 2 * pad, K = k * k * cin;
      const nx = batch * h * wd * cin, nd = batch * (hp - k + 1) * (wp - k + 1) * cout, nw = K * cout;
      need('conv2dGradX dOut', dOut, nd), need('conv2dGradX w', w, nw), need('conv2dGradX dx', dx, nx);
      const padded = pad ? batch * hp * wp * cin * 4 + 64 : 0, lists = 8 * (cout + 4) + 128;
      if (!begin(foreignBytes(dx, nx) + foreignBytes(dOut, nd) + foreignBytes(w, nw) + padded + 4 * nw + 64 + lists)) return tsKernels.conv2dGradX(dx, dOut, w, s);
      const out = addr(dx, nx, true);
      const dxp = pad ? take(padded) : out;
      new Float32Array(buf, dxp, batch * hp * wp * cin).fill(0);
      const wT = take(4 * nw);
      x.transpose(wT, addr(w, nw), K, cout);
      x.convScatter(dxp, addr(dOut, nd), wT, batch, hp, wp, cin, cout, k, take(lists));
      if (pad) x.cropImages(out, dxp, batch, h, wd, cin, pad);
      end();
    },

    reluBackward(d, y, n) {
      need('reluBackward d', d, n), need('reluBackward y', y, n);
      if (!begin(foreignBytes(d, n) + foreignBytes(y, n))) return tsKernels.reluBackward(d, y, n);
      x.reluBackward(addr(d, n, true), addr(y, n), n);
      end();
    },

    maxPool2(out, xs, batch, h, wd, c) {
      const nx = batch * h * wd * c, no = batch * (h >> 1) * (wd >> 1) * c;
      need('maxPool2 x', xs, nx), need('maxPool2 out', out, no);
      if (!begin(foreignBytes(out, no) + foreignBytes(xs, nx))) return tsKernels.maxPool2(out, xs, batch, h, wd, c);
      x.maxPool2(addr(out, no, true), addr(xs, nx), batch, h, wd, c);
      end();
    },

    maxPool2Backward(dx, dOut, xs, out, batch, h, wd, c) {
      const nx = batch * h * wd * c, no = batch * (h >> 1) * (wd >> 1) * c;
      need('maxPool2Backward dOut', dOut, no), need('maxPool2Backward x', xs, nx), need('maxPool2Backward out', out, no), need('maxPool2Backward dx', dx, nx);
      if (!begin(foreignBytes(dx, nx) + foreignBytes(dOut, no) + foreignBytes(xs, nx) + foreignBytes(out, no))) {
        return tsKernels.maxPool2Backward(dx, dOut, xs, out, batch, h, wd, c);
      }
      x.maxPool2Backward(addr(dx, nx, true), addr(dOut, no), addr(xs, nx), addr(out, no), batch, h, wd, c);
      end();
    },

    warpAffine(xs, batch, maps) {
      need('warpAffine x', xs, batch * 784), need('warpAffine maps', maps, batch * 6);
      if (!begin(foreignBytes(xs, batch * 784) + foreignBytes(maps, batch * 6) + 4096 + 64)) return false;
      x.warpAffine(addr(xs, batch * 784, true), batch, addr(maps, batch * 6), take(4096));
      end();
      return true;
    },

    strokeWidth(xs, batch, amounts) {
      need('strokeWidth x', xs, batch * 784), need('strokeWidth amounts', amounts, batch);
      if (!begin(foreignBytes(xs, batch * 784) + foreignBytes(amounts, batch) + 30 * 32 * 4 + 64)) return false;
      x.strokeWidth(addr(xs, batch * 784, true), batch, addr(amounts, batch), take(30 * 32 * 4));
      end();
      return true;
    },
  };
  registerMemory(buf, k);
  return k;
}
