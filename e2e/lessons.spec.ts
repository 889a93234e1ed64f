import { expect, test, type Page } from './test.ts';
import { SHAPES, drawWithMouse, statusText, waitForGuess } from './helpers.ts';

// The article's lessons through the page's own labelled controls, on the real worker.
test.describe.configure({ mode: 'serial' });

let page: Page;

/** The figure a status shows, in percent; NaN while it says "Not counted yet" (a run's first 2,048 samples). */
const percentOf = async (name: string): Promise<number> => {
  const text = (await page.getByRole('status', { name }).textContent()) ?? '';
  const m = /(\d+(?:\.\d+)?)%/.exec(text);
  if (!m && text !== 'Not counted yet') throw new Error(`no percentage in "${text}"`);
  return m ? Number(m[1]) : NaN;
};

/** The Model figure of the run being trained (not the chart's "Previous run (…): test accuracy" key, which can name the same model). */
const modelShown = () => page.locator('.stats div', { has: page.getByText('Model', { exact: true }) }).locator('dd');

const samplesSeen = async (): Promise<number> => {
  const text = await page.locator('.stats div', { has: page.getByText('Samples seen', { exact: true }) }).locator('dd').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
};

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e}`));
  await page.goto('/');
  await expect.poll(() => statusText(page), { timeout: 120_000 }).toMatch(/^Training/);
  await expect(page.getByLabel('Lesson preset')).toBeEnabled();
});

test.afterAll(async () => {
  await page.close();
});

test('"Dying ReLU": the dead-unit figure climbs into tens of percent', async () => {
  // The healthy default first: a few thousand samples in, almost every unit is alive.
  await expect.poll(samplesSeen, { timeout: 60_000 }).toBeGreaterThan(4096);
  let healthy = NaN;
  await expect.poll(async () => (healthy = await percentOf('Dead units')), { timeout: 60_000 }).not.toBeNaN();
  expect(healthy).toBeLessThan(5);
  // A new seed typed here trains a lesson of the app's settings beside its own model, which stays
  // a click away (QA: a seed replaced a 99 % convolutional network, with no way back shown).
  const seed = page.getByLabel('Seed', { exact: true });
  const was = await seed.inputValue();
  // One it cannot take is refused in words, not only undone.
  await seed.fill('-5');
  await seed.press('Tab');
  const refused = page.getByRole('alert').filter({ hasText: 'is no seed' });
  await expect(refused).toHaveText(`“-5” is no seed: a whole number from 0 to 4294967295. Kept ${was}.`);
  await expect(seed).toHaveValue(was);
  await seed.fill(String(Number(was) + 1));
  await seed.press('Tab');
  await expect(refused).toHaveCount(0);
  const healthyLesson = page.getByText(/^Read by “Lesson: healthy ReLU”/);
  await expect(healthyLesson).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Back to “Dense network” \(\d+\.\d%\)$/ }).click();
  await expect(healthyLesson).toHaveCount(0);
  await page.getByLabel('Lesson preset').selectOption({ label: 'Dying ReLU' });
  // The other knobs wait for the lesson's run to say its settings, dimmed and busy meanwhile…
  const settings = page.getByRole('form', { name: 'Network settings' });
  await expect(settings).toHaveAttribute('aria-busy', 'true');
  // …then the preset's rate (Adam at 0.03) shows on the slider, and a new run starts.
  await expect(page.getByLabel(/Learning rate/)).toHaveAttribute('aria-valuetext', '0.030');
  await expect(settings).not.toHaveAttribute('aria-busy');
  await expect(page.getByLabel('Lesson preset')).toHaveValue('dying');
  let seen = healthy;
  await expect
    .poll(async () => (seen = await percentOf('Dead units')), { timeout: 180_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(15);
  console.log(`Dead units: healthy ${healthy}% → Dying ReLU ${seen}% (${await samplesSeen()} samples)`);
  expect(seen).toBeGreaterThan(healthy);
  // Saved under its name, which answers the pad now (the next test's chart key names it).
  await expect(page.getByText(/^Read by “Lesson: dying ReLU”/)).toBeVisible({ timeout: 30_000 });
});

test('switching the activation to sigmoid starts a new run', async () => {
  const before = await samplesSeen();
  await page.getByLabel('Activation').selectOption({ label: 'Sigmoid' });
  await expect(modelShown()).toContainText('784-256-128-11 sigmoid');
  const after = await samplesSeen();
  expect(after).toBeLessThan(before);
  // Dead units are a ReLU matter; sigmoid layers report saturation instead.
  await expect(page.getByRole('status', { name: 'Dead units' })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Saturated units' })).toBeVisible();
  // The old run stays in the chart for comparison, by its name: a lesson's layers alone are the
  // app's dense network's too.
  await expect(page.getByText('Previous run (“Lesson: dying ReLU”, 784-256-128-11 relu)')).toBeVisible();
  // Leaky ReLU counts silent units too, but does not tell ReLU's story of units dead for good.
  await page.getByLabel('Activation').selectOption({ label: 'Leaky ReLU' });
  await expect(modelShown()).toContainText('784-256-128-11 leaky-relu');
  await expect(page.getByText('silent is not dead for good')).toBeVisible();
  await expect(page.getByText('may never fire again')).toHaveCount(0);
});

test('arrow keys through a settings list start one run, for the choice they stop on', async () => {
  // Chromium changes a closed list's value at every arrow key: each used to start (and save on
  // the shelf) a run of its own, and those pushed older models off the shelf.
  // The leaky ReLU run has charted its first test: a run with no point on the chart is no
  // previous run to compare with (a busy machine got here before it had one).
  await expect(page.getByRole('status').first()).toContainText(/^Training · test accuracy/, { timeout: 60_000 });
  await page.getByLabel('Activation').focus();
  await page.keyboard.press('ArrowDown'); // sigmoid
  await page.keyboard.press('ArrowDown'); // tanh
  await expect(page.getByLabel('Activation')).toHaveValue('tanh'); // shown at once
  // A learning rate set while the choice waits is the new run's too, not the old run's rate.
  const slider = page.getByLabel(/Learning rate/);
  const before = await slider.getAttribute('aria-valuetext');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const chosen = await slider.getAttribute('aria-valuetext');
  expect(chosen).not.toBe(before);
  await expect(modelShown()).toContainText('784-256-128-11 tanh');
  await expect(page.getByLabel('Activation')).toHaveValue('tanh');
  await expect(slider).toHaveAttribute('aria-valuetext', chosen!);
  // The choice passed over never ran: the run before this one is the leaky ReLU one.
  await expect(page.getByText(/Previous run \((“[^”]+”, )?784-256-128-11 leaky-relu\)/)).toBeVisible();
});

test('"Vanishing gradients": six sigmoid layers, the first getting far less gradient than the last', async () => {
  await page.getByLabel('Lesson preset').selectOption({ label: 'Vanishing gradients' });
  await expect(modelShown()).toContainText('784-64-64-64-64-64-64-11 sigmoid');
  const ratio = page.getByText(/the last hidden layer gets [\d,.]+×/);
  await expect(ratio).toBeVisible({ timeout: 60_000 });
  const m = /gets ([\d,.]+)×/.exec((await ratio.textContent()) ?? '');
  const r = Number(m![1].replace(/,/g, ''));
  console.log(`Vanishing gradients: last hidden layer gets ${r}× layer 1's gradient`);
  expect(r).toBeGreaterThan(10);
  // "Where it fails" counts from the matrix: this slow network misreads thousands, more than the 500 images kept.
  const fails = page.locator('details.confusion').first();
  await expect(fails.locator('summary')).toHaveText(/[\d,]+ of [\d,]+ test digits misread/, { timeout: 60_000 });
  await fails.locator('summary').click(); // the table is built once it is opened
  await expect(fails.locator('tbody tr')).toHaveCount(10);
  // The line a screen reader hears on picking a cell is in the page, empty, before one is picked.
  const heard = fails.locator('[aria-live="polite"]');
  await expect(heard).toHaveCount(1);
  await expect(heard).toHaveText('');
  const counts = await fails.evaluate((d) => {
    const n = (s: string) => Number(s.replace(/,/g, '') || 0);
    const m = /([\d,]+) of ([\d,]+) test digits misread/.exec(d.querySelector('summary')!.textContent!)!;
    let misread = 0, total = 0;
    d.querySelectorAll('tbody tr').forEach((tr, t) =>
      tr.querySelectorAll('td').forEach((td, g) => {
        const c = n(td.textContent!.trim());
        total += c;
        if (g !== t) misread += c;
      }),
    );
    return { said: [n(m[1]), n(m[2])], matrix: [misread, total] };
  });
  console.log(`Where it fails: ${counts.said[0]} of ${counts.said[1]}`);
  expect(counts.said).toEqual(counts.matrix);
  expect(counts.said[1]).toBe(10_000);
  // A count opens those test images with the probabilities the network gave them. This network
  // keeps training, and a collapsed one moves whole columns between tests (all 1s read as 2, then
  // as 1), so each try takes the largest count the table shows now; the worker keeps the first
  // 500 misread, so a cell may have none kept, and then the next try takes another.
  const images = fails.locator('.misreads li');
  let opened = '';
  await expect(async () => {
    const [t, g, picked] = await fails.evaluate((d) => {
      const best = [...d.querySelectorAll('button.count')].reduce((a, b) => (Number(b.textContent) > Number(a.textContent) ? b : a));
      const m = /^\d+ (\d)s read as (\d)$/.exec(best.getAttribute('aria-label') ?? '')!;
      return [m[1], m[2], best.classList.contains('picked')] as const;
    });
    const cell = fails.getByRole('button', { name: new RegExp(`^\\d+ ${t}s read as ${g}$`) });
    if (!picked) {
      await cell.click({ timeout: 2_000 }); // a second click would close it
      await expect(heard).toContainText(new RegExp(`test images? of an? ${t} read as ${g}\\.`), { timeout: 2_000 });
    }
    const said = fails.locator('.misreads p').first();
    await expect(said).toContainText(new RegExp(`test images? of an? ${t} read as ${g}`), { timeout: 2_000 });
    expect(await said.textContent()).not.toMatch(/none among/);
    await expect(fails.locator('.misreads ul')).toHaveAttribute('aria-busy', 'false', { timeout: 2_000 });
    // The test image itself is painted: an MNIST digit has ink (light pixels) on the dark ground.
    const inked = await images.first().locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] > 128) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(10);
    await expect(images.first().locator('span')).toHaveText(new RegExp(`^${g}: \\d+% · ${t}: \\d+%$`), { timeout: 2_000 });
    // The count picked says so to a screen reader (inside the retry: a new test may empty it).
    await expect(fails.locator('button.count.picked')).toHaveAttribute('aria-pressed', 'true', { timeout: 2_000 });
    opened = `${t}s read as ${g}: ${await images.count()} images`;
  }).toPass({ timeout: 60_000 });
  console.log(`Where it fails, ${opened}`);
  // The matrix is one Tab stop and the arrows move that stop from count to count (retried: a new
  // test may empty the cell the focus is on).
  await expect(async () => {
    await expect(fails.locator('button.count[tabindex="0"]')).toHaveCount(1, { timeout: 1_000 });
    await fails.locator('button.count[tabindex="0"]').focus();
    const from = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    let to = from;
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      to = await page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
      if (to !== from) break;
    }
    expect(to).not.toBe(from);
    expect(to).toMatch(/^\d-\d$/);
    await expect(fails.locator(`button.count[data-cell="${to}"]`)).toHaveAttribute('tabindex', '0', { timeout: 1_000 });
    await expect(fails.locator(`button.count[data-cell="${from}"]`)).toHaveAttribute('tabindex', '-1', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await fails.locator('summary').click(); // closed again: the table goes, as for a person who closes it
  await expect(fails.locator('tbody')).toHaveCount(0);
  // The lesson's run reads the pad now and says so, with the way back to the app's own model.
  const note = page.getByText(/^Read by “Lesson: vanishing gradients” \(test accuracy \d+\.\d%\), which the lessons panel started/);
  await expect(note).toBeVisible({ timeout: 60_000 });
  // The status names the model that answers for a lone lesson too (QA: an imported one lost it),
  // by its name: "the dense network" read as the app's own model fallen to 11 % (QA).
  await expect(page.getByRole('status').first()).toContainText(/(test accuracy [\d.]+%|first test pending) · “Lesson: vanishing gradients” answers$/);
  // Above the bars, where the eye goes after a stroke: at the card's foot it was out of sight at
  // 1280 × 800, and the lesson's "Not sure" to every drawing went unexplained (QA).
  const bars = page.getByRole('region', { name: 'Digit probabilities' });
  expect((await note.boundingBox())!.y).toBeLessThan((await bars.boundingBox())!.y);
  // What was charted of the lesson stays with it for the visit: used again, it shows its curves
  // from where they began, not an empty chart begun afresh (QA).
  const grad = page.getByRole('img', { name: /^Gradient norm of each layer/ });
  const charted = async () => ({
    from: await grad.locator('text.from').textContent(),
    points: Math.min(...(await grad.locator('polyline').evaluateAll((ls) => ls.map((l) => l.getAttribute('points')!.split(' ').length)))),
  });
  const lesson = await charted();
  expect(lesson.points).toBeGreaterThan(2);
  await page.getByRole('button', { name: /^Back to “Dense network” \(\d+\.\d%\)$/ }).click();
  await expect(note).toHaveCount(0);
  await expect(modelShown()).toContainText('784-256-128-11 relu');
  // Its name follows the verb, a space between (QA: "Use“Lesson: …”" to a screen reader).
  await page.locator('.shelf li', { hasText: 'Lesson: vanishing gradients' }).getByRole('button', { name: 'Use “Lesson: vanishing gradients”', exact: true }).click();
  await expect(note).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => (await charted()).from).toBe(lesson.from);
  expect((await charted()).points).toBeGreaterThanOrEqual(lesson.points);
  await page.getByRole('button', { name: /^Back to “Dense network” \(\d+\.\d%\)$/ }).click();
  await expect(note).toHaveCount(0);
  // The way back went with its note: the keyboard focus lands on the pad's mode, not on the page.
  await expect(page.getByRole('radio', { name: 'One digit' })).toBeFocused();
  await expect(page.getByLabel('Lesson preset')).toHaveValue('healthy');
  await expect(modelShown()).toContainText('784-256-128-11 relu');
});

