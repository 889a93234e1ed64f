import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const BRAND = '#1d4ed8';

/**
 * The promise that drawings never leave the device, enforced by the browser: scripts, workers
 * and connections only to this origin; WebAssembly compiles ('wasm-unsafe-eval', nothing else
 * evaluates code). The built page carries it as a <meta> tag; `vite preview` (and any host set
 * up like it) also sends it as a header, which is what covers the worker and the service worker
 * (a dedicated worker gets the policy of its own script's response, not of the page) and adds
 * what a <meta> cannot carry (frame-ancestors). Dev keeps Vite's defaults (it needs a WebSocket
 * and injects <style> tags).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // index.html's own inline <style> (the boot message) is added by hash: no other inline style runs.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const CSP_REPORT_PATH = '/__csp-report';

/** The policy for a built page: its inline <style> blocks allowed by hash. */
function policyFor(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
  );
  return CSP.replace("style-src 'self'", ["style-src 'self'", ...hashes].join(' '));
}

/** The policy as a <meta> in the built page, and as a header (plus frame-ancestors) from `vite preview`. */
const csp: Plugin = {
  name: 'digitpad-csp',
  // Not in dev: Vite's dev server needs a WebSocket and injects <style> tags.
  apply: (_, env) => env.command === 'build' || env.isPreview === true,
  transformIndexHtml: {
    order: 'post',
    handler: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policyFor(html)}" />`),
  },
  configurePreviewServer(server) {
    const policy = policyFor(readFileSync(join(server.config.build.outDir, 'index.html'), 'utf8'));
    // The browser reports every violation (page, worker, service worker) to the preview server,
    // which appends it to $DIGITPAD_CSP_LOG: the browser tests require that file to stay empty.
    const header = `${policy}; frame-ancestors 'none'; report-uri ${CSP_REPORT_PATH}`;
    server.middlewares.use((req, res, next) => {
      if (req.url === CSP_REPORT_PATH && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c));
        req.on('end', () => {
          console.error(`CSP violation: ${body}`);
          if (process.env.DIGITPAD_CSP_LOG) appendFileSync(process.env.DIGITPAD_CSP_LOG, body.replace(/\n/g, ' ') + '\n');
          res.statusCode = 204;
          res.end();
        });
        return;
      }
      res.setHeader('Content-Security-Policy', header);
      next();
    });
  },
};

export default defineConfig({
  plugins: [
    svelte(),
    csp,
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
