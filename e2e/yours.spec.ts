// "Your digits" in the real UI: a drawing the model misreads is corrected with one tap, counted
// (scored before learning), learnt within seconds, and still there after a reload.
import type { Page } from '@playwright/test';
import { expect, test } from './test.ts';
import { aDigit } from '../src/lib/words.ts';
import { clickClear, drawWithMouse, readBars, topOf, trainingWorker, waitForGuess, waitForTestAccuracy, type Stroke } from './helpers.ts';
import { escapeKeeps } from './escape-keeps.ts';

/** A 0 that stays open like a C, in one stroke (from 40° round to 320°): the open-zero test's case. */
const OPEN_ZERO: Stroke[] = [Array.from({ length: 16 }, (_, i) => {
  const t = ((-40 - (280 * i) / 15) * Math.PI) / 180;
  return [0.5 + 0.3 * Math.cos(t), 0.5 + 0.35 * Math.sin(t)] as [number, number];
})];

/** Whether the digit pad shows ink at (fx, fy), in fractions of its side. */
function inkAt(page: Page, fx: number, fy: number): Promise<boolean> {
  return page.evaluate(([x, y]) => {
    const c = document.querySelector('canvas[aria-label="Draw a digit"]') as HTMLCanvasElement;
    return c.getContext('2d')!.getImageData(Math.round(x * c.width), Math.round(y * c.height), 1, 1).data[0] < 128;
  }, [fx, fy]);
}

/** A 1 written with a long flag: MNIST-trained models tend to read it as 1 or 7. */
const FLAGGED_ONE: Stroke[] = [[[0.3, 0.38], [0.4, 0.3], [0.5, 0.2], [0.5, 0.4], [0.5, 0.6], [0.5, 0.8]]];

test('a misread drawing corrected with one tap is counted, learnt, and still there after a reload', async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 240_000);
  // Paused, the model that scores the correction is the one whose bars the test reads: a model
  // that kept training could already read the correction right by the time it scores it.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText(/^Paused · test accuracy/, { timeout: 60_000 });

  await drawWithMouse(page, FLAGGED_ONE);
  const bars = await waitForGuess(page);
  const before = topOf(bars)!;
  // A correction whatever the model says: a 1 (what it is), or a 7 when it was read as a 1 — what
  // a writer whose 1 has this flag might mean. Not the runner-up: that can be a 9 at 0.1 %, which
  // MNIST's look-alikes keep pulling back (in one clean-clone run the dense network had not read
  // it as 9 when its schedule ended, and the CNN that took over learnt it only after 120 s).
  const label = before === 1 ? 7 : 1;
  console.log(`the drawing was read as ${before}; corrected to ${label}`);
  await page.getByRole('button', { name: `It is ${aDigit(label)}` }).click();

  const yours = page.getByRole('region', { name: 'Your digits' });
  await expect(yours.getByRole('button', { name: `Delete this ${label}` })).toHaveCount(1);
  await expect(yours).toContainText('0 of 1 read right before it learnt it');
  // Paused, nothing learns it yet, and the panel and the line under the bars say when it will.
  await expect(yours).toContainText('Your latest digits are learnt once training resumes.');
  await expect(page.getByText(`Kept as ${aDigit(label)} among your digits; it is learnt once training resumes.`)).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(new RegExp(`^Now read as ${label} \\(\\d+\\.\\d s of learning\\)\\.$`))).toBeVisible({ timeout: 120_000 });

  // The same drawing again: the bars now say what the person said.
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await drawWithMouse(page, FLAGGED_ONE);
  await expect.poll(async () => topOf(await waitForGuess(page)), { timeout: 30_000 }).toBe(label);

  await page.reload();
  await expect(yours.getByRole('button', { name: `Delete this ${label}` })).toHaveCount(1, { timeout: 60_000 });
  await expect(yours).toContainText('0 of 1 read right before it learnt it');

  // A person whose zeros stay open like a C. A drawing the network reads as 0 but that never
  // closes is "not sure" for everyone else (the open-zero test); once they say it is their 0, the
  // test yields for their zeros and the network learns the shape: the guess line says 0.
  const probabilities = page.getByRole('region', { name: 'Digit probabilities' });
  const guess = probabilities.locator('.verdict');
  /** Draws the open 0 on a cleared pad and returns the guess line once the pen-up answer is in. */
  const drawOpenZero = async () => {
    await clickClear(page);
    await drawWithMouse(page, OPEN_ZERO);
    await expect(probabilities).toHaveAttribute('aria-busy', 'false');
    return (await guess.innerText()).replace(/\s+/g, ' ').trim();
  };
  // Paused, the bars cannot change between reading them and the tap.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status').first()).toContainText(/^Paused · test accuracy/, { timeout: 60_000 });
  const openBefore = await drawOpenZero();
  console.log(`an open 0 before it was corrected: "${openBefore}"`);
  await page.getByRole('button', { name: 'It is a 0' }).click();
  await expect(yours.getByRole('button', { name: 'Delete this 0' })).toHaveCount(1);
  // Scored as the bars showed it: "Not sure" with a 0 on top is no right reading, and the grid says so.
  const shownRight = /^Looks like a 0/.test(openBefore) ? 1 : 0;
  await expect(yours).toContainText(`${shownRight} of 2 read right before it learnt them`);
  const newest = yours.getByRole('list', { name: 'Your digits, newest first' }).locator('li').first();
  await expect(newest.getByText('not sure', { exact: true })).toHaveCount(/^Not sure/.test(openBefore) ? 1 : 0);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(drawOpenZero, { timeout: 120_000, intervals: [1000] }).toMatch(/^Looks like a 0/);
  expect(errors).toEqual([]);
});

