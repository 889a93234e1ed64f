// A digit drawn in the first seconds, before any model exists, is answered as soon as the first
// one is ready: the person should not have to draw it again.
import { expect, test, type Route } from './test.ts';
import { drawWithMouse, topOf, waitForGuess, type Stroke } from './helpers.ts';

/** A 7: the bar, then the stem. */
const SEVEN: Stroke[] = [[[0.3, 0.25], [0.5, 0.25], [0.7, 0.25], [0.6, 0.45], [0.52, 0.65], [0.46, 0.82]]];

// No service worker: its precaching would fetch MNIST outside the page's routes.
test.use({ serviceWorkers: 'block' });

test('a digit drawn before the first model exists is answered once there is one', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  // MNIST is held back, so no model can be trained (a fresh profile has none saved) until the drawing is done.
  const held: Route[] = [];
  let release = false;
  await page.route('**/data/mnist/**', (route) => (release ? route.continue() : void held.push(route)));
  await page.goto('/');
  await expect(page.getByRole('status').first()).toContainText('Loading MNIST', { timeout: 60_000 });
  // Said where the person looks, not only in the status line far below the pad.
  const verdict = page.getByRole('region', { name: 'Digit probabilities' }).locator('.verdict');
  await expect(verdict).toHaveText('Getting ready: loading MNIST…');
  await drawWithMouse(page, SEVEN);
  await expect(verdict).toHaveText('No guess yet — loading MNIST…');

  release = true;
  for (const route of held.splice(0)) await route.continue();
  const bars = await waitForGuess(page, 180_000);
  console.log(`the early drawing was answered: ${topOf(bars)} (${bars.map((b) => b.toFixed(2)).join(' ')})`);
  await expect(page.getByText('No guess yet')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(verdict).toHaveText('Draw a digit');
});
