import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from './test.ts';
import { inPageDraw, statusText, type Stroke, waitForCnnAnswering } from './helpers.ts';
import { Rng } from '../worker/nn/rng.ts';

// Real pen-written digits (UNIPEN train_r01_v07, UNIPEN consortium, CC BY 4.0), replayed as
// pointer events on the real canvas: the whole path from pointer events to the ten bars.
const HERE = path.dirname(fileURLToPath(import.meta.url)); // the package is ESM: no __dirname
const DATA = path.resolve(HERE, '../../shared/data/unipen-dev.json');
const FIXTURE = path.resolve(HERE, '../worker/notdigit/fixtures/hand-drawn.json');
const OTHER = path.resolve(HERE, 'fixtures/other-writer.json');
const THIRD = path.resolve(HERE, 'fixtures/third-writer.json');

interface Fixture {
  samples: { set: string; char: string; ambiguous: boolean; strokes: [number, number][][] }[];
}

interface OtherWriter {
  samples: { name: string; group: 'letter' | 'symbol' | 'ambiguous' | 'digit'; label: string | number | null; strokes: [number, number][][] }[];
}

interface UnipenFile {
  meta: { canvas: number; count: number };
  samples: { label: number; writer: string; strokes: [number, number][][] }[];
}

/**
 * The smallest count k that n draws at rate p reach (k or more) with probability under `alpha`:
 * a count at or above it says the rate is over p, with that confidence.
 */
