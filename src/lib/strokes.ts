// A drawing as data: strokes of points in canvas-side units, so it survives resizes and can be
// tested without a DOM. Rendering turns each stroke into quadratic curves through midpoints.

/** (0, 0) is the pad's top-left corner, (1, 1) its bottom-right; independent of pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Stroke = readonly Point[];

/**
 * Line width as a share of the pad's side. The worker scales the ink's bounding box (stroke
 * included) to 20 px, as MNIST did, whose pen strokes come out about 2–3 px wide. A digit
 * filling 75 % of the pad's height then gets 20 · 0.09 / 0.75 ≈ 2.4 px; 85 % → 2.1 px,
 * 60 % → 3 px. Pen pressure is ignored so the same gesture always gives the same input.
 */
export const STROKE_WIDTH = 0.09;

/** Points closer than this to the previous one add nothing but work (0.2 % of the side). */
export const MIN_STEP = 0.002;

export class Drawing {
  #strokes: Point[][] = [];
  #active: Point[] | null = null;
  /** The drawing a new one replaced (startOver): undoing the new one's last stroke brings it back. */
  #before: Point[][] | null = null;
  /** Times the pad was emptied: what is drawn after that is a new drawing, whatever its ink. */
  #emptied = 0;
  /**
   * The drawing Clear took away, while the pad is empty or what was drawn since can be undone:
   * Undo on the empty pad brings it back, as it was (Escape clears too, and a 20-digit number
   * was one slip from gone: QA).
   */
  #cleared: { strokes: Point[][]; before: Point[][] | null; emptied: number } | null = null;

  get strokes(): readonly Stroke[] {
    return this.#strokes;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0;
  }

  /** Undo has something to do: a stroke to take back, or a cleared drawing to bring back. */
  get canUndo(): boolean {
    return this.#strokes.length > 0 || this.#cleared !== null;
  }

  /** Times the pad was emptied; a cleared drawing brought back has its count back too. */
  get emptied(): number {
    return this.#emptied;
  }

  /** True between begin() and end(). */
  get isDrawing(): boolean {
    return this.#active !== null;
  }

  begin(p: Point): void {
    this.#active = [p];
    this.#strokes.push(this.#active);
  }

  /** Adds a point to the stroke being drawn; false if there is none or it is too close. */
  extend(p: Point): boolean {
    const stroke = this.#active;
    if (stroke === null) return false;
    const last = stroke[stroke.length - 1];
    if (Math.hypot(p.x - last.x, p.y - last.y) < MIN_STEP) return false;
    stroke.push(p);
    return true;
  }

  end(): void {
    this.#active = null;
  }

