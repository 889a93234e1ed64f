// Whole numbers written on the wide pad. Numbers composed from real pen digits (UNIPEN
// train_r01_v07, UNIPEN consortium, CC BY 4.0), each from one writer's digits, replayed as
// pointer events: whole-number, per-digit and segmentation accuracy. Then a number written with
// the mouse, and back to one digit.
import { existsSync } from 'node:fs';
import { expect, test, type Page } from './test.ts';
import { readUnipen, UNIPEN_PATH } from '../scripts/unipen-node.ts';
import { readWritersLetters } from '../scripts/writers-letters-node.ts';
import { composeNumbers } from '../worker/number/compose.ts';
import { toSideUnits } from '../worker/number/pad.ts';
import { segment } from '../worker/number/segment.ts';
import { inHeights, inPageWriteNumber, segmentedRight } from './replay-number.ts';
import { numberPadOnceTrained } from './number-pad.ts';
import { SHAPES, clickClear, drawWithMouse, statusText, topOf, waitForCnnAnswering, waitForGuess, watchErrors, writeWithMouse, type Stroke } from './helpers.ts';

const NO_NUMBER = 'Not sure — doesn’t look like a number';

/**
 * The model a user keeps reads the numbers: the convolutional network, once it answers. Training
 * is paused so the numbers and the same digits alone are read by one and the same model.
 */
