// Every spec's `test`: Playwright's, with one rule for retries (playwright.config.ts allows one).
//
// Chromium's browser process itself can crash: in a clean-clone run here (stop 40) it hit a
// CHECK (SIGTRAP in the browser's main thread, Chromium 156) in the middle of a test whose page
// had nothing failing, after the test's own steps had passed. Such a test runs once more. A test
// that failed any other way fails its retry at once, before it starts, so no real failure or
// flaky step of ours is ever retried away.
import { test as base } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export { expect } from '@playwright/test';
export type { BrowserContext, CDPSession, Locator, Page, Route, Worker } from '@playwright/test';

interface FirstRun {
  file: string;
  title: string;
  browserCrashed: boolean;
  error: string;
}

const records = (outputDir: string) => path.join(outputDir, '.first-runs');

export const test = base.extend<{ retryOnlyBrowserCrashes: void }>({
  retryOnlyBrowserCrashes: [
    async ({ browser }, use, testInfo) => {
      const dir = records(testInfo.project.outputDir);
      if (testInfo.retry > 0) {
        // A serial group is retried whole: what failed may be another test of the same file.
        const failed: FirstRun[] = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
          .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FirstRun)
          .filter((r) => r.file === testInfo.file);
        const real = failed.find((r) => !r.browserCrashed);
        if (real || failed.length === 0) {
          throw new Error(`Not retried: ${real ? `"${real.title}" failed on its first run, and not by a browser crash: ${real.error}` : 'its first run left no record'}`);
        }
      }
      let disconnected = false;
      const onDisconnect = () => (disconnected = true);
      browser.on('disconnected', onDisconnect);
      await use();
      browser.off('disconnected', onDisconnect);
      if (testInfo.status === testInfo.expectedStatus || testInfo.retry > 0) return;
      const record: FirstRun = {
        file: testInfo.file,
        title: testInfo.title,
        browserCrashed: disconnected || !browser.isConnected(),
        error: (testInfo.error?.message ?? testInfo.status ?? '').slice(0, 400),
      };
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${testInfo.testId}.json`), JSON.stringify(record));
      if (record.browserCrashed) console.log(`the browser process crashed during "${testInfo.title}": it runs once more`);
    },
    { auto: true },
  ],
});
