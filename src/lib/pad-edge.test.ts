import { describe, expect, it } from 'vitest';
import { BLEED_PX, besideBox, entry, within } from './pad-edge.ts';

const pad = { left: 100, top: 50, right: 400, bottom: 350 };

describe('a press beside the pad', () => {
  it('counts up to BLEED_PX outside it and on its border, not over it nor further away', () => {
    expect(besideBox(pad, { x: 250, y: 50 - 4 })).toBe(true); // 4 px above
    expect(besideBox(pad, { x: 400, y: 120 })).toBe(true); // on the right border
    expect(besideBox(pad, { x: 100 - BLEED_PX, y: 350 + BLEED_PX })).toBe(true); // the corner of the band
    expect(besideBox(pad, { x: 250, y: 50 - BLEED_PX - 1 })).toBe(false);
    expect(besideBox(pad, { x: 250, y: 200 })).toBe(false); // over the pad: a notice or a scrollbar there
    expect(besideBox(pad, { x: 102, y: 200 })).toBe(false);
  });

  it('begins on the edge the pointer crossed', () => {
    expect(entry({ x: 250, y: 40 }, { x: 250, y: 90 }, pad)).toEqual({ x: 250, y: 50 });
    expect(entry({ x: 410, y: 100 }, { x: 390, y: 120 }, pad)).toEqual({ x: 400, y: 110 });
    // Across a corner: the later of the two crossings is where it is inside both ways.
    const e = entry({ x: 90, y: 30 }, { x: 110, y: 70 }, pad);
    expect(e).toEqual({ x: 100, y: 50 });
    expect(within(pad, e)).toBe(true);
    const f = entry({ x: 95, y: 40 }, { x: 105, y: 60 }, pad);
    expect(within(pad, f)).toBe(true);
    expect(f).toEqual({ x: 100, y: 50 });
  });
});
