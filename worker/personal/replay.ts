// Corrections replayed the way the app makes them, for the tests and the bench: each drawing is
// scored by the answering model, added to your digits with its true label (a correction when
// the guess was wrong, a confirmation when it was right), learnt, and the run trains until its
// phase is over — as it would while the person looks at the bars before drawing the next one.

import type { Run } from '../train/run.ts';
import { verdictOf } from './reading.ts';
import type { YourDigits } from './your-digits.ts';
import type { Verdict } from './digit.ts';

export interface Replayed {
  label: number;
  verdict: Verdict;
  /** A phase trained for it. */
  phase: boolean;
  /** Training steps after adding it until the answering model read it right (0: it already did; null: not by the phase's end). */
  steps: number | null;
  /** Milliseconds of training (this process's wall time) for those steps. */
  ms: number | null;
}

export async function replayCorrections(
  yours: YourDigits,
  run: Run,
  drawings: readonly { input: Float32Array; label: number }[],
  now: () => number = () => performance.now(),
): Promise<Replayed[]> {
  yours.attach(run);
  const out: Replayed[] = [];
  for (const { input, label } of drawings) {
    const digit = await yours.add(run.model, input, label);
    const phase = yours.learn([digit]);
    const read = () => verdictOf(run.model, input).predicted === label;
    let steps: number | null = read() ? 0 : null, n = 0, ms = 0;
    const t0 = now();
    while (phase && !run.finished) {
      if (run.work() === 0) continue;
      n++;
      if (steps === null && read()) {
        steps = n;
        ms = now() - t0;
      }
    }
    out.push({ label, verdict: digit.verdict!, phase, steps, ms: steps === null ? null : steps === 0 ? 0 : ms });
  }
  return out;
}
