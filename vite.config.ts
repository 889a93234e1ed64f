import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const BRAND = '#1d4ed8';

export default defineConfig({
  plugins: [
    svelte(),
    // Installable offline PWA. Workbox precaches the app shell, the worker bundle, the icons and
    // the MNIST assets (~11 MB); the build prints the total ("precache N entries (… KiB)").
    // 'prompt': a new version waits until the user presses Reload (src/lib/UpdatePrompt.svelte).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // globPatterns below already list the icons.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'DigitPad — handwritten digit recognizer',
        short_name: 'DigitPad',
        description:
          'Draw a digit; a neural network trained on MNIST right in your browser guesses it. Works offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: BRAND,
        background_color: '#f4f6f9',
        categories: ['education', 'utilities'],
        // Rendered from public/icon.svg by scripts/build-icons.mjs (npm's predev/prebuild).
        icons: [
          { src: 'icons/pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'icons/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}', 'data/mnist/*.gzip'],
        // train-images is ~9.6 MB gzipped; Workbox skips files over 2 MiB by default.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // First install takes control at once (nothing older to replace); updates still wait.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['worker/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
