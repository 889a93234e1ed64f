// The taps that label drawings, kept by drawing. The digit pad and each digit of a number use the
// same book: a drawing Undo brings back, or a number's digit shown again, comes back answered.
import type { Learnt, TakenBack } from '../../worker/api.ts';

/** The latest label given, and how it went. */
export interface Tapped {
  label: number;
  /** The `drawing` it was given for. */
  drawing: string;
  wasRead: number | null;
  id?: string;
  /** When it was kept (Date.now). */
  at?: number;
  undone?: TakenBack;
  error?: string;
  /** Take back failed: the digit is still kept. */
  undoError?: string;
  /** All the ink on the pad when it was given (CorrectGuess `pad`). */
  pad?: string;
  /** The model came to read it right (kept: the status names only the latest such digit). */
  learnt?: Learnt;
}

/** The digit kept at `at` (Date.now) has since been deleted (Trainer.isForgotten). */
export type Forgotten = (id: string, at: number) => boolean;

/** The tap stands: its digit is among your digits, not taken back, not deleted since. */
export function tapStands(t: Tapped | null | undefined, forgotten: Forgotten): t is Tapped & { id: string } {
  return t?.id !== undefined && !t.undone && !t.error && !forgotten(t.id, t.at ?? 0);
}

export class TapBook {
  #taps = $state<Record<string, Tapped>>({});
  /** The drawing whose tap is on its way (the worker scores and stores it first). */
  #keeping = $state<string | null>(null);

  /** `size`: how many drawings' taps are kept, the latest first to stay. */
  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new RangeError(`TapBook keeps at least one tap, not ${size}`);
  }

  get(drawing: string): Tapped | null {
    return this.#taps[drawing] ?? null;
  }

  /**
   * The tap goes under the drawing it was made for: one still on its way lands there, whatever is
   * shown now. Null (a component's answer cleared) changes nothing. Bound, to hand to `bind:`.
   */
  set = (t: Tapped | null): void => {
    if (!t) return;
    const rest = Object.entries(this.#taps).filter(([k]) => k !== t.drawing);
    rest.splice(0, rest.length - (this.size - 1));
    this.#taps = { ...Object.fromEntries(rest), [t.drawing]: t };
  };

  /** The drawing is kept among your digits, or about to be: the next stroke begins another. */
  answered(drawing: string, forgotten: Forgotten): boolean {
    return drawing !== '' && (this.#keeping === drawing || tapStands(this.#taps[drawing], forgotten));
  }

  /** Runs `work` (keeping the drawing's digit) with the drawing marked as on its way meanwhile. */
  async keep<T>(drawing: string, work: () => Promise<T>): Promise<T> {
    this.#keeping = drawing;
    try {
      return await work();
    } finally {
      if (this.#keeping === drawing) this.#keeping = null;
    }
  }
}
