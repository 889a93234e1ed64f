// Where a model fails: the confusion matrix of a test pass (true digit × guess) and the test
// images it misread, with what it thought. Guesses are among the ten digits only, so a model with
// more outputs (a "not a digit" class) is judged on digits like any other.
import type { EvaluationReport, Misread } from '../api.ts';

const DIGITS = 10;
/** Misreads kept per pass: all of them for any model worth looking at (≈ 100 at 99 %). */
const MAX_MISREADS = 500;

export class Confusion {
  private counts = new Uint32Array(DIGITS * DIGITS);
  private misreads: Misread[] = [];

  reset(): void {
    this.counts.fill(0);
    this.misreads = [];
  }

  /** probs: (n, classes) softmax rows for test images first…first+n−1 (set order), labels alike. */
  observe(probs: Float32Array, labels: Uint8Array, first: number, n: number, classes: number): void {
    for (let i = 0; i < n; i++) {
      const o = i * classes;
      let guess = 0;
      for (let d = 1; d < DIGITS; d++) if (probs[o + d] > probs[o + guess]) guess = d;
      const label = labels[i];
      this.counts[label * DIGITS + guess]++;
      if (guess !== label && this.misreads.length < MAX_MISREADS) {
        const p = Array.from(probs.subarray(o, o + DIGITS), (v) => Math.round(v * 1000) / 1000);
        this.misreads.push({ index: first + i, label, guess, probabilities: p });
      }
    }
  }

  report(samples: number): EvaluationReport {
    const confusion = Array.from({ length: DIGITS }, (_, t) => Array.from(this.counts.subarray(t * DIGITS, (t + 1) * DIGITS)));
    return { samples, confusion, misreads: this.misreads.slice() };
  }
}
