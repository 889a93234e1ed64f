// Renders the PWA icons from the one committed source, public/icon.svg, into public/icons/
// (git-ignored): 64, 192 and 512 px, a maskable 512 px with a safe-zone padding, a 180 px
// apple-touch icon and favicon.ico, with a copy of favicon.ico at the site's root (public/
// favicon.ico, git-ignored), where browsers look for one on documents that name none (the
// manifest or an image opened on its own). Skips the work when the outputs are newer than the source.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instructions } from '@vite-pwa/assets-generator/api/instructions';
import { generateAssets } from '@vite-pwa/assets-generator/api/generate-assets';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'public', 'icon.svg');
const outDir = join(root, 'public', 'icons');
const BRAND = '#1d4ed8';

/** Names the manifest in vite.config.ts refers to. */
const OUTPUTS = [
  'pwa-64x64.png',
  'pwa-192x192.png',
  'pwa-512x512.png',
  'maskable-icon-512x512.png',
  'apple-touch-icon-180x180.png',
  'favicon.ico',
];

const rootFavicon = join(root, 'public', 'favicon.ico');
const srcTime = statSync(source).mtimeMs;
const fresh = OUTPUTS.every((f) => existsSync(join(outDir, f)) && statSync(join(outDir, f)).mtimeMs >= srcTime);
if (fresh) {
  if (!existsSync(rootFavicon)) copyFileSync(join(outDir, 'favicon.ico'), rootFavicon);
  console.log(`build-icons: up to date (${relative(root, outDir)}, ${OUTPUTS.length} files)`);
  process.exit(0);
}

const started = performance.now();
mkdirSync(outDir, { recursive: true });
const plan = await instructions({
  imageResolver: () => readFileSync(source),
  imageName: source,
  originalName: 'icon.svg',
  preset: {
    transparent: { sizes: [64, 192, 512], favicons: [[48, 'favicon.ico']], padding: 0 },
    // Maskable icons are cropped to a circle or squircle by the OS: keep the art in the middle 80%.
    maskable: { sizes: [512], padding: 0.2, resizeOptions: { background: BRAND } },
    apple: { sizes: [180], padding: 0.1, resizeOptions: { background: BRAND } },
  },
  faviconPreset: '2023',
  htmlLinks: { xhtml: false, includeId: false },
  basePath: '/',
  resolveSvgName: (name) => name,
});
await generateAssets(plan, true, outDir);
const missing = OUTPUTS.filter((f) => !existsSync(join(outDir, f)));
if (missing.length) {
  console.error(`build-icons: the generator did not write ${missing.join(', ')}`);
  process.exit(1);
}
copyFileSync(join(outDir, 'favicon.ico'), rootFavicon);
const bytes = OUTPUTS.reduce((s, f) => s + statSync(join(outDir, f)).size, 0);
console.log(
  `build-icons: wrote ${OUTPUTS.length} icons to ${relative(root, outDir)} (${(bytes / 1024).toFixed(0)} KiB) ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
