// What a fine-tuning phase (learning your digits on a finished model) may cost, and the point a
// run goes back to when it costs more or a correction is taken back. Pure: Run applies it.
import type { EvaluationReport } from '../api.ts';
import type { Trainer, Tuning } from './trainer.ts';
import { pct } from './guard.ts';

/**
 * Points of MNIST test accuracy a fine-tuning phase may cost (issue #12: learning your digits
 * keeps MNIST within 0.3 points). A phase that costs more is undone: one digit kept under a
 * label it does not look like (a mis-tap, an A kept as 4) taught a finished network to misread
 * hundreds of MNIST's digits, and nothing trained it back.
 */
export const PHASE_COST = 0.003;
/** …and at least this many test images: on a small test set (a unit test's) one image is over 0.3 points, and a few flip either way. */
const PHASE_NOISE_IMAGES = 5;

/** A point a run can go back to (Run.mark, Run.undo): its weights and what its last test said of them. */
export interface RunMark {
  readonly samples: number;
  /** Copies of weightTensors(net, model). */
  readonly tensors: Float32Array[];
  /** The weights are the ones the last test measured (nothing trained since, no test running). */
  readonly tested: boolean;
  readonly rollbacks: number;
  readonly testAccuracy: number | null;
  readonly best: number | null;
  readonly loss: number;
  readonly testedAs: EvaluationReport | null;
  /** The hidden units that test found silent, per layer. */
  readonly deadForGood: (number | null)[];
  readonly finished: boolean;
  readonly phase: boolean;
  readonly queued: Tuning | null;
  readonly message: string | undefined;
  readonly tuning: Trainer['phaseState'];
  /** The phase's own starting point, when the mark is taken during a phase (a take-back keeps the phase's check). */
  readonly beforePhase: RunMark | null;
  readonly baselineDue: boolean;
}

/**
 * The notice for a phase whose closing test (`accuracy`, on `testCount` images) came out more than
 * PHASE_COST — and PHASE_NOISE_IMAGES — below the test of the weights it started from; null when
 * the phase may stand (or its start was never tested). `network` names the model in the notice:
 * both networks of the default pair learn your digits.
 */
export function phaseCostNotice(before: RunMark | null, accuracy: number, testCount: number, network: string): string | null {
  const was = before?.tested ? before.testAccuracy : null;
  if (was === null) return null;
  const lost = was - accuracy;
  if (!(lost > Math.max(PHASE_COST, PHASE_NOISE_IMAGES / testCount))) return null; // NaN (no test images) costs nothing
  return (
    `Learning your digits cost ${network} ${(100 * lost).toFixed(2)} points of MNIST test accuracy (${pct(was)} → ${pct(accuracy)}), ` +
    `more than the ${100 * PHASE_COST} one learning phase may cost: it went back to how it was. A digit kept under a label it does not look like does that — see Your digits.`
  );
}
