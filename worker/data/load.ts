// Downloads MNIST for the worker: four gzip files written by scripts/build-mnist.mjs.
// Uses only fetch, streams and DecompressionStream, so it runs in a worker and in Node 20 alike.
import { parseIdx, parseMnistPair } from './idx.ts';
import type { MnistSet } from './mnist.ts';

/** Asset names under the base URL (keep in sync with scripts/build-mnist.mjs; a test checks). */
export const MNIST_FILES = {
  'train-images': 'train-images.idx.gzip',
  'train-labels': 'train-labels.idx.gzip',
  'test-images': 'test-images.idx.gzip',
  'test-labels': 'test-labels.idx.gzip',
} as const;
export type MnistFile = keyof typeof MNIST_FILES;

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;
/** totalBytes is 0 while unknown (no Content-Length, or the server re-encoded the body). */
export type LoadProgress = (loadedBytes: number, totalBytes: number) => void;

const KEYS = Object.keys(MNIST_FILES) as MnistFile[];
type Bytes = Uint8Array<ArrayBuffer>;

const fail = (what: string, reason: string, cause?: unknown) =>
  new Error(`Could not load MNIST ${what} (${reason})`, { cause });

/**
 * Fetches and parses the training and test sets. baseUrl is the folder holding the assets,
 * e.g. "https://host/app/data/mnist/". Errors name the file and the reason.
 */
export async function loadMnist(
  baseUrl: string,
  fetchFn: FetchFn = (url, init) => fetch(url, init),
  onProgress?: LoadProgress,
  retries = 2,
): Promise<{ train: MnistSet; test: MnistSet }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await loadOnce(baseUrl, fetchFn, onProgress);
    } catch (e) {
      // Failed transfers are retried: Chromium fails one of two overlapping downloads of a URL
      // (the service worker precaching MNIST while the worker fetches it) mid-body.
      if (attempt >= retries || !(e as TransferError).transient) throw e;
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
  }
}

type TransferError = Error & { transient?: boolean };

const transient = (e: Error): TransferError => Object.assign(e, { transient: true });

async function loadOnce(
  baseUrl: string,
  fetchFn: FetchFn,
  onProgress?: LoadProgress,
): Promise<{ train: MnistSet; test: MnistSet }> {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  // One failure makes the other downloads pointless: cancel them.
  const abort = new AbortController();
  try {
    const responses = await Promise.all(KEYS.map((key) => request(key, base + MNIST_FILES[key], fetchFn, abort.signal)));
    const lengths = responses.map(declaredLength);
    const total = lengths.includes(null) ? 0 : (lengths as number[]).reduce((a, b) => a + b, 0);
    let loaded = 0;
    onProgress?.(0, total);
    const bodies = await Promise.all(
      responses.map((res, i) =>
        readBody(KEYS[i], res, (n) => {
          loaded += n;
          onProgress?.(loaded, total);
        }),
      ),
    );
    if (total !== loaded) onProgress?.(loaded, loaded);

    const raw = await Promise.all(bodies.map((bytes, i) => toIdx(KEYS[i], bytes)));
    return { train: pair('training set', raw[0], raw[1]), test: pair('test set', raw[2], raw[3]) };
  } catch (e) {
    abort.abort();
    throw e;
  }
}

async function request(key: MnistFile, url: string, fetchFn: FetchFn, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal });
  } catch (e) {
    throw transient(fail(key, 'network error: offline?', e));
  }
  if (!res.ok) throw fail(key, `HTTP ${res.status}`);
  return res;
}

// Content-Length counts encoded bytes; with Content-Encoding the stream yields more than that.
function declaredLength(res: Response): number | null {
  const n = Number(res.headers.get('content-length') ?? NaN);
  return res.headers.has('content-encoding') || !Number.isFinite(n) ? null : n;
}

async function readBody(key: MnistFile, res: Response, onChunk: (n: number) => void): Promise<Bytes> {
  try {
    if (!res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks: Bytes[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
      onChunk(r.value.length);
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } catch (e) {
    throw transient(fail(key, 'download interrupted: offline?', e));
  }
}

// Servers that send `Content-Encoding: gzip` make fetch inflate the body already, so inflate
// only when the gzip magic is still there.
async function toIdx(key: MnistFile, bytes: Bytes): Promise<Bytes> {
  let idx = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      idx = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (e) {
      throw fail(key, `corrupt gzip data: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  } else if (bytes[0] === 0x3c) {
    // '<': a host's HTML fallback page served with 200 instead of a 404.
    throw fail(key, 'got an HTML page instead of data — is the base URL right?');
  }
  try {
    parseIdx(idx); // header check only, so the error can name the file
  } catch (e) {
    throw fail(key, (e as Error).message, e);
  }
  return idx;
}

function pair(what: string, images: Uint8Array, labels: Uint8Array): MnistSet {
  try {
    return parseMnistPair(images, labels);
  } catch (e) {
    throw fail(what, (e as Error).message, e);
  }
}
