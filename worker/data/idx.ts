// IDX, the file format MNIST ships in (http://yann.lecun.com/exdb/mnist/): a big-endian header
// [0, 0, type, ndims] + ndims uint32 sizes, then the data. Only unsigned bytes (0x08) are needed.
import type { MnistSet } from './mnist.ts';

export interface Idx {
  dims: number[];
  /** The payload, a view into the input (no copy). */
  data: Uint8Array;
}

const UBYTE = 0x08;
const hex = (n: number, digits: number) => '0x' + n.toString(16).toUpperCase().padStart(digits, '0');

export function parseIdx(bytes: Uint8Array): Idx {
  if (bytes.length < 4) throw new Error(`IDX: truncated — expected at least 4 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`IDX: bad magic ${hex(magic, 8)} (expected 0x000008 then the number of dimensions)`);
  }
  if (bytes[2] !== UBYTE) throw new Error(`IDX: unsupported data type ${hex(bytes[2], 2)} (only unsigned bytes)`);
  const ndims = bytes[3];
  if (ndims < 1 || ndims > 3) throw new Error(`IDX: unsupported number of dimensions ${ndims} (expected 1 to 3)`);

  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    throw new Error(`IDX: truncated header — expected ${header} bytes, got ${bytes.length}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i);
    if (d === 0) throw new Error(`IDX: dimension ${i} is 0`);
    dims.push(d);
  }
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) throw new Error(`IDX: truncated — expected ${expected} bytes, got ${bytes.length}`);
  if (bytes.length > expected) {
    throw new Error(`IDX: ${bytes.length - expected} extra bytes after the data (expected ${expected} bytes, got ${bytes.length})`);
  }
  return { dims, data: bytes.subarray(header) };
}

/** Parses an images file (n, 28, 28) and its labels file (n) into one set. */
export function parseMnistPair(imagesBytes: Uint8Array, labelsBytes: Uint8Array): MnistSet {
  const images = parseIdx(imagesBytes);
  const labels = parseIdx(labelsBytes);
  const shape = (dims: number[]) => `(${dims.join(', ')})`;
  if (images.dims.length !== 3 || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new Error(`MNIST images: expected dims (n, 28, 28), got ${shape(images.dims)}`);
  }
  if (labels.dims.length !== 1) throw new Error(`MNIST labels: expected dims (n), got ${shape(labels.dims)}`);
  const count = images.dims[0];
  if (labels.dims[0] !== count) throw new Error(`MNIST: ${count} images but ${labels.dims[0]} labels`);
  const bad = labels.data.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`MNIST labels: label ${labels.data[bad]} at index ${bad} is outside 0..9`);
  return { images: images.data, labels: labels.data, count };
}
