import type { Prediction } from '../worker/api.ts';

declare global {
  var digitpad: {
    predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
  };
}
