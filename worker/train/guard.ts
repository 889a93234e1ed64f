// The divergence guard: a copy of the last good model (trained weights, optimizer state and the
// answering average), taken at each better test result, and the rules that call a run diverged.
// A run that diverges goes back to that copy instead of carrying garbage into the saved model.
// Pure: the run decides what to do with a verdict.
import { kernelsFor } from '../nn/kernels.ts';
import type { Network } from '../nn/network.ts';

/** Points of test accuracy below the run's best that count as a collapse, not noise. */
export const COLLAPSE_DROP = 0.2;
/** A best below this is not yet a model worth defending (early, or a lesson that barely learns). */
export const DEFENDED_FROM = 0.5;

export type Verdict = { ok: true } | { ok: false; why: string };

export class DivergenceGuard {
  /** value, m, v of each trained parameter, then each answering value: copies, never views. */
  private kept: Float32Array[];
  /** Test accuracy of the kept model, null while it is the starting point. */
  keptAccuracy: number | null = null;

  constructor(
    private readonly net: Network,
    private readonly model: Network,
  ) {
    this.kept = this.tensors().map((a) => a.slice());
  }

  private tensors(): Float32Array[] {
    return weightTensors(this.net, this.model);
  }

  /** This is the last good model now. */
  keep(accuracy: number): void {
    this.tensors().forEach((a, i) => this.kept[i].set(a));
    this.keptAccuracy = accuracy;
  }

  /** Puts the last good model back (optimizer state included). */
  restore(): void {
    this.tensors().forEach((a, i) => a.set(this.kept[i]));
  }

  /** True when every weight of both networks is a finite number. */
  finite(): boolean {
    return this.tensors().every((a) => Number.isFinite(kernelsFor(a).sumSquares(a, a.length)));
  }

  /** Judges a test result against the best so far (null before any). */
  judge(accuracy: number, best: number | null): Verdict {
    if (!this.finite()) return { ok: false, why: 'the weights became infinite or NaN' };
    if (best !== null && best >= DEFENDED_FROM && accuracy < best - COLLAPSE_DROP) {
      return { ok: false, why: `test accuracy fell from ${pct(best)} to ${pct(accuracy)}` };
    }
    return { ok: true };
  }
}

/** What a copy of a run must hold to put it back: value, m, v of each trained parameter, then each answering value (views). */
export function weightTensors(net: Network, model: Network): Float32Array[] {
  const answer = model === net ? [] : model.params.map((p) => p.value);
  return net.params.flatMap((p) => [p.value, p.m, p.v]).concat(answer);
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
