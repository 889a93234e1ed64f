// The session wiring of Your digits (docs/your-digits.md, "How it is wired into the app"), driven
// through Comlink as the UI drives it.
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { createApi } from '../api-object.ts';
import type { DigitPadApi, ModelSnapshot, Progress } from '../api.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { Inference } from '../infer/inference.ts';
import { Session } from '../session.ts';
import { lockHub } from '../testing/memory-lock.ts';
import { memoryStore, type MemoryStore } from '../testing/memory-store.ts';
import { styledStrokes } from './styles.ts';

const mnist = readMnist();
// A small data set: the convolutional network's 12 epochs (and its tests, every quarter epoch),
// which the dense network now finishes after, take seconds.
const data = { train: subset(mnist.train, 0, 1500), test: subset(mnist.test, 0, 300) };

async function until(what: string, ok: () => boolean, timeoutMs = 50_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function tab(store: MemoryStore, hub = lockHub(), loadData = async () => data) {
  const session = new Session({ loadData, loadKernels: () => loadKernels({ memoryMiB: 32 }), store, lock: hub.lock(), seed: () => 7 });
  const inference = new Inference();
  let habits: ModelSnapshot['habits'] | null = null;
  session.connectInference((snapshot) => {
    habits = snapshot.habits ?? null;
    inference.apply(snapshot);
  });
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(createApi(session), port2);
  const api = Comlink.wrap<DigitPadApi>(port1);
  const reports: Progress[] = [];
  const last = () => reports[reports.length - 1];
  void api.start(Comlink.proxy((p: Progress) => void reports.push(p))).catch(() => {});
  const close = () => {
    void session.pause();
    port1.close();
    port2.close();
  };
  return { session, api, last, inference, close, habits: () => habits };
}

const flat = (s: { x: number; y: number }[][]) => s.map((st) => st.flatMap((p) => [p.x, p.y]));
const top = (p: Float32Array) => p.indexOf(Math.max(...p));

describe('Your digits through the session (prototype)', () => {
  it('a correction: verdict, a phase in the answering model, its snapshot, a mis-tap replaced and taken back (unlearnt), the list, export/import, a reload, a reading tab', async () => {
    const store = memoryStore();
    const hub = lockHub();
    const a = tab(store, hub);
    // Both finish their schedules (the MLP a quarter, the CNN companion, the rest of the MLP):
    // corrections from here on are phases in finished models.
    await until('both finished', () => a.last()?.state === 'converged' && a.last()?.finished === true && a.last()?.companion?.finished === true, 120_000);
    expect(a.last().yourDigits.count).toBe(0);
    // The dense network answers throughout, whatever the companion reaches (it misreads slashed zeros).
    await a.api.pinModel('main');
    await until('the MLP answering', () => a.last()?.answering === 'main' && a.last()?.pinned === true);
    const rng = new Rng(11);
    const zeros = Array.from({ length: 20 }, () => flat(styledStrokes('slashed-0', rng)));
    const wrong = zeros.find((z) => top(a.inference.predictStrokes(z)!.probabilities) !== 0)!;
    expect(wrong).toBeDefined();
    const added = await a.api.addDigit(wrong, 0);
    expect(added.verdict!.predicted).not.toBe(0);
    await until('the correction learnt', () => a.last()?.yourDigits.learnt?.id === added.id, 30_000);
    const s = a.last().yourDigits;
    console.log('after one correction', JSON.stringify({ learnt: s.learnt, prequential: s.prequential.accuracy }));
    await until('the snapshot', () => top(a.inference.predictStrokes(wrong)!.probabilities) === 0, 5000);
    expect(s.count).toBe(1);
    // A mis-tap: another zero tapped as its runner-up (say 6), then as 0 (the second tap replaces the first), then
    // taken back. The models go back to their weights from before the 6: the bars, the shown
    // accuracy and what a reload brings back.
    await until('the phase tested and saved', () => a.last()?.finished === true && !a.last()?.yourDigits.learning && a.last()?.answering === 'main', 30_000);
    const accuracy = a.last().testAccuracy;
    const other = zeros.find((z) => z !== wrong)!;
    const shown = a.inference.predictStrokes(other)!.probabilities;
    const read = top(shown);
    // The mis-tap: the likeliest digit after the one shown that it is not (quick to learn, surely wrong).
    const mis = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => d !== read).reduce((b, d) => (shown[d] > shown[b] ? d : b));
    const six = await a.api.addDigit(other, mis);
    await until('the 6 learnt', () => a.last()?.yourDigits.learnt?.id === six.id && a.last()?.finished === true, 30_000);
    await until('its snapshot', () => top(a.inference.predictStrokes(other)!.probabilities) === mis, 5000);
    const zero = await a.api.addDigit(other, 0, { replaces: six.id });
    expect(zero.verdict).toEqual(six.verdict); // scored by the model from before the 6
    expect((await a.api.listDigits()).map((d) => d.id)).toEqual([zero.id, added.id]);
    await until('the 0 learnt', () => a.last()?.finished === true && !a.last()?.yourDigits.learning, 30_000);
    expect(await a.api.deleteDigit(zero.id)).toEqual({ unlearnt: true });
    await until('the accuracy from before the 6 shown', () => a.last()?.testAccuracy === accuracy && a.last()?.yourDigits.count === 1, 10_000);
    await until('the bars from before the 6', () => top(a.inference.predictStrokes(other)!.probabilities) === read, 5000);
    const list = await a.api.listDigits();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: added.id, label: 0, hasStrokes: true });
    const file = await a.api.exportDigits();
    // A second tab reads the list and cannot change it.
    const b = tab(store, hub);
    await until('a reading tab', () => b.last()?.role === 'reader' && b.last()?.yourDigits.count === 1);
    await expect(b.api.addDigit(zeros[1], 0)).rejects.toThrow(/another tab/);
    b.close();
    a.close();
    // Another browser imports the file; a crafted one is refused.
    const c = tab(memoryStore());
    await until('loaded', () => c.last()?.state === 'training');
    const imp = await c.api.importDigits(file);
    expect(imp.added).toBe(1);
    await expect(c.api.importDigits(new Uint8Array(20))).rejects.toThrow(/Not a file of your digits/);
    c.close();
    // A reload on the first store brings the digit back.
    const d = tab(store, lockHub());
    await until('restored', () => (d.last()?.yourDigits.count ?? 0) === 1, 30_000);
    expect(d.last().testAccuracy).toBe(accuracy); // the model from before the mis-tap was saved
    d.close();
  }, 180_000);

  it('a correction is learnt by the dense network while it is held for the convolutional one, when it answers', async () => {
    const a = tab(memoryStore());
    await until('the CNN training, the MLP held', () => a.last()?.training === 'companion' && a.last()?.finished === false, 120_000);
    await a.api.pinModel('main');
    await until('the MLP answering', () => a.last()?.answering === 'main' && a.last()?.pinned === true);
    const held = a.last().samplesSeen;
    const rng = new Rng(11);
    const wrong = Array.from({ length: 40 }, () => flat(styledStrokes('slashed-0', rng))).find((z) => top(a.inference.predictStrokes(z)!.probabilities) !== 0);
    expect(wrong).toBeDefined();
    const added = await a.api.addDigit(wrong!, 0);
    // Trained ahead of the CNN on the fresh digit until it reads it (the bars follow), then back to the CNN.
    await until('the correction learnt', () => a.last()?.yourDigits.learnt?.id === added.id, 30_000);
    await until('its snapshot', () => top(a.inference.predictStrokes(wrong!)!.probabilities) === 0, 5000);
    expect(a.last().samplesSeen).toBeGreaterThan(held);
    expect(a.last().finished).toBe(false);
    await until('the CNN training again', () => a.last()?.training === 'companion' && !a.last()?.yourDigits.learning, 30_000);
    a.close();
  }, 180_000);

  it('a tap is scored by the bars the person saw (the inference worker\'s answer), "Not sure" as not read right; a malformed score is refused', async () => {
    const a = tab(memoryStore());
    await until('a tested model answers', () => a.last()?.testAccuracy != null && a.habits() != null, 120_000);
    const rng = new Rng(5);
    const seven = flat(styledStrokes('crossed-7', rng));
    const answer = a.inference.predictStrokes(seven, true)!;
    expect(answer.score.predicted).toBe(top(answer.probabilities));
    expect(answer.score.notSure === true).toBe(answer.notADigit);
    const first = await a.api.addDigit(seven, 7, { shown: answer.score });
    expect(first.verdict).toEqual(answer.score);
    // Shown as "Not sure" with 7 on top: no guess was made, so it was not read right.
    const unsure = { predicted: 7, probability: 0.3, notSure: true as const };
    const second = await a.api.addDigit(flat(styledStrokes('crossed-7', rng)), 7, { shown: unsure });
    expect(second.verdict).toEqual(unsure);
    const right = answer.score.predicted === 7 && !answer.score.notSure ? 1 : 0;
    expect(second.status.prequential).toMatchObject({ scored: 2, correct: right });
    expect((await a.api.listDigits()).map((d) => d.verdict)).toEqual([unsure, answer.score]);
    for (const shown of [{ predicted: 10, probability: 0.5 }, { predicted: 3, probability: 1.5 }, { predicted: 3, probability: 0.5, notSure: false }, 'a 3']) {
      await expect(a.api.addDigit(seven, 3, { shown } as never)).rejects.toThrow(/addDigit options/);
    }
    expect((await a.api.listDigits()).length).toBe(2);
    a.close();
  });

  it('a digit kept before any test of the model is not scored: random starting weights are no model\'s reading', async () => {
    // Paused while MNIST loads: the fresh run is made, answers, and has no test (no step to test).
    let loaded!: () => void;
    const gate = new Promise<void>((r) => (loaded = r));
    const a = tab(memoryStore(), lockHub(), async () => (await gate, data));
    await until('loading', () => a.last()?.state === 'loading');
    await a.api.pause();
    loaded();
    await until('a fresh run, untested', () => a.last()?.runId > 0 && a.last().state === 'paused');
    expect(a.last().testAccuracy).toBeNull();
    const added = await a.api.addDigit(flat(styledStrokes('crossed-7', new Rng(3))), 7);
    expect(added.verdict).toBeNull();
    expect(added.status.prequential).toMatchObject({ scored: 0 });
    // The page sends the bars it showed, and those came from the same untested weights.
    const shown = await a.api.addDigit(flat(styledStrokes('crossed-7', new Rng(4))), 7, { shown: { predicted: 9, probability: 0.11, notSure: true } });
    expect(shown.verdict).toBeNull();
    expect(shown.status.prequential).toMatchObject({ scored: 0 });
    a.close();
  });

  it('a person\'s open 0 goes to the inference worker as a pen habit, and leaves with the digit', async () => {
    const a = tab(memoryStore());
    await until('a tested model answers', () => a.last()?.testAccuracy != null && a.habits() != null, 120_000);
    expect(a.habits()!.openLoop.some(Boolean)).toBe(false);
    // A C-like 0 in one stroke: from 40° round to 320°.
    const c = [Array.from({ length: 30 }, (_, i) => {
      const t = ((-40 - (280 * i) / 29) * Math.PI) / 180;
      return [0.5 + 0.3 * Math.cos(t), 0.5 + 0.35 * Math.sin(t)];
    }).flat()];
    const added = await a.api.addDigit(c, 0, { shown: { predicted: 6, probability: 0.8 } }); // misread as it was shown
    await until('the habit sent', () => a.habits()?.openLoop[0] === true, 10_000);
    expect(a.habits()!.openLoop.filter(Boolean)).toHaveLength(1);
    expect(a.habits()!.strokes[0]).toBe(1);
    // A later digit, read right as it was shown (the open 0 is not: "Not sure"), so the order shows in the figures.
    const later = await a.api.addDigit([[0.3, 0.2, 0.35, 0.5, 0.4, 0.8]], 7, { shown: { predicted: 7, probability: 0.9 } });
    const listed = await a.api.listDigits();
    expect(listed.map((d) => d.id)).toEqual([later.id, added.id]);
    const figures = a.last().yourDigits.prequential;
    expect(figures.curve).toEqual([0, 0.5]);
    await a.api.deleteDigit(added.id);
    await until('the habit gone', () => a.habits()?.openLoop[0] === false, 10_000);
    // Undo after the ×: the older digit comes back as it was, in its place (the list's order and the
    // running accuracy's), and its habit with it; only once, and only the last one deleted.
    const status = await a.api.restoreDigit(added.id);
    expect(status.count).toBe(2);
    expect(await a.api.listDigits()).toEqual(listed);
    expect(status.prequential).toEqual(figures);
    await until('the habit back', () => a.habits()?.openLoop[0] === true, 10_000);
    await expect(a.api.restoreDigit(added.id)).rejects.toThrow(/Only the digit deleted last/);
    await a.api.deleteDigit(later.id);
    await a.api.deleteDigit(added.id);
    await expect(a.api.restoreDigit(later.id)).rejects.toThrow(/Only the digit deleted last/);
    expect((await a.api.listDigits()).length).toBe(0);
    a.close();
  });
});
