// The pen-up's answer is the closer look (closer-look.ts): four more views of the drawing and the
// pen tests, ~2–3 ms in Chromium's worker (p95 ~6.5 ms), on top of which the answer's message
// then waited behind the page's next frame. While the pen is down the inference worker is idle
// most of the time between a stroke's movements (an answer costs ~1 ms, movements come every
// 8–16 ms), so once the movements pause (api-object.ts LOOK_AHEAD_AFTER_MS) it reads the other
// views of the latest drawing, one per task, so that a movement arriving meanwhile waits one view
// at most. The pen lifts on the ink last sent (the lift adds no point): its answer takes what was
// read and reads only what is left, often nothing.
import type { Network } from '../nn/network.ts';
import type { PadStroke } from '../number/pad.ts';
import { penOf, type Pen } from '../notdigit/pen.ts';
import { VIEW_COUNT, viewBatch } from './closer-look.ts';

/** The same strokes as the pad sends them ([x0, y0, x1, y1, …] per stroke), compared by value. */
export function sameStrokes(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((s: unknown, i) => {
    const t: unknown = b[i];
    if (!(s instanceof Object) || !(t instanceof Object) || !('length' in s) || !('length' in t) || s.length !== t.length) return false;
    const [x, y] = [s as ArrayLike<unknown>, t as ArrayLike<unknown>];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    return true;
  });
}

/** A drawing whose pen is still down, read ahead view by view for the model that answered it. */
export class LookAhead {
  /** VIEW_COUNT rows of the network's outputs; rows below `read` are filled. */
  private readonly logits: Float32Array;
  private read = 1;
  private pen: Pen | null = null;

  /**
   * `strokes` as asked (kept, not copied: a message's own), `padded` and `input` as the movement's
   * answer made them (input copied: the answer's is moved to the page), `plain` the network's
   * outputs for the drawing itself.
   */
  constructor(
    readonly net: Network,
    readonly version: number,
    readonly strokes: unknown,
    readonly padded: readonly PadStroke[],
    readonly input: Float32Array,
    plain: Float32Array,
  ) {
    const C = net.spec.classes;
    if (plain.length !== C) throw new Error(`Expected ${C} outputs for the drawing, got ${plain.length}`);
    this.logits = new Float32Array(VIEW_COUNT * C);
    this.logits.set(plain);
  }

  /** Read by this very model (a newer one, or rebuilt kernels, reads afresh). */
  readBy(net: Network | null, version: number): boolean {
    return net === this.net && version === this.version;
  }

  /** This drawing, read by this very model. */
  fits(strokes: unknown, net: Network | null, version: number): boolean {
    return this.readBy(net, version) && sameStrokes(strokes, this.strokes);
  }

  /** One more view, then the pen tests; false once all is read. */
  step(): boolean {
    if (this.read < VIEW_COUNT) {
      const C = this.net.spec.classes;
      this.logits.set(this.net.forward(viewBatch(this.input, this.read, this.read + 1), 1).subarray(0, C), this.read * C);
      this.read++;
      return true;
    }
    if (this.pen !== null) return false;
    this.pen = penOf(this.padded, true);
    return false;
  }

  /** Everything the pen-up's answer needs: what is left is read now, the views as one batch. */
  finish(): { logits: Float32Array; pen: Pen } {
    const C = this.net.spec.classes;
    if (this.read < VIEW_COUNT) {
      const rest = VIEW_COUNT - this.read;
      this.logits.set(this.net.forward(viewBatch(this.input, this.read), rest).subarray(0, rest * C), this.read * C);
      this.read = VIEW_COUNT;
    }
    this.pen ??= penOf(this.padded, true);
    return { logits: this.logits, pen: this.pen };
  }
}
