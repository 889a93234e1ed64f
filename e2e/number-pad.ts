// The number pad on a fresh page, for the specs that write on it.
import { type Page } from './test.ts';
import { waitForTestAccuracy } from './helpers.ts';

/** A fresh page whose dense network reads ≥ 97 %, in number mode: the pad and its box. */
export async function numberPadOnceTrained(page: Page) {
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 240_000);
  await page.getByLabel('A number').check();
  const pad = page.getByLabel('Write a number');
  await pad.scrollIntoViewIfNeeded();
  return { pad, box: (await pad.boundingBox())! };
}
