import { expect, test, type Page } from '@playwright/test';
import { SHAPES, drawWithMouse, shownAccuracy, statusText, topOf, waitForGuess, waitForTestAccuracy } from './helpers.ts';

/** The "Samples seen" figure of the training panel. */
async function samplesSeen(page: Page): Promise<number> {
  const dd = page.locator('dt', { hasText: /^Samples seen$/ }).locator('xpath=following-sibling::dd[1]');
  return Number(((await dd.textContent()) ?? '').replace(/[^\d]/g, ''));
}

const saved = (page: Page) => page.locator('.model-storage .saved');

/** Pauses (which checkpoints) and waits until the storage panel shows the saved figures. */
async function pauseAndSave(page: Page): Promise<{ accuracy: number; samples: number }> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText('Paused');
  const accuracy = (await shownAccuracy(page))!;
  const samples = await samplesSeen(page);
  const figures = `test accuracy ${accuracy.toFixed(1)}% · ${new Intl.NumberFormat('en').format(samples)} samples`;
  await expect(saved(page)).toContainText(figures, { timeout: 15_000 });
  return { accuracy, samples };
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return errors;
}

// (2) A model that took minutes to train survives a reload: the restored model shows the saved
// test accuracy at once, keeps its sample count and answers a drawing before MNIST has loaded.
test('a model trained to ≥ 97 % survives a reload without retraining', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 360_000);
  const before = await pauseAndSave(page);
  console.log(`saved: ${await saved(page).textContent()}`);

  const t0 = Date.now();
  await page.reload();
  const restored = page.locator('.model-storage .restored');
  await expect(restored).toBeVisible({ timeout: 30_000 });
  const restoreMs = Date.now() - t0;
  // The bars work at once, from the restored weights (MNIST may still be loading).
  await drawWithMouse(page, SHAPES['1']);
  const bars = await waitForGuess(page);
  const guessMs = Date.now() - t0;
  console.log(`restored in ${restoreMs} ms, first guess ${guessMs} ms after reload; status "${await statusText(page)}"`);
  expect(topOf(bars)).toBe(1);
  await expect(restored).toContainText(`test accuracy ${before.accuracy.toFixed(1)}%`);

  // The first accuracy the status shows after the restore is the saved one, and the run
  // carries on from the saved sample count rather than from 0.
  await expect.poll(() => shownAccuracy(page), { timeout: 60_000, intervals: [50] }).not.toBeNull();
  const after = (await shownAccuracy(page))!;
  const samplesAfter = await samplesSeen(page);
  console.log(`before reload ${before.accuracy}% at ${before.samples} samples; after ${after}% at ${samplesAfter} samples`);
  expect(Math.abs(after - before.accuracy)).toBeLessThanOrEqual(0.1);
  expect(samplesAfter).toBeGreaterThanOrEqual(before.samples);
  expect(errors).toEqual([]);
});

// (4) Garbage in the IndexedDB record: a notice, a fresh model, no crash. A truncated model
// file: a clear error and the current model stays. An intact export imports.
test('a corrupt checkpoint is discarded with a notice; a truncated import is refused, an intact one loads', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await waitForTestAccuracy(page, 80, 120_000);
  await pauseAndSave(page);

  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('digitpad');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const garbage = new Uint8Array(4096).map((_, i) => (i * 131 + 7) & 255);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('checkpoints', 'readwrite');
      tx.objectStore('checkpoints').put(garbage, 'model');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();
  const notice = page.getByText(/^Saved model was corrupt and was discarded: .+\. Training a fresh one\.$/);
  await expect(notice).toBeVisible({ timeout: 30_000 });
  console.log(`notice: ${await notice.textContent()}`);
  await expect(page.locator('.model-storage .restored')).toHaveCount(0);
  await expect(page.getByRole('status').first()).toContainText('Training', { timeout: 60_000 });
  await waitForTestAccuracy(page, 80, 120_000);
  const exportedAt = await pauseAndSave(page);

  // Export the model: the download is the checkpoint.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  expect(download.suggestedFilename()).toBe('digitpad-model.dpnn');
  const file = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c));
  console.log(`exported ${file.length} bytes`);
  expect(file.subarray(0, 4).toString()).toBe('DPNN');

  // Let the model move on, then try a truncated copy of the export.
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => samplesSeen(page), { timeout: 60_000 }).toBeGreaterThan(exportedAt.samples);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText('Paused');
  const kept = await samplesSeen(page);
  const input = page.locator('.model-storage input[type="file"]');
  await input.setInputFiles({ name: 'truncated.dpnn', mimeType: 'application/octet-stream', buffer: file.subarray(0, file.length >> 1) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import truncated.dpnn: checksum mismatch — the file is corrupt or truncated. The current model is kept.');
  expect(await samplesSeen(page)).toBe(kept);
  await input.setInputFiles({ name: 'notes.dpnn', mimeType: 'text/plain', buffer: Buffer.from('hello, not a model at all') });
  await expect(alert).toContainText('Could not import notes.dpnn: not a DigitPad model file (bad magic)');
  expect(await samplesSeen(page)).toBe(kept);

  // The intact file imports: the model is back where it was exported.
  await input.setInputFiles({ name: 'digitpad-model.dpnn', mimeType: 'application/octet-stream', buffer: file });
  await expect(page.getByText('Imported digitpad-model.dpnn.')).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(await samplesSeen(page)).toBe(exportedAt.samples);
  expect(await shownAccuracy(page)).toBe(exportedAt.accuracy);

  // Forget: the checkpoint is gone and a fresh run starts.
  await page.getByRole('button', { name: 'Forget model' }).click();
  await expect(saved(page)).toContainText('No model saved yet');
  await page.reload();
  await expect(page.getByRole('status').first()).toContainText(/Training|Paused/, { timeout: 60_000 });
  await expect(page.locator('.model-storage .restored')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// A full quota is reported, not swallowed.
test('a storage quota error is shown', async ({ page }) => {
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 100_000 });
  await waitForTestAccuracy(page, 50, 120_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const error = page.locator('.model-storage .error');
  await expect(error).toContainText('QuotaExceededError', { timeout: 15_000 });
  console.log(`quota: ${await error.textContent()}`);
});

// A hidden page may be discarded without warning: hiding it (or leaving it) checkpoints at once.
// Once training has converged nothing else saves, so a record that reappears after being
// deleted was written by the hide.
test('hiding or leaving the page checkpoints the model', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect.poll(() => statusText(page), { timeout: 300_000, intervals: [1000] }).toMatch(/^Converged/);
  /** Reads (true when there is a saved model) or deletes the checkpoint record. */
  const record = (op: 'read' | 'delete') =>
    page.evaluate(
      (op) =>
        new Promise<boolean>((resolve, reject) => {
          const req = indexedDB.open('digitpad');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const store = req.result.transaction('checkpoints', 'readwrite').objectStore('checkpoints');
            const r = op === 'delete' ? store.delete('model') : store.get('model');
            r.onsuccess = () => resolve(op === 'read' && r.result !== undefined);
            r.onerror = () => reject(r.error);
          };
        }),
      op,
    );
  const hides = [
    () => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    },
    () => window.dispatchEvent(new Event('pagehide')),
  ];
  for (const hide of hides) {
    await expect.poll(() => record('read'), { timeout: 15_000 }).toBe(true);
    await record('delete');
    expect(await record('read')).toBe(false);
    await page.evaluate(hide);
    await expect.poll(() => record('read'), { timeout: 10_000 }).toBe(true);
  }
  expect(errors).toEqual([]);
});
