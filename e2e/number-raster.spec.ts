// The number reader paints strokes itself (worker/number/raster.ts, no DOM in the worker): here
// Chromium's canvas paints the same strokes with the pad's recipe (src/lib/strokes.ts: width
// STROKE_WIDTH × side, round caps and joins, quadratic curves through midpoints), and both go
// through preprocess. Needs no app: a blank page with a canvas.
import { expect, test } from './test.ts';
import { readUnipen } from '../scripts/unipen-node.ts';
import { STROKE_WIDTH, strokePath, type PathCommand } from '../src/lib/strokes.ts';
import { rasterize, toRgba } from '../worker/number/raster.ts';
import { writeNumber } from '../worker/number/synthetic-digits.ts';
import { preprocess } from '../worker/preprocess.ts';

const SIDE = 280;

/** Runs in the page: renderDrawing's loop over precomputed path commands; returns the pixels. */
function paint(args: { side: number; lineWidth: number; strokes: PathCommand[][] }): number[] {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = args.side;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, args.side, args.side);
  ctx.fillStyle = ctx.strokeStyle = '#000';
  ctx.lineWidth = args.lineWidth;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const path of args.strokes) {
    ctx.beginPath();
    for (const c of path) {
      if (c.op === 'dot') {
        ctx.arc(c.x, c.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
        ctx.fill();
      } else if (c.op === 'move') ctx.moveTo(c.x, c.y);
      else if (c.op === 'line') ctx.lineTo(c.x, c.y);
      else ctx.quadraticCurveTo(c.cx, c.cy, c.x, c.y);
    }
    if (path.length > 1) ctx.stroke();
  }
  return [...ctx.getImageData(0, 0, args.side, args.side).data];
}

test('the reader paints strokes as Chromium’s canvas does: same pixels, same 28×28 input', async ({ page }) => {
  await page.setContent('<!doctype html><title>raster</title>');
  const samples = readUnipen() ?? [];
  const drawings = [
    ...['4', '5', '7', '0', '2'].map((d) => writeNumber(d, { size: 0.7, top: 0.15 }).flat()),
    // Real pen digits, longer side 0.7 of the pad, plus a dot.
    ...samples.filter((_, i) => i % 65 === 0).map((s) => s.strokes.map((st) => st.map(([x, y]) => ({ x: 0.5 + ((x - 140) * 0.7) / 200, y: 0.5 + ((y - 140) * 0.7) / 200 })))),
    [[{ x: 0.5, y: 0.5 }]],
  ];
  for (const [k, strokes] of drawings.entries()) {
    const canvas = Uint8ClampedArray.from(
      await page.evaluate(paint, { side: SIDE, lineWidth: STROKE_WIDTH * SIDE, strokes: strokes.map((s) => strokePath(s, SIDE)) }),
    );
    const ours = toRgba(rasterize(strokes, { scale: SIDE, left: 0, top: 0, width: SIDE, height: SIDE }));
    // Pixels: ink = darkness on the canvas's white, alpha on ours.
    let pixelDiff = 0, inked = 0;
    for (let i = 0; i < SIDE * SIDE; i++) {
      const a = 1 - canvas[4 * i] / 255, b = ours[4 * i + 3] / 255;
      if (a > 0 || b > 0) {
        pixelDiff += Math.abs(a - b);
        inked++;
      }
    }
    const x = preprocess(canvas, SIDE, SIDE)!, y = preprocess(ours, SIDE, SIDE)!;
    let ab = 0, aa = 0, bb = 0, diff = 0;
    for (let i = 0; i < 784; i++) {
      ab += x[i] * y[i];
      aa += x[i] * x[i];
      bb += y[i] * y[i];
      diff += Math.abs(x[i] - y[i]);
    }
    console.log(`drawing ${k}: mean pixel difference ${(pixelDiff / inked).toFixed(4)} over ${inked} inked, 28×28 cosine ${(ab / Math.sqrt(aa * bb)).toFixed(5)}, mean ${(diff / 784).toFixed(4)}`);
    // Measured in Chromium 156: pixels differ by 0.2–0.9 % on average, cosine ≥ 0.9997.
    expect(pixelDiff / inked, `drawing ${k}`).toBeLessThan(0.02);
    expect(ab / Math.sqrt(aa * bb), `drawing ${k}`).toBeGreaterThan(0.999);
    expect(diff / 784, `drawing ${k}`).toBeLessThan(0.005);
  }
});
