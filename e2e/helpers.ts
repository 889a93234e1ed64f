import { expect, type Page, type Worker } from '@playwright/test';
import { scrollToStill } from './scroll-to-still.ts';

/** A stroke as points in canvas fractions: (0, 0) top left, (1, 1) bottom right. */
export type Stroke = [number, number][];

export const STATUS_ACCURACY = /test accuracy (\d+(?:\.\d+)?)%/;

/** Installed with addInitScript: records main-thread long tasks (> 50 ms) from the first paint on. */
export function installLongTaskObserver(): void {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No longtask support: the test sees an empty list and says so.
  }
}

/** The long tasks installLongTaskObserver recorded that started in [from, to) ms after load. */
export async function longTasksBetween(page: Page, from: number, to = Infinity): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    ([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= a && t.start < b),
    [from, to === Infinity ? Number.MAX_VALUE : to],
  );
}

export async function statusText(page: Page): Promise<string> {
  return ((await page.getByRole('status').first().textContent()) ?? '').trim();
}

/** The test accuracy the status shows, in percent, or null while none is known. */
export async function shownAccuracy(page: Page): Promise<number | null> {
  const m = STATUS_ACCURACY.exec(await statusText(page));
  return m ? Number(m[1]) : null;
}

/** Waits until the status shows a test accuracy ≥ minPercent; fails fast when training stops. */
export async function waitForTestAccuracy(page: Page, minPercent = 97, timeoutMs = 240_000): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    last = await statusText(page);
    if (/unavailable|Stopped/.test(last)) throw new Error(`training stopped: "${last}"`);
    const alert = page.getByRole('alert');
    if ((await alert.count()) > 0) throw new Error(`app shows an error: "${await alert.first().textContent()}"`);
    const m = STATUS_ACCURACY.exec(last);
    if (m && Number(m[1]) >= minPercent) {
      console.log(`reached "${last}" after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return Number(m[1]);
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no test accuracy ≥ ${minPercent}% within ${timeoutMs / 1000} s; status: "${last}"`);
}

/** aria-valuenow of the ten meters, digit order. */
export async function readBars(page: Page): Promise<number[]> {
  const meters = page.getByRole('meter');
  await expect(meters).toHaveCount(10);
  return page.evaluate(() => {
    const out: number[] = [];
    for (let d = 0; d < 10; d++) {
      const el = document.querySelector(`[role="meter"][aria-label="digit ${d}"]`);
      out.push(Number(el?.getAttribute('aria-valuenow') ?? NaN));
    }
    return out;
  });
}

/** The digit with the highest bar, or null when all bars are 0 (no guess). */
export function topOf(values: number[]): number | null {
  let best = 0;
  for (let d = 1; d < values.length; d++) if (values[d] > values[best]) best = d;
  return values[best] > 0 ? best : null;
}

/** Draws strokes with real (trusted) mouse input through Playwright. */
export async function drawWithMouse(page: Page, strokes: Stroke[], steps = 4): Promise<void> {
  const pad = page.getByLabel('Draw a digit');
  await scrollToStill(page, pad); // the mouse draws at viewport coordinates
  const box = await pad.boundingBox();
  if (!box) throw new Error('canvas has no box');
  // The digit pad is square: its fractions are its heights.
  await writeWithMouse(page, box, strokes, steps);
}

/** Strokes with the mouse, points in pad heights from the box's top left (the number pad is wider than high). */
export async function writeWithMouse(page: Page, box: { x: number; y: number; height: number }, strokes: Stroke[], steps = 4): Promise<void> {
  const at = ([x, y]: [number, number]) => [box.x + x * box.height, box.y + y * box.height] as const;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...at(p), { steps });
    await page.mouse.up();
  }
}

/** Waits until the bars show a guess (some value > 0) and it holds for a few polls; returns it. */
export async function waitForGuess(page: Page, timeoutMs = 10_000): Promise<number[]> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[role="meter"]')].some((m) => Number(m.getAttribute('aria-valuenow')) > 0),
    undefined,
    { timeout: timeoutMs, polling: 'raf' },
  );
  let prev = await readBars(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(50);
    const next = await readBars(page);
    if (topOf(next) === topOf(prev)) return next;
    prev = next;
  }
  return prev;
}

