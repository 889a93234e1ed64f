import { expect, test, type Page } from './test.ts';

// The worker trains on the WebAssembly SIMD kernels in Chromium (relaxed SIMD where the
// browser validates it, which current Chromium does), and the training panel says so. The
// samples/s the panel shows are logged to compare with `npm run bench -- --model default`
// in Node; no timed assertion (speed is proven in the bench, not in a browser test).

/** The value next to a label in the training panel's stats. */
function stat(page: Page, label: string) {
  return page.locator('.training-panel dl div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
}

test('training runs on the WASM SIMD backend; log the samples/s the panel shows', async ({ page }) => {
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await expect(page.getByRole('status').first()).toContainText('Training', { timeout: 90_000 });

  const backend = stat(page, 'Backend');
  await expect(backend).toHaveText(/^wasm-(relaxed-)?simd$/);
  const name = (await backend.textContent())?.trim();
  const relaxed = await page.evaluate(() =>
    // (module (func (param v128 v128 v128) (result v128) local.get 0..2 f32x4.relaxed_madd))
    WebAssembly.validate(new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2,
      253, 133, 2, 11,
    ])),
  );
  console.log(`backend: ${name} (this Chromium ${relaxed ? 'validates' : 'does not validate'} relaxed SIMD)`);
  expect(name).toBe(relaxed ? 'wasm-relaxed-simd' : 'wasm-simd');

  // Samples/s is a smoothed training rate (evaluation excluded); sample it for ~10 s. The dense
  // network trains first and the convolutional one next, so each reading is kept with the model
  // the panel names beside it, both read in one go (or a rate could be logged under the next model).
  const byModel = new Map<string, number[]>();
  let readings = 0;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(500);
    const { rate, model } = await page.evaluate(() => {
      const cell = (label: string) =>
        [...document.querySelectorAll('.training-panel dl div')].find((d) => d.querySelector('dt')?.textContent?.trim() === label)?.querySelector('dd')?.textContent ?? '';
      return { rate: cell('Samples/s'), model: cell('Model').trim() };
    });
    const v = Number(rate.replace(/[^\d]/g, ''));
    if (!(v > 0)) continue;
    byModel.set(model, [...(byModel.get(model) ?? []), v]);
    readings++;
  }
  for (const [model, list] of byModel) {
    list.sort((a, b) => a - b);
    const preset = model.includes('conv') ? 'cnn' : 'default';
    console.log(
      `browser training rate for ${model} on ${name}: median ${list[list.length >> 1]} samples/s, max ${list.at(-1)} ` +
        `(${list.length} readings); compare: npm run bench -- --model ${preset} --epochs 1`,
    );
  }
  expect(readings).toBeGreaterThan(0);
});