test('a mis-tap is replaced by the next tap, or taken back where it was made', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 240_000);
  await drawWithMouse(page, FLAGGED_ONE);
  const bars = await waitForGuess(page);
  // Two wrong taps on one drawing: the second replaces the first (one drawing is one digit).
  // Two digits it surely is not: the lowest bars, never 1 or 7 (this flagged 1 is read as either
  // by a model still training).
  const unlikely = [0, 2, 3, 4, 5, 6, 8, 9].filter((d) => d !== topOf(bars)).sort((a, b) => bars[a] - bars[b]);
  const [first, wrong] = unlikely;
  const yours = page.getByRole('region', { name: 'Your digits' });
  // What lies under the question stays put when the tap's reply and Take back come (QA: the
  // runners-up jumped 11 px at each tap).
  const softmax = page.getByText('From logits to probabilities');
  const topBefore = (await softmax.boundingBox())!.y;
  await page.getByRole('button', { name: `It is ${aDigit(first)}` }).click();
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  expect(Math.abs((await softmax.boundingBox())!.y - topBefore)).toBeLessThan(1);
  // The prompt says what was tapped, not "Is it …?" again.
  await expect(page.getByText(`You said ${aDigit(first)}. Tap another digit to change it`)).toBeVisible();
  // The next stroke after a tap begins the next drawing: the tapped one leaves the pad (QA: digits
  // drawn one after another piled up into one). Undoing it gives the tapped one back, tap and all.
  expect(await inkAt(page, 0.5, 0.6)).toBe(true);
  await drawWithMouse(page, [[[0.15, 0.92], [0.35, 0.92]]]);
  await expect(page.getByText(`You said ${aDigit(first)}. Tap another digit to change it`)).toHaveCount(0);
  await expect.poll(() => inkAt(page, 0.5, 0.6)).toBe(false);
  expect(await inkAt(page, 0.25, 0.92)).toBe(true);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByText(`You said ${aDigit(first)}. Tap another digit to change it`)).toBeVisible();
  await expect.poll(() => inkAt(page, 0.5, 0.6)).toBe(true);
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  await page.getByRole('button', { name: `It is ${aDigit(wrong)}` }).click();
  await expect(yours.getByRole('button', { name: `Delete this ${wrong}` })).toHaveCount(1);
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(0);
  // The replacement keeps the score of the bars the person first saw, not of a model that has learnt the first tap.
  await expect(yours.getByText(`read as ${first}`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Take back' }).click();
  // Taken back within 30 s of the tap, the model goes back to its weights from before it, even
  // one still in its schedule that has trained on since (worker/personal/your-digits.test.ts).
  await expect(page.getByText('Taken back: it is no longer among your digits, and the model is as it was before.')).toBeVisible();
  await expect(yours.getByRole('button', { name: `Delete this ${wrong}` })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Take back' })).toHaveCount(0);
  // The drawing is not read as the digit taken back.
  await expect.poll(async () => topOf(await readBars(page)), { timeout: 60_000 }).not.toBe(wrong);
  // A tap deleted in the Your digits grid leaves no Take back behind under the bars.
  await clickClear(page);
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  await page.getByRole('button', { name: `It is ${aDigit(first)}` }).click();
  await yours.getByRole('button', { name: `Delete this ${first}` }).click();
  await expect(page.getByText('Deleted: it is no longer among your digits.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take back' })).toHaveCount(0);
  // A slip on the ×: Put it back puts the digit back, and the tap under the bars with it.
  await yours.getByRole('button', { name: 'Put it back' }).click();
  await expect(yours.getByText(`Your ${first} is back among your digits.`)).toBeVisible();
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(1);
  // The keyboard focus lands on the digit put back, not on the panel's heading (QA).
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  await yours.getByRole('button', { name: `Delete this ${first}` }).click();
  await expect(page.getByText('Deleted: it is no longer among your digits.')).toBeVisible();
  // Ctrl+Z right after a tap takes the tap back and keeps the drawing; the next one undoes its stroke.
  await clickClear(page);
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  await page.getByRole('button', { name: `It is ${aDigit(first)}` }).click();
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^Taken back: it is no longer among your digits/)).toBeVisible();
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(0);
  const undoStroke = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undoStroke).toBeEnabled(); // the drawing is still on the pad
  await page.keyboard.press('Control+z');
  // The stroke is undone: the pad is empty (Undo stays on: it would bring back what Clear took).
  await expect(page.getByRole('region', { name: 'Digit probabilities' }).getByText('Draw a digit', { exact: true })).toBeVisible();
  // While a new stroke is being drawn, Ctrl+Z is about that stroke: the tap stays kept.
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  await page.getByRole('button', { name: `It is ${aDigit(first)}` }).click();
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(1);
  const box = (await page.getByLabel('Draw a digit').boundingBox())!;
  await page.mouse.move(box.x + 0.7 * box.width, box.y + 0.2 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.75 * box.width, box.y + 0.5 * box.height, { steps: 4 });
  await page.keyboard.press('Control+z');
  await page.mouse.up();
  // The bars have answered the drawing left (a worker round trip): a wrong take-back would be done by now.
  await expect(page.getByRole('region', { name: 'Digit probabilities' })).toHaveAttribute('aria-busy', 'false');
  await expect(undoStroke).toBeEnabled(); // the first stroke is still there
  await expect(page.getByText(/^Taken back/)).toHaveCount(0);
  await expect(yours.getByRole('button', { name: `Delete this ${first}` })).toHaveCount(1);
  // A digit key pressed at the pen-up, before that drawing's answer is back, is kept for it.
  // A stroke, its pen-up and a digit key, all in one task (no answer can come back in between);
  // `more`: a second stroke begins in that task too, so the key was about a drawing since changed.
  const strokeThenKey = (args: { digit: number; more: boolean }) => {
    const canvas = document.querySelector('canvas[aria-label="Draw a digit"]') as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    const pe = (type: string, fx: number, fy: number) =>
      new PointerEvent(type, {
        bubbles: true, cancelable: true, pointerId: 1, pointerType: 'pen', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
        buttons: type === 'pointerup' ? 0 : 1, clientX: r.left + fx * r.width, clientY: r.top + fy * r.height,
      });
    const stroke = (fx: number) => {
      canvas.dispatchEvent(pe('pointerdown', fx, 0.2));
      for (const fy of [0.4, 0.6, 0.8]) canvas.dispatchEvent(pe('pointermove', fx, fy));
      canvas.dispatchEvent(pe('pointerup', fx, 0.8));
    };
    stroke(0.5);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: String(args.digit), bubbles: true, cancelable: true }));
    if (args.more) stroke(0.3);
    const buttons = document.querySelectorAll<HTMLButtonElement>('section[aria-label="Say what you drew"] button');
    const button = [...buttons].find((b) => b.getAttribute('aria-label')?.endsWith(` ${args.digit}`));
    // Waiting (aria-disabled, so a focused button keeps the focus), not yet clickable.
    return { buttonDisabled: button ? button.disabled || button.getAttribute('aria-disabled') === 'true' : null };
  };
  await clickClear(page);
  expect(await page.evaluate(strokeThenKey, { digit: wrong, more: false })).toEqual({ buttonDisabled: true });
  await expect(yours.getByRole('button', { name: `Delete this ${wrong}` })).toHaveCount(1);
  await expect(page.getByText(`You said ${aDigit(wrong)}. Tap another digit to change it`)).toBeVisible();
  // A key about a drawing that has changed before its answer came is dropped, not given to the new one.
  const third = unlikely[2];
  await clickClear(page);
  expect(await page.evaluate(strokeThenKey, { digit: third, more: true })).toEqual({ buttonDisabled: true });
  await expect(page.getByRole('region', { name: 'Digit probabilities' })).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('button', { name: 'Clear', exact: true })).toBeEnabled();
  // Kept, the key would show "Keeping it as …" in the flush that answered the drawing.
  await expect(page.getByText(/^(Is it|What did you draw)/)).toBeVisible();
  await expect(page.getByText(/^(Keeping it as|Kept as|You said)/)).toHaveCount(0);
  await expect(yours.getByRole('button', { name: `Delete this ${third}` })).toHaveCount(0);
  // Two drawings answered one after the other: Undo takes the second off the pad and brings the
  // first back as it was answered, its tap shown, not asked about again and kept twice (QA).
  await clickClear(page);
  const kept = yours.getByRole('button', { name: /^Delete this / });
  const before = await kept.count();
  const tap = (d: number) => page.getByRole('group', { name: 'What you drew' }).getByRole('button', { name: new RegExp(`(It is|Yes,) ${aDigit(d)}$`) });
  const asked = page.getByText(/^(Is it|What did you draw)/);
  await drawWithMouse(page, FLAGGED_ONE);
  await expect(asked).toBeVisible();
  await tap(first).click();
  await expect(page.getByText(`You said ${aDigit(first)}. Tap another digit to change it`)).toBeVisible();
  await drawWithMouse(page, [[[0.3, 0.3], [0.7, 0.3], [0.5, 0.8]]]);
  await expect(asked).toBeVisible();
  await tap(wrong).click();
  await expect(page.getByText(`You said ${aDigit(wrong)}. Tap another digit to change it`)).toBeVisible();
  await expect(kept).toHaveCount(before + 2);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByText(`You said ${aDigit(first)}. Tap another digit to change it`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take back' })).toBeVisible();
  await expect(kept).toHaveCount(before + 2);
  // A stroke begun while the tap is still on its way (the worker scores and stores it first):
  // the next drawing too, not more ink on the digit being kept. Tap and stroke in one task.
  await clickClear(page);
  await drawWithMouse(page, FLAGGED_ONE);
  await expect(asked).toBeVisible();
  await page.evaluate((d) => {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[aria-label="What you drew"] button')];
    buttons.find((b) => b.getAttribute('aria-label')?.endsWith(` ${d}`))!.click();
    const canvas = document.querySelector('canvas[aria-label="Draw a digit"]') as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    const pe = (type: string, fy: number) => new PointerEvent(type, {
      bubbles: true, cancelable: true, pointerId: 7, pointerType: 'pen', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1, clientX: r.left + 0.8 * r.width, clientY: r.top + fy * r.height,
    });
    canvas.dispatchEvent(pe('pointerdown', 0.2));
    for (const fy of [0.4, 0.6, 0.8]) canvas.dispatchEvent(pe('pointermove', fy));
    canvas.dispatchEvent(pe('pointerup', 0.8));
  }, aDigit(first));
  await expect(kept).toHaveCount(before + 3);
  await expect.poll(() => inkAt(page, 0.8, 0.5)).toBe(true);
  expect(await inkAt(page, 0.5, 0.6)).toBe(false);
});

