// Confirmations answer Escape as dialogs do, without the pad's Escape shortcut clearing the drawing.
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A confirmation opened by clicking `open` puts the focus on its safe choice `keep`; Escape keeps
 * what it asked about, as in any dialog: it closes, `open` has the focus again, and the pad's
 * drawing is as it was (elsewhere on the page Escape clears the pad).
 */
export async function escapeKeeps(page: Page, open: Locator, keep: Locator): Promise<void> {
  const clearPad = page.getByRole('button', { name: 'Clear', exact: true });
  const inked = await clearPad.isEnabled();
  await open.click();
  await expect(keep).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(keep).toHaveCount(0);
  await expect(open).toBeFocused();
  if (inked) await expect(clearPad).toBeEnabled();
  else await expect(clearPad).toBeDisabled();
}
