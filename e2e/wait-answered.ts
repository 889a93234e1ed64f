// Waiting for the bars from a timing test without timing the wait itself.
import type { Page } from '@playwright/test';

/**
 * Waits in the page, without polling it, until the bars have answered the pad's latest drawing
 * (aria-busy false). A locator's polling runs from the test through the page's main thread — a
 * role locator computes accessible names there, 10–15 ms in a Chromium trace — just while the
 * pen-up's answer is on its way back, so a timing test waiting that way would time its harness.
 */
export async function waitUntilAnswered(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.evaluate(
    (timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const region = document.querySelector('[aria-label="Digit probabilities"]');
        if (!region) return reject(new Error('no "Digit probabilities" region'));
        const answered = () => region.getAttribute('aria-busy') === 'false';
        if (answered()) return resolve();
        const observer = new MutationObserver(() => {
          if (!answered()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the bars were still busy after ${timeoutMs} ms`));
        }, timeoutMs);
        observer.observe(region, { attributes: true, attributeFilter: ['aria-busy'] });
      }),
    timeoutMs,
  );
}