test('from the keyboard, the focus stays with the person: on the digit tapped, taken back, on Clear, and in Your digits after a delete; Escape and Delete there leave the pad alone', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await page.goto('/');
  await waitForTestAccuracy(page, 97, 240_000);
  const yours = page.getByRole('region', { name: 'Your digits' });
  const digit = (d: number) => page.getByRole('group', { name: 'What you drew' }).getByRole('button', { name: new RegExp(`^(It is|Yes,) ${aDigit(d)}$`) });
  await drawWithMouse(page, FLAGGED_ONE);
  const bars = await waitForGuess(page);
  const [a, b] = [0, 2, 3, 4, 5, 6, 8, 9].filter((d) => d !== topOf(bars)).sort((x, y) => bars[x] - bars[y]);

  /** Enter on the focused digit keeps it, once the tap has landed (pressed, and in Your digits). */
  const keepWithEnter = async (d: number) => {
    await page.keyboard.press('Enter');
    await expect(yours.getByRole('button', { name: `Delete this ${d}` })).toHaveCount(1);
    await expect(digit(d)).toHaveAttribute('aria-pressed', 'true');
  };
  /** Enter takes it back. */
  const takeBackWithEnter = async () => {
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^Taken back: it is no longer among your digits/)).toBeVisible();
  };

  // The focus stays on the digit (it used to fall to the page while the tap was on its way), so
  // Enter again takes the tap back, as the README says.
  await digit(a).focus();
  await keepWithEnter(a);
  await expect(digit(a)).toBeFocused();
  await takeBackWithEnter();
  await expect(digit(a)).toBeFocused();
  // Take back, pressed from the keyboard, goes away: the focus moves to the digit it took back.
  await keepWithEnter(a);
  await page.getByRole('button', { name: 'Take back' }).focus();
  await takeBackWithEnter();
  await expect(digit(a)).toBeFocused();

  // Two of your digits; deleting one moves the focus to the Delete button that takes its place,
  // deleting the last to the panel's heading.
  await keepWithEnter(a);
  // Clear from the keyboard empties the pad and turns itself off, keeping the focus.
  const clear = page.getByRole('button', { name: 'Clear', exact: true });
  await clear.focus();
  await page.keyboard.press('Enter');
  await expect(clear).toBeDisabled();
  await expect(clear).toBeFocused();
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  await digit(b).focus();
  await keepWithEnter(b);
  await yours.getByRole('button', { name: `Delete this ${a}` }).focus();
  await page.keyboard.press('Enter');
  await expect(yours.getByRole('button', { name: `Delete this ${a}` })).toHaveCount(0);
  await expect(yours.getByRole('button', { name: `Delete this ${b}` })).toBeFocused();
  // Escape in Clear all's confirmation keeps them, as in any dialog, and the Delete key on a
  // digit's × deletes that digit: neither clears the pad's drawing (their shortcut elsewhere).
  await expect(clear).toBeEnabled();
  await escapeKeeps(page, yours.getByRole('button', { name: 'Clear all' }), yours.getByRole('button', { name: 'Keep it' }));
  await yours.getByRole('button', { name: `Delete this ${b}` }).focus();
  await page.keyboard.press('Delete');
  await expect(yours.getByText('None yet.')).toBeVisible();
  await expect(yours.getByRole('heading', { name: 'Your digits' })).toBeFocused();
  await expect(clear).toBeEnabled();
});

