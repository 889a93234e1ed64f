// Generated non-digits mixed into MNIST training batches under an extra label (the "not a
// digit" class). A drawing costs ~0.5 ms to generate and paint, several times a sample's share
// of a training step, so drawings go into a pool that a few fresh ones refresh every batch, and
// batches draw their non-digits from the pool; the trainer's augmentation then distorts each
// use differently.

import { PIXELS } from '../data/mnist.ts';
import { Rng } from '../nn/rng.ts';
import { generateDigit, generateNonDigit } from './generate.ts';
import { padInput } from './render.ts';

export interface NonDigitOptions {
  /** Share of each batch replaced by non-digits (the MNIST images they replace are skipped this epoch). */
  fraction: number;
  /** The label they get: the network needs classIndex + 1 outputs. */
  classIndex: number;
  /** Drawings kept (default 2048: 1.6 MB of bytes). */
  pool?: number;
  /** New drawings per batch (default 2). */
  freshPerBatch?: number;
  /**
   * Share of each batch replaced by generated *digits*, painted the same way, under their own
   * labels (default 0): so that "painted from strokes" is no clue to "not a digit".
   */
  digits?: number;
  /**
   * Keep and reuse the drawings the network still gets wrong (default false): a new drawing
   * replaces the easier of the oldest slot and a random one, and each batch takes the harder of
   * two random picks (hard example mining; docs/not-sure.md, stop 23).
   */
  mining?: boolean;
}

/** Uses after which a drawing is retired however hard it still is (it may be no non-digit at all). */
const MAX_USES = 8;
/** Candidates per choice: two measured better than none; three were no better than two. */
const TOURNAMENT = 2;

export class NonDigitMixer {
  private readonly pool: Uint8Array;
  private readonly poolLabels: Uint8Array;
  private readonly size: number;
  private readonly fresh: number;
  private filled = 0;
  private next = 0;
  /** 1 − p(its label) at its last use (1 before its first). */
  private readonly hardness: Float32Array;
  private readonly uses: Uint8Array;
  /** Rows of the last batch that mix() filled, and the pool slots they came from. */
  private mixedRows: number[] = [];
  private mixedPicks: number[] = [];
  /** Non-digit drawings generated so far. */
  generated = 0;

  constructor(readonly options: NonDigitOptions, private readonly rng: Rng) {
    if (!(options.fraction > 0 && options.fraction < 1)) throw new Error(`nonDigits.fraction must be in (0, 1), got ${options.fraction}`);
    if (!(Number.isInteger(options.classIndex) && options.classIndex >= 0 && options.classIndex < 256)) {
      throw new Error(`nonDigits.classIndex must be a whole number in 0..255, got ${options.classIndex}`);
    }
    this.size = options.pool ?? 2048;
    this.fresh = options.freshPerBatch ?? 2;
    this.pool = new Uint8Array(this.size * PIXELS);
    this.poolLabels = new Uint8Array(this.size);
    this.hardness = new Float32Array(this.size);
    this.uses = new Uint8Array(this.size);
  }

  /** How hard a slot is worth keeping for: retired after MAX_USES. */
  private worth(slot: number): number {
    return this.uses[slot] >= MAX_USES ? -1 : this.hardness[slot];
  }

  private slotForNew(): number {
    if (!this.options.mining || this.filled < this.size) return this.next;
    let slot = this.next;
    for (let t = 1; t < TOURNAMENT; t++) {
      const other = Math.floor(this.rng.next() * this.size);
      if (this.worth(other) < this.worth(slot)) slot = other;
    }
    return slot;
  }

  private get share(): number {
    return this.options.fraction + (this.options.digits ?? 0);
  }

  private addOne(): void {
    let x: Float32Array | null = null;
    let label = this.options.classIndex;
    while (!x) {
      const digit = this.rng.next() * this.share < (this.options.digits ?? 0);
      label = digit ? Math.floor(this.rng.next() * 10) : this.options.classIndex;
      const d = digit ? generateDigit(this.rng, label) : generateNonDigit(this.rng);
      x = padInput(d.strokes, undefined, d.lineWidth);
    }
    const slot = this.slotForNew();
    this.poolLabels[slot] = label;
    this.hardness[slot] = 1;
    this.uses[slot] = 0;
    const o = slot * PIXELS;
    for (let j = 0; j < PIXELS; j++) this.pool[o + j] = Math.round(x[j] * 255);
    if (slot === this.next) this.next = (this.next + 1) % this.size;
    this.filled = Math.min(this.size, this.filled + 1);
    this.generated++;
  }

  /**
   * Refreshes the pool, then overwrites some of the n samples in x (n × 784, 0..1) and labels
   * with pool drawings and their labels. Returns how many it replaced.
   */
  mix(x: Float32Array, labels: Uint8Array, n: number): number {
    for (let i = 0; i < this.fresh; i++) this.addOne();
    const k = Math.min(this.filled, Math.round(this.share * n));
    this.mixedRows.length = this.mixedPicks.length = 0;
    for (let i = 0; i < k; i++) {
      // MNIST batches come shuffled, so which rows are replaced does not matter: spread them.
      const row = Math.floor(((i + this.rng.next()) * n) / k);
      let pick = Math.floor(this.rng.next() * this.filled);
      if (this.options.mining) {
        for (let t = 1; t < TOURNAMENT; t++) {
          const other = Math.floor(this.rng.next() * this.filled);
          if (this.worth(other) > this.worth(pick)) pick = other;
        }
        this.uses[pick] = Math.min(255, this.uses[pick] + 1);
        this.mixedRows.push(row);
        this.mixedPicks.push(pick);
      }
      const src = pick * PIXELS, dst = row * PIXELS;
      for (let j = 0; j < PIXELS; j++) x[dst + j] = this.pool[src + j] / 255;
      labels[row] = this.poolLabels[pick];
    }
    return k;
  }

  /** How hard each drawing of the last batch was: 1 − p(its label). Rows relabelled since are skipped. */
  learnt(probabilities: Float32Array, labels: Uint8Array, classes: number): void {
    for (let i = 0; i < this.mixedRows.length; i++) {
      const pick = this.mixedPicks[i], row = this.mixedRows[i];
      if (labels[row] !== this.poolLabels[pick]) continue;
      this.hardness[pick] = 1 - probabilities[row * classes + this.poolLabels[pick]];
    }
  }
}
