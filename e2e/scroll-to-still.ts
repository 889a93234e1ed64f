import type { Locator, Page } from '@playwright/test';

/**
 * Scrolls `target` into view once it stands still (Playwright checks that on two animation
 * frames). Once in ~30 clean-clone runs the pad was not still for the 15 s action timeout, right
 * after a reload and a Pause, with nothing on the page that moves it (stop 65, CI-55; the test
 * passed six times in a row alone): so a minute, and if even that runs out, what the page was
 * doing — how many frames it painted in a second, and where the target was twice — in the error.
 */
export async function scrollToStill(page: Page, target: Locator): Promise<void> {
  try {
    await target.scrollIntoViewIfNeeded({ timeout: 60_000 });
  } catch (e) {
    const seen = await page.evaluate(async () => {
      let frames = 0;
      const start = performance.now();
      await new Promise<void>((done) => {
        const tick = () => (++frames, performance.now() - start < 1000 ? requestAnimationFrame(tick) : done());
        requestAnimationFrame(tick);
      });
      return { frames, visibility: document.visibilityState, scrollY };
    });
    const box = () => target.boundingBox({ timeout: 1000 }).catch(() => null);
    const boxes = [await box(), await box()];
    throw new Error(`${(e as Error).message}\n${JSON.stringify({ ...seen, boxes })}`);
  }
}
