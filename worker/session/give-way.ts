// The training loop gives way to a person drawing. On a two-core device the training worker
// otherwise holds one core while the page, the inference worker and the compositor share the
// other: the bars would wait for the CPU, not for the network.
import { DigitPadError } from '../errors.ts';

/** While a person draws, the loop trains nothing and looks again after this long. */
export const GIVE_WAY_REST_MS = 8;
/** Longest a "drawing" hint holds: a page that never says "done" cannot slow training for long. */
export const GIVE_WAY_MAX_MS = 2_000;

export class GiveWay {
  #until = -Infinity;

  constructor(private readonly now: () => number) {}

  /** The person is drawing for up to `ms` more (capped at GIVE_WAY_MAX_MS); 0: has stopped. */
  hint(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new DigitPadError('input', `giveWay: ${ms} is not a duration`);
    this.#until = this.now() + Math.min(ms, GIVE_WAY_MAX_MS);
  }

  get active(): boolean {
    return this.now() < this.#until;
  }
}