  /**
   * Removes the last stroke (also one still being drawn); false if there was nothing. The last
   * stroke of a drawing begun by startOver takes the one it replaced back out of the way.
   */
  undo(): boolean {
    this.#active = null;
    if (this.#strokes.length === 0) {
      if (this.#cleared === null) return false;
      [this.#strokes, this.#before, this.#emptied] = [this.#cleared.strokes, this.#cleared.before, this.#cleared.emptied];
      this.#cleared = null;
      return true;
    }
    this.#strokes.pop();
    if (this.#strokes.length === 0 && this.#before) [this.#strokes, this.#before] = [this.#before, null];
    else if (this.#strokes.length === 0) this.#emptied++;
    return true;
  }

  /** Empties the pad (Undo can bring it back); false if there was nothing. */
  clear(): boolean {
    this.#active = null;
    if (this.#strokes.length === 0) return false;
    this.#cleared = { strokes: this.#strokes, before: this.#before, emptied: this.#emptied };
    this.#strokes = [];
    this.#before = null;
    this.#emptied++;
    return true;
  }

  /** What is drawn next is a new drawing (this one was answered); undo can still bring this one back. */
  startOver(): void {
    if (this.#strokes.length === 0) return;
    this.#before = this.#strokes;
    this.#strokes = [];
    this.#active = null;
  }
}

export type PathCommand =
  | { op: 'dot'; x: number; y: number }
  | { op: 'move'; x: number; y: number }
  | { op: 'line'; x: number; y: number }
  | { op: 'quad'; cx: number; cy: number; x: number; y: number };

/**
 * One stroke as path commands in pixels (side = the canvas side in pixels). Each recorded point
 * becomes the control point of a quadratic curve ending halfway to the next point, so the line
 * passes smoothly near the samples instead of through their corners. A lone point is a dot.
 */
export function strokePath(stroke: Stroke, side: number): PathCommand[] {
  if (stroke.length === 0) return [];
  const px = (p: Point) => ({ x: p.x * side, y: p.y * side });
  const first = px(stroke[0]);
  if (stroke.length === 1) return [{ op: 'dot', ...first }];

  const path: PathCommand[] = [{ op: 'move', ...first }];
  for (let i = 1; i < stroke.length - 1; i++) {
    const c = px(stroke[i]);
    const next = px(stroke[i + 1]);
    path.push({ op: 'quad', cx: c.x, cy: c.y, x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 });
  }
  path.push({ op: 'line', ...px(stroke[stroke.length - 1]) });
  return path;
}

/** The part of CanvasRenderingContext2D that rendering needs (a fake one works in tests). */
export type InkContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'quadraticCurveTo'
  | 'arc'
  | 'fill'
  | 'stroke'
>;

/**
 * Paints the whole drawing, black ink on white, onto a canvas `side` pixels high (points are in
 * units of it) and `width` pixels wide (the square digit pad, or a wide number pad).
 */
export function renderDrawing(ctx: InkContext, strokes: readonly Stroke[], side: number, width = side): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, side);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.lineWidth = STROKE_WIDTH * side;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    ctx.beginPath();
    for (const c of strokePath(stroke, side)) {
      if (c.op === 'dot') {
        ctx.arc(c.x, c.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
        ctx.fill();
      } else if (c.op === 'move') ctx.moveTo(c.x, c.y);
      else if (c.op === 'line') ctx.lineTo(c.x, c.y);
      else ctx.quadraticCurveTo(c.cx, c.cy, c.x, c.y);
    }
    if (stroke.length > 1) ctx.stroke();
  }
}

/**
 * Names a drawing by its ink ([x0, y0, x1, y1, …] per stroke): the same strokes give the same
 * key, so a tap belongs to what was drawn — an extra stroke undone, or a number's other digits
 * written beside it, leave the tapped digit's key as it was. Rounded to 10⁻⁴ of the pad, so
 * strokes rescaled and back (a pad that grew) keep it.
 */
export function inkKey(strokes: readonly (readonly number[])[]): string {
  // FNV-1a over the rounded coordinates, with each stroke's length: short, and cheap per change.
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v & 0xffff;
    h = Math.imul(h, 0x01000193);
    h ^= v >>> 16;
    h = Math.imul(h, 0x01000193);
  };
  for (const s of strokes) {
    mix(s.length);
    for (const v of s) mix(Math.round(v * 1e4) | 0);
  }
  return `${strokes.length}:${(h >>> 0).toString(36)}`;
}

/**
 * One digit of a number as a lone drawing: its ink (NumberDigit.ink, flat [x0, y0, x1, y1, …] in
 * fractions of the wide pad, `padWidth` heights wide) moved sideways so the digit sits in the
 * middle of a square pad as high as the wide one; sizes in pad heights stay.
 */
export function digitAlone(ink: readonly (readonly number[])[], padWidth: number): number[][] {
  const { from, to } = inkSpan(ink, padWidth);
  const dx = 0.5 - (from + to) / 2;
  return ink.map((s) => s.map((v, k) => (k % 2 === 0 ? v * padWidth + dx : v)));
}

/** Where ink lies across the wide pad, from and to in pad heights (see digitAlone). */
export function inkSpan(ink: readonly (readonly number[])[], padWidth: number): { from: number; to: number } {
  let from = Infinity, to = -Infinity;
  for (const s of ink) for (let k = 0; k < s.length; k += 2) (from = Math.min(from, s[k] * padWidth)), (to = Math.max(to, s[k] * padWidth));
  return { from, to };
}