function binomialUpperTail(n: number, p: number, alpha: number): number {
  let pmf = (1 - p) ** n, below = 0; // P(X = 0); P(X < k)
  for (let k = 0; k <= n; k++) {
    if (1 - below < alpha) return k;
    below += pmf;
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return n + 1;
}

/** Scales a sample so its longer side is 40–90 % (or from..to) of the canvas, at a random place inside it. */
function place(strokes: [number, number][][], rand: () => number, from = 0.4, to = 0.9): Stroke[] {
  const pts = strokes.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const side = Math.max(maxX - minX, maxY - minY, 1);
  const size = from + (to - from) * rand(); // longer side, as a fraction of the canvas
  const k = size / side;
  const w = (maxX - minX) * k, h = (maxY - minY) * k;
  const ox = rand() * (1 - w), oy = rand() * (1 - h);
  return strokes.map((s) => s.map(([x, y]): [number, number] => [ox + (x - minX) * k, oy + (y - minY) * k]));
}

test('UNIPEN dev digits replayed as pointer events, the convolutional network answering: ≥ 96.5 % read right, "not sure" within a 1 % rate, ≥ 90 % when written small; letters get "not sure"', async ({ page }) => {
  test.skip(!existsSync(DATA), `no ${DATA}; the UNIPEN replay needs it`);
  test.setTimeout(16 * 60_000);
  const data = JSON.parse(readFileSync(DATA, 'utf8')) as UnipenFile;
  expect(data.samples.length).toBe(653);

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const opened = Date.now();
  await page.goto('/');
  // Judge the model a user keeps: the convolutional network, once it answers at ≥ 99 % on MNIST.
  await waitForCnnAnswering(page, 0, 600_000);
  const answered = Date.now();
  await waitForCnnAnswering(page, 99, 600_000);
  console.log(
    `convolutional network answering ${((answered - opened) / 1000).toFixed(0)} s after the page opened, at ≥ 99 % after ${((Date.now() - opened) / 1000).toFixed(0)} s`,
  );
  console.log(`replaying on: ${await statusText(page)}`);

  const rng = new Rng(20240611); // bench/not-sure-sets.ts draws the same sizes and places
  const rand = () => rng.next();
  const confusion = Array.from({ length: 10 }, () => new Array<number>(11).fill(0)); // col 10: no guess
  let right = 0;
  let timeouts = 0;
  let notSure = 0;
  const misread: string[] = [], flaggedDigits: string[] = []; // "#index label→guess (writer)", for the log
  const started = Date.now();
  for (const [i, sample] of data.samples.entries()) {
    const strokes = place(sample.strokes, rand);
    const r = await page.evaluate(inPageDraw, { strokes, clear: true, timeoutMs: 5_000 });
    const which = `#${i} ${sample.label}→${r.top ?? '-'} (${sample.writer})`;
    if (r.timedOut) timeouts++;
    if (r.notSure) { notSure++; flaggedDigits.push(which); }
    confusion[sample.label][r.top ?? 10]++;
    if (r.top === sample.label) right++;
    else misread.push(which);
  }
  const n = data.samples.length;
  const accuracy = right / n;
  const flagLimit = binomialUpperTail(n, 0.01, 0.01);
  const lines = [
    `UNIPEN dev: ${right}/${n} right = ${(100 * accuracy).toFixed(1)}% in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      ` (${timeouts} without a guess within 5 s); "not sure" on ${notSure} = ${((100 * notSure) / n).toFixed(1)}%` +
      ` (fails at ${flagLimit}: a 1 % rate reaches that in under 1 % of replays)`,
    'confusion (rows: label, cols: guess 0-9, -: none)',
    '      ' + [...'0123456789', '-'].map((c) => c.padStart(4)).join('') + '   acc',
    ...confusion.map((row, d) => {
      const total = row.reduce((a, b) => a + b, 0);
      return `  ${d}:  ${row.map((v) => String(v).padStart(4)).join('')}  ${((100 * row[d]) / Math.max(1, total)).toFixed(0).padStart(3)}%`;
    }),
  ];
  console.log(lines.join('\n'));
  console.log(`misread: ${misread.join(', ') || 'none'}\n"not sure": ${flaggedDigits.join(', ') || 'none'}`);

  // Written small: every tenth digit again at 15–30 % of the canvas (worker/preprocess/
  // from-strokes.ts reads a small drawing at half the pad; before, ~70 % were read right at 20 %).
  let smallRight = 0, smallNotSure = 0;
  const small = data.samples.filter((_, i) => i % 10 === 0);
  for (const sample of small) {
    const r = await page.evaluate(inPageDraw, { strokes: place(sample.strokes, rand, 0.15, 0.3), clear: true, timeoutMs: 5_000 });
    if (r.top === sample.label) smallRight++;
    if (r.notSure) smallNotSure++;
  }
  console.log(`UNIPEN dev written small (15–30 % of the canvas): ${smallRight}/${small.length} right, "not sure" on ${smallNotSure}`);

  // Letters and symbols written with a simulated pen (worker/notdigit/fixtures: Hershey and EMS
  // single-line fonts; never trained on), through the same canvas: how many get "Not sure".
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
  const nonDigits = fixture.samples.filter((s) => !s.ambiguous);
  const bySet = new Map<string, [number, number]>();
  let flagged = 0;
  let shown = false;
  for (const sample of nonDigits) {
    const r = await page.evaluate(inPageDraw, { strokes: sample.strokes, clear: true, timeoutMs: 5_000 });
    const t = bySet.get(sample.set) ?? [0, 0];
    bySet.set(sample.set, [t[0] + (r.notSure ? 1 : 0), t[1] + 1]);
    if (!r.notSure) continue;
    flagged++;
    if (!shown) {
      // Once: the verdict in words, in the guess line and the live region, with the bars muted.
      await expect(page.getByText('Not sure', { exact: true })).toBeVisible();
      // "doesn’t look like a digit", or "a 4 or a 9?" (or "maybe a 1?", "no digit stands out") when no digit stands out.
      await expect(page.locator('[aria-live]', { hasText: /^Not sure — (doesn’t look like a digit|an? \d or an? \d\?|maybe an? \d\?|no digit stands out)$/ })).toHaveCount(1);
      shown = true;
    }
  }
  const rate = flagged / nonDigits.length;
  console.log(
    `hand-drawn letters and symbols: "not sure" on ${flagged}/${nonDigits.length} = ${(100 * rate).toFixed(1)}%\n` +
      [...bySet].map(([set, [f, t]]) => `  ${set.padEnd(20)} ${String(f).padStart(3)}/${String(t).padEnd(3)} ${((100 * f) / t).toFixed(0)}%`).join('\n'),
  );

  // Other writers' letters, symbols and digits (e2e/fixtures: each drawn by a separate session
  // with its own strokes, never used for training). The parts tests were chosen after reading the
  // second writer's misses among others; the third writer's set came after them, read by nothing
  // before this replay: the held-out figure.
  const other = await replayWriter(page, OTHER, 'another writer');
  const third = await replayWriter(page, THIRD, 'a third writer (held out)');
  expect(errors).toEqual([]);
  // The issues' targets are 98.5 % (#11) and 90 % of non-digits flagged (#12); measured here
  // 97.9–98.5 % and 77.7–81.1 % in stop 25's four clean-clone runs (57–64 % before the pen rules;
  // the snapshot replayed on moves both). These floors catch a regression, not the
  // targets: a detector that stopped working, or lost the pen strokes, flags well under half.
  expect(accuracy).toBeGreaterThanOrEqual(0.965);
  expect(smallRight / small.length).toBeGreaterThanOrEqual(0.9);
  // "Not sure" on real pen digits: the limit, 1 %, is a rate, and one replay is one draw
  // of 653 from it, on a random seed's snapshot. Measured: 2–7 digits per clean-clone run; in
  // Node 2.96 on average (0.45 %), 1–7, over 24 snapshots (`npm run bench:not-sure-cnn --
  // --seeds 1-6 --at 1,1.25,1.5,2`). At a true 0.45–0.6 %, 7 or more of 653 come up in one
  // replay in 30 to one in 10: stop 42's CI failed so, on 7. So the replay fails what it can tell
  // from a 1 % rate: a count that a 1 % rate reaches in under 1 % of replays (14 of 653; a 3 %
  // rate, a regression, reaches it in 9 of 10).
  expect(notSure).toBeLessThan(flagLimit);
  expect(rate).toBeGreaterThanOrEqual(0.5);
  // Another writer: 86.6 % of 67 letters and symbols and 30/30 digits when it was drawn (a
  // network at 99.0–99.4 %, still training), 92.5 % on the converged one; the third, 81.5 % of
  // 81 and 30/30 in its first run (stop 47, local). Floors, not targets.
  for (const writer of [other, third]) {
    expect(writer.nonDigitsFlagged / writer.nonDigits).toBeGreaterThanOrEqual(0.6);
    expect(writer.digitsRight).toBeGreaterThanOrEqual(writer.digits - 3);
  }
});

/** Replays a writer's fixture on the canvas (each sample as drawn) and prints what was read. */
async function replayWriter(page: Page, file: string, who: string) {
  const writer = JSON.parse(readFileSync(file, 'utf8')) as OtherWriter;
  const tally = { nonDigits: 0, nonDigitsFlagged: 0, digits: 0, digitsRight: 0, digitsFlagged: 0, ambiguousFlagged: 0, ambiguous: 0, timeouts: 0 };
  const named: string[] = [];
  console.log(`${who}, read by: ${await statusText(page)}`); // the network trained on during the replays before
  for (const sample of writer.samples) {
    const r = await page.evaluate(inPageDraw, { strokes: sample.strokes, clear: true, timeoutMs: 5_000 });
    if (r.timedOut) tally.timeouts++;
    const said = r.notSure ? 'not sure' : r.timedOut ? 'no answer' : String(r.top);
    if (sample.group === 'digit') {
      tally.digits++;
      if (r.notSure) tally.digitsFlagged++;
      else if (said === String(sample.label)) tally.digitsRight++;
      if (said !== String(sample.label)) named.push(`digit ${sample.name}→${said}`);
    } else if (sample.group === 'ambiguous') {
      tally.ambiguous++;
      if (r.notSure) tally.ambiguousFlagged++;
    } else {
      tally.nonDigits++;
      if (r.notSure) tally.nonDigitsFlagged++;
      else named.push(`${sample.name}→${said}`);
    }
  }
  console.log(
    `${who}: "not sure" on ${tally.nonDigitsFlagged}/${tally.nonDigits} letters and symbols = ` +
      `${((100 * tally.nonDigitsFlagged) / tally.nonDigits).toFixed(1)}%; digits ${tally.digitsRight}/${tally.digits} right, ` +
      `${tally.digitsFlagged} "not sure"; letters written like digits "not sure" on ${tally.ambiguousFlagged}/${tally.ambiguous}; ` +
      `${tally.timeouts} without a guess within 5 s\n` +
      `  read as a digit: ${named.join(', ') || 'none'}`,
  );
  return tally;
}
