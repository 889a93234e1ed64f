// Pointer event → probabilities for 20 mouse strokes, each approaching over the pad for ~150 ms as a
// person's mouse does (e2e/app.spec.ts moves straight to each stroke's start). For A/B runs of two
// builds, each served by `npx vite preview --outDir <build> --port <port>`:
//   node bench/approach.mjs <port> [cnn] [hz]   (cnn: once the convolutional network answers;
//   hz: the stroke's movements come at this rate, as from a 60 Hz touch screen or mouse, instead
//   of as fast as Playwright sends them)
import { chromium } from 'playwright-core';
const [port, phase, hz] = process.argv.slice(2);
const gap = hz ? 1000 / Number(hz) : 0;
const ready = phase === 'cnn' ? /convolutional network answers/ : /test accuracy 9[6-9]/;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
await page.goto(`http://localhost:${port}/`);
await page.getByRole('status').first().filter({ hasText: ready }).waitFor({ timeout: 180000 });
const b = await page.locator('canvas').first().boundingBox();
const all = [], firsts = [], lifts = [];
for (let i = 0; i < 20; i++) {
  await page.mouse.move(b.x - 40, b.y + b.height + 40);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(400);
  await page.evaluate(() => { globalThis.digitpad.latencies.length = 0; });
  // Approach: ~150 ms of hover moves over the pad towards the stroke's start.
  const t0 = Date.now();
  let k = 0;
  while (Date.now() - t0 < 150) await page.mouse.move(b.x + b.width * (0.2 + 0.02 * k), b.y + b.height * (0.1 + 0.01 * k++));
  const dx = (i % 5) * 0.03 - 0.06;
  await page.mouse.move(b.x + b.width * (0.5 + dx), b.y + b.height * 0.2);
  await page.mouse.down();
  const start = Date.now();
  for (let j = 1; j < 12; j++) {
    if (gap) await page.waitForTimeout(Math.max(0, start + j * gap - Date.now()));
    await page.mouse.move(b.x + b.width * (0.5 + dx + 0.01 * j * (i % 2 ? 1 : -1)), b.y + b.height * (0.2 + (0.6 * j) / 11));
  }
  if (gap) await page.waitForTimeout(gap);
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('.probabilities')?.getAttribute('aria-busy') === 'false');
  await page.waitForTimeout(100);
  const ms = await page.evaluate(() => [...globalThis.digitpad.latencies]);
  all.push(...ms);
  if (ms.length) firsts.push(ms[0]);
  if (ms.length > 1) lifts.push(ms[ms.length - 1]); // the pen-up's answer comes last
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1); };
console.log(`port ${port}${gap ? ` (${hz} Hz)` : ''}: ${all.length} answers p50 ${pct(all, 50)} p95 ${pct(all, 95)}; first of stroke p50 ${pct(firsts, 50)} p95 ${pct(firsts, 95)}; pen-up p50 ${pct(lifts, 50)} p95 ${pct(lifts, 95)}; ${await page.getByRole('status').first().textContent()}`);
await browser.close();