test('a tap kept while the worker is busy (MNIST loading, say): the pad cleared meanwhile does not say "Keeping it as…", and the digit is kept', async ({ page }) => {
  await page.goto('/');
  await waitForTestAccuracy(page, 90, 240_000);
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  // Busy for 6 s (the watchdog allows 10), as a first visit's worker is while it unpacks MNIST: the tap waits its turn.
  await (await trainingWorker(page)).evaluate(() => void setTimeout(() => {
    const until = Date.now() + 6_000;
    while (Date.now() < until);
  }));
  await page.getByRole('button', { name: 'It is a 7' }).click();
  const keeping = page.getByText('Keeping it as a 7…');
  await expect(keeping).toBeVisible();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(keeping).toHaveCount(0, { timeout: 3_000 });
  const yours = page.getByRole('region', { name: 'Your digits' });
  await expect(yours.getByRole('button', { name: 'Delete this 7' })).toHaveCount(1, { timeout: 60_000 });
});

test('digits saved by a newer DigitPad: the digit buttons are off and say why, and nothing is written over them', async ({ page }) => {
  await page.goto('/');
  await waitForTestAccuracy(page, 90, 240_000);
  // The index as a newer version would leave it; this tab writes your digits only when they change.
  const index = (write?: object) =>
    page.evaluate(async (value) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('digitpad');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction('checkpoints', value ? 'readwrite' : 'readonly');
      const store = tx.objectStore('checkpoints');
      const read = store.get('your-digits');
      if (value) store.put(value, 'your-digits');
      await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
      db.close();
      return value ? null : (read.result as { version: number });
    }, write);
  const newer = { version: 2, chunks: [], next: 0, changedAt: 0 };
  await index(newer);
  await page.reload();
  const yours = page.getByRole('region', { name: 'Your digits' });
  await expect(yours).toContainText('saved by a newer version of DigitPad', { timeout: 60_000 });
  await waitForTestAccuracy(page, 90, 240_000);
  await drawWithMouse(page, FLAGGED_ONE);
  await waitForGuess(page);
  await expect(page.getByText('Your digits were saved by a newer version of DigitPad: this one keeps no new ones.')).toBeVisible();
  const buttons = page.getByRole('group', { name: 'What you drew' }).getByRole('button');
  await expect(buttons).toHaveCount(10);
  for (const b of await buttons.all()) await expect(b).toBeDisabled();
  expect(await index()).toEqual(newer);
});
