import { describe, expect, it } from 'vitest';
import { digitAlone, Drawing, MIN_STEP, STROKE_WIDTH, inkKey, inkSpan, renderDrawing, strokePath, type InkContext } from './strokes.ts';

describe('Drawing', () => {
  it('collects points into the stroke being drawn and stops at end()', () => {
    const d = new Drawing();
    expect(d.isEmpty).toBe(true);
    d.begin({ x: 0.1, y: 0.1 });
    expect(d.extend({ x: 0.2, y: 0.2 })).toBe(true);
    d.end();
    expect(d.isDrawing).toBe(false);
    expect(d.extend({ x: 0.3, y: 0.3 })).toBe(false);
    expect(d.strokes).toEqual([[{ x: 0.1, y: 0.1 }, { x: 0.2, y: 0.2 }]]);
  });

  it('skips points closer than MIN_STEP to the previous one', () => {
    const d = new Drawing();
    d.begin({ x: 0.5, y: 0.5 });
    expect(d.extend({ x: 0.5 + MIN_STEP / 2, y: 0.5 })).toBe(false);
    expect(d.extend({ x: 0.5 + MIN_STEP * 2, y: 0.5 })).toBe(true);
    expect(d.strokes[0]).toHaveLength(2);
  });

  it('undo removes the last stroke, including one in progress', () => {
    const d = new Drawing();
    d.begin({ x: 0, y: 0 });
    d.end();
    d.begin({ x: 1, y: 1 });
    expect(d.undo()).toBe(true);
    expect(d.isDrawing).toBe(false);
    expect(d.strokes).toEqual([[{ x: 0, y: 0 }]]);
    expect(d.undo()).toBe(true);
    expect(d.undo()).toBe(false);
    expect(d.isEmpty).toBe(true);
  });

  it('clear empties the drawing and reports whether there was anything', () => {
    const d = new Drawing();
    expect(d.clear()).toBe(false);
    d.begin({ x: 0.4, y: 0.4 });
    expect(d.clear()).toBe(true);
    expect(d.isEmpty).toBe(true);
    expect(d.isDrawing).toBe(false);
  });

  it('startOver makes the next stroke a new drawing; undoing all of it brings the old one back, once', () => {
    const d = new Drawing();
    d.startOver(); // nothing to replace
    d.begin({ x: 0.1, y: 0.1 });
    d.end();
    d.startOver();
    expect(d.isEmpty).toBe(true);
    d.begin({ x: 0.5, y: 0.5 });
    d.end();
    d.begin({ x: 0.6, y: 0.6 });
    expect(d.strokes).toEqual([[{ x: 0.5, y: 0.5 }], [{ x: 0.6, y: 0.6 }]]);
    expect(d.undo()).toBe(true);
    expect(d.strokes).toEqual([[{ x: 0.5, y: 0.5 }]]);
    expect(d.undo()).toBe(true);
    expect(d.strokes).toEqual([[{ x: 0.1, y: 0.1 }]]);
    expect(d.undo()).toBe(true);
    expect(d.undo()).toBe(false);
    // Undo brings back a cleared drawing with the one it replaced behind it.
    d.begin({ x: 0.2, y: 0.2 });
    d.end();
    d.startOver();
    d.begin({ x: 0.3, y: 0.3 });
    d.clear();
    expect(d.undo()).toBe(true);
    expect(d.strokes).toEqual([[{ x: 0.3, y: 0.3 }]]);
    expect(d.undo()).toBe(true);
    expect(d.strokes).toEqual([[{ x: 0.2, y: 0.2 }]]);
  });

  it('Undo on the pad Clear emptied brings the drawing back, with its count of emptyings', () => {
    const d = new Drawing();
    expect(d.canUndo).toBe(false);
    d.begin({ x: 0.1, y: 0.1 });
    d.end();
    d.begin({ x: 0.2, y: 0.2 });
    d.end();
    const kept = d.emptied;
    expect(d.clear()).toBe(true);
    expect(d.emptied).toBe(kept + 1); // what is drawn now is a new drawing
    expect(d.canUndo).toBe(true);
    // Drawn on and undone back to empty: one more emptying, and the cleared drawing still waits.
    d.begin({ x: 0.9, y: 0.9 });
    d.end();
    expect(d.undo()).toBe(true);
    expect(d.isEmpty).toBe(true);
    expect(d.emptied).toBe(kept + 2);
    expect(d.undo()).toBe(true);
    expect(d.strokes).toEqual([[{ x: 0.1, y: 0.1 }], [{ x: 0.2, y: 0.2 }]]);
    expect(d.emptied).toBe(kept); // the same drawing as before the clear
    // Once only: its strokes come off one by one, and then there is nothing left to undo.
    expect(d.undo()).toBe(true);
    expect(d.undo()).toBe(true);
    expect(d.isEmpty).toBe(true);
    expect(d.emptied).toBe(kept + 1);
    expect(d.canUndo).toBe(false);
    expect(d.undo()).toBe(false);
    expect(d.clear()).toBe(false); // an empty pad: nothing cleared, nothing to bring back
    expect(d.canUndo).toBe(false);
  });
});

