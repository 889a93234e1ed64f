// A stroke begun just beside the pad (DrawingPad): where a press counts as beside it, and where
// the pointer crosses into it. Plain geometry in client pixels, so Node tests it as is.

/**
 * A pen, finger or mouse coming down this close outside the pad and moving into it draws a
 * stroke from where it crosses the edge: a digit drawn to the pad's edge often begins a pixel or
 * two beyond it, and its first stroke was lost (QA: a 7 whose bar began on the border read
 * "1, 100 %"). One that never comes in draws nothing.
 */
export const BLEED_PX = 16;

/** What a press near the pad is meant for, not a stroke. */
export const INTERACTIVE =
  'a[href], button, input, label, select, summary, textarea, [contenteditable], [tabindex]:not([tabindex="-1"]), [role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"], [role="link"], [role="option"], [role="slider"], [role="menuitem"]';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface At {
  x: number;
  y: number;
}

export const within = (r: Box, { x, y }: At): boolean => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;

/**
 * A press at `at` lies beside `pad`: outside it by at most BLEED_PX, or on its 1 px border. Not
 * over it: what lies over the pad (a notice, the number pad's scrollbar) is no place to write.
 */
export function besideBox(pad: Box, { x, y }: At): boolean {
  const dx = Math.max(pad.left - x, x - pad.right), dy = Math.max(pad.top - y, y - pad.bottom); // < 0 inside
  if (dx < -1 && dy < -1) return false;
  return dx <= BLEED_PX && dy <= BLEED_PX;
}

/** Where the way from `a` (outside `r`) to `b` (within it) crosses into `r`. */
export function entry(a: At, b: At, r: Box): At {
  let t = 0;
  const cross = (from: number, to: number, lo: number, hi: number) => {
    if (from < lo && to > from) t = Math.max(t, (lo - from) / (to - from));
    if (from > hi && to < from) t = Math.max(t, (from - hi) / (from - to));
  };
  cross(a.x, b.x, r.left, r.right);
  cross(a.y, b.y, r.top, r.bottom);
  return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) };
}
