import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readMnist } from '../../scripts/mnist-node.ts';
import { loadMnist, MNIST_FILES, type FetchFn } from './load.ts';

const root = join(import.meta.dirname, '..', '..');
const assets = join(root, 'public', 'data', 'mnist');
const BASE = 'https://digitpad.test/app/data/mnist/';

interface Served {
  status?: number;
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Error the body stream raises after its first chunk. */
  breakAfterFirstChunk?: boolean;
}

beforeAll(() => {
  if (!existsSync(join(assets, 'manifest.json'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-mnist.mjs')], { stdio: 'inherit' });
  }
}, 120_000);

const fileCache = new Map<string, Uint8Array>();
const asset = (name: string) => {
  if (!fileCache.has(name)) fileCache.set(name, new Uint8Array(readFileSync(join(assets, name)))); // plain copy: Buffer#slice would not copy
  return fileCache.get(name)!;
};

// A body in 64 KiB chunks, as a real download arrives.
function chunked(bytes: Uint8Array, breakAfterFirst = false): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at > 0 && breakAfterFirst) return c.error(new TypeError('network connection lost'));
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + 65536));
      at += 65536;
    },
  });
}

/** Serves public/data/mnist; override(name) can replace any answer. */
function fakeFetch(override: (name: string) => Served | Error | undefined = () => undefined) {
  const signals: AbortSignal[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    if (init?.signal) signals.push(init.signal);
    expect(url.startsWith(BASE)).toBe(true);
    const name = url.slice(BASE.length);
    const o = override(name);
    if (o instanceof Error) throw o;
    const body = o?.body ?? (existsSync(join(assets, name)) ? asset(name) : undefined);
    if (!body) return new Response('not found', { status: 404 });
    const headers = { 'content-length': String(body.length), ...o?.headers };
    return new Response(chunked(body, o?.breakAfterFirstChunk), { status: o?.status ?? 200, headers });
  };
  return { fetchFn, signals };
}

// What a server sending `Content-Encoding: gzip` looks like after fetch() has inflated it.
const inflated = (name: string): Served => ({ body: gunzipSync(asset(name)), headers: { 'content-encoding': 'gzip' } });

describe('loadMnist', () => {
  it('uses the names build-mnist.mjs writes', () => {
    const manifest = JSON.parse(readFileSync(join(assets, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { key: string; name: string }) => [f.key, f.name])).toEqual(Object.entries(MNIST_FILES));
    expect(manifest.files[0].sha256).toMatch(/^ba891046.*76db$/);
  });

  it('downloads, inflates and parses gzip assets, reporting progress', async () => {
    const progress: [number, number][] = [];
    const { train, test } = await loadMnist(BASE, fakeFetch().fetchFn, (l, t) => progress.push([l, t]));
    const ref = readMnist();
    expect(train.count).toBe(60000);
    expect(test.count).toBe(10000);
    expect(Buffer.compare(train.images, ref.train.images)).toBe(0);
    expect(Buffer.compare(test.labels, ref.test.labels)).toBe(0);

    const total = Object.values(MNIST_FILES).reduce((n, name) => n + asset(name).length, 0);
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.every(([l], i) => i === 0 || l >= progress[i - 1][0])).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('accepts bodies the server already inflated (Content-Encoding: gzip)', async () => {
    const progress: [number, number][] = [];
    const { fetchFn } = fakeFetch(inflated);
    const { train, test } = await loadMnist(BASE.slice(0, -1), fetchFn, (l, t) => progress.push([l, t]));
    expect([...train.labels.subarray(0, 10)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(test.count).toBe(10000);
    // The encoded length is unknown, so total stays 0 until the end, then matches what arrived.
    expect(progress[0]).toEqual([0, 0]);
    expect(progress.at(-1)).toEqual([54_950_048, 54_950_048]);
  });

  it('names the file on HTTP errors', async () => {
    const { fetchFn } = fakeFetch((name) => (name === 'test-labels.idx.gzip' ? { status: 404 } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('Could not load MNIST test-labels (HTTP 404)');
  });

  it('reports a failed fetch as a network error and cancels the other downloads', async () => {
    const { fetchFn, signals } = fakeFetch((name) => (name === 'train-images.idx.gzip' ? new TypeError('fetch failed') : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('Could not load MNIST train-images (network error: offline?)');
    // Three attempts (a failed transfer is retried twice), each cancelling its other downloads.
    expect(signals.length).toBe(12);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('reports a download that keeps breaking off', async () => {
    const { fetchFn } = fakeFetch((name) => (name === 'train-images.idx.gzip' ? { breakAfterFirstChunk: true } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('Could not load MNIST train-images (download interrupted: offline?)');
  });

  it('retries a download that broke off once (two overlapping downloads in Chromium) and loads', async () => {
    let breaks = 1;
    const { fetchFn, signals } = fakeFetch((name) =>
      name === 'train-images.idx.gzip' && breaks-- > 0 ? { breakAfterFirstChunk: true } : undefined,
    );
    const { train, test } = await loadMnist(BASE, fetchFn);
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(signals.length).toBe(8);
  });

  it('does not retry what a retry cannot mend (HTTP errors, bad data)', async () => {
    const { fetchFn, signals } = fakeFetch((name) => (name === 'test-labels.idx.gzip' ? { status: 500 } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('(HTTP 500)');
    expect(signals.length).toBe(4);
  });

  it('reports corrupt gzip data', async () => {
    const { fetchFn } = fakeFetch((name) => {
      if (name !== 'train-labels.idx.gzip') return undefined;
      const body = asset(name).slice();
      body.fill(0xff, 100, 200);
      return { body };
    });
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow(/^Could not load MNIST train-labels \(corrupt gzip data: /);
  });

  it('reports a truncated gzip file', async () => {
    const { fetchFn } = fakeFetch((name) => (name === 'test-images.idx.gzip' ? { body: asset(name).subarray(0, 5000) } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow(/^Could not load MNIST test-images \(corrupt gzip data: /);
  });

  it('recognises an HTML fallback page served instead of the data', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>DigitPad</title>');
    const { fetchFn } = fakeFetch((name) => (name === 'train-labels.idx.gzip' ? { body: html } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow(
      'Could not load MNIST train-labels (got an HTML page instead of data — is the base URL right?)',
    );
  });

  it('passes on IDX errors with the file name', async () => {
    const { fetchFn } = fakeFetch((name) => (name === 'test-labels.idx.gzip' ? { body: gunzipSync(asset(name)).subarray(0, 50) } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('Could not load MNIST test-labels (IDX: truncated — expected 10008 bytes, got 50)');
  });

  it('checks that images and labels belong together', async () => {
    const { fetchFn } = fakeFetch((name) => (name === 'test-labels.idx.gzip' ? { body: asset('train-labels.idx.gzip') } : undefined));
    await expect(loadMnist(BASE, fetchFn)).rejects.toThrow('Could not load MNIST test set (MNIST: 10000 images but 60000 labels)');
  });
});