async function strongModel(page: Page): Promise<void> {
  await page.goto('/');
  await waitForCnnAnswering(page, 99, 480_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText(/^Paused · test accuracy/, { timeout: 60_000 });
}

test('numbers composed from real pen digits: whole-number, per-digit and segmentation accuracy, and crowded numbers the network cuts apart', async ({ page }) => {
  const samples = readUnipen();
  test.skip(!samples || !existsSync(UNIPEN_PATH), `no ${UNIPEN_PATH}; the number replay needs it`);
  test.setTimeout(15 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await strongModel(page);
  console.log(`reading numbers with: ${await statusText(page)}`);
  await page.getByLabel('A number').check();
  await expect(page.getByLabel('Write a number')).toBeVisible();

  const numbers = composeNumbers(samples!, { seed: 2026, count: 120, minDigits: 2, maxDigits: 6 });
  let whole = 0, segmented = 0, digits = 0, digitsRight = 0, single = 0;
  // Digits read under 80 % are dotted in "Reads …": how many of those read right and misread.
  let dottedRight = 0, dottedWrong = 0, wrong = 0, calledNoNumber = 0;
  const started = Date.now();
  for (const n of numbers) {
    const r = await page.evaluate(inPageWriteNumber, { strokes: inHeights(n), timeoutMs: 10_000 });
    expect(r, `no reading for ${n.text}`).not.toBeNull();
    // Under 80 % as the chip shows it, rounded; each number is new ink, with no earlier mark to hold.
    // None is dotted where the line says no number is read.
    const noNumber = r!.said === NO_NUMBER;
    calledNoNumber += Number(noNumber);
    const doubted = noNumber ? 0 : r!.digits.filter((d) => !d.notADigit && Math.round(100 * d.p) < 80).length;
    expect(r!.dotted, `dotted digits in "${r!.text}"`).toBe(doubted);
    expect(r!.said).toMatch(doubted === 0 ? /^(?!.*dotted)/ : doubted === 1 ? /· the dotted \d may be an? \d$/ : /· dotted digits are less sure$/);
    // Spoken with each one's place: "the 2 may be an 8" did not say which of three 2s.
    expect(r!.spoken.match(/; digit \d+, an? \d, less sure/g)?.length ?? 0).toBe(doubted);
    const segOk = segmentedRight(n, r!);
    if (segOk) segmented++;
    if (r!.text === n.text) whole++;
    for (let i = 0; i < n.text.length; i++) {
      digits++;
      if (!segOk) continue;
      const d = r!.digits[i], right = d.top === Number(n.text[i]), low = !d.notADigit && Math.round(100 * d.p) < 80;
      if (right) digitsRight++;
      else wrong++;
      if (low && right) dottedRight++;
      if (low && !right) dottedWrong++;
    }
  }
  // The same digits written one at a time on the square pad, through the same inference path,
  // answered as a finished drawing is (the closer look, as each digit of the number is).
  for (const n of numbers) {
    for (const s of n.samples) {
      const pts = samples![s].strokes.flat();
      const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
      const side = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1);
      const k = 0.65 / side;
      const ox = 0.5 - ((Math.max(...xs) + Math.min(...xs)) / 2) * k, oy = 0.5 - ((Math.max(...ys) + Math.min(...ys)) / 2) * k;
      const strokes = samples![s].strokes.map((st) => st.flatMap(([x, y]) => [ox + x * k, oy + y * k]));
      const p = await page.evaluate((st) => globalThis.digitpad.predictStrokes(st, true).then((q) => Array.from(q!.probabilities)), strokes);
      if (topOf(p) === samples![s].label) single++;
    }
  }
  const pct = (a: number, b: number) => (100 * a) / b;
  const figures = {
    numbers: numbers.length,
    wholeNumber: pct(whole, numbers.length),
    perDigit: pct(digitsRight, digits),
    singleDigit: pct(single, digits),
    segmentation: pct(segmented, numbers.length),
  };
  console.log(
    `${numbers.length} numbers (${digits} digits) in ${((Date.now() - started) / 1000).toFixed(0)} s: whole-number ${figures.wholeNumber.toFixed(1)}%, ` +
      `per digit ${figures.perDigit.toFixed(1)}% (the same digits alone: ${figures.singleDigit.toFixed(1)}%), segmentation ${figures.segmentation.toFixed(1)}%; ` +
      `dotted as less sure: ${dottedRight} of ${digitsRight} digits read right, ${dottedWrong} of ${wrong} misread; "${NO_NUMBER}": ${calledNoNumber}`,
  );

  // Crowded: neighbours' boxes overlapping by up to a fifth of a digit's width. The geometry
  // keeps some pairs in one group; the network cuts those it reads as two digits (two-digits.ts).
  const crowded = composeNumbers(samples!, { seed: 2027, count: 100, minDigits: 2, maxDigits: 6, gap: [-0.2, 0] });
  let crowdedWhole = 0, countRight = 0, groupsRight = 0, cut = 0;
  for (const n of crowded) {
    const r = await page.evaluate(inPageWriteNumber, { strokes: inHeights(n), timeoutMs: 10_000 });
    expect(r, `no reading for ${n.text}`).not.toBeNull();
    const groups = segment(toSideUnits(n.strokes, n.pad)).digits.length;
    crowdedWhole += Number(r!.text === n.text);
    countRight += Number(r!.digits.length === n.text.length);
    groupsRight += Number(groups === n.text.length);
    cut += r!.digits.length - groups;
  }
  console.log(
    `${crowded.length} crowded numbers (neighbours overlapping up to a fifth of a digit's width): whole-number ${pct(crowdedWhole, crowded.length).toFixed(1)}%, ` +
      `digit count right ${pct(countRight, crowded.length).toFixed(1)}% (by the strokes' geometry alone ${pct(groupsRight, crowded.length).toFixed(1)}%; ${cut} groups cut in two by the network)`,
  );

  // Words of the other writers' letters (e2e/fixtures), written as the numbers are: half their
  // letters or more read "?" or dotted, one "?" at least, and the line says so instead of "Reads
  // ?1??2" (doubt.ts looksLikeNoNumber). `npm run bench:numbers -- --model cnn --epochs 1.5`: 93 %
  // of 300 such words, 49 % when it took every letter "?"; none of 600 spaced numbers of real
  // digits and 2 of 900 more.
  const words = composeNumbers(readWritersLetters(), { seed: 2028, count: 40, minDigits: 2, maxDigits: 5 });
  const wordsRead: string[] = [];
  let wordsNoNumber = 0;
  for (const w of words) {
    const r = await page.evaluate(inPageWriteNumber, { strokes: inHeights(w), timeoutMs: 10_000 });
    expect(r, 'no reading for a word').not.toBeNull();
    if (r!.said === NO_NUMBER) wordsNoNumber++;
    else wordsRead.push(r!.text);
  }
  console.log(`${words.length} words of the other writers' letters: "${NO_NUMBER}" on ${wordsNoNumber}; read as: ${wordsRead.join(' ') || 'none'}`);
  expect(errors).toEqual([]);
  // Real numbers it calls no number: a "?" among two digits. 2–5 of 1,500 in Node; a bound of
  // 4 of 120 still catches a rule gone wrong, without failing on a run that meets two.
  expect(calledNoNumber).toBeLessThanOrEqual(4);
  expect(wordsNoNumber).toBeGreaterThanOrEqual(28);
  expect(cut).toBeGreaterThanOrEqual(5);
  expect(countRight).toBeGreaterThan(groupsRight);
  expect(figures.segmentation).toBeGreaterThanOrEqual(97);
  expect(figures.perDigit).toBeGreaterThanOrEqual(figures.singleDigit - 1);
  // The target is 90 %, printed above (94.2 % once paused at 99.0 %; 91.7 % in Node with a
  // 2-epoch network); it moves with the network that has just taken over, so the assertion is a
  // floor that catches a regression without failing on a weaker snapshot.
  expect(figures.wholeNumber).toBeGreaterThanOrEqual(85);
});

test('a number written with the mouse is read, and back to one digit', async ({ page }) => {
  const errors = watchErrors(page);
  const { box } = await numberPadOnceTrained(page);
  // "1 0 7" from the single-digit shapes, side by side in pad heights.
  const digitAt = (d: '1' | '0' | '7', left: number) => SHAPES[d].map((s) => s.map(([x, y]): [number, number] => [left + 0.9 * x, y]));
  for (const [i, d] of (['1', '0', '7'] as const).entries()) await writeWithMouse(page, box, digitAt(d, 0.2 + 0.8 * i));
  const verdict = page.locator('[aria-label="The number"] .verdict');
  await expect(verdict).toHaveText(/Reads\s+107/, { timeout: 10_000 });
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  await expect(page.locator('[aria-label="The number"] [aria-live="polite"]')).toHaveText('Reads 107'); // screen readers
  // A digit key says what one digit is: with none picked, the hint says to pick one first.
  await page.keyboard.press('7');
  await expect(page.locator('[aria-label="The number"] .tap-hint')).toHaveText('Tap a digit first, then press what it is.');
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(0);
  // Tap a digit: its ten bars and its 28×28 input.
  await page.getByRole('button', { name: /^digit 3: 7/ }).click();
  await expect(page.getByRole('meter')).toHaveCount(10);
  // Confirm that digit: it joins "Your digits" like a lone drawing, its strokes alone.
  await page.getByRole('button', { name: 'Yes, a 7' }).click();
  await expect(page.getByText('Kept as a 7 among your digits — it was read right.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'It is a 1' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(1);
  // Ctrl+Z right after the tap takes the tap back, as on the digit pad; the number keeps its strokes.
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^Taken back: it is no longer among your digits/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(0);
  await expect(verdict.first()).toHaveText(/Reads\s+107/);
  await expect(page.getByRole('button', { name: /^digit 3: 7/ })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, a 7' }).click();
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(1);
  // The pressed digit pressed again takes the tap back, as a toggle does; once more keeps it.
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Yes, a 7' }).click();
  await expect(page.getByText(/^Taken back: it is no longer among your digits/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Yes, a 7' }).click();
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(1);
  // Another digit of the number picked, then this one again: its tap is still its own.
  await page.getByRole('button', { name: /^digit 1: 1/ }).click();
  await expect(page.getByRole('button', { name: 'Take back' })).toHaveCount(0);
  await page.getByRole('button', { name: /^digit 3: 7/ }).click();
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  // To the digit pad and back: the same digit is open, with its tap.
  await page.getByLabel('One digit').check();
  await page.getByLabel('A number').check();
  await expect(page.getByRole('button', { name: /^digit 3: 7/ })).toHaveAttribute('aria-pressed', 'true', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  // A 1 written in front: the open digit is still the 7, now the fourth (it went by place, and
  // the panel moved to the 0).
  const padThen = page.getByLabel('Write a number');
  await padThen.scrollIntoViewIfNeeded();
  await writeWithMouse(page, (await padThen.boundingBox())!, digitAt('1', -0.3));
  await expect(verdict.first()).toHaveText(/Reads\s+1107/, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: /^digit 4: 7/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  // Ctrl+Z now is about that 1, the last thing done, not the 7's tap (still on offer).
  await page.keyboard.press('Control+z');
  await expect(verdict.first()).toHaveText(/Reads\s+107/, { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Yes, a 7' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 7' })).toHaveCount(1);

  // The same ink written twice (a replayed digit): a tap on one is that digit's alone (QA: both
  // 3s of a replayed "314159265358" turned to 8 when the first was corrected).
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  const padTwice = page.getByLabel('Write a number');
  await padTwice.scrollIntoViewIfNeeded();
  const twice = (await padTwice.boundingBox())!;
  // A whole number of pixels apart: the pointer's positions, and so the ink, are the same.
  const writeSeven = (dx: number) => writeWithMouse(page, { ...twice, x: twice.x + dx }, digitAt('7', 0.2));
  for (const dx of [0, Math.round(0.8 * twice.height)]) await writeSeven(dx);
  await expect(verdict.first()).toHaveText(/Reads\s+77/, { timeout: 10_000 });
  // The "pick a digit first" hint is about the drawing its key was pressed at: an Undo takes it
  // away (QA: it stayed, beside a number it was not about).
  const tapHint = page.locator('[aria-label="The number"] .tap-hint');
  await page.keyboard.press('5');
  await expect(tapHint).toHaveText('Tap a digit first, then press what it is.');
  await page.keyboard.press('Control+z');
  await expect(verdict.first()).toHaveText(/Reads\s+7(?![\d?])/, { timeout: 10_000 });
  await expect(tapHint).toHaveText('Tap a digit for its bars, or to say what it is.');
  // The same 7 again: the same ink as when the key was pressed, and a drawing since.
  await writeSeven(Math.round(0.8 * twice.height));
  await expect(verdict.first()).toHaveText(/Reads\s+77/, { timeout: 10_000 });
  await expect(tapHint).toHaveText('Tap a digit for its bars, or to say what it is.');
  /** Confirms the first of two digits read alike: the second stays the model's, and Your digits holds `kept` such digits. */
  const confirmFirstOnly = async (d: '7', kept: number) => {
    await page.getByRole('button', { name: new RegExp(`^digit 1: ${d}`) }).click();
    await page.getByRole('button', { name: `Yes, a ${d}` }).click();
    await expect(page.getByRole('button', { name: new RegExp(`^digit 1: ${d}, as you said`) })).toHaveCount(1);
    await expect(page.getByRole('button', { name: new RegExp(`^digit 2: ${d}, \\d+%$`) })).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: `Delete this ${d}` })).toHaveCount(kept);
  };
  await confirmFirstOnly('7', 2);
  // "00" joined up, one stroke: each 0 is its own side of it, so a tap on one is not the other's
  // (both once had that whole stroke as their ink, and kept it: two 0s squeezed into one drawing).
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  const [zeroA, zeroB] = [digitAt('0', 0.2)[0], digitAt('0', 0.9)[0]];
  const bridge = Array.from({ length: 6 }, (_, i): [number, number] => [zeroA[0][0] + ((zeroB[0][0] - zeroA[0][0]) * (i + 1)) / 7, zeroA[0][1]]);
  await writeWithMouse(page, twice, [[...zeroA, ...bridge, ...zeroB]]);
  // Two parts, each its own side of the stroke. What the network makes of a 0 with a tail varies:
  // one clean-clone run's young network doubted one ("Not sure", not "Reads 00"). So the parts are
  // checked, and the first is said by key, which confirms or corrects alike.
  await expect(verdict.first()).toHaveText(/^(Reads|Not sure)/, { timeout: 10_000 });
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  const chip = (k: number) => page.getByRole('button', { name: new RegExp(`^digit ${k}: `) });
  await expect(chip(2)).toHaveCount(1, { timeout: 10_000 });
  await expect(chip(3)).toHaveCount(0);
  await chip(1).click();
  await page.keyboard.press('0');
  await expect(page.getByRole('button', { name: /^digit 1: 0, as you said/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^digit 2: (0, \d+%|not sure)/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Your digits' }).getByRole('button', { name: 'Delete this 0' })).toHaveCount(1);

  // A scribble is no number: no "Reads 0" for it. Paused, the model that reads it stays the same.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText(/^Paused · test accuracy/, { timeout: 60_000 });
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  // The Pause button scrolled the page: where the pad is now.
  const padNow = page.getByLabel('Write a number');
  await padNow.scrollIntoViewIfNeeded();
  const b = (await padNow.boundingBox())!;
  // Three tangled strokes over one spot. One such stroke alone is read as an 8 or a 9 by some of
  // the dense network's snapshots near 97 % (flagged on 10 of 16 in Node, the three on 16 of 16).
  const tangle = (f: number, g: number, phase: number) =>
    Array.from({ length: 25 }, (_, k): [number, number] => [0.5 + 0.35 * Math.sin(k * f + phase) * Math.cos(k * 0.37), 0.5 + 0.35 * Math.cos(k * g + phase)]);
  const scribbles = [tangle(1.9, 2.3, 0), tangle(2.7, 1.3, 1), tangle(1.1, 3.1, 2)];
  await writeWithMouse(page, b, scribbles.map((s) => s.map(([x, y]): [number, number] => [0.3 + x * 0.8, y])), 2);
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  const said = (await verdict.first().innerText()).replace(/\s+/g, ' ').trim();
  console.log(`a scribble on the number pad: "${said}"`);
  expect(said).toBe(NO_NUMBER);
  // An "!": its dot under the stroke stays with it, as on the digit pad (QA: it read "1").
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  const stem = Array.from({ length: 9 }, (_, i): [number, number] => [0.8, 0.2 + (0.45 * i) / 8]);
  await writeWithMouse(page, b, [stem, [[0.8, 0.8], [0.802, 0.803]]]);
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  await expect(verdict.first()).toHaveText(NO_NUMBER, { timeout: 10_000 });

  // While the pen is down the line keeps what it said at the pen-up: a digit being written reads
  // "?" until it is one, and "Reads 1" turned "Not sure" with each new digit's first stroke. A
  // spiral of three turns reads "?" held down and lifted (17 of 17 Node snapshots, both networks).
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  await writeWithMouse(page, b, digitAt('1', 0.2));
  await expect(verdict.first()).toHaveText(/^Reads\s+1\s*$/, { timeout: 10_000 });
  const spiral = Array.from({ length: 60 }, (_, i): [number, number] => {
    const t = (i / 59) * 6 * Math.PI, r = 0.05 + (0.25 * i) / 59;
    return [1.6 + r * Math.cos(t), 0.5 + r * Math.sin(t)];
  });
  const inPad = ([x, y]: [number, number]) => [b.x + x * b.height, b.y + y * b.height] as const;
  await page.mouse.move(...inPad(spiral[0]));
  await page.mouse.down();
  for (const p of spiral.slice(1)) await page.mouse.move(...inPad(p), { steps: 2 });
  const held = page.getByRole('list', { name: 'Digits, tap one for its bars' }).getByRole('button');
  await expect(held).toHaveCount(2, { timeout: 10_000 });
  await expect(held.nth(1)).toHaveAccessibleName(/^digit 2: not sure/, { timeout: 10_000 });
  await expect(verdict.first()).toHaveText(/^Reads\s+1\?/);
  await page.mouse.up();
  await expect(verdict.first()).toHaveText(NO_NUMBER, { timeout: 10_000 });

  // The same scribble between a 1 and a 7: "1?7", and each of the three parts is its own chip,
  // the 7 the third (a "?" once shifted the chips and lost the last one).
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  await writeWithMouse(page, b, [...digitAt('1', 0.2), ...scribbles.map((s) => s.map(([x, y]): [number, number] => [0.75 + x * 0.8, y])), ...digitAt('7', 1.9)], 2);
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  await expect(verdict.first()).toHaveText(/Reads\s+1\?7/, { timeout: 10_000 });
  const chips = page.getByRole('list', { name: 'Digits, tap one for its bars' }).getByRole('button');
  await expect(chips).toHaveCount(3);
  await expect(chips.nth(1)).toHaveAccessibleName(/^digit 2: not sure/);
  await expect(chips.nth(2)).toHaveAccessibleName(/^digit 3: 7/);
  // Said to be a 4, the scribble is a 4 in the number shown: the number is the person's, whatever
  // the model still reads (QA: a corrected digit left the number as it was read).
  await chips.nth(1).click();
  await page.getByRole('button', { name: 'It is a 4' }).click();
  await expect(verdict.first()).toHaveText(/Reads\s+147\s+· one digit as you said/);
  await expect(chips.nth(1)).toHaveAccessibleName('digit 2: 4, as you said (read as not sure)');
  await expect(page.locator('[aria-label="The number"] > [aria-live="polite"]')).toHaveText('Reads 147, one digit as you said');
  // Escape puts the digit's bars away, the focus on its chip; the number stays (QA: it was cleared).
  await expect(chips.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(chips.nth(1)).toHaveAttribute('aria-pressed', 'false');
  await expect(chips.nth(1)).toBeFocused();
  await expect(verdict.first()).toHaveText(/Reads\s+147\s+· one digit as you said/);
  // Clear (or Escape) was one slip from losing a whole number: Undo brings it back as it was, the
  // digit said with it (QA).
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(verdict.first()).toHaveText(/Reads\s+147\s+· one digit as you said/, { timeout: 10_000 });
  await chips.nth(1).click();
  await page.getByRole('button', { name: 'Take back' }).click();
  await expect(verdict.first()).toHaveText(/Reads\s+1\?7/);

  // A minus sign and a comma, spelt as written: a dash apart before the first digit, at its
  // middle, and a mark with a tail low between two digits.
  await clickClear(page);
  await expect(verdict.first()).toHaveText('Write a number, digit by digit');
  const signed: [number, number][][] = [[[0.2, 0.5], [0.33, 0.505], [0.45, 0.5]], ...digitAt('1', 0.6), [[1.32, 0.78], [1.29, 0.84], [1.26, 0.9]], ...digitAt('0', 1.3), ...digitAt('7', 2.0)];
  await writeWithMouse(page, b, signed);
  await expect(page.locator('[aria-label="The number"][aria-busy="false"]')).toHaveCount(1);
  await expect(verdict.first()).toHaveText(/Reads\s+−1,07/, { timeout: 10_000 });
  await expect(page.getByLabel('minus')).toHaveCount(1);
  await expect(page.getByLabel('comma')).toHaveCount(1);

  await page.getByLabel('One digit').check();
  await expect(page.getByLabel('Draw a digit')).toBeVisible();
  await expect(page.getByLabel('Write a number')).toHaveCount(0);
  await drawWithMouse(page, SHAPES['1'] as Stroke[]);
  expect(topOf(await waitForGuess(page))).toBe(1);
  await page.getByRole('button', { name: 'Yes, a 1' }).click();
  await expect(page.getByText('Kept as a 1 among your digits — it was read right.')).toBeVisible();
  // Each pad keeps its drawing while the other is shown, and is read again when shown; the
  // digit pad's tap is still the drawing's (pressed, and Take back offered).
  await page.getByLabel('A number').check();
  await expect(verdict.first()).toHaveText(/Reads\s+−1,07/, { timeout: 10_000 });
  await page.getByLabel('One digit').check();
  expect(topOf(await waitForGuess(page))).toBe(1);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Yes, a 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  // Escape clears the pad with the focus on a mode's radio button too, where picking it leaves the focus.
  await page.getByLabel('One digit').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Draw a digit', { exact: true })).toBeVisible();
  await expect(page.getByRole('meter').first()).toHaveAttribute('aria-valuenow', '0');
  // Ctrl+Z brings it back, tap and all: kept once, not asked about again.
  await page.keyboard.press('Control+z');
  expect(topOf(await waitForGuess(page))).toBe(1);
  await expect(page.getByRole('button', { name: 'Yes, a 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Draw a digit', { exact: true })).toBeVisible();
  // The pad picked last is the one a new visit opens on.
  await page.getByLabel('A number').check();
  await page.reload();
  await expect(page.getByLabel('Write a number')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'A number' })).toBeChecked();
  expect(errors).toEqual([]);
});
