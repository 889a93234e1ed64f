import { describe, expect, it } from 'vitest';
import { PREDICTION_MS, STALL_MS, Watchdog } from './watchdog.ts';

describe('Watchdog', () => {
  it('calls a training worker stuck after STALL_MS without progress, and a paused one never', () => {
    const w = new Watchdog(0);
    w.progress(100, true);
    expect(w.stuck(100 + STALL_MS)).toBeNull();
    expect(w.stuck(101 + STALL_MS)).toEqual({ worker: 'training', why: `training sent no progress for ${Math.round((1 + STALL_MS) / 1000)} s` });
    w.progress(200, false); // paused or converged: no reports are expected
    expect(w.stuck(200 + 10 * STALL_MS)).toBeNull();
  });

  it('does not count the time the worker was asked to give way to the pen, renewed or not', () => {
    const w = new Watchdog(0);
    w.progress(0, true);
    // A stroke drawn for 12 s: the page renews a 1 s hint every half second; the worker rests.
    for (let t = 500; t <= 12_000; t += 500) {
      w.givingWay(t, 1000);
      expect(w.stuck(t)).toBeNull();
    }
    w.givingWay(12_000, 0); // the pen is up
    expect(w.stuck(13_000 + STALL_MS)).toBeNull();
    expect(w.stuck(13_001 + STALL_MS)?.worker).toBe('training');
    // A hint does not excuse the silence before it.
    const v = new Watchdog(0);
    v.progress(0, true);
    v.givingWay(STALL_MS + 500, 1000);
    expect(v.stuck(STALL_MS + 501)?.worker).toBe('training');
  });

  it('calls a prediction pending for PREDICTION_MS stuck; an answer clears it', () => {
    const w = new Watchdog(0);
    w.predictionSent(1000);
    w.predictionSent(1500); // the first pending one counts
    expect(w.stuck(1000 + PREDICTION_MS)).toBeNull();
    expect(w.stuck(1001 + PREDICTION_MS)).toEqual({ worker: 'inference', why: expect.stringMatching(/^a drawing waited \d+ s for an answer$/) });
    w.predictionDone();
    expect(w.stuck(1001 + PREDICTION_MS)).toBeNull();
  });

  it('does not judge time the page spent hidden', () => {
    const w = new Watchdog(0);
    w.progress(0, true);
    w.predictionSent(0);
    w.wake(60_000);
    expect(w.stuck(60_000 + 1000)).toBeNull();
  });
});
