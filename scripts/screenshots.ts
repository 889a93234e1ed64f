// The README's screenshots, taken from the built app in Debian's Chromium with real pen strokes
// (UNIPEN dev digits and a hand-drawn-fixture letter) written through the mouse.
// Usage: npm run build && npx vite preview & node --import tsx scripts/screenshots.ts [outDir]
import { readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { readUnipen } from './unipen-node.ts';

const out = process.argv[2] ?? 'docs';
const URL_ = process.env.DIGITPAD_URL ?? 'http://localhost:4173/';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Strokes = [number, number][][];

/** Fits strokes into a box (pad fractions), keeping their aspect ratio. */
function fit(strokes: Strokes, x0: number, y0: number, size: number): Strokes {
  const pts = strokes.flat();
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const minX = Math.min(...xs), minY = Math.min(...ys);
  const k = size / Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY, 1);
  return strokes.map((s) => s.map(([x, y]): [number, number] => [x0 + (x - minX) * k, y0 + (y - minY) * k]));
}

/** Writes strokes with the mouse; (x, y) in pad heights from the pad's top left. */
async function write(page: Page, label: string, strokes: Strokes): Promise<void> {
  const pad = page.getByLabel(label);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  for (const s of strokes) {
    const at = ([x, y]: [number, number]) => [box.x + x * box.height, box.y + y * box.height] as const;
    await page.mouse.move(...at(s[0]));
    await page.mouse.down();
    for (const p of s.slice(1)) await page.mouse.move(...at(p), { steps: 2 });
    await page.mouse.up();
  }
}

async function status(page: Page): Promise<string> {
  return ((await page.getByRole('status').first().textContent()) ?? '').trim();
}

const unipen = readUnipen();
if (!unipen) throw new Error('the screenshots need ../shared/data/unipen-dev.json');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(URL_);
// The convolutional network answering: the state a person sees after two minutes.
await page
  .locator('section[aria-label="Two models, one answer"] li.answering strong', { hasText: 'Convolutional network' })
  .waitFor({ timeout: 480_000 });
console.log(`status: ${await status(page)}`);

// A writer's 4, then the whole page.
const four = unipen.find((s) => s.label === 4 && s.writer === unipen[0].writer) ?? unipen.find((s) => s.label === 4)!;
await write(page, 'Draw a digit', fit(four.strokes, 0.25, 0.2, 0.55));
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/screenshot.png` });
await page.screenshot({ path: '/tmp/desktop-full.png', fullPage: true });

// A letter: "Not sure".
const fixture = JSON.parse(readFileSync(new URL('../worker/notdigit/fixtures/hand-drawn.json', import.meta.url), 'utf8')) as {
  samples: { char: string; ambiguous: boolean; strokes: Strokes }[];
};
for (const s of fixture.samples.filter((f) => !f.ambiguous && 'WH#&'.includes(f.char))) {
  await page.getByRole('button', { name: 'Clear' }).click();
  await write(page, 'Draw a digit', s.strokes);
  await page.waitForTimeout(400);
  if ((await page.locator('.probabilities.unsure').count()) > 0) {
    console.log(`not sure: ${s.char}`);
    await page.getByRole('region', { name: 'Draw and guess' }).screenshot({ path: `${out}/not-sure.png` });
    break;
  }
}

// A number: one writer's 2, 0, 2, 6 side by side.
const byWriter = new Map<string, typeof unipen>();
for (const s of unipen) byWriter.set(s.writer, [...(byWriter.get(s.writer) ?? []), s]);
const writer = [...byWriter.values()].find((ss) => [2, 0, 6].every((d) => ss.some((s) => s.label === d)))!;
await page.getByLabel('A number').check();
let x = 0.15;
for (const d of [2, 0, 2, 6]) {
  const sample = writer.find((s) => s.label === d)!;
  const strokes = fit(sample.strokes, x, 0.2, 0.6);
  await write(page, 'Write a number', strokes);
  x = Math.max(...strokes.flat().map((p) => p[0])) + 0.2;
}
await page.locator('[aria-label="The number"][aria-busy="false"]').waitFor();
await page.waitForTimeout(500);
console.log(`number: ${await page.locator('[aria-label="The number"] .verdict').textContent()}`);
await page.getByRole('button', { name: /^digit 4:/ }).click();
await page.getByRole('region', { name: 'Draw and guess' }).screenshot({ path: `${out}/number.png` });

// 360 px wide (a phone in portrait).
await page.close();
// A context of its own: the same origin's storage would make it a second tab (reading, not training).
const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 })).newPage();
await phone.goto(URL_);
await phone.getByRole('status').first().filter({ hasText: /test accuracy/ }).waitFor({ timeout: 120_000 });
await write(phone, 'Draw a digit', fit(four.strokes, 0.25, 0.2, 0.55));
await phone.waitForTimeout(500);
await phone.screenshot({ path: '/tmp/phone-full.png', fullPage: true });
await phone.getByLabel('A number').check();
await phone.screenshot({ path: '/tmp/phone-number.png' });
await browser.close();