export async function clickClear(page: Page): Promise<void> {
  const clear = page.getByRole('button', { name: 'Clear', exact: true });
  if (await clear.isEnabled()) await clear.click();
}

export interface InPageDrawArgs {
  /** Strokes in canvas fractions. */
  strokes: Stroke[];
  /** Press Clear first (and wait for the bars to empty). */
  clear: boolean;
  timeoutMs: number;
  /** The pointer (default 1, a pen as the mouse's id): another id is one the browser does not track. */
  pointer?: { id: number; type: 'pen' | 'touch' | 'mouse' };
}

export interface InPageDrawResult {
  values: number[];
  top: number | null;
  /** ms from the last pointer event of the drawing to the bars' change. */
  ms: number;
  timedOut: boolean;
  /** The app said "Not sure — doesn't look like a digit" (muted bars). */
  notSure: boolean;
}

/**
 * Runs in the page (pass to page.evaluate): optionally Clear, then replay strokes as real
 * PointerEvents on the canvas (pointerdown / pointermove… / pointerup, pen, pressure 0.5), then wait
 * for the bars to show a guess and read it after two more frames.
 *
 * Synthetic pointermove events carry an explicit coalescedEvents list: Chromium returns an empty
 * getCoalescedEvents() for untrusted events, and the pad reads points from that list.
 */
