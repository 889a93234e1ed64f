import { defineConfig } from '@playwright/test';
// Sets DIGITPAD_CSP_LOG for the preview server (it inherits this process's environment).
import './e2e/csp-log.ts';

// The app trains MNIST in a Web Worker after load; the e2e tests wait for ≥ 97 % test accuracy
// (up to ~4 min), so timeouts are generous. One worker: each page trains its own network and
// they would only compete for the CPU.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  // Only for a crash of the browser process itself: e2e/test.ts fails any other retry at once.
  retries: 1,
  timeout: 8 * 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: 'http://localhost:4173',
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The built app (`npm run test:e2e` builds first). The runner owns the server, so it is
  // stopped with its whole process group (killing only `npx` would leave vite running).
  webServer: {
    // The runner owns the server: killing an npx-started preview by hand leaves vite running.
    command: 'npx vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173',
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
