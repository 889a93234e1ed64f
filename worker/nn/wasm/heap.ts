// The one WebAssembly memory behind the WASM kernels: weights, gradients, optimiser state,
// activations and the trainer's batch buffer all live here, so a kernel call passes byte
// addresses and never copies a tensor.
//
// Growth trap: growing a WebAssembly.Memory detaches every Float32Array view of it, which
// would silently zero the length of every weight tensor. So the memory is created at its full
// size with `maximum` equal to `initial` — grow() throws, it can never happen — and blocks
// are recycled instead: a first-fit free list, with each block released when the view that
// alloc() returned is garbage-collected (FinalizationRegistry). Keep that view alive for as
// long as you use any subarray of it.
// When the memory is full, alloc() hands out an ordinary Float32Array: the kernels copy such
// "foreign" arrays through a staging area, so results stay right, only slower (and counted).

const ALIGN = 64; // a cache line; also keeps every SIMD load 16-byte aligned
const PAGE = 65536;
/** Bytes below this are left to the module itself (it has no data, but stays clear of 0). */
const BASE = PAGE;

interface Block {
  start: number;
  size: number;
}

export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  /** Never changes: the memory cannot grow. */
  readonly buffer: ArrayBuffer;
  private free: Block[];
  private readonly live = new Map<number, number>(); // start → size
  private readonly registry = new FinalizationRegistry<number>((start) => this.release(start));
  bytesInUse = 0;
  peakBytes = 0;
  /** Allocations that did not fit and live in the JS heap instead. */
  foreignAllocs = 0;

  constructor(bytes: number) {
    const pages = Math.ceil((bytes + BASE) / PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.buffer = this.memory.buffer as ArrayBuffer;
    this.free = [{ start: BASE, size: pages * PAGE - BASE }];
  }

  get capacity(): number {
    return this.buffer.byteLength - BASE;
  }

  /** Reserves `bytes`; returns the start address, or -1 when no free block is big enough. */
  reserve(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i];
      if (b.size < size) continue;
      const start = b.start;
      if (b.size === size) this.free.splice(i, 1);
      else {
        b.start += size;
        b.size -= size;
      }
      this.live.set(start, size);
      this.bytesInUse += size;
      this.peakBytes = Math.max(this.peakBytes, this.bytesInUse);
      return start;
    }
    return -1;
  }

  /** Returns a block to the free list, merging it with free neighbours. */
  release(start: number): void {
    const size = this.live.get(start);
    if (size === undefined) return;
    this.live.delete(start);
    this.bytesInUse -= size;
    let i = 0;
    while (i < this.free.length && this.free[i].start < start) i++;
    this.free.splice(i, 0, { start, size });
    const next = this.free[i + 1];
    if (next && start + size === next.start) {
      this.free[i].size += next.size;
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev && prev.start + prev.size === start) {
      prev.size += this.free[i].size;
      this.free.splice(i, 1);
    }
  }

  /** A zeroed Float32Array in this memory (or, when full, in the JS heap). */
  floats(length: number): Float32Array {
    if (length === 0) return new Float32Array(0);
    const start = this.reserve(length * 4);
    if (start < 0) {
      this.foreignAllocs++;
      return new Float32Array(length);
    }
    const view = new Float32Array(this.buffer, start, length);
    view.fill(0); // a recycled block holds an old tensor
    this.registry.register(view, start);
    return view;
  }

  /** A zeroed Uint8Array in this memory (or, when full, in the JS heap). */
  bytes(length: number): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    const start = this.reserve(length);
    if (start < 0) {
      this.foreignAllocs++;
      return new Uint8Array(length);
    }
    const view = new Uint8Array(this.buffer, start, length);
    view.fill(0);
    this.registry.register(view, start);
    return view;
  }

  owns(a: ArrayBufferView): boolean {
    return a.buffer === this.buffer;
  }
}
