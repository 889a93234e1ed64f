// A new deployment, as the browser sees one: dist/sw.js with one more line (vite preview serves
// the file as it is now). The service worker is asked to update and the page must say so; the
// original file is put back whatever happens, so later specs see the build as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from './test.ts';

export async function offerNewVersion(page: Page): Promise<void> {
  const swPath = join('dist', 'sw.js');
  const original = readFileSync(swPath);
  try {
    writeFileSync(swPath, Buffer.concat([original, Buffer.from('\n// the next version\n')]));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByText('Update available.')).toBeVisible({ timeout: 60_000 });
  } finally {
    writeFileSync(swPath, original);
  }
}
