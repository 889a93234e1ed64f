import type { Activation } from './activations.ts';
import { kernelsFor } from './kernels.ts';

/**
 * Cheap health figures for one layer, gathered as a side effect of training:
 * gradient norm, and the article's "dead" (ReLU family) or "saturated" (sigmoid/tanh) units.
 */
export class LayerMonitor {
  /** How many samples each unit fired for in the current window. */
  private fired: Uint32Array;
  private saturated = 0;
  private samples = 0;
  private gradSq = 0;
  private gradCount = 0;
  /** Samples per window for the dead-unit figure: long enough that a live unit fires. */
  static window = 2048;
  lastDead: number | null = null;
  private lastGrad = 0;
  /** null until a window was watched: a restored model that does not train has no figure. */
  private lastSaturated: number | null = null;

  /**
   * positions: outputs per unit and sample (a conv block's map pixels: its units are channels,
   * and a channel fires for a sample when it fires anywhere in the map).
   */
  constructor(readonly units: number, readonly act: Activation | null, readonly positions = 1) {
    this.fired = new Uint32Array(units);
  }

  /** out: (batch, positions, units). */
  observe(out: Float32Array, batch: number): void {
    const n = this.units;
    const { act } = this;
    if (!act) return;
    const rows = batch * this.positions;
    if (act.isActive) {
      for (let i = 0; i < rows; i++) {
        const o = i * n;
        for (let j = 0; j < n; j++) if (out[o + j] > 0) this.fired[j]++;
      }
    } else if (act.isSaturated) {
      let s = 0;
      for (let i = 0; i < rows * n; i++) if (act.isSaturated(out[i])) s++;
      this.saturated += s;
    }
    this.samples += batch;
    if (act.isActive && this.samples >= LayerMonitor.window) {
      let dead = 0;
      for (let j = 0; j < n; j++) if (this.fired[j] === 0) dead++;
      this.lastDead = dead / n;
      this.fired.fill(0);
      this.samples = 0;
    }
  }

  /** The weights watched were put back (a rollback): the figures so far described weights no longer there. */
  restart(): void {
    this.gradSq = 0;
    this.gradCount = 0;
    this.fired.fill(0);
    this.samples = 0;
    this.saturated = 0;
    this.lastDead = null;
    this.lastSaturated = null;
  }

  observeGrad(dw: Float32Array): void {
    // In the kernels that hold dw (WASM SIMD there): a plain loop here cost a fifth of a step.
    this.gradSq += Math.sqrt(kernelsFor(dw).sumSquares(dw, dw.length));
    this.gradCount++;
  }

  /** Figures since the last call (gradient norm averaged over steps). */
  take(): { gradNorm: number; deadFraction: number | null; saturatedFraction: number | null } {
    // No steps since the last call (paused, evaluating): the last figures still hold.
    if (this.gradCount) this.lastGrad = this.gradSq / this.gradCount;
    this.gradSq = 0;
    this.gradCount = 0;
    if (this.act?.isSaturated) {
      if (this.samples) this.lastSaturated = this.saturated / (this.samples * this.positions * this.units);
      this.saturated = 0;
      this.samples = 0;
    }
    return {
      gradNorm: this.lastGrad,
      deadFraction: this.act?.isActive ? this.lastDead : null,
      saturatedFraction: this.act?.isSaturated ? this.lastSaturated : null,
    };
  }
}

/**
 * Which units fired at least once over a whole pass (e.g. the 10,000 test images). A ReLU unit
 * that fires for none of them is dead for good: no input reaches it, so no gradient revives it.
 */
export class FiringCensus {
  private fired: Uint8Array;

  /** positions: outputs per unit and sample, as for LayerMonitor. */
  constructor(readonly units: number, readonly positions = 1) {
    this.fired = new Uint8Array(units);
  }

  /** out: (batch, positions, units). */
  observe(out: Float32Array, batch: number): void {
    const n = this.units;
    for (let i = 0; i < batch * this.positions; i++) {
      const o = i * n;
      for (let j = 0; j < n; j++) if (out[o + j] > 0) this.fired[j] = 1;
    }
  }

  /** Units that never fired. */
  silent(): number {
    let s = 0;
    for (let j = 0; j < this.units; j++) if (!this.fired[j]) s++;
    return s;
  }
}