describe('strokePath', () => {
  it('turns a lone point into a dot, scaled to pixels', () => {
    expect(strokePath([{ x: 0.25, y: 0.5 }], 200)).toEqual([{ op: 'dot', x: 50, y: 100 }]);
  });

  it('joins two points with a straight line', () => {
    expect(strokePath([{ x: 0, y: 0 }, { x: 1, y: 0.5 }], 100)).toEqual([
      { op: 'move', x: 0, y: 0 },
      { op: 'line', x: 100, y: 50 },
    ]);
  });

  it('uses inner points as control points of curves ending at the midpoints', () => {
    const stroke = [
      { x: 0, y: 0 },
      { x: 0.5, y: 0 },
      { x: 0.5, y: 0.5 },
      { x: 1, y: 1 },
    ];
    expect(strokePath(stroke, 100)).toEqual([
      { op: 'move', x: 0, y: 0 },
      { op: 'quad', cx: 50, cy: 0, x: 50, y: 25 },
      { op: 'quad', cx: 50, cy: 50, x: 75, y: 75 },
      { op: 'line', x: 100, y: 100 },
    ]);
  });

  it('gives nothing for an empty stroke', () => {
    expect(strokePath([], 100)).toEqual([]);
  });
});

describe('renderDrawing', () => {
  function recorder() {
    const calls: string[] = [];
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      lineCap: 'butt',
      lineJoin: 'miter',
      fillRect: (...a: number[]) => calls.push(`fillRect ${a.join(' ')}`),
      beginPath: () => calls.push('beginPath'),
      moveTo: (...a: number[]) => calls.push(`moveTo ${a.join(' ')}`),
      lineTo: (...a: number[]) => calls.push(`lineTo ${a.join(' ')}`),
      quadraticCurveTo: (...a: number[]) => calls.push(`quad ${a.join(' ')}`),
      arc: (x: number, y: number, r: number) => calls.push(`arc ${x} ${y} ${r}`),
      fill: () => calls.push(`fill ${ctx.fillStyle}`),
      stroke: () => calls.push(`stroke ${ctx.strokeStyle} ${ctx.lineWidth}`),
    };
    return { ctx: ctx as unknown as InkContext, calls };
  }

  it('paints white, then each stroke in black with a width proportional to the side', () => {
    const { ctx, calls } = recorder();
    renderDrawing(ctx, [[{ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.9 }], [{ x: 0.5, y: 0.5 }]], 400);
    const width = STROKE_WIDTH * 400;
    expect(calls).toEqual([
      'fillRect 0 0 400 400',
      'beginPath',
      'moveTo 40 40',
      'lineTo 360 360',
      `stroke #000 ${width}`,
      'beginPath',
      `arc 200 200 ${width / 2}`,
      'fill #000',
    ]);
    expect(ctx.lineCap).toBe('round');
    expect(ctx.lineJoin).toBe('round');
  });

  it('keeps the same drawing at any size: only the scale changes', () => {
    const stroke = [{ x: 0.2, y: 0.3 }, { x: 0.4, y: 0.6 }, { x: 0.7, y: 0.2 }];
    const small = strokePath(stroke, 100);
    const big = strokePath(stroke, 300);
    expect(big.map((c) => c.op)).toEqual(small.map((c) => c.op));
    big.forEach((c, i) => {
      expect(c.x).toBeCloseTo(small[i].x * 3, 9);
      expect(c.y).toBeCloseTo(small[i].y * 3, 9);
    });
  });
});

describe('inkKey', () => {
  const one = [[0.5, 0.2, 0.5, 0.5, 0.5, 0.8]];
  it('is the same for the same ink, within rounding, and differs for other ink', () => {
    expect(inkKey(one)).toBe(inkKey([[0.5, 0.2, 0.5, 0.5, 0.5, 0.8 + 1e-7]]));
    // A pad that grew to twice the width and back: each x through ×2 and ÷2.
    expect(inkKey(one)).toBe(inkKey(one.map((s) => s.map((v, k) => (k % 2 ? v : (v / 2) * 2)))));
    expect(inkKey(one)).not.toBe(inkKey([[0.5, 0.2, 0.5, 0.5, 0.5, 0.81]]));
    // An extra stroke makes another drawing; undoing it gives the first one back.
    const more = [...one, [0.3, 0.3, 0.7, 0.3]];
    expect(inkKey(more)).not.toBe(inkKey(one));
    expect(inkKey(more.slice(0, 1))).toBe(inkKey(one));
    // The same points cut into strokes differently are another drawing.
    expect(inkKey([[0.5, 0.2, 0.5, 0.5], [0.5, 0.8]])).not.toBe(inkKey([[0.5, 0.2], [0.5, 0.5, 0.5, 0.8]]));
  });
});

describe('digitAlone', () => {
  it("centres a digit's ink from a pad 3 heights wide on a square pad, sizes kept", () => {
    // Two strokes of a digit a fifth of a height wide, at x 0.6–0.8 heights (0.2–0.267 of the width).
    const ink = [[0.6 / 3, 0.2, 0.8 / 3, 0.2], [0.7 / 3, 0.1, 0.7 / 3, 0.9]];
    const alone = digitAlone(ink, 3);
    expect(alone).toHaveLength(2);
    expect(alone[0][0]).toBeCloseTo(0.4);
    expect(alone[0][2]).toBeCloseTo(0.6);
    expect(alone[1][0]).toBeCloseTo(0.5);
    expect([alone[0][1], alone[1][1], alone[1][3]]).toEqual([0.2, 0.1, 0.9]);
  });
});

describe('inkSpan', () => {
  it('gives where ink lies across a wide pad, in pad heights', () => {
    const { from, to } = inkSpan([[0.6 / 3, 0.2, 0.8 / 3, 0.2], [0.7 / 3, 0.1, 0.7 / 3, 0.9]], 3);
    expect(from).toBeCloseTo(0.6);
    expect(to).toBeCloseTo(0.8);
    expect(inkSpan([[0.1, 0.1, 0.12, 0.9]], 3).to).toBeCloseTo(0.36);
  });
});
