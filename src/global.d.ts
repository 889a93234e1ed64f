import type { Prediction } from '../worker/api.ts';

declare global {
  var digitpad: {
    predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
    /** ms from each of the latest drawing changes (pointer events) to its probabilities. */
    latencies: readonly number[];
  };
}
