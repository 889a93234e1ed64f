import { expect, test } from './test.ts';

// Bad input through the real worker API (the page's `digitpad` handle calls it over Comlink):
// each gets a clear error, and the worker keeps serving afterwards.
test('the worker rejects bad pixels with a clear error and keeps working', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => 'digitpad' in globalThis);
  const attempt = (rgbaLength: number, w: number, h: number) =>
    page.evaluate(
      async ([n, w, h]) => {
        try {
          await globalThis.digitpad.predict(new Uint8ClampedArray(n), w, h);
          return 'ok';
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      },
      [rgbaLength, w, h] as const,
    );
  const wrongSize = await attempt(100, 28, 28);
  console.log(`wrong-size buffer → ${wrongSize}`);
  expect(wrongSize).toMatch(/^error: .*expected 3136.*got 100/);
  const nan = await attempt(3136, Number.NaN, 28);
  console.log(`NaN width → ${nan}`);
  expect(nan).toMatch(/^error: .*width/i);

  // Still serving: an empty canvas is "no ink" (null); once MNIST is in and training runs,
  // a drawn bar gets ten probabilities.
  expect(await attempt(3136, 28, 28)).toBe('ok');
  await expect(page.getByRole('status').first()).toContainText('Training', { timeout: 60_000 });
  const sum = await page.evaluate(async () => {
    const px = new Uint8ClampedArray(56 * 56 * 4);
    for (let y = 10; y < 46; y++) for (let x = 26; x < 31; x++) px[(y * 56 + x) * 4 + 3] = 255;
    const p = await globalThis.digitpad.predict(px, 56, 56);
    return p ? Array.from(p.probabilities).reduce((a, b) => a + b, 0) : -1;
  });
  expect(sum).toBeCloseTo(1, 4);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