test('a race: ReLU against sigmoid, both on one chart', async () => {
  await page.getByLabel('Lesson preset').selectOption({ label: 'Healthy ReLU' });
  await expect(modelShown()).toContainText('784-256-128-11 relu');
  await page.getByLabel('Contender A').selectOption({ label: 'ReLU' });
  await page.getByLabel('Contender B').selectOption({ label: 'Sigmoid' });
  await page.getByRole('button', { name: 'Start race' }).press('Enter');
  // The button swapped for Stop race takes the keyboard focus with it.
  await expect(page.getByRole('button', { name: 'Stop race' })).toBeFocused();
  await expect(page.getByRole('img', { name: /both contenders/ })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText(/^Racing · your model waits/);
  // The model's figures say it waits too, and whose rate the samples/s is (QA: "training").
  await expect(page.locator('.stats div', { hasText: 'Samples/s' }).locator('dd')).toHaveText(/^[\d,]+ in the race$/);
  await expect(page.locator('.stats-of')).toHaveText('Dense network, waiting for the race:');
  await expect(page.locator('.pair li[data-which="main"]')).toContainText('waiting for the race, ');
  // Paused, the race says what it waits for (right after the start: a race runs for seconds only).
  const waiting = page.getByText('the race goes on when you press Resume');
  await expect(waiting).toHaveCount(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(waiting).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(waiting).toHaveCount(0);
  const summary = page.locator('.race .summary');
  await expect(summary).toContainText(/ReLU \(784-256-128-11\): \d+\.\d%.*Sigmoid \(784-256-128-11\): \d+\.\d%/, { timeout: 120_000 });
  console.log(`Race: ${await summary.textContent()}`);
  // Screen readers hear the race once it is over, not at every test of either contender.
  await expect(page.locator('.race [aria-live]')).toHaveText('');
  await page.getByRole('button', { name: 'Stop race' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Start race' })).toBeFocused();
  // Stopped, the race stays on the panel: its chart and what each contender reached (it was
  // wiped, QA). It may have run its course just before the stop arrived: then it says finished.
  await expect(summary).toHaveText(/ · (stopped after [\d,]+ of 60,000 samples each|finished)$/);
  await expect(page.getByRole('img', { name: /both contenders/ })).toBeVisible();
  await page.getByRole('button', { name: 'Clear race' }).click();
  await expect(page.getByRole('img', { name: /both contenders/ })).toHaveCount(0);
  await expect(summary).toHaveCount(0);
});

test('softmax: the full distribution, the runners-up and the logits of a drawing', async () => {
  await page.getByLabel('Draw a digit').scrollIntoViewIfNeeded();
  await drawWithMouse(page, SHAPES['7']);
  await waitForGuess(page);
  // A lesson's model may answer "Not sure": then the same three digits come without a guess.
  await expect(page.getByText(/Runners-up: \d \(|No guess; if it is a digit: \d \(/)).toBeVisible();
  await page.getByText('From logits to probabilities (softmax)').click();
  const rows = page.locator('.softmax tbody tr');
  await expect(rows).toHaveCount(10);
  // A share under 0.01 % reads "<0.01%": counted as 0.01.
  const shares = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild!.textContent!.replace(/[<%]/g, ''))));
  expect(shares.every(Number.isFinite)).toBe(true);
  expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThan(99);
  expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(101);
  // The softmax column is the softmax of the logits beside it (the bars may average five views).
  const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));
  const z = table.map((r) => Number(r[1]));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  table.forEach((r, i) => expect(Math.abs(Number(r[3].replace(/[<%]/g, '')) - (100 * e[i]) / total), `digit ${r[0]}: ${r.join(' ')}`).toBeLessThan(0.6));
});