export async function inPageDraw(args: InPageDrawArgs): Promise<InPageDrawResult> {
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  const meters = () => {
    const out: number[] = [];
    for (let d = 0; d < 10; d++) {
      const el = document.querySelector(`[role="meter"][aria-label="digit ${d}"]`);
      out.push(Number(el?.getAttribute('aria-valuenow') ?? 0));
    }
    return out;
  };
  const canvas = document.querySelector('canvas[aria-label="Draw a digit"]') as HTMLCanvasElement;
  if (args.clear) {
    const clear = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear');
    if (clear && !clear.disabled) clear.click();
    for (let i = 0; i < 10 && meters().some((v) => v > 0); i++) await frame();
  }
  const rect = canvas.getBoundingClientRect();
  const pe = (type: string, [fx, fy]: [number, number]) => {
    const init: PointerEventInit = {
      bubbles: true,
      cancelable: true,
      composed: true,
      pointerId: args.pointer?.id ?? 1,
      pointerType: args.pointer?.type ?? 'pen',
      isPrimary: true,
      clientX: rect.left + fx * rect.width,
      clientY: rect.top + fy * rect.height,
      button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pressure: type === 'pointerup' ? 0 : 0.5,
    };
    if (type === 'pointermove') init.coalescedEvents = [new PointerEvent(type, init)];
    return new PointerEvent(type, init);
  };
  for (const stroke of args.strokes) {
    canvas.dispatchEvent(pe('pointerdown', stroke[0]));
    for (const p of stroke.slice(1)) canvas.dispatchEvent(pe('pointermove', p));
    canvas.dispatchEvent(pe('pointerup', stroke[stroke.length - 1]));
  }
  const t0 = performance.now();
  let timedOut = false;
  // The bars answer every pointer event: wait for the answer to the finished drawing.
  const busy = () => document.querySelector('[aria-label="Digit probabilities"]')?.getAttribute('aria-busy') === 'true';
  while (!meters().some((v) => v > 0) || busy()) {
    if (performance.now() - t0 > args.timeoutMs) {
      timedOut = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const ms = performance.now() - t0;
  await frame();
  await frame();
  const values = meters();
  let best = 0;
  for (let d = 1; d < 10; d++) if (values[d] > values[best]) best = d;
  const notSure = document.querySelector('[aria-label="Digit probabilities"]')?.classList.contains('unsure') ?? false;
  return { values, top: values[best] > 0 ? best : null, ms, timedOut, notSure };
}

/**
 * Runs in the page: Clear, then one stroke with the pen still down; returns the ms from
 * dispatching its last pointermove to the first aria-valuenow mutation of the bars (the live
 * feedback path: pointer event → prediction in the inference worker → bars updated) and to the
 * animation frame that paints them; -1 on timeout. Lifts the pen after.
 */
export async function inPageStrokeLatency(args: { stroke: Stroke; timeoutMs: number }): Promise<{ bars: number; frame: number }> {
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  const canvas = document.querySelector('canvas[aria-label="Draw a digit"]') as HTMLCanvasElement;
  const bars = [...document.querySelectorAll('[role="meter"]')];
  const clear = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear');
  if (clear && !clear.disabled) clear.click();
  for (let i = 0; i < 10 && bars.some((m) => Number(m.getAttribute('aria-valuenow')) > 0); i++) await frame();
  const rect = canvas.getBoundingClientRect();
  const pe = (type: string, [fx, fy]: [number, number]) => {
    const init: PointerEventInit = {
      bubbles: true,
      cancelable: true,
      pointerId: 1,
      pointerType: 'pen',
      isPrimary: true,
      clientX: rect.left + fx * rect.width,
      clientY: rect.top + fy * rect.height,
      button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pressure: type === 'pointerup' ? 0 : 0.5,
    };
    if (type === 'pointermove') init.coalescedEvents = [new PointerEvent(type, init)];
    return new PointerEvent(type, init);
  };
  let t1 = -1;
  let t2 = -1;
  const changed = new Promise<void>((resolve) => {
    const mo = new MutationObserver(() => {
      t1 = performance.now();
      mo.disconnect();
      // The frame that paints the new bars starts with the next animation frame callback.
      requestAnimationFrame(() => {
        t2 = performance.now();
        resolve();
      });
    });
    for (const b of bars) mo.observe(b, { attributes: true, attributeFilter: ['aria-valuenow'] });
    setTimeout(() => {
      mo.disconnect();
      resolve();
    }, args.timeoutMs);
  });
  const { stroke } = args;
  canvas.dispatchEvent(pe('pointerdown', stroke[0]));
  for (const p of stroke.slice(1, -1)) canvas.dispatchEvent(pe('pointermove', p));
  const t0 = performance.now();
  canvas.dispatchEvent(pe('pointermove', stroke[stroke.length - 1]));
  await changed;
  canvas.dispatchEvent(pe('pointerup', stroke[stroke.length - 1]));
  return t1 < 0 ? { bars: -1, frame: -1 } : { bars: t1 - t0, frame: t2 - t0 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Digit shapes in canvas fractions. */
export const SHAPES: Record<'1' | '0' | '7', Stroke[]> = {
  '1': [[[0.53, 0.2], [0.52, 0.35], [0.51, 0.5], [0.5, 0.65], [0.49, 0.8]]],
  '0': [
    Array.from({ length: 41 }, (_, i): [number, number] => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / 40;
      return [0.5 + 0.2 * Math.cos(a), 0.5 + 0.3 * Math.sin(a)];
    }),
  ],
  '7': [[[0.3, 0.22], [0.5, 0.22], [0.7, 0.22], [0.6, 0.4], [0.52, 0.6], [0.45, 0.8]]],
};

/** The "Samples seen" figure of the training panel. */
export async function samplesSeen(page: Page): Promise<number> {
  const dd = page.locator('dt', { hasText: /^Samples seen$/ }).locator('xpath=following-sibling::dd[1]');
  return Number(((await dd.textContent()) ?? '').replace(/[^\d]/g, ''));
}

/** Page errors and console errors, collected for a final `expect(errors).toEqual([])`. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return errors;
}

/**
 * Pauses (which tests the current weights and saves them) and waits until the status and the
 * Saved models panel agree on the saved figures.
 */
export async function pauseAndSave(page: Page): Promise<{ accuracy: number; samples: number }> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText('Paused');
  // The pause's own test result arrives once it is saved: wait for the figures to settle, and
  // for the answering entry to be on record as paused. Paused right at a test point, the pause
  // writes no new figures, only the paused flag: a test that goes on before that write lands
  // would see it overwrite whatever it put in storage meanwhile.
  let figures = '';
  const answeringFacts = page.locator('.shelf li', { has: page.getByText('Answering') }).locator('.facts');
  await expect
    .poll(
      async () => {
        const accuracy = await shownAccuracy(page);
        const samples = await samplesSeen(page);
        figures = `test accuracy ${accuracy?.toFixed(1)}% · ${new Intl.NumberFormat('en').format(samples)} samples`;
        const saved = ((await page.locator('.model-storage .saved').textContent()) ?? '').includes(figures);
        return saved && /· paused\b/.test((await answeringFacts.textContent()) ?? '');
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  // A screen reader hears the figure the page shows, not the one before the pause's test (said,
  // the hidden line empties after 10 s).
  const heard = ((await page.locator('.training-panel > p.visually-hidden[aria-live="polite"]').textContent()) ?? '').trim();
  if (heard !== '') expect(heard).toBe(await statusText(page));
  return { accuracy: (await shownAccuracy(page))!, samples: await samplesSeen(page) };
}

/** Names on the Saved models shelf, in the order shown (the answering one first). */
export async function shelfNames(page: Page): Promise<string[]> {
  return page.locator('.shelf li .name').allTextContents();
}

/** Each saved model's samples, by its name on the shelf (the pair's two networks count apart). */
export async function savedSamples(page: Page): Promise<Record<string, number>> {
  const rows = await page.locator('.shelf li.entry').evaluateAll((lis) =>
    lis.map((li) => [li.getAttribute('aria-label') ?? '', li.querySelector('.facts')?.textContent ?? ''] as const),
  );
  return Object.fromEntries(rows.map(([name, facts]) => [name, Number(/([\d,]+) samples/.exec(facts)?.[1].replace(/,/g, '') ?? NaN)]));
}

/**
 * The ten probabilities the worker gives for each of SHAPES, drawn in the page at a fixed size
 * (the same pixels every time), through the page's `digitpad.predict` handle.
 */
export async function probabilitiesOf(page: Page): Promise<number[][]> {
  return page.evaluate(async (shapes) => {
    const out: number[][] = [];
    for (const strokes of Object.values(shapes)) {
      const c = new OffscreenCanvas(280, 280);
      const g = c.getContext('2d')!;
      g.lineWidth = 25;
      g.lineCap = g.lineJoin = 'round';
      for (const s of strokes) {
        g.beginPath();
        s.forEach(([x, y], i) => (i ? g.lineTo(x * 280, y * 280) : g.moveTo(x * 280, y * 280)));
        g.stroke();
      }
      const img = g.getImageData(0, 0, 280, 280);
      const p = await globalThis.digitpad.predict(img.data, 280, 280);
      out.push(Array.from(p?.probabilities ?? []));
    }
    return out;
  }, SHAPES);
}

/** The worker's `self.name`, or null when it does not answer within 2 s (spinning or gone). */
async function workerName(w: Worker): Promise<string | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000));
  return Promise.race([w.evaluate(() => self.name).catch(() => null), timeout]);
}

/** The one live training worker ('digitpad-training'); the inference worker answers drawings beside it. */
export async function trainingWorker(page: Page, timeoutMs = 30_000): Promise<Worker> {
  let found: Worker[] = [];
  await expect
    .poll(async () => {
      found = [];
      for (const w of page.workers()) if ((await workerName(w)) === 'digitpad-training') found.push(w);
      return found.length;
    }, { timeout: timeoutMs })
    .toBe(1);
  return found[0];
}

/** Waits until the convolutional network answers and the status shows ≥ minPercent for it. */
export async function waitForCnnAnswering(page: Page, minPercent = 99, timeoutMs = 480_000): Promise<number> {
  const answering = page.locator('section[aria-label="Two models, one answer"] li.answering strong');
  await expect(answering).toHaveText('Convolutional network', { timeout: timeoutMs });
  return waitForTestAccuracy(page, minPercent, timeoutMs);
}
