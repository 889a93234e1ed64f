// Confirmations answer Escape as dialogs do, without the pad's Escape shortcut clearing the drawing.
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A confirmation opened by clicking `open` puts the focus on its safe choice `keep`; Escape keeps
 * what it asked about, as in any dialog: it closes, `open` has the focus again, and the pad's
 * drawing is still there (elsewhere on the page Escape clears the pad).
 */
export async function escapeKeeps(page: Page, open: Locator, keep: Locator): Promise<void> {
  // The pad must hold a drawing, or Escape clearing it would go unseen.
  const clearPad = page.getByRole('button', { name: 'Clear', exact: true });
  await expect(clearPad, 'draw on the pad first').toBeEnabled();
  await open.click();
  await expect(keep).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(keep).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(clearPad).toBeEnabled();
}
