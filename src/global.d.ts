import type { NumberReading, Prediction } from '../worker/api.ts';

declare global {
  var digitpad: {
    predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
    /**
     * The square pad's strokes ([x0, y0, …] in pad fractions) → probabilities; `settled` as when
     * the pen is up (the closer look), else as while a stroke is drawn.
     */
    predictStrokes(strokes: number[][], settled?: boolean): Promise<Prediction | null>;
    /** The number the wide pad reads now. */
    reading(): NumberReading | null;
    /** ms from each of the latest drawing changes (pointer events) to its probabilities. */
    latencies: readonly number[];
    /** ms from each of them to the animation frame that paints its answer. */
    paintLatencies: readonly number[];
  };
}
