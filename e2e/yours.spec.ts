// "Your digits" in the real UI: a drawing the model misreads is corrected with one tap, counted
// (scored before learning), learnt within seconds, and still there after a reload.
import { expect, test } from '@playwright/test';
import { drawWithMouse, topOf, waitForGuess, waitForTestAccuracy, type Stroke } from './helpers.ts';

/** A 1 written with a long flag: MNIST-trained models tend to read it as 1 or 7. */
const FLAGGED_ONE: Stroke[] = [[[0.3, 0.38], [0.4, 0.3], [0.5, 0.2], [0.5, 0.4], [0.5, 0.6], [0.5, 0.8]]];

test('a misread drawing corrected with one tap is counted, learnt, and still there after a reload', async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 240_000);
  // Paused, the model that scores the correction is the one whose bars the test reads: a model
  // that kept training could already read the runner-up right by the time it scores it.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText(/^Paused · test accuracy/, { timeout: 60_000 });

  await drawWithMouse(page, FLAGGED_ONE);
  const bars = await waitForGuess(page);
  const before = topOf(bars)!;
  // A correction whatever the model says: the runner-up, a digit it did not read.
  const label = bars.map((v, d) => [v, d]).filter(([, d]) => d !== before).sort((a, b) => b[0] - a[0])[0][1];
  console.log(`the drawing was read as ${before}; corrected to ${label}`);
  await page.getByRole('button', { name: `It is a ${label}` }).click();

  const yours = page.getByRole('region', { name: 'Your digits' });
  await expect(yours.getByRole('button', { name: `Delete this ${label}` })).toHaveCount(1);
  await expect(yours).toContainText('0 of 1 read right before it learnt them');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(new RegExp(`^Now read as ${label} \\(\\d+\\.\\d\\d s of learning\\)\\.$`))).toBeVisible({ timeout: 120_000 });

  // The same drawing again: the bars now say what the person said.
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await drawWithMouse(page, FLAGGED_ONE);
  await expect.poll(async () => topOf(await waitForGuess(page)), { timeout: 30_000 }).toBe(label);

  await page.reload();
  await expect(yours.getByRole('button', { name: `Delete this ${label}` })).toHaveCount(1, { timeout: 60_000 });
  await expect(yours).toContainText('0 of 1 read right before it learnt them');
  expect(errors).toEqual([]);
});
